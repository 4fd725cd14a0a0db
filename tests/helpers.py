"""Helpers for tests that build tiny fixture books (copied to tmp_path, then changed)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tipcourse.course import Course

FIXTURES = Path(__file__).parent / "fixtures"
# One word each with no vowels, so the search index (lower-cased, stemmed) holds them whole.
TEACHER_MARKER = "zqxtchrk"
STUDENT_MARKER = "zqxstdntk"


def need(available: bool, what: str, *, allow_module_level: bool = False) -> None:
    """Skip when a tool or the data is missing, except under CI (``CI=true``), where a
    missing one fails with ``what``: a CI run must not pass without testing that part."""
    if available:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} (CI=true: this test must run, so install it)", pytrace=False)
    pytest.skip(what, allow_module_level=allow_module_level)


def data_available() -> bool:
    folder = os.environ.get("TIPCOURSE_DATA_DIR")
    return bool(folder) and any(Path(folder).glob("data_glotip_*.xlsx"))


@pytest.fixture
def glotip_data() -> None:
    need(data_available(), "the UNODC data file is missing: set TIPCOURSE_DATA_DIR to its folder")


# For tests that read the UNODC data file.
needs_data = pytest.mark.usefixtures("glotip_data")


def sphinx_site(course: Course, edition: str) -> Path:
    """Build one edition of a fixture book in this process with Sphinx's own test app; return
    the HTML folder. The pages are as the extension makes them, without the site's finishing
    (slimming, link check, atomic swap) that a test of a directive does not need. Any Sphinx
    warning fails the test, as in the course build."""
    from sphinx.testing.util import SphinxTestApp

    from tipcourse.publish.build import sphinx_config

    conf = course.root / "conf.py"  # the test app reads one; the settings are the overrides
    if not conf.exists():
        conf.write_text("# Settings: _config.yml through tipcourse's sphinx_config.\n")
    app = SphinxTestApp("html", srcdir=course.root, builddir=course.build_dir / "sphinx" / edition,
                        confoverrides=sphinx_config(course, edition))
    try:
        app.build()
    finally:
        app.cleanup()
    assert not app.warning.getvalue().strip(), app.warning.getvalue()
    return Path(app.outdir)


def copy_minibook(tmp_path: Path) -> Path:
    root = tmp_path / "book"
    shutil.copytree(FIXTURES / "minibook", root, ignore=shutil.ignore_patterns("_build"))
    # The course's own figures, so fixture pages can cite them as chapters do.
    shutil.copy(FIXTURES.parents[1] / "book" / "facts.yml", root / "book" / "facts.yml")
    return root


def files_containing(folder: Path, needle: str) -> list[Path]:
    """Every file under folder whose bytes contain needle, ignoring case."""
    hits = []
    raw = needle.lower().encode()
    for path in folder.rglob("*"):
        if path.is_file() and raw in path.read_bytes().lower():
            hits.append(path)
    return hits


def folder_text(folder: Path) -> str:
    """Every page, script and notebook under folder, whitespace folded and quotes made
    straight (the site prints typographic quotes where the sources have straight ones)."""
    parts = [p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*")
             if p.suffix in {".html", ".js", ".ipynb", ".txt", ".json"} and p.is_file()]
    text = " ".join(" ".join(parts).split())
    return text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"',
                                         "\u201d": '"'}))


def real_course_teacher_leaks(folder: Path, course_root: Path, lang: str = "en") -> list[str]:
    """Teacher material of the real course (in ``lang``) found under folder (a student site or
    its zip, unpacked): quiz teacher notes, lesson plans' text, notebook solutions, the guide's
    pages."""
    import html

    import nbformat

    from tipcourse.course import Course
    from tipcourse.lessons.loader import load_lessons
    from tipcourse.quiz import load_banks

    text = folder_text(folder)
    unescaped = html.unescape(text)
    leaks: list[str] = []
    for bank in load_banks(course_root, lang):
        for question in bank.questions:
            if question.teacher_note:
                note = " ".join(str(question.teacher_note).split())[:80]
                if note in text or note in unescaped:
                    leaks.append(f"teacher note of {bank.id}/{question.id}")
    for lesson in load_lessons(Course(course_root), lang):
        for teacher_text in (lesson.essential_question, lesson.content_note[:60]):
            if " ".join(teacher_text.split()) in unescaped:
                leaks.append(f"{lesson.id}: {teacher_text!r}")
    for path in sorted((course_root / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if "solution" in cell.metadata.get("tags", []):
                first = next((line.strip() for line in cell.source.splitlines()
                              if len(line.strip()) > 25 and not line.startswith("#")), "")
                if first and (first in text or first in unescaped):
                    leaks.append(f"solution in {path.name}: {first[:60]}")
    leaks += [f"teacher page {p}" for p in folder.rglob("teacher_guide")]
    return leaks


def write_po(path: Path, messages: dict[str, str]) -> None:
    """A translation catalogue holding ``messages`` (English → translation)."""
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    out = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    for english, translated in messages.items():
        out.append(f"msgid {json.dumps(english, ensure_ascii=False)}\n"
                   f"msgstr {json.dumps(translated, ensure_ascii=False)}\n")
    path.write_text("\n".join(out), encoding="utf-8")
