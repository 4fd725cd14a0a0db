"""The student site as one zip (``tipcourse dist``): it opens from ``index.html`` with no
server and no network, holds the notebooks' student copies and the workbook, carries no
teacher material, and the student site's landing page links to it. The printed workbook shows
the version and, on the next page, the licences."""

from __future__ import annotations

import shutil
import zipfile
from io import BytesIO
from pathlib import Path

import nbformat
import pytest

from tipcourse import __version__
from tipcourse.course import Course
from tipcourse.errors import BuildError
from tipcourse.publish import pdf
from tipcourse.publish.build import build
from tipcourse.publish.dist import build_zip
from tipcourse.publish.site import broken_links, page_links

from browser import open_page
from helpers import (
    FIXTURES,
    STUDENT_MARKER,
    TEACHER_MARKER,
    files_containing,
    real_course_teacher_leaks,
)

REPO = Path(__file__).resolve().parents[1]
NOTE_MARKER = "zqxnotek"  # the printbook quiz's teacher note


def unzip(zip_path: Path, into: Path) -> Path:
    """Extract into an empty folder; return the one folder the zip holds."""
    into.mkdir(parents=True, exist_ok=True)
    assert not any(into.iterdir())
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(into)
    (folder,) = into.iterdir()
    return folder


@pytest.fixture(scope="module")
def course_zip(course_sites: dict[str, Path], course_pdfs: dict[str, Path]) -> Path:
    """The real course's zip (English), from the session's built site and printed workbook."""
    return build_zip(Course(REPO), ("en",))


@pytest.fixture(scope="module")
def fixture_course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    """The print fixture course (teacher markers everywhere, a quiz with a teacher note),
    both editions built, the workbook printed and the zip made."""
    root = tmp_path_factory.mktemp("dist") / "book"
    shutil.copytree(FIXTURES / "printbook", root, ignore=shutil.ignore_patterns("_build"))
    course = Course(root)
    build(course)
    assert pdf.main(course, ["student"]) == 0
    build_zip(course)
    return course


def test_the_zip_is_named_after_the_version_and_linked_from_the_landing_page(
    course_zip: Path, course_sites: dict[str, Path]
) -> None:
    assert course_zip == REPO / "_build" / "dist" / f"tipcourse-student-{__version__}.zip"
    site = course_sites["student"]
    # One copy, beside the language index, two folders above each landing page.
    assert f"../../{course_zip.name}" in page_links(site / "index.html")
    assert (site.parents[1] / course_zip.name).read_bytes() == course_zip.read_bytes()
    assert broken_links(site) == []
    # The teacher edition is never packed, and its landing page offers no zip.
    assert not any(link.endswith(".zip") for link in page_links(course_sites["teacher"]
                                                                / "index.html"))


@pytest.mark.browser
def test_the_unzipped_course_opens_offline_chapters_and_a_quiz_work(
    course_zip: Path, tmp_path: Path, chromium_browser
) -> None:
    zipped = unzip(course_zip, tmp_path / "usb-stick")
    notebooks = sorted(p.name for p in (zipped / "notebooks").glob("*.ipynb"))
    assert notebooks == sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
    for name in ("index.html", "LICENSE", "LICENSE-CONTENT.md", "en/student/index.html",
                 "en/student/student-workbook.pdf"):
        assert (zipped / name).is_file(), name
    # The language index leads into each language's site.
    assert page_links(zipped / "index.html") == ["en/student/index.html"]
    folder = zipped / "en" / "student"
    assert broken_links(folder) == []
    home = (folder / "index.html").as_uri()
    with open_page(chromium_browser, home, offline=True) as (page, visit):
        # Inside the zip the download block says this is the offline copy.
        assert "offline copy of the course" in page.locator("#tc-course-download").inner_text()
        chapters = page.locator("main a[href^='book/0']")
        hrefs = list(dict.fromkeys(chapters.evaluate_all(
            "links => links.map(a => a.getAttribute('href'))")))
        assert len(hrefs) >= 6
        for href in hrefs:
            page.goto(home)
            # A chapter card's link covers the card (its own text is hidden): click the card.
            card = page.locator(f"main .sd-card:has(a[href='{href}'])")
            (card if card.count() else page.locator(f"main a[href='{href}']")).first.click()
            page.wait_for_load_state()
            assert page.url == (folder / href).as_uri()
            assert page.locator("main h1 >> visible=true").count() == 1
        page.goto((folder / hrefs[0]).as_uri())
        question = page.locator(".tc-quiz .tc-question:has(input[type=radio])").first
        question.locator("input[type=radio]").first.check()
        question.get_by_role("button", name="Check answer").click()
        verdict = question.locator(".tc-verdict")
        verdict.wait_for()
        assert verdict.inner_text().strip()
        assert visit.external_requests == []
        assert visit.console_errors == []


def test_the_zip_holds_no_teacher_material_of_the_real_course(
    course_zip: Path, tmp_path: Path
) -> None:
    folder = unzip(course_zip, tmp_path / "unzipped")
    assert real_course_teacher_leaks(folder, REPO) == []
    for notebook in (folder / "notebooks").glob("*.ipynb"):
        cells = nbformat.read(notebook, as_version=4).cells
        assert not [c for c in cells if "solution" in c.metadata.get("tags", [])], notebook.name


def test_no_teacher_marker_in_the_fixture_course_zip(fixture_course: Course,
                                                     tmp_path: Path) -> None:
    (zip_file,) = (fixture_course.build_dir / "dist").glob("*.zip")
    folder = unzip(zip_file, tmp_path / "unzipped")
    assert files_containing(folder, STUDENT_MARKER)  # the search below can succeed
    assert files_containing(folder, TEACHER_MARKER) == []
    assert files_containing(folder, NOTE_MARKER) == []


def test_dist_refuses_the_teacher_edition(fixture_course: Course) -> None:
    student = fixture_course.site_dir("student")
    kept = student.with_name("kept")
    student.rename(kept)
    try:
        shutil.copytree(fixture_course.site_dir("teacher"), student)
        with pytest.raises(BuildError, match="not the student edition"):
            build_zip(fixture_course)
    finally:
        shutil.rmtree(student)
        kept.rename(student)


def test_the_workbook_shows_the_version_and_then_the_licences(fixture_course: Course) -> None:
    from pypdf import PdfReader

    reader = PdfReader(BytesIO((fixture_course.pdf_dir() / "student-workbook.pdf").read_bytes()))
    title_page = " ".join(reader.pages[0].extract_text().split())
    verso = " ".join(reader.pages[1].extract_text().split())
    assert f"Version {__version__}" in title_page
    assert "CC BY 4.0" in verso and "MIT" in verso
    assert "creativecommons.org/licenses/by/4.0" in verso
    assert "owners' terms" in verso.replace("\u2019", "'")
