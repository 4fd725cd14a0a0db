"""The real course's printed books: the student workbook carries no teacher content (no
teacher block, no answer key, no quiz explanation or teacher note from any bank) and both books
have their contents, page numbers and outline. Builds the real course (slow)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import need

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent

need(bool(shutil.which("pdftotext")),
     "poppler-utils (pdftotext, pdffonts, pdftoppm) is not installed", allow_module_level=True)


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def books(course_pdfs: dict[str, Path]) -> dict[str, str]:
    return {
        edition: words(subprocess.run(["pdftotext", str(path), "-"], check=True,
                                      capture_output=True, text=True).stdout)
        for edition, path in course_pdfs.items()
    }


def test_student_workbook_has_no_answers_or_teacher_notes(books: dict[str, str]) -> None:
    from tipcourse.quiz.loader import load_banks

    student = books["student"]
    banks = list(load_banks(REPO))
    assert banks
    for bank in banks:
        for q in bank.questions:
            assert words(q.explanation) not in student, (bank.id, q.id, "explanation")
            if q.teacher_note:
                assert words(q.teacher_note) not in student, (bank.id, q.id, "teacher note")
                assert words(q.teacher_note) in books["teacher"], (bank.id, q.id)
    for marker in ("For the teacher", "Answer key", "Teacher note", "Solution (teacher"):
        assert marker not in student, marker


def test_both_books_have_the_chapters_and_page_numbers(books: dict[str, str]) -> None:
    for text in books.values():
        assert "Contents" in text and "Page 2 of" in text
        assert "Forms of exploitation" in text
    assert "Safeguarding" in books["teacher"] and "Lesson 1" in books["teacher"]
    assert "Safeguarding and trauma-informed teaching" not in books["student"]
