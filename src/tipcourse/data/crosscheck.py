"""Headline figures (facts.yml) next to what the notebooks compute from the export.

Where a fact and a notebook figure measure the same thing, they must agree within a
tolerance, or the notebook must say why they differ. ``side_by_side(fact_id, df)`` prints both and
the reason in a notebook; the tests run every pair on the real data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from tipcourse.data import tables as t
from tipcourse.data.facts import get_fact

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


SAME_COUNTRIES = (
    "different countries: ours counts only the countries with a real number in every year "
    "from 2019 to 2022, while the report draws on its own, larger set of countries and its "
    "own estimates; and detection is not prevalence: both count victims who were found, "
    "not all victims"
)

PAIRS: list[Pair] = [
    Pair("victims-2022", "sum of the 2022 country totals with a real number in the export",
         _naive_2022, "victims", 0.0,
         "different countries and a different count: the report gives its own figure for "
         "2022, while this sum simply adds up the countries that sent a real number for 2022; "
         "the export is a later file (exported in April 2025), so some country figures may "
         "have been updated",
         lambda df: int(t.naive_totals(df).loc[2022, "countries"])),
    Pair("increase-2022-vs-2019", "change in detected victims, 2019 to 2022",
         lambda df: t.victims_change(df).change_pct, "%", 2.0, SAME_COUNTRIES,
         lambda df: t.victims_change(df).countries),
    Pair("forced-labour-increase-2022-vs-2019",
         "change in victims detected for forced labour, 2019 to 2022",
         lambda df: t.form_change(df).change_pct, "%", 3.0, SAME_COUNTRIES,
         lambda df: t.form_change(df).countries),
    Pair("children-share-2022", "girls and boys as a share of detected victims, 2022",
         lambda df: t.children_share(df), "%", 2.0,
         "different countries: our share counts only the countries that split their 2022 "
         "total into women, men, girls and boys; countries that report a total without that "
         "split are left out, and a few countries with many adult victims weigh heavily",
         lambda df: int(t.shares_by_sex_age(df, 2022).attrs["countries"])),
    Pair("female-share-2022", "women and girls as a share of detected victims, 2022",
         lambda df: t.female_share(df), "%", 2.0,
         "different countries: our share counts only the countries that split their 2022 "
         "total into women, men, girls and boys; the report uses its own set of countries and "
         "methods",
         lambda df: int(t.shares_by_sex_age(df, 2022).attrs["countries"])),
    Pair("convictions-increase-since-2019",
         "change in persons convicted, 2019 to 2022",
         lambda df: t.convictions_change(df).change_pct, "%", 3.0,
         "different countries and different years: UNODC says only \"since 2019\" and may "
         "count up to 2023, a year the export does not have, over its own set of countries; "
         "ours covers the few countries with a real number of convictions in every year from "
         "2019 to 2022 (in many countries the count is printed as <5, so it is unknown)",
         lambda df: t.convictions_change(df).countries),
]
BY_ID = {p.fact_id: p for p in PAIRS}


def compare(fact_id: str, df: pd.DataFrame) -> dict[str, object]:
    pair = BY_ID[fact_id]
    fact = get_fact(fact_id)
    ours = pair.compute(df)
    agree = abs(ours - fact.number) <= pair.tolerance
    return {"fact": fact, "pair": pair, "ours": ours, "agree": agree}


def text(fact_id: str, df: pd.DataFrame) -> str:
    """One Markdown paragraph: the report's figure with its source, ours with its panel
    size, and why they differ."""
    result = compare(fact_id, df)
    fact, pair, ours = result["fact"], result["pair"], result["ours"]
    assert isinstance(ours, float)
    shown = f"{ours:+,.1f}%" if pair.unit == "%" and "change" in pair.label else (
        f"{ours:,.1f}%" if pair.unit == "%" else f"{ours:,.0f}")
    what = fact.what[0].lower() + fact.what[1:].rstrip(".")
    where = f"in the {pair.countries(df)} countries that reported every year" if (
        pair.countries and "change" in pair.label) else (
        f"in the {pair.countries(df)} countries with a real number" if pair.countries else "")
    head = (f"**The report's figure:** {fact.value} ({what}; source: "
            f"[{fact.source.short}]({fact.source.url}), {fact.source.where}).  \n"
            f"**Our calculation:** {shown} {where} ({pair.label}).  \n")
    if result["agree"]:
        return head + "**They agree** within the rounding of the two figures."
    return head + f"**Why they differ:** {pair.why_different}."


def side_by_side(fact_id: str, df: pd.DataFrame) -> None:
    from IPython.display import Markdown, display

    display(Markdown(text(fact_id, df)))
