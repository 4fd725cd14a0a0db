"""Honest-comparison helpers on a small made-up table."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipcourse.data import glotip
from tipcourse.data import tables as t

FIX = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture(scope="module")
def df():  # type: ignore[no-untyped-def]
    return glotip.read_export(FIX / "glotip_small.xlsx")


def test_naive_totals_count_whoever_reported(df) -> None:  # type: ignore[no-untyped-def]
    naive = t.naive_totals(df)
    assert naive.loc[2022, "total"] == 16390 + 40 + 7
    assert naive.loc[2022, "countries"] == 3 and naive.loc[2021, "countries"] == 2


def test_panel_keeps_only_countries_reporting_every_year(df) -> None:  # type: ignore[no-untyped-def]
    panel = t.panel_totals(df, [2021, 2022])
    # Gammaland only reported 2022, so it is left out; Betaland's "<5" counts as reported.
    assert panel["countries"].iloc[0] == 2
    assert panel.loc[2022, "total"] == 16390 + 40
    assert panel.loc[2021, "suppressed"] == 1


def test_shares_by_form_and_by_sex_age(df) -> None:  # type: ignore[no-untyped-def]
    forms = t.shares_by_form(df, [2022])
    assert forms.loc[2022, "forced labour"] == 60.0
    groups = t.shares_by_sex_age(df, 2022)
    assert groups["share_pct"].to_dict() == {"women": 50.0, "men": 30.0, "girls": 15.0,
                                             "boys": 5.0}
    assert groups.attrs["countries"] == 1


def test_convictions_next_to_victims_on_same_countries(df) -> None:  # type: ignore[no-untyped-def]
    j = t.convictions_vs_victims(df, [2021, 2022])
    assert j["countries"].iloc[0] == 2
    assert j.loc[2022, "convicted"] == 15 and j.loc[2022, "victims"] == 16430


@pytest.mark.parametrize(("label", "country", "group"), [
    ("Nationals", "Chile", "own citizens"),
    ("Ciudadanos de su país", "Peru", "own citizens"),
    ("Bulgarian", "Bulgaria", "own citizens"),
    ("Romania", "Bulgaria", "other citizenship"),
    ("Unknown", "Chile", "unknown"),
    (None, "Chile", "unknown"),
])
def test_citizenship_groups(label, country, group) -> None:  # type: ignore[no-untyped-def]
    assert t.citizenship_group(label, country) == group
