import sys
from pathlib import Path

# Let tests import the shared helpers module.
sys.path.insert(0, str(Path(__file__).parent))


# The real course, built once per test run (incrementally, with warnings as errors), for the
# tests that check every page of both editions.
import pytest  # noqa: E402

# Browser fixtures for every test: chromium_browser, serve_site, page_visit (tests/browser.py).
from browser import chromium_browser, page_visit, serve_site  # noqa: E402, F401

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def course_sites() -> dict[str, Path]:
    from tipcourse.course import Course
    from tipcourse.publish.build import build

    course = Course(REPO)
    build(course, strict=True)
    return {edition: course.site_dir(edition) for edition in ("student", "teacher")}
