"""Helpers that make honest comparisons the easy path.

The export mixes country sets: the countries that report a total are not the ones that
report a breakdown, and the set changes from year to year. So every helper here compares
like with like: a *panel* of countries that reported in every year compared, and shares
computed only over countries that reported every part of the breakdown. Each result says
how many countries it rests on.

Suppressed cells (UNODC printed ``<5``) count as "reported" but add nothing to sums, so a
sum is a lower bound that can be short by at most 4 per suppressed cell; the results carry
that count too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

VICTIMS = "Detected trafficking victims"
CONVICTED = "Persons convicted"
PROSECUTED = "Persons prosecuted"
FORMS = ["Sexual exploitation", "Forced labour", "Other forms of exploitation"]
CHILD = "0 to 17 years"
ADULT = "18 years or over"
GROUPS = {  # (sex, age) -> plain name
    ("Female", ADULT): "women",
    ("Male", ADULT): "men",
    ("Female", CHILD): "girls",
    ("Male", CHILD): "boys",
}
# Labels the export uses for "citizens of the reporting country" (English and Spanish).
OWN_CITIZENS = ("nationals", "ciudadanos de su pa")
UNKNOWN_CITIZENSHIP = ("unknown", "no determinad", "other", "otros", "desconocid")


def select(
    df: pd.DataFrame,
    indicator: str = VICTIMS,
    dimension: str = "Total",
    sex: str | Sequence[str] = "Total",
    age: str | Sequence[str] = "Total",
    region: str | None = None,
    years: Iterable[int] | None = None,
) -> pd.DataFrame:
    """Rows for one indicator and breakdown (``"Total"`` means no breakdown)."""
    mask = (df["indicator"] == indicator) & (df["dimension"] == dimension)
    mask &= df["sex"].isin([sex] if isinstance(sex, str) else list(sex))
    mask &= df["age"].isin([age] if isinstance(age, str) else list(age))
    if dimension == "Total":
        mask &= df["category"].isin(["Total"]) | df["category"].isna()
    if region and region != "World":
        mask &= df["region"] == region
    if years is not None:
        mask &= df["year"].isin(list(years))
    return df[mask]


def reporting_countries(rows: pd.DataFrame, years: Iterable[int]) -> list[str]:
    """Countries with a row (a number or ``<5``) in every one of ``years``."""
    years = list(years)
    got = rows[rows["year"].isin(years)].groupby("country", observed=True)["year"].nunique()
    return sorted(got[got == len(years)].index.astype(str))


def naive_totals(df: pd.DataFrame, indicator: str = VICTIMS, region: str | None = None
                 ) -> pd.DataFrame:
    """Sum over whichever countries reported each year (the comparison *not* to trust)."""
    rows = select(df, indicator, region=region)
    out = rows.groupby("year").agg(total=("value", "sum"), countries=("country", "nunique"),
                                   suppressed=("suppressed", "sum"))
    return out.astype({"total": "int64", "countries": "int64", "suppressed": "int64"})


def panel_totals(
    df: pd.DataFrame, years: Sequence[int], indicator: str = VICTIMS, region: str | None = None
) -> pd.DataFrame:
    """Totals per year over the same countries (those reporting in every year), with the
    change against the first year in per cent."""
    rows = select(df, indicator, region=region, years=years)
    panel = reporting_countries(rows, years)
    rows = rows[rows["country"].isin(panel)]
    out = rows.groupby("year").agg(total=("value", "sum"), suppressed=("suppressed", "sum"))
    out = out.reindex(list(years)).fillna(0).astype("int64")
    out["countries"] = len(panel)
    first = out["total"].iloc[0]
    out["change_pct"] = (100 * (out["total"] / first - 1)).round(1) if first else float("nan")
    return out


def shares_by_form(
    df: pd.DataFrame, years: Sequence[int], region: str | None = None
) -> pd.DataFrame:
    """Per cent of detected victims by form of exploitation, per year, over the countries
    that reported the form breakdown in every year."""
    rows = select(df, VICTIMS, dimension="by form of exploitation", region=region, years=years)
    rows = rows[rows["category"].isin(FORMS)]
    panel = reporting_countries(rows, years)
    rows = rows[rows["country"].isin(panel)]
    counts = rows.pivot_table(index="year", columns="category", values="value", aggfunc="sum",
                              observed=True).reindex(index=list(years), columns=FORMS).fillna(0)
    shares = (100 * counts.div(counts.sum(axis=1), axis=0)).round(1)
    shares.columns = [c.lower() for c in FORMS]
    shares["countries"] = len(panel)
    return shares


def shares_by_sex_age(
    df: pd.DataFrame, year: int, region: str | None = None, indicator: str = VICTIMS
) -> pd.DataFrame:
    """Women, men, girls and boys as per cent of detected victims in one year, over the
    countries that reported all four groups (victims of other or unknown sex/age left out)."""
    rows = select(df, indicator, sex=["Female", "Male"], age=[CHILD, ADULT], region=region,
                  years=[year])
    per_country = rows.groupby("country", observed=True).size()
    panel = sorted(per_country[per_country == 4].index.astype(str))
    rows = rows[rows["country"].isin(panel)]
    sums = rows.groupby(["sex", "age"], observed=True)["value"].sum()
    total = float(sums.sum())
    records = []
    for (sex, age), name in GROUPS.items():
        count = float(sums.get((sex, age), 0.0))
        share = round(100 * count / total, 1) if total else float("nan")
        records.append({"group": name, "victims": int(count), "share_pct": share})
    out = pd.DataFrame(records).set_index("group")
    out.attrs["countries"] = len(panel)
    return out


def by_region(df: pd.DataFrame, year: int, indicator: str = VICTIMS) -> pd.DataFrame:
    """Detected victims (or another indicator) by region of detection in one year."""
    rows = select(df, indicator, years=[year])
    out = rows.groupby("region", observed=True).agg(
        total=("value", "sum"), countries=("country", "nunique"))
    out = out.astype("int64")
    out["share_pct"] = (100 * out["total"] / out["total"].sum()).round(1)
    return out.sort_values("total", ascending=False)


def convictions_vs_victims(
    df: pd.DataFrame, years: Sequence[int], region: str | None = None
) -> pd.DataFrame:
    """Persons convicted next to victims detected, per year, over the countries that
    reported both in every year."""
    victims = select(df, VICTIMS, region=region, years=years)
    convicted = select(df, CONVICTED, region=region, years=years)
    panel = sorted(set(reporting_countries(victims, years))
                   & set(reporting_countries(convicted, years)))
    out = pd.DataFrame({
        "victims": victims[victims["country"].isin(panel)].groupby("year")["value"].sum(),
        "convicted": convicted[convicted["country"].isin(panel)].groupby("year")["value"].sum(),
    }).reindex(list(years)).fillna(0).astype("int64")
    out["convicted_per_100_victims"] = (100 * out["convicted"] / out["victims"]).round(1)
    out["countries"] = len(panel)
    return out


def citizenship_group(label: object, country: str) -> str:
    """'own citizens', 'other citizenship' or 'unknown' for one citizenship label.

    The export's labels are in several languages and spellings (``Nationals``,
    ``Ciudadanos de su país``, ``Romanian``, ``Romania``); a label counts as the reporting
    country's own citizens if it says so, or starts like the country's name
    (``Bulgarian`` for Bulgaria). A rough rule, shown to students as such.
    """
    if label is None or (isinstance(label, float) and pd.isna(label)):
        return "unknown"
    text = str(label).strip().lower()
    if text.startswith(OWN_CITIZENS):
        return "own citizens"
    if text.startswith(UNKNOWN_CITIZENSHIP):
        return "unknown"
    name = country.strip().lower()
    stem = name[: max(4, min(len(name) - 1, 6))]
    if text == name or text.startswith(stem):
        return "own citizens"
    return "other citizenship"


def citizenship_shares(
    df: pd.DataFrame, year: int, region: str | None = None
) -> pd.DataFrame:
    """Detected victims who are citizens of the country that detected them vs of another
    country, by region of detection, in one year (countries reporting citizenship only)."""
    rows = select(df, VICTIMS, dimension="by citizenship", region=region, years=[year])
    rows = rows.assign(group=[citizenship_group(label, str(country)) for label, country
                              in zip(rows["category"], rows["country"], strict=True)])
    table = rows.pivot_table(index="region", columns="group", values="value", aggfunc="sum",
                             observed=True).fillna(0)
    for column in ("own citizens", "other citizenship", "unknown"):
        if column not in table:
            table[column] = 0.0
    table = table[["own citizens", "other citizenship", "unknown"]]
    shares = (100 * table.div(table.sum(axis=1), axis=0)).round(1)
    shares["countries"] = rows.groupby("region", observed=True)["country"].nunique()
    return shares
