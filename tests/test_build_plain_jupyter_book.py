"""A plain ``jupyter-book build`` (no ``tipcourse build``, no edition named) gives the student
edition: no teacher page, no teacher block, nothing of them in the search index."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import STUDENT_MARKER, TEACHER_MARKER, copy_minibook, files_containing

JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


def test_plain_jupyter_book_build_is_the_student_edition(tmp_path: Path) -> None:
    root = copy_minibook(tmp_path)
    result = subprocess.run([str(JUPYTER_BOOK), "build", str(root)], cwd=root,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "_build" / "html"
    assert files_containing(site, STUDENT_MARKER), "the student text is missing"
    assert files_containing(site, TEACHER_MARKER) == []
    assert not (site / "teacher_guide").exists()
    assert files_containing(site, "Teacher guide") == []
    assert files_containing(site, 'content="noindex"') == []
    assert files_containing(site, "Teacher edition") == []  # no teacher banner
