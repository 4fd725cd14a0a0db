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
    return root


def files_containing(folder: Path, needle: str) -> list[Path]:
    """Every file under folder whose bytes contain needle, ignoring case."""
    hits = []
    raw = needle.lower().encode()
    for path in folder.rglob("*"):
        if path.is_file() and raw in path.read_bytes().lower():
            hits.append(path)
    return hits
