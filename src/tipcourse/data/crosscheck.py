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

YEARS = [2019, 2020, 2021, 2022]


@dataclass(frozen=True)
class Pair:
    fact_id: str
    label: str
    compute: Callable[[pd.DataFrame], float]
    unit: str
    tolerance: float
    why_different: str


def _forced_labour_change(df: pd.DataFrame) -> float:
    rows = t.select(df, t.VICTIMS, dimension="by form of exploitation", years=[2019, 2022])
    rows = rows[rows["category"] == "Forced labour"]
    panel = t.reporting_countries(rows, [2019, 2022])
    sums = rows[rows["country"].isin(panel)].groupby("year")["value"].sum()
    return round(100 * (sums[2022] / sums[2019] - 1), 1)


def _child_share(df: pd.DataFrame) -> float:
    s = t.shares_by_sex_age(df, 2022)["share_pct"]
    return round(float(s["girls"] + s["boys"]), 1)


def _female_share(df: pd.DataFrame) -> float:
    s = t.shares_by_sex_age(df, 2022)["share_pct"]
    return round(float(s["women"] + s["girls"]), 1)


def _convictions_change(df: pd.DataFrame) -> float:
    rows = t.select(df, t.CONVICTED, years=[2019, 2022])
    panel = t.reporting_countries(rows, [2019, 2022])
    sums = rows[rows["country"].isin(panel)].groupby("year")["value"].sum()
    return round(100 * (sums[2022] / sums[2019] - 1), 1)


SAME_COUNTRIES = (
    "our figure uses only the countries that reported in both years, while the report "
    "draws on its own, larger set of countries (and the 2019 and 2022 lists are not the same)"
)

PAIRS: list[Pair] = [
    Pair("victims-2022", "sum of the 2022 country totals in the export",
         lambda df: float(t.naive_totals(df).loc[2022, "total"]), "victims", 0.0,
         "the report gives its own count for 2022, while this sum simply adds up the totals "
         "of the countries that sent one for 2022; the export was also published later "
         "(April 2025), so some country figures may have been updated"),
    Pair("increase-2022-vs-2019", "change 2019 to 2022, same countries in every year",
         lambda df: float(t.panel_totals(df, YEARS).loc[2022, "change_pct"]), "%", 2.0,
         SAME_COUNTRIES),
    Pair("forced-labour-increase-2022-vs-2019",
         "change in victims detected for forced labour, 2019 to 2022, same countries",
         _forced_labour_change, "%", 3.0, SAME_COUNTRIES),
    Pair("children-share-2022", "girls and boys as a share of detected victims, 2022",
         _child_share, "%", 2.0,
         "our share counts only the countries that split their 2022 total into women, men, "
         "girls and boys; countries that report a total without that split are left out, "
         "and a few countries with many adult victims weigh heavily"),
    Pair("female-share-2022", "women and girls as a share of detected victims, 2022",
         _female_share, "%", 2.0,
         "our share counts only the countries that split their 2022 total into women, men, "
         "girls and boys; the report uses its own set of countries and methods"),
    Pair("convictions-increase-since-2019",
         "change in persons convicted, 2019 to 2022, same countries",
         _convictions_change, "%", 3.0,
         "the report's figure covers its own set of countries and may count up to 2023, a "
         "year the export does not contain; ours uses only countries reporting convictions "
         "in both 2019 and 2022"),
]
BY_ID = {p.fact_id: p for p in PAIRS}


def compare(fact_id: str, df: pd.DataFrame) -> dict[str, object]:
    pair = BY_ID[fact_id]
    fact = get_fact(fact_id)
    ours = pair.compute(df)
    agree = abs(ours - fact.number) <= pair.tolerance
    return {"fact": fact, "pair": pair, "ours": ours, "agree": agree}


def text(fact_id: str, df: pd.DataFrame) -> str:
    """One Markdown paragraph: the report's figure with its source, ours, and why they differ."""
    result = compare(fact_id, df)
    fact, pair, ours = result["fact"], result["pair"], result["ours"]
    assert isinstance(ours, float)
    shown = f"{ours:,.1f}%" if pair.unit == "%" else f"{ours:,.0f}"
    what = fact.what[0].lower() + fact.what[1:].rstrip(".")
    kind = "secondary source" if fact.secondary else "source"
    head = (f"**The report:** {fact.value} ({what}; "
            f"{kind}: [{fact.source.short}]({fact.source.url}), {fact.source.where}).  \n"
            f"**Our calculation:** {shown} ({pair.label}).  \n")
    if result["agree"]:
        return head + "**They agree** within the rounding of the two figures."
    return head + f"**Why they differ:** {pair.why_different}."


def side_by_side(fact_id: str, df: pd.DataFrame) -> None:
    from IPython.display import Markdown, display

    display(Markdown(text(fact_id, df)))
