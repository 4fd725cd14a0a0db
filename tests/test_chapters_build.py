"""The title page and the chapters build cleanly (nitpicky, warnings as errors) in both editions,
and the built pages show what readers need: figures with their sources, working glossary links,
the quizzes, model answers in chapter 3, and teacher notes only in the teacher edition.

Reads the real course as built once per test run (the ``course_sites`` fixture).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tipcourse.course import Course

from helpers import files_containing

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = {
    "01-what-is-trafficking": "defining-trafficking",
    "02-forms-of-exploitation": "forms-of-exploitation",
    "03-organized-crime": None,
    "04-staying-safe-online": "online-safety",
    "05-blue-heart": "blue-heart",
    "06-reading-the-numbers": "reading-the-data",
}
NOTEBOOKS = ["01-how-many-detected", "02-forms-over-time", "03-who-is-detected",
             "04-regions-and-flows", "05-justice-response"]
# Titles of teacher-only blocks in the chapters: none may reach the student edition.
TEACHER_TITLES = ["Model answers for the scenarios", "Notes for the scenarios",
                  "Before this lesson", "Using the notebooks in class", "Teacher edition",
                  "Model answers for the questions to discuss",
                  "If a student notices that notebook 2 disagrees",
                  "If a student notices that notebook 5 disagrees",
                  "When forced marriage is close to home",
                  "Students who may fear the authorities",
                  "If a student tells you about an image"]


@pytest.fixture(scope="module")
def course(course_sites: dict[str, Path]) -> Course:
    # The real course, built once per run (strict: a broken {doc}/{ref}/{term} fails there).
    return Course(ROOT)


def page(course: Course, edition: str, name: str) -> str:
    return (course.site_dir(edition) / f"{name}.html").read_text(encoding="utf-8")


def main_text(html: str) -> str:
    body = html[html.find("<main"):html.find("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_every_chapter_shows_goals_key_points_and_its_quiz(course: Course, edition: str) -> None:
    for chapter, bank in CHAPTERS.items():
        html = page(course, edition, f"book/{chapter}")
        text = main_text(html)
        assert "Content note" in text and "Learning goals" in text and "Key points" in text
        if bank:
            assert f'data-quiz="{bank}"' in html, chapter
        else:
            assert "Questions to discuss" in text


def test_every_figure_shows_its_source(course: Course) -> None:
    for chapter in CHAPTERS:
        source = (ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8")
        html = page(course, "student", f"book/{chapter}")
        uses = source.count("{fact}`")
        assert html.count('class="tc-fact-source"') == uses, chapter
    # A figure from secondary sources says so next to the number.
    assert "secondary source" in main_text(page(course, "student", "book/03-organized-crime"))


def test_glossary_terms_and_sources_are_links(course: Course) -> None:
    chapter = page(course, "student", "book/01-what-is-trafficking")
    assert re.search(r'href="glossary\.html#term-Palermo-Protocol"', chapter)
    assert 'href="references.html#src-palermo"' in chapter
    assert 'id="src-palermo"' in page(course, "student", "book/references")
    notebooks = page(course, "student", "book/06-reading-the-numbers")
    for name in NOTEBOOKS:
        assert f'href="../notebooks/{name}.html"' in notebooks


def test_teacher_notes_only_in_teacher_edition(course: Course) -> None:
    student, teacher = course.site_dir("student"), course.site_dir("teacher")
    for title in TEACHER_TITLES:
        assert files_containing(student, title) == [], title
        assert files_containing(teacher, title), title
    assert "teacher_guide" not in page(course, "student", "index")
    assert 'href="teacher_guide/index.html"' in page(course, "teacher", "index")


def test_title_page_explains_the_course_to_students(course: Course) -> None:
    text = main_text(page(course, "student", "index"))
    for needed in ("13 to 18", "Six chapters", "Five data notebooks", "Quizzes",
                   "You can stop at any time", "Nobody will ask about your own experiences"):
        assert needed in text, needed
    for chapter in CHAPTERS:
        assert f'href="book/{chapter}.html"' in page(course, "student", "index")
