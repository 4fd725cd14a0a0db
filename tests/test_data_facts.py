"""facts.yml: every figure sourced, none unverified; the check command; and agreement
between quoted figures and what the notebooks compute (or a stated reason)."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from tipcourse.course import Course
from tipcourse.data import checks, crosscheck, facts
from tipcourse.errors import FactError

from helpers import needs_data

REPO = Path(__file__).resolve().parents[1]
REQUIRED = [
    "victims-2020-2023", "increase-2022-vs-2019", "forced-labour-increase-2022-vs-2019",
    "child-increase-2022-vs-2019", "girls-increase-2022-vs-2019", "children-share-2022",
    "female-share-2022", "girls-sexual-exploitation-share", "boys-forced-labour-share",
    "women-girls-share-sexual-exploitation", "countries-covered-glotip-2024",
    "court-cases-glotip-2024", "convictions-increase-since-2019", "forced-criminality-share-2022",
    "forced-labour-share-2025", "organized-crime-share", "victims-2022", "unvtf-people-per-year",
    "countries-criminalizing",
]


def test_every_shared_fact_id_is_present_and_sourced() -> None:
    table = facts.load_facts(Course(REPO).facts_path)
    assert set(REQUIRED) <= set(table)
    for fact in table.values():
        assert fact.source.url.startswith("https://")
        if fact.status == "S":
            assert fact.caveat
    assert table["forced-labour-share-2025"].status == "S"
    assert table["victims-2020-2023"].status == "V"


def edited(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "facts.yml"
    text = Course(REPO).facts_path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return path


@pytest.mark.parametrize(("old", "new", "message"), [
    ("    status: V\n", "    status: U\n", "has status U (it is unverified)"),
    ("    status: V\n", "    status: C\n", "has status C (sources conflict)"),
    ("    source: {<<: *sp, where: \"paragraph 1\"}\n", "", "has no source"),
    ("    caveat: Reported by news", "    note: Reported by news", "status S but no caveat"),
])
def test_bad_facts_are_refused_with_their_line(tmp_path: Path, old: str, new: str,
                                               message: str) -> None:
    with pytest.raises(FactError) as info:
        facts.load_facts(edited(tmp_path, old, new))
    assert message in info.value.one_line()
    assert info.value.line and info.value.line > 1


def test_check_command_rejects_an_unverified_fact(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    bad = edited(tmp_path, "    status: V\n", "    status: U\n")
    monkeypatch.setattr(Course, "facts_path", property(lambda _course: bad))
    with pytest.raises(FactError):
        checks.check_facts(Course(REPO))


def test_check_finds_unknown_fact_on_a_page(tmp_path: Path) -> None:
    root = tmp_path / "c"
    shutil.copytree(Path(__file__).parent / "fixtures" / "minibook", root,
                    ignore=shutil.ignore_patterns("_build"))
    page = root / "book" / "chapter.md"
    page.write_text(page.read_text() + "\nSee {fact}`no-such-fact`.\n")
    with pytest.raises(FactError) as info:
        checks.check_fact_citations(Course(root))
    assert "unknown fact 'no-such-fact'" in info.value.one_line()
    assert info.value.line == len(page.read_text().splitlines())




@pytest.fixture(scope="module")
def df():  # type: ignore[no-untyped-def]
    from tipcourse.data import load_glotip

    return load_glotip()


def notebook_text() -> str:
    parts = []
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                parts.append(str(out.get("data", {}).get("text/markdown", "")))
    return "\n".join(parts)


@needs_data
@pytest.mark.parametrize("pair", crosscheck.PAIRS, ids=[p.fact_id for p in crosscheck.PAIRS])
def test_quoted_and_computed_figures_agree_or_the_notebook_says_why(pair, df) -> None:  # type: ignore[no-untyped-def]
    result = crosscheck.compare(pair.fact_id, df)
    shown = notebook_text()
    # The notebook shows exactly this comparison, with today's computed figure...
    assert crosscheck.text(pair.fact_id, df) in shown
    # ...and where the two differ, it says why.
    if not result["agree"]:
        assert f"**Why they differ:** {pair.why_different}" in shown
