"""tipcourse pdf without Chromium, its books' tables of contents, and atomic writes (no
browser needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipcourse import cli
from tipcourse.course import Course
from tipcourse.publish import pdf

from helpers import FIXTURES, copy_minibook


def test_missing_chromium_gives_one_line_and_keeps_the_old_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    course = Course(copy_minibook(tmp_path))
    old = course.pdf_dir() / "student-workbook.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF- the previous book")
    monkeypatch.setenv("TIPCOURSE_CHROMIUM", str(tmp_path / "no-such-chromium"))
    assert pdf.main(course, ["student"]) == pdf.NO_CHROMIUM != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "Chromium" in err[0] and "apt-get install chromium" in err[0]
    assert "playwright install chromium" in err[0]
    assert old.read_bytes() == b"%PDF- the previous book"


def test_build_with_pdf_and_no_chromium_still_builds_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_minibook(tmp_path)
    monkeypatch.setenv("TIPCOURSE_ROOT", str(root))
    monkeypatch.setenv("TIPCOURSE_CHROMIUM", str(tmp_path / "no-such-chromium"))
    status = cli.main(["build", "--edition", "student", "--pdf"])
    assert (root / "_build/site/en/student/index.html").is_file()
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 0  # `make course` goes on: the site is there
    assert len(err) == 1 and "the PDFs need Chromium" in err[0]


def test_unknown_paper_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert pdf.main(Course(copy_minibook(tmp_path)), ["student"], paper="a3") == 1
    assert capsys.readouterr().err.strip() == "tipcourse pdf: unknown paper 'a3' (use a4 or letter)"


def test_teacher_book_order_guide_first_then_chapters_then_handouts() -> None:
    toc = pdf.print_toc(Course(FIXTURES / "printbook"), "teacher")
    order = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert order == [
        "teacher_guide/index", "teacher_guide/video-lesson", "teacher_guide/assessment",
        "book/01-first", "book/02-second", "book/03-long", "teacher_guide/handouts",
    ]
    assert [p.get("caption") for p in toc["parts"]] == ["Teaching guide", "The course", "Handouts"]


def test_student_book_has_chapters_and_handouts_only() -> None:
    toc = pdf.print_toc(Course(FIXTURES / "printbook"), "student")
    order = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    # The handouts themselves, not the teachers' page that lists them.
    assert order == [
        "book/01-first", "book/02-second", "book/03-long",
        "teacher_guide/handouts/word-cards", "teacher_guide/handouts/quiz-sheet",
    ]


def test_write_atomically_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "pdf" / "book.pdf"
    pdf.write_atomically(b"%PDF-1", target)
    pdf.write_atomically(b"%PDF-2", target)
    assert target.read_bytes() == b"%PDF-2"
    assert [p.name for p in target.parent.iterdir()] == ["book.pdf"]
