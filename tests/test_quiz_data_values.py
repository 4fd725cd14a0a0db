"""The counts the reading-the-data quiz quotes are recomputed here from the UNODC data file,
so the quiz cannot drift from the data the notebooks use."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tipcourse.quiz import find_bank

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("TIPCOURSE_DATA_DIR", ROOT.parent / "shared" / "data"))
FILE = DATA / "data_glotip_2025-04-14.xlsx"


@pytest.fixture(scope="module")
def totals():  # noqa: ANN201
    if not FILE.is_file():
        pytest.skip(f"UNODC data file not found in {DATA} (set TIPCOURSE_DATA_DIR)")
    import pandas as pd

    frame = pd.read_excel(FILE, header=2, engine="calamine")
    frame["value"] = pd.to_numeric(
        frame["txtVALUE"].astype(str).str.replace(",", "", regex=False), errors="coerce"
    )  # "<5" becomes missing, as the quiz says it should
    rows = frame[(frame["Indicator"] == "Detected trafficking victims")
                 & (frame["Dimension"] == "Total") & (frame["Sex"] == "Total")
                 & (frame["Age"] == "Total")]
    return rows


def _numbers(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]


def test_countries_reporting_a_total(totals) -> None:  # noqa: ANN001
    counts = totals.groupby("Year")["Iso3_code"].nunique()
    bank = find_bank(ROOT, "reading-the-data")
    prompt = bank.question("panel-drop").prompt
    assert _numbers(prompt)[:4] == [134, 2019, 112, 2022]
    assert (counts[2019], counts[2022]) == (134, 112)
    assert bank.question("panel-drop").number == counts[2019] - counts[2022]
    assert "134" in bank.question("countries-change").prompt


def test_consistent_panel_sums_and_change(totals) -> None:  # noqa: ANN001
    years = [2019, 2020, 2021, 2022]
    known = totals[totals["Year"].isin(years)].dropna(subset=["value"])
    table = known.pivot_table(index="Iso3_code", columns="Year", values="value", aggfunc="sum")
    panel = table.dropna()
    q = find_bank(ROOT, "reading-the-data").question("panel-change")
    assert _numbers(q.prompt) == [78, 2019, 2022, int(panel[2019].sum()), 2019,
                                  int(panel[2022].sum()), 2022]
    assert len(panel) == 78
    change = (panel[2022].sum() / panel[2019].sum() - 1) * 100
    assert q.grade(round(change)) and abs(change - q.number) <= q.tolerance
