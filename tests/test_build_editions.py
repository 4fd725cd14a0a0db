"""Editions: teacher-only material reaches the teacher edition and no file of the student one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipcourse.course import Course
from tipcourse.publish.build import build
from tipcourse.sphinx.teacher import teacher_banner

from browser import site_pages
from helpers import STUDENT_MARKER, TEACHER_MARKER, copy_minibook, files_containing, sphinx_site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Course:
    course = Course(copy_minibook(tmp_path_factory.mktemp("editions")))
    build(course)
    return course


def test_student_edition_has_no_teacher_content_anywhere(built: Course) -> None:
    student = built.site_dir("student")
    assert (student / "index.html").is_file()
    assert files_containing(student, TEACHER_MARKER) == []
    # Not the teacher guide's pages, nor its title in the navigation or search index.
    assert not (student / "teacher_guide").exists()
    assert files_containing(student, "Teacher guide") == []


def test_student_edition_keeps_student_content(built: Course) -> None:
    student = built.site_dir("student")
    assert files_containing(student, STUDENT_MARKER)
    assert STUDENT_MARKER in (student / "searchindex.js").read_text()


def test_teacher_edition_shows_teacher_blocks_and_guide(built: Course) -> None:
    teacher = built.site_dir("teacher")
    chapter = (teacher / "book" / "chapter.html").read_text()
    assert f"{TEACHER_MARKER} in a chapter" in chapter
    assert "For the teacher" in chapter
    assert f"{TEACHER_MARKER} on the title page" in (teacher / "index.html").read_text()
    guide = (teacher / "teacher_guide" / "index.html").read_text()
    assert f"{TEACHER_MARKER} in the guide" in guide
    assert TEACHER_MARKER in (teacher / "searchindex.js").read_text()


def test_no_source_copies_are_published(built: Course) -> None:
    for edition in ("student", "teacher"):
        site = built.site_dir(edition)
        assert not (site / "_sources").exists()
        assert list(site.rglob("*.md")) == []


def test_every_teacher_page_says_teacher_edition(built: Course) -> None:
    banner = '<aside class="bd-header-announcement" aria-label="Announcement">'
    teacher = built.site_dir("teacher")
    # 404.html is the server's own small page, not one of the course's.
    pages = [p for p in site_pages(teacher) if p != "404.html"]
    assert len(pages) >= 3
    for page in pages:
        html = (teacher / page).read_text()
        assert banner in html and teacher_banner(str) in html, page
    student = built.site_dir("student")
    assert [p for p in site_pages(student) if banner in (student / p).read_text()] == []
    assert "Teacher edition" not in (teacher / "searchindex.js").read_text()


def test_student_table_of_contents_drops_teacher_pages(tmp_path: Path) -> None:
    course = Course(copy_minibook(tmp_path))
    student_pages = [e for e in course.edition_toc("student")["chapters"]]
    assert {"file": "book/chapter"} in student_pages
    assert all("teacher_guide" not in str(p) for p in student_pages)


def test_a_page_removed_from_the_contents_leaves_the_site(tmp_path: Path) -> None:
    course = Course(copy_minibook(tmp_path))
    build(course, ["teacher"])
    assert (course.site_dir("teacher") / "teacher_guide" / "index.html").is_file()
    toc = course.toc_path
    toc.write_text(toc.read_text().replace("  - file: teacher_guide/index\n", ""))
    build(course, ["teacher"])
    assert not (course.site_dir("teacher") / "teacher_guide" / "index.html").exists()


def test_teacher_pages_ask_search_engines_not_to_index_them(built: Course) -> None:
    noindex = '<meta name="robots" content="noindex">'
    teacher = built.site_dir("teacher")
    for page in ("index.html", "book/chapter.html", "teacher_guide/index.html"):
        assert noindex in (teacher / page).read_text(), page
    assert files_containing(built.site_dir("student"), noindex) == []


def test_editing_a_fact_updates_the_pages_that_cite_it(tmp_path: Path) -> None:
    course = Course(copy_minibook(tmp_path))
    course.facts_path.write_text(FACT.format(value="zqxfrst"), encoding="utf-8")
    chapter = course.root / "book" / "chapter.md"
    chapter.write_text(chapter.read_text() + "\nSome {fact}`sample-figure` people.\n")
    page = sphinx_site(course, "student") / "book" / "chapter.html"
    assert "zqxfrst" in page.read_text()
    course.facts_path.write_text(FACT.format(value="zqxscnd"), encoding="utf-8")
    sphinx_site(course, "student")
    assert "zqxscnd" in page.read_text()


FACT = """\
facts:
  sample-figure:
    value: "{value}"
    number: 1
    unit: people
    year: "2022"
    what: A figure for the test book.
    source:
      short: Sample source
      title: A sample source
      url: https://example.org/source
      where: page 1
    status: V
"""
