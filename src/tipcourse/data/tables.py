"""The course's one data method: how every notebook, chapter 6 and the reading-the-data
quiz turn UNODC's export into comparisons.

The rules, in code:

- **A suppressed cell is unknown.** UNODC prints ``<5`` for small counts. Such a cell is
  never added as zero and never makes a country count as having reported: only a real
  number does (:func:`real`). Sums therefore add real numbers only, and every result says how
  many cells were hidden (each hides 1 to 4 people, perhaps 0), so a reader knows how much a
  sum might be short (:func:`suppressed_share`).
- **Compare like with like.** A *consistent panel* is the set of countries with a real number
  for the measure in every year compared (:func:`panel`). For a breakdown (forms, sex and
  age), a country must have a real number for the breakdown in each of those years.
- **Every comparison carries its panel size**, so the text can say "in the 53 countries that
  reported every year" next to the figure (:class:`Comparison`).
- **Too few to compare.** A share over a handful of people swings by whole percentage points
  per person: below :data:`MIN_VICTIMS` people or :data:`MIN_COUNTRIES` countries a region's
  shares are withheld and labelled "too few to compare" (:func:`too_few`).

Tables keep English keys (the columns and rows code reads by name, e.g. ``"forced labour"``,
``"girls"``); what they say to a reader (:meth:`Comparison.sentence`, :data:`TOO_FEW`,
:func:`label`, :func:`labelled`) is in the notebook's language (``current_language()``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from tipcourse.languages import N_, ui
from tipcourse.languages import number as languages_number

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
# Below these, one person moves a share by a percentage point or more, or one country is
# the whole region: shares are withheld rather than shown as "men 100%".
MIN_VICTIMS = 100
MIN_COUNTRIES = 3
_TOO_FEW = N_("too few to compare")  # read as TOO_FEW, in the notebook's language
# The most a suppressed cell can hide.
SUPPRESSED_MAX = 4
# The years the course compares: 2019 (before the pandemic) to 2022 (the latest in the export).
YEARS = [2019, 2020, 2021, 2022]

# The regions of the data, named in charts' titles.
REGIONS = (N_("World"), N_("Africa"), N_("Americas"), N_("Asia"), N_("Europe"), N_("Oceania"))

# What a table's English keys (columns, rows, groups) read as in a sentence or a header.
LABELS = {
    "sexual exploitation": N_("sexual exploitation"),
    "forced labour": N_("forced labour"),
    "other forms of exploitation": N_("other forms of exploitation"),
    "women": N_("women"),
    "men": N_("men"),
    "girls": N_("girls"),
    "boys": N_("boys"),
    "own citizens": N_("own citizens"),
    "other citizenship": N_("other citizenship"),
    "unknown": N_("unknown"),
    "detected victims": N_("detected victims"),
    "persons convicted": N_("persons convicted"),
}


def __getattr__(name: str) -> str:
    # ``TOO_FEW`` is looked up when used, so a notebook prints it in its own language.
    if name == "TOO_FEW":
        return ui()(_TOO_FEW)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def label(key: str, lang: str | None = None) -> str:
    """A table key (``"forced labour"``, ``"girls"``…) as a reader reads it in ``lang``
    (default: the notebook's language); other keys unchanged."""
    return ui(lang)(LABELS[key]) if key in LABELS else key


def labelled(table: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """A copy of ``table`` to show: its column and row names in ``lang``; the table itself
    keeps its English keys for code."""
    return table.rename(columns=lambda c: label(c, lang) if isinstance(c, str) else c,
                        index=lambda i: label(i, lang) if isinstance(i, str) else i)


number = languages_number  # a figure as the notebook's language writes it


@dataclass(frozen=True)
class Comparison:
    """A figure in ``first`` year against ``last``, over one panel of countries."""

    what: str
    first_year: int
    last_year: int
    first: float
    last: float
    countries: int
    hidden_cells: int
    # For one form of exploitation: its key ("forced labour"), so the sentence can name it.
    form: str | None = None

    @property
    def change_pct(self) -> float:
        return round(100 * (self.last / self.first - 1), 1) if self.first else float("nan")

    def sentence(self, lang: str | None = None) -> str:
        """The comparison with its panel size next to it, as the course words it, in ``lang``
        (default: the notebook's language)."""
        t = ui(lang)
        if self.form:
            what = t("victims detected for {form}").format(form=label(self.form, lang))
        else:
            what = label(self.what, lang)
        if self.last >= self.first:
            text = t("In the {countries} countries that reported a number every year, {what} "
                     "rose from {first} in {first_year} to {last} in {last_year} ({change}%).")
        else:
            text = t("In the {countries} countries that reported a number every year, {what} "
                     "fell from {first} in {first_year} to {last} in {last_year} ({change}%).")
        return text.format(countries=self.countries, what=what,
                           first=number(self.first, lang), first_year=self.first_year,
                           last=number(self.last, lang), last_year=self.last_year,
                           change=number(self.change_pct, lang, 1, sign=True))


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


def real(rows: pd.DataFrame) -> pd.DataFrame:
    """Only the rows holding a real number (``<5`` and empty cells are unknown)."""
    return rows[~rows["suppressed"].astype(bool) & rows["value"].notna()]


def panel(rows: pd.DataFrame, years: Iterable[int]) -> list[str]:
    """Countries with a real number in ``rows`` in every one of ``years``.

    ``rows`` is one measure or one breakdown (for a breakdown, a real number for any of its
    parts counts as reporting the breakdown that year)."""
    years = list(years)
    known = real(rows[rows["year"].isin(years)])
    got = known.groupby("country", observed=True)["year"].nunique()
    return sorted(got[got == len(years)].index.astype(str))


def panel_size(rows: pd.DataFrame, years: Iterable[int]) -> int:
    return len(panel(rows, years))


def suppressed_share(rows: pd.DataFrame) -> float:
    """Per cent of the cells in ``rows`` that UNODC printed as ``<5``."""
    if rows.empty:
        return float("nan")
    return round(100 * float(rows["suppressed"].astype(bool).mean()), 1)


def too_few(victims: float, countries: int) -> bool:
    """True when shares over this many people in this many countries should not be compared."""
    return victims < MIN_VICTIMS or countries < MIN_COUNTRIES


def naive_totals(df: pd.DataFrame, indicator: str = VICTIMS, region: str | None = None
                 ) -> pd.DataFrame:
    """Sum over whichever countries gave a real number each year (the comparison *not* to
    trust); ``suppressed`` counts the ``<5`` totals left out of the sum and the count."""
    rows = select(df, indicator, region=region)
    known = real(rows)
    out = pd.DataFrame({
        "total": known.groupby("year")["value"].sum(),
        "countries": known.groupby("year")["country"].nunique(),
        "suppressed": rows.groupby("year")["suppressed"].sum(),
    }).fillna(0)
    return out.astype({"total": "int64", "countries": "int64", "suppressed": "int64"})


def panel_totals(
    df: pd.DataFrame, years: Sequence[int], indicator: str = VICTIMS, region: str | None = None
) -> pd.DataFrame:
    """Totals per year over the consistent panel, with the change against the first year in
    per cent and the panel size (``countries``)."""
    rows = select(df, indicator, region=region, years=years)
    members = panel(rows, years)
    rows = real(rows[rows["country"].isin(members)])
    out = rows.groupby("year").agg(total=("value", "sum"))
    out = out.reindex(list(years)).fillna(0).astype("int64")
    out["countries"] = len(members)
    first = out["total"].iloc[0]
    out["change_pct"] = (100 * (out["total"] / first - 1)).round(1) if first else float("nan")
    return out


def _change(panel_rows: pd.DataFrame, rows: pd.DataFrame, what: str,
            years: Sequence[int], form: str | None = None) -> Comparison:
    members = panel(panel_rows, years)
    first, last = years[0], years[-1]
    inside = rows[rows["country"].isin(members) & rows["year"].isin([first, last])]
    sums = real(inside).groupby("year")["value"].sum()
    return Comparison(what, first, last, float(sums.get(first, 0.0)),
                      float(sums.get(last, 0.0)), len(members),
                      int(inside["suppressed"].sum()), form)


def victims_change(df: pd.DataFrame, years: Sequence[int] = YEARS) -> Comparison:
    """Detected victims, first against last of ``years``, same countries in every year."""
    rows = select(df, VICTIMS)
    return _change(rows, rows, "detected victims", years)


def convictions_change(df: pd.DataFrame, years: Sequence[int] = YEARS) -> Comparison:
    """Persons convicted, first against last of ``years``, same countries in every year."""
    rows = select(df, CONVICTED)
    return _change(rows, rows, "persons convicted", years)


def form_rows(df: pd.DataFrame, years: Iterable[int] | None = None,
              region: str | None = None) -> pd.DataFrame:
    rows = select(df, VICTIMS, dimension="by form of exploitation", region=region, years=years)
    return rows[rows["category"].isin(FORMS)]


def form_change(df: pd.DataFrame, form: str = "Forced labour",
                years: Sequence[int] = YEARS) -> Comparison:
    """Victims detected for one form, first against last of ``years``, over the panel of
    the form breakdown (the countries behind :func:`shares_by_form`)."""
    rows = form_rows(df)
    return _change(rows, rows[rows["category"] == form],
                   f"victims detected for {form.lower()}", years, form.lower())


def shares_by_form(
    df: pd.DataFrame, years: Sequence[int], region: str | None = None
) -> pd.DataFrame:
    """Per cent of detected victims by form of exploitation, per year, over the countries
    with a real number for the form breakdown in every year.

    Columns: the three forms (lower case), ``countries`` (panel size), ``victims`` (known
    victims in the breakdown) and ``hidden_cells`` (``<5`` cells left out). Shares are empty
    when the panel is too few to compare."""
    rows = form_rows(df, years, region)
    members = panel(rows, years)
    rows = rows[rows["country"].isin(members)]
    counts = real(rows).pivot_table(index="year", columns="category", values="value",
                                    aggfunc="sum", observed=True)
    counts = counts.reindex(index=list(years), columns=FORMS).fillna(0)
    totals = counts.sum(axis=1)
    shares = (100 * counts.div(totals.where(totals > 0), axis=0)).round(1)
    shares.columns = [c.lower() for c in FORMS]
    for year, total in totals.items():
        if too_few(total, len(members)):
            shares.loc[year] = float("nan")
    shares["countries"] = len(members)
    shares["victims"] = totals.astype("int64")
    shares["hidden_cells"] = (rows.groupby("year")["suppressed"].sum()
                              .reindex(list(years)).fillna(0).astype("int64"))
    return shares


def shares_by_sex_age(
    df: pd.DataFrame, year: int, region: str | None = None, indicator: str = VICTIMS
) -> pd.DataFrame:
    """Women, men, girls and boys as per cent of detected victims in one year, over the
    countries with a real number for the sex-and-age breakdown (victims of other or unknown
    sex or age left out). ``attrs``: ``countries``, ``hidden_cells``, ``too_few``."""
    rows = select(df, indicator, sex=["Female", "Male"], age=[CHILD, ADULT], region=region,
                  years=[year])
    members = panel(rows, [year])
    rows = rows[rows["country"].isin(members)]
    sums = real(rows).groupby(["sex", "age"], observed=True)["value"].sum()
    total = float(sums.sum())
    withheld = too_few(total, len(members))
    records = []
    for (sex, age), name in GROUPS.items():
        count = float(sums.get((sex, age), 0.0))
        share = float("nan") if withheld or not total else round(100 * count / total, 1)
        records.append({"group": name, "victims": int(count), "share_pct": share})
    out = pd.DataFrame(records).set_index("group")
    out.attrs.update(countries=len(members), hidden_cells=int(rows["suppressed"].sum()),
                     too_few=withheld, victims=int(total))
    return out


def children_share(df: pd.DataFrame, year: int = 2022) -> float:
    s = shares_by_sex_age(df, year)["share_pct"]
    return round(float(s["girls"] + s["boys"]), 1)


def female_share(df: pd.DataFrame, year: int = 2022) -> float:
    s = shares_by_sex_age(df, year)["share_pct"]
    return round(float(s["women"] + s["girls"]), 1)


def by_region(df: pd.DataFrame, year: int, indicator: str = VICTIMS) -> pd.DataFrame:
    """Detected victims (or another indicator) by region of detection in one year: real
    numbers only, with the countries that gave one and the ``<5`` cells left out."""
    rows = select(df, indicator, years=[year])
    known = real(rows)
    out = pd.DataFrame({
        "total": known.groupby("region", observed=True)["value"].sum(),
        "countries": known.groupby("region", observed=True)["country"].nunique(),
        "suppressed": rows.groupby("region", observed=True)["suppressed"].sum(),
    }).fillna(0).astype("int64")
    out["share_pct"] = (100 * out["total"] / out["total"].sum()).round(1)
    return out.sort_values("total", ascending=False)


def convictions_vs_victims(
    df: pd.DataFrame, years: Sequence[int], region: str | None = None
) -> pd.DataFrame:
    """Persons convicted next to victims detected, per year, over the countries with a real
    number for both in every year."""
    victims = select(df, VICTIMS, region=region, years=years)
    convicted = select(df, CONVICTED, region=region, years=years)
    members = sorted(set(panel(victims, years)) & set(panel(convicted, years)))
    out = pd.DataFrame({
        "victims": real(victims[victims["country"].isin(members)]).groupby("year")["value"].sum(),
        "convicted": real(convicted[convicted["country"].isin(members)])
        .groupby("year")["value"].sum(),
    }).reindex(list(years)).fillna(0).astype("int64")
    out["convicted_per_100_victims"] = (
        100 * out["convicted"] / out["victims"].where(out["victims"] > 0)).round(1)
    out["countries"] = len(members)
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


CITIZENSHIP = ["own citizens", "other citizenship", "unknown"]


def citizenship_shares(
    df: pd.DataFrame, year: int, region: str | None = None
) -> pd.DataFrame:
    """Detected victims who are citizens of the country that detected them, of another
    country, or of unknown citizenship, by region of detection, in one year (countries with a
    real number for the citizenship breakdown). The three shares add up to 100; a region with
    too few victims or countries gets no shares."""
    rows = select(df, VICTIMS, dimension="by citizenship", region=region, years=[year])
    members = panel(rows, [year])
    known = real(rows[rows["country"].isin(members)])
    known = known.assign(group=[citizenship_group(label, str(country)) for label, country
                                in zip(known["category"], known["country"], strict=True)])
    table = known.pivot_table(index="region", columns="group", values="value", aggfunc="sum",
                              observed=True).reindex(columns=CITIZENSHIP).fillna(0)
    totals = table.sum(axis=1)
    shares = (100 * table.div(totals, axis=0)).round(1)
    countries = known.groupby("region", observed=True)["country"].nunique()
    for name in shares.index:
        if too_few(totals[name], int(countries.get(name, 0))):
            shares.loc[name] = float("nan")
    shares["victims"] = totals.astype("int64")
    shares["countries"] = countries.reindex(shares.index).fillna(0).astype("int64")
    return shares
