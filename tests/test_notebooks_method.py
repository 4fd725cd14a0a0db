"""The committed notebooks follow the data method in what they show: every comparison names
its panel, nothing counts "<5" as a number, charts whose parts would not add up show the
gap, and where UNODC's figure and ours differ the teacher edition says what to tell a
student. Reads the committed outputs (no data needed)."""

from __future__ import annotations

from pathlib import Path

import nbformat

from tipcourse.data.solutions import student_copy

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def load(stem: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOKS / f"{stem}.ipynb", as_version=4)


def alts(nb: nbformat.NotebookNode) -> list[str]:
    return [o["metadata"]["image/png"]["alt"] for c in nb.cells if c.cell_type == "code"
            for o in c.outputs if "image/png" in o.get("data", {})]


def outputs(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in (c for c in nb.cells if c.cell_type == "code"):
        for out in cell.outputs:
            parts.append(out.get("text", ""))
            parts.extend(str(v) for v in out.get("data", {}).values())
    return "\n".join(parts)


def test_the_form_chart_uses_the_fair_panel() -> None:
    nb = load("02-forms-over-time")
    first = alts(nb)[0]
    assert first.startswith("Line chart. In the same 53 countries")
    assert "from 25% to 32%" in first and "changes a lot" not in first
    assert "In the panel: False" in outputs(nb)  # Pakistan


def test_comparisons_state_their_panel_size() -> None:
    assert ("In the 78 countries that reported a number every year, detected victims rose"
            in outputs(load("01-how-many-detected")))
    assert ("In the 19 countries that reported a number every year, persons convicted fell"
            in outputs(load("05-justice-response")))


def test_no_suppressed_cell_is_called_hidden_to_protect_people() -> None:
    for path in NOTEBOOKS.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells)
        assert "hidden to protect" not in text and "released" not in text, path.name


def test_citizenship_bars_show_unknown_and_too_few() -> None:
    alt = alts(load("04-regions-and-flows"))[1]
    assert "Asia: own citizens 78.1%, other citizenship 1.8%, unknown 20.1%" in alt
    assert "Oceania: too few to compare." in alt


def test_differences_with_unodc_have_a_teacher_note_only_teachers_get() -> None:
    for stem in ("01-how-many-detected", "02-forms-over-time", "05-justice-response"):
        nb = load(stem)
        notes = [c for c in nb.cells if c.cell_type == "markdown" and "{teacher}" in c.source]
        assert notes and all("solution" in c.metadata.get("tags", []) for c in notes), stem
        assert not any("{teacher}" in c.source for c in student_copy(nb).cells), stem
