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


def test_naive_totals_add_real_numbers_only(df) -> None:  # type: ignore[no-untyped-def]
    naive = t.naive_totals(df)
    assert naive.loc[2022, "total"] == 16390 + 40 + 7
    # Betaland's 2021 total is "<5": unknown, so it is neither summed nor counted.
    assert naive.loc[2022, "countries"] == 3 and naive.loc[2021, "countries"] == 1
    assert naive.loc[2021, "total"] == 1234 and naive.loc[2021, "suppressed"] == 1


def test_a_suppressed_cell_keeps_a_country_out_of_the_panel(df) -> None:  # type: ignore[no-untyped-def]
    panel = t.panel_totals(df, [2021, 2022])
    assert t.panel(t.select(df), [2021, 2022]) == ["Alphaland"]
    assert panel["countries"].iloc[0] == 1
    assert panel.loc[2022, "total"] == 16390
    assert t.suppressed_share(t.select(df, years=[2021])) == 50.0


def test_shares_over_too_few_people_are_withheld(df) -> None:  # type: ignore[no-untyped-def]
    forms = t.shares_by_form(df, [2022])
    assert forms.loc[2022, "victims"] == 1000 and forms.loc[2022, "countries"] == 1
    assert forms[["forced labour", "sexual exploitation"]].isna().all().all()
    groups = t.shares_by_sex_age(df, 2022)
    assert groups.attrs["too_few"] and groups["share_pct"].isna().all()
    assert groups["victims"].to_dict() == {"women": 50, "men": 30, "girls": 15, "boys": 5}
    assert t.too_few(14, 6) and t.too_few(5000, 2) and not t.too_few(100, 3)


def test_convictions_next_to_victims_on_same_countries(df) -> None:  # type: ignore[no-untyped-def]
    j = t.convictions_vs_victims(df, [2021, 2022])
    # Betaland's "<5" convictions in 2022 and victims in 2021 leave it out.
    assert j["countries"].iloc[0] == 1
    assert j.loc[2022, "convicted"] == 15 and j.loc[2022, "victims"] == 16390


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
