import sys
from pathlib import Path

# Let tests import the shared helpers module.
sys.path.insert(0, str(Path(__file__).parent))

import pytest  # noqa: E402

# Browser fixtures for every test: chromium_browser, serve_site, page_visit (tests/browser.py).
from browser import chromium_browser, page_visit, serve_site  # noqa: E402, F401
from helpers import glotip_data  # noqa: E402, F401

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def course_sites() -> dict[str, Path]:
    """The real course, built once per test run (incrementally, warnings as errors), for
    every test that reads its built pages: edition -> site folder."""
    from tipcourse.course import Course
    from tipcourse.publish.build import build

    course = Course(REPO)
    build(course, strict=True)
    return {edition: course.site_dir(edition) for edition in ("student", "teacher")}


@pytest.fixture(scope="session")
def course_pdfs() -> dict[str, Path]:
    """The real course's printed books, printed once per test run: edition -> PDF."""
    from tipcourse.course import Course
    from tipcourse.publish import pdf

    course = Course(REPO)
    assert pdf.main(course, ["teacher", "student"]) == 0
    return {edition: course.pdf_dir() / name for edition, name in pdf.PDF_NAMES.items()}
