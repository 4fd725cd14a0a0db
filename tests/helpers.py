"""Helpers for tests that build tiny fixture books (copied to tmp_path, then changed)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

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
