"""The printed guides on the site: the landing page's printing card links the student workbook
on the student site and both PDFs on the teacher site once they are printed, says how to get
them before, never links a missing file, and the teacher guide never reaches the student site
or the offline zip."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tipcourse.course import Course
from tipcourse.publish import guides
from tipcourse.publish.dist import build_zip
from tipcourse.publish.site import broken_links, page_links

REPO = Path(__file__).resolve().parents[1]
LANDING = (
    '<!DOCTYPE html><html><body><div class="card"><p>Printing</p>'
    '<div id="tc-print-guides" class="tc-print-guides"><p>Ask your teacher.</p></div>'
    "</div></body></html>"
)


def pdf_links(index: Path) -> list[str]:
    return [link for link in page_links(index) if link.endswith(".pdf")]


def card_text(index: Path) -> str:
    match = guides.BLOCK.search(index.read_text(encoding="utf-8"))
    assert match, f"{index}: no printing card block"
    return match[0]


@pytest.fixture
def course(tmp_path: Path) -> Course:
    course = Course(tmp_path)
    for edition in ("student", "teacher"):
        site = course.site_dir(edition)
        site.mkdir(parents=True)
        (site / "index.html").write_text(LANDING, encoding="utf-8")
    return course


def print_guides(course: Course, *names: str) -> None:
    course.pdf_dir().mkdir(parents=True, exist_ok=True)
    for name in names:
        (course.pdf_dir() / name).write_bytes(b"%PDF-1.7\n" + b"x" * 2_000_000)


def test_before_printing_the_card_says_how_to_get_the_guides(course: Course) -> None:
    for edition in ("student", "teacher"):
        site = course.site_dir(edition)
        guides.place(course, edition, site)
        index = site / "index.html"
        assert pdf_links(index) == []
        assert not list(site.glob("*.pdf"))
        assert broken_links(site) == []
    assert "Ask your teacher" in card_text(course.site_dir("student") / "index.html")
    assert "ask the person who looks after it" in card_text(
        course.site_dir("teacher") / "index.html")


def test_printed_guides_are_copied_and_linked_per_edition(course: Course) -> None:
    print_guides(course, "student-workbook.pdf", "teacher-guide.pdf")
    guides.place_in_built_sites(course)
    student, teacher = course.site_dir("student"), course.site_dir("teacher")
    assert pdf_links(student / "index.html") == ["student-workbook.pdf"]
    assert sorted(p.name for p in student.glob("*.pdf")) == ["student-workbook.pdf"]
    assert sorted(pdf_links(teacher / "index.html")) == ["student-workbook.pdf",
                                                         "teacher-guide.pdf"]
    assert sorted(p.name for p in teacher.glob("*.pdf")) == ["student-workbook.pdf",
                                                             "teacher-guide.pdf"]
    assert "(PDF, 2 MB)" in card_text(student / "index.html")
    for site in (student, teacher):
        assert broken_links(site) == []
        assert "Ask your teacher" not in card_text(site / "index.html")


def test_only_the_printed_guide_is_linked(course: Course) -> None:
    print_guides(course, "student-workbook.pdf")
    teacher = course.site_dir("teacher")
    guides.place(course, "teacher", teacher)
    assert pdf_links(teacher / "index.html") == ["student-workbook.pdf"]
    assert broken_links(teacher) == []


def test_a_teacher_guide_in_the_student_site_is_removed(course: Course) -> None:
    print_guides(course, "teacher-guide.pdf")
    student = course.site_dir("student")
    (student / "teacher-guide.pdf").write_bytes(b"%PDF-1.7\n")
    guides.place(course, "student", student)
    assert not (student / "teacher-guide.pdf").exists()
    assert pdf_links(student / "index.html") == []


def test_real_course_links_its_printed_guides(
    course_sites: dict[str, Path], course_pdfs: dict[str, Path]
) -> None:
    """The real landing page holds the card's block, and after printing each site links its
    guides; the zip carries the workbook once and never the teacher guide."""
    student, teacher = course_sites["student"], course_sites["teacher"]
    assert pdf_links(student / "index.html") == ["student-workbook.pdf"]
    assert not (student / "teacher-guide.pdf").exists()
    assert sorted(pdf_links(teacher / "index.html")) == ["student-workbook.pdf",
                                                         "teacher-guide.pdf"]
    for site in (student, teacher):
        assert broken_links(site) == []
    with zipfile.ZipFile(build_zip(Course(REPO), ("en",))) as archive:
        names = [Path(name).name for name in archive.namelist()]
    assert names.count("student-workbook.pdf") == 1
    assert "teacher-guide.pdf" not in names
