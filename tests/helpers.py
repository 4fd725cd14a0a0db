"""Helpers for tests that build tiny fixture books (copied to tmp_path, then changed)."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
# One word each with no vowels, so the search index (lower-cased, stemmed) holds them whole.
TEACHER_MARKER = "zqxtchrk"
STUDENT_MARKER = "zqxstdntk"


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
