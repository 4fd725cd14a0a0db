"""Valid HTML: the Nu HTML Checker (npm ``vnu-jar``, run with Java) finds no error on any page
of either edition of the real course, so the course's templates (wordmark, head tags) and
directives (illustrations, charts, quizzes, lessons, videos, facts, landing-page cards) write
markup that every browser and assistive technology reads the same way.

Left out: the ``<style scoped>`` that pandas writes before each table in notebook output (not
the course's markup; the checker reports the attribute and each of its selectors).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from browser import site_pages

REPO = Path(__file__).resolve().parent.parent
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _missing(what: str) -> None:
    message = f"{what}; install it with `make setup` (npm) and a Java runtime"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def not_ours(message: dict) -> bool:
    """Messages about pandas' scoped style blocks in notebook output."""
    text = message.get("message", "")
    extract = message.get("extract") or ""
    return "“scoped”" in text or ("“style” element" in text and ".dataframe" in extract)


def checker_errors(pages: list[Path]) -> list[str]:
    java = shutil.which("java")
    if java is None:
        _missing("Java is not installed")
    if not VNU.is_file():
        _missing(f"the Nu HTML Checker is not installed ({VNU.relative_to(REPO)})")
    done = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, timeout=600,
    )
    report = json.loads(done.stderr or done.stdout or '{"messages": []}')
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']} "
        f"[{(m.get('extract') or '').strip()[:80]}]"
        for m in report["messages"]
        if m.get("type") == "error" and not not_ours(m)
    ]


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_every_page_is_valid_html(course_sites: dict[str, Path], edition: str) -> None:
    site = course_sites[edition]
    pages = [site / name for name in site_pages(site)]
    # The pages the course's own directives and templates write are among them.
    names = {p.relative_to(site).as_posix() for p in pages}
    assert {"index.html", "book/01-what-is-trafficking.html",
            "book/06-reading-the-numbers.html"} <= names
    if edition == "teacher":
        assert "teacher_guide/video-lesson.html" in names
    errors = checker_errors(pages)
    assert errors == [], f"{edition} edition:\n" + "\n".join(errors)


def test_the_checker_reports_an_error_in_our_markup(tmp_path: Path) -> None:
    # A figure whose caption sits between two of its children: the checker must catch it.
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>'
        '<figure><div>B</div><figcaption>A</figcaption><div>C</div></figure></body></html>'
    )
    assert any("figure" in line for line in checker_errors([page]))
