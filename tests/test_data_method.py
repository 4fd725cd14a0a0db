"""The course's data method on the real UNODC file: a ``<5`` cell is unknown, a panel is the
countries with a real number in every year, every comparison carries its panel size, and
shares over a handful of people are withheld. The figures asserted here are the ones the
notebooks, chapter 6 and the reading-the-data quiz print."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tipcourse.data import tables as t

from helpers import need

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TIPCOURSE_DATA_DIR", ROOT.parent / "shared" / "data"))
YEARS = t.YEARS


@pytest.fixture(scope="module")
def df():  # type: ignore[no-untyped-def]
    need(any(DATA.glob("data_glotip*.xlsx")),
         f"UNODC data file not found in {DATA} (set TIPCOURSE_DATA_DIR)")
    os.environ.setdefault("TIPCOURSE_DATA_DIR", str(DATA))
    from tipcourse.data import load_glotip

    return load_glotip()


def test_a_suppressed_total_is_neither_summed_nor_counted(df) -> None:  # type: ignore[no-untyped-def]
    rows = t.select(df, years=YEARS)
    naive = t.naive_totals(df)
    for year in YEARS:
        year_rows = rows[rows["year"] == year]
        assert naive.loc[year, "countries"] == year_rows[~year_rows["suppressed"]][
            "country"].nunique()
    assert naive.loc[2019, "countries"] == 116 and naive.loc[2022, "countries"] == 100
    assert naive.loc[2019, "suppressed"] == 18
    assert t.suppressed_share(rows) == 13.8


def test_pakistan_is_not_in_the_form_panel(df) -> None:  # type: ignore[no-untyped-def]
    rows = t.form_rows(df, YEARS)
    pakistan = rows[rows["country"] == "Pakistan"]
    # It has a row every year (so "any row" would let it in), but no real number in 2019–2020.
    assert set(pakistan["year"]) == set(YEARS)
    assert t.real(pakistan)["year"].min() == 2021
    assert "Pakistan" not in t.panel(rows, YEARS)


def test_the_fair_form_panel_shows_a_stable_mix(df) -> None:  # type: ignore[no-untyped-def]
    forms = t.shares_by_form(df, YEARS)
    assert forms["countries"].iloc[0] == 53 == t.panel_size(t.form_rows(df), YEARS)
    assert (forms.loc[2019, "forced labour"], forms.loc[2022, "forced labour"]) == (24.9, 31.5)
    # No form moves by more than 8 points; the three stay within 4 points of each other in 2022.
    for column in ("sexual exploitation", "forced labour", "other forms of exploitation"):
        assert abs(forms.loc[2022, column] - forms.loc[2019, column]) < 8
    last = forms.loc[2022, ["sexual exploitation", "forced labour",
                            "other forms of exploitation"]]
    assert last.max() - last.min() < 4
    assert forms["hidden_cells"].sum() == 254


def test_every_panel_country_has_a_real_number_every_year(df) -> None:  # type: ignore[no-untyped-def]
    rows = t.select(df, years=YEARS)
    members = t.panel(rows, YEARS)
    known = t.real(rows[rows["country"].isin(members)])
    assert len(known) == len(members) * len(YEARS)
    panel = t.panel_totals(df, YEARS)
    assert panel["countries"].iloc[0] == 78
    assert (panel.loc[2019, "total"], panel.loc[2022, "total"]) == (66359, 73238)


def test_headline_comparisons_carry_their_panel_size(df) -> None:  # type: ignore[no-untyped-def]
    victims = t.victims_change(df)
    assert (victims.countries, victims.change_pct) == (78, 10.4)
    assert victims.sentence().startswith("In the 78 countries that reported a number every year")
    convicted = t.convictions_change(df)
    assert (convicted.countries, convicted.first, convicted.last) == (19, 2041, 1763)
    assert convicted.change_pct < 0 and "fell" in convicted.sentence()
    labour = t.form_change(df)
    assert labour.countries == 53 and labour.change_pct == 78.8
    assert t.convictions_vs_victims(df, YEARS)["countries"].iloc[0] == 19


def test_a_region_with_few_victims_is_too_few_to_compare(df) -> None:  # type: ignore[no-untyped-def]
    oceania = t.shares_by_sex_age(df, 2022, region="Oceania")
    assert oceania.attrs["too_few"] and oceania["share_pct"].isna().all()
    assert not t.shares_by_sex_age(df, 2022, region="Europe").attrs["too_few"]
    origin = t.citizenship_shares(df, 2022)
    assert origin.loc["Oceania", ["own citizens", "other citizenship", "unknown"]].isna().all()
    # Every region shown adds up to 100%: the unknown share is a bar of its own.
    shown = origin.drop(index="Oceania")[["own citizens", "other citizenship", "unknown"]]
    assert ((shown.sum(axis=1) - 100).abs() <= 0.2).all()
    assert origin.loc["Asia", "unknown"] == 20.1


def test_chapter_6_quotes_the_method_s_figures(df) -> None:  # type: ignore[no-untyped-def]
    from tipcourse.data.facts import load_facts

    facts = load_facts()
    forms = t.shares_by_form(df, YEARS)
    victims, convicted = t.victims_change(df), t.convictions_change(df)
    computed = {
        "course-victims-change": victims.change_pct,
        "course-forced-labour-share-2019": forms.loc[2019, "forced labour"],
        "course-forced-labour-share-2022": forms.loc[2022, "forced labour"],
        "course-convictions-2019": convicted.first,
        "course-convictions-2022": convicted.last,
    }
    for fact_id, value in computed.items():
        assert facts[fact_id].number == value, fact_id
        # The value as printed is the computed one, rounded.
        shown = facts[fact_id].value.replace(",", "").removeprefix("about ").rstrip("%")
        assert int(shown) == round(value), fact_id
    text = " ".join((ROOT / "book" / "06-reading-the-numbers.md").read_text().split())
    assert all(f"{{fact}}`{fact_id}`" in text for fact_id in computed)
    # The panel sizes next to them are the method's.
    assert f"In the {victims.countries} countries that reported every year" in text
    assert f"In the {forms['countries'].iloc[0]} countries that reported the forms every" in text
    assert f"In the {convicted.countries} countries that reported a real number of convictions" \
        in text
    assert t.convictions_vs_victims(df, YEARS)["countries"].iloc[0] == convicted.countries


def test_chapter_6_names_the_country_behind_the_panel_s_2022_jump(df) -> None:  # type: ignore[no-untyped-def]
    """Chapter 6 says that more than half of the 2022 jump on the chart's same-country line
    comes from the United States; the data must keep saying so."""
    years = list(range(2016, 2023))
    rows = t.select(df, t.VICTIMS, years=years)
    members = t.panel(rows, years)
    values = t.real(rows[rows["country"].isin(members)])
    by_country = values.pivot_table(index="country", columns="year", values="value",
                                    aggfunc="sum")
    jump = by_country[2022] - by_country[2021]
    assert jump.idxmax() == "United States of America"
    assert jump.max() > jump.sum() / 2
    text = (ROOT / "book" / "06-reading-the-numbers.md").read_text()
    assert "more than half of the jump in 2022 comes from one country, the United States" in (
        " ".join(text.split()))
