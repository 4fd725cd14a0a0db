"""Student copies of notebooks: the same notebook without its cells tagged ``solution``."""

from __future__ import annotations

from pathlib import Path

import nbformat

from tipcourse.errors import DataError

SOLUTION_TAG = "solution"


def is_solution(cell: nbformat.NotebookNode) -> bool:
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def student_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    out = nbformat.from_dict(nb)
    out.cells = [c for c in out.cells if not is_solution(c)]
    return out


def strip_file(source: Path, target: Path | None = None) -> int:
    """Write the student copy of ``source`` to ``target`` (default: in place); return how
    many solution cells were removed."""
    try:
        nb = nbformat.read(source, as_version=4)
    except (OSError, ValueError) as exc:
        raise DataError(source, None, f"cannot read the notebook ({exc})".splitlines()[0],
                        "check the path") from None
    removed = sum(1 for c in nb.cells if is_solution(c))
    nbformat.write(student_copy(nb), target or source)
    return removed
