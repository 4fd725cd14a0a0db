"""Headline figures (facts.yml) next to what the notebooks compute from the export.

Where a fact and a notebook figure measure the same thing, they must agree within a
tolerance, or the notebook must say why they differ. ``side_by_side(fact_id, df)`` prints both and
the reason in a notebook, in the notebook's language; the tests run every pair on the real data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from tipcourse.data import tables as t
from tipcourse.data.facts import facts, get_fact
from tipcourse.data.tables import number
from tipcourse.languages import N_, SOURCE_LANGUAGE, current_language, ui

YEARS = t.YEARS


@dataclass(frozen=True)
class Pair:
    fact_id: str
    label: str
    compute: Callable[[pd.DataFrame], float]
    unit: str
    tolerance: float
    why_different: str
    # The panel size behind our figure (None: not a panel comparison).
    countries: Callable[[pd.DataFrame], int] | None = None


def _naive_2022(df: pd.DataFrame) -> float:
    return float(t.naive_totals(df).loc[2022, "total"])


SAME_COUNTRIES = N_(
    "different countries: ours counts only the countries with a real number in every year "
    "from 2019 to 2022, while the report draws on its own, larger set of countries and its "
    "own estimates; and detection is not prevalence: both count victims who were found, "
    "not all victims"
)

# ``label`` and ``why_different`` are English (marked for translation) and shown in the
# notebook's language by ``text``.
PAIRS: list[Pair] = [
    Pair("victims-2022", N_("sum of the 2022 country totals with a real number in the export"),
         _naive_2022, "victims", 0.0,
         N_("different countries and a different count: the report gives its own figure for "
            "2022, while this sum simply adds up the countries that sent a real number for "
            "2022; the export is a later file (exported in April 2025), so some country "
            "figures may have been updated"),
         lambda df: int(t.naive_totals(df).loc[2022, "countries"])),
    Pair("increase-2022-vs-2019", N_("change in detected victims, 2019 to 2022"),
         lambda df: t.victims_change(df).change_pct, "%", 2.0, SAME_COUNTRIES,
         lambda df: t.victims_change(df).countries),
    Pair("forced-labour-increase-2022-vs-2019",
         N_("change in victims detected for forced labour, 2019 to 2022"),
         lambda df: t.form_change(df).change_pct, "%", 3.0, SAME_COUNTRIES,
         lambda df: t.form_change(df).countries),
    Pair("children-share-2022", N_("girls and boys as a share of detected victims, 2022"),
         lambda df: t.children_share(df), "%", 2.0,
         N_("different countries: our share counts only the countries that split their 2022 "
            "total into women, men, girls and boys; countries that report a total without "
            "that split are left out, and a few countries with many adult victims weigh "
            "heavily"),
         lambda df: int(t.shares_by_sex_age(df, 2022).attrs["countries"])),
    Pair("female-share-2022", N_("women and girls as a share of detected victims, 2022"),
         lambda df: t.female_share(df), "%", 2.0,
         N_("different countries: our share counts only the countries that split their 2022 "
            "total into women, men, girls and boys; the report uses its own set of countries "
            "and methods"),
         lambda df: int(t.shares_by_sex_age(df, 2022).attrs["countries"])),
    Pair("convictions-increase-since-2019",
         N_("change in persons convicted, 2019 to 2022"),
         lambda df: t.convictions_change(df).change_pct, "%", 3.0,
         N_("different countries and different years: UNODC says only \"since 2019\" and "
            "may count up to 2023, a year the export does not have, over its own set of "
            "countries; ours covers the few countries with a real number of convictions in "
            "every year from 2019 to 2022 (in many countries the count is printed as <5, so "
            "it is unknown)"),
         lambda df: t.convictions_change(df).countries),
]
BY_ID = {p.fact_id: p for p in PAIRS}


def compare(fact_id: str, df: pd.DataFrame, lang: str = SOURCE_LANGUAGE) -> dict[str, object]:
    """The fact (in ``lang``) next to our figure; ``agree`` when within the tolerance."""
    pair = BY_ID[fact_id]
    fact = get_fact(fact_id) if lang == SOURCE_LANGUAGE else (
        facts(None, lang).get(fact_id) or get_fact(fact_id))
    ours = pair.compute(df)
    agree = abs(ours - fact.number) <= pair.tolerance
    return {"fact": fact, "pair": pair, "ours": ours, "agree": agree}


def text(fact_id: str, df: pd.DataFrame, lang: str | None = None) -> str:
    """One Markdown paragraph: the report's figure with its source, ours with its panel
    size, and why they differ, in ``lang`` (default: the notebook's language)."""
    lang = lang or current_language()
    result = compare(fact_id, df, lang)
    t = ui(lang)  # the tables module is ``t`` elsewhere in this file
    fact, pair, ours = result["fact"], result["pair"], result["ours"]
    assert isinstance(ours, float)
    change = "change" in pair.label  # the English label says what kind of figure it is
    shown = (number(ours, lang, 1, sign=change) + "%") if pair.unit == "%" else (
        number(ours, lang))
    what = fact.what[0].lower() + fact.what[1:].rstrip(".")
    if pair.countries and change:
        where = t("in the {countries} countries that reported every year")
    elif pair.countries:
        where = t("in the {countries} countries with a real number")
    else:
        where = ""
    where = where.format(countries=pair.countries(df)) if pair.countries else where
    report = t("**The report's figure:** {value} ({what}; source: [{source}]({url}), "
               "{where}).").format(value=fact.value, what=what, source=fact.source.short,
                                   url=fact.source.url, where=fact.source.where)
    calculation = t("**Our calculation:** {value} {where} ({label}).").format(
        value=shown, where=where, label=t(pair.label))
    head = f"{report}  \n{calculation}  \n"
    if result["agree"]:
        return head + t("**They agree** within the rounding of the two figures.")
    return head + t("**Why they differ:** {reason}.").format(reason=t(pair.why_different))


def side_by_side(fact_id: str, df: pd.DataFrame) -> None:
    from IPython.display import Markdown, display

    display(Markdown(text(fact_id, df)))
