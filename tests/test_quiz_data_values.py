"""The counts the reading-the-data quiz quotes are recomputed with the same functions the
notebooks use (tipcourse.data), so the quiz cannot drift from what students see."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tipcourse.quiz import find_bank

from helpers import need

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TIPCOURSE_DATA_DIR", ROOT.parent / "shared" / "data"))
YEARS = [2019, 2020, 2021, 2022]


@pytest.fixture(scope="module")
def glotip():  # noqa: ANN201
    need((DATA / "data_glotip_2025-04-14.xlsx").is_file(),
         f"UNODC data file not found in {DATA} (set TIPCOURSE_DATA_DIR)")
    from tipcourse.data import load_glotip

    return load_glotip()


def _numbers(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]


def test_countries_reporting_a_total(glotip) -> None:  # noqa: ANN001
    from tipcourse.data import tables

    naive = tables.naive_totals(glotip)
    counts = naive["countries"]
    prompt = find_bank(ROOT, "reading-the-data").question("countries-change").prompt
    assert _numbers(prompt)[:4] == [counts[2019], 2019, counts[2022], 2022]


def test_children_share_is_what_notebook_3_computes(glotip) -> None:  # noqa: ANN001
    from tipcourse.data import tables

    groups = tables.shares_by_sex_age(glotip, 2022)
    children = int(groups.loc[["girls", "boys"], "victims"].sum())
    total = int(groups["victims"].sum())
    q = find_bank(ROOT, "reading-the-data").question("children-share")
    assert _numbers(q.prompt) == [2022, groups.attrs["countries"], total, children]
    assert q.grade(round(100 * children / total, 1))
    # The notebook shows girls' and boys' shares rounded one by one; that sum is right too.
    assert q.grade(float(groups.loc[["girls", "boys"], "share_pct"].sum()))


def test_female_share_in_the_table_is_the_one_the_prompt_gives(glotip) -> None:  # noqa: ANN001
    from tipcourse.data import tables

    groups = tables.shares_by_sex_age(glotip, 2022)
    female = 100 * groups.loc[["women", "girls"], "victims"].sum() / groups["victims"].sum()
    prompt = find_bank(ROOT, "reading-the-data").question("share-differs").prompt
    assert _numbers(prompt) == [61, 2022, groups.attrs["countries"], round(female)]


def test_consistent_panel_sums_and_change(glotip) -> None:  # noqa: ANN001
    from tipcourse.data import tables

    panel = tables.panel_totals(glotip, YEARS)
    q = find_bank(ROOT, "reading-the-data").question("panel-change")
    first, last = int(panel.loc[2019, "total"]), int(panel.loc[2022, "total"])
    assert _numbers(q.prompt) == [1, int(panel["countries"].iloc[0]), 2019, 2022, first, 2019,
                                  last, 2022]
    change = (last / first - 1) * 100
    assert q.grade(round(change)) and abs(change - q.number) <= q.tolerance
