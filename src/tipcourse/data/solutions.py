"""Student copies of notebooks: the same notebook without its cells tagged ``solution``.

Saved widget outputs are only a reference to live widget state; without that state (and the
course saves none) Jupyter shows them as raw Python text such as
``interactive(children=(Dropdown(…``. A student copy replaces them with a line saying to run
the cell."""

from __future__ import annotations

from pathlib import Path

import nbformat

from tipcourse.errors import DataError

SOLUTION_TAG = "solution"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
RUN_TO_EXPLORE = "Run this cell to explore: the controls and the chart appear here.\n"


def is_solution(cell: nbformat.NotebookNode) -> bool:
    return SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def student_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    out = nbformat.from_dict(nb)
    out.cells = [c for c in out.cells if not is_solution(c)]
    has_state = bool(out.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state"))
    if not has_state:
        for cell in out.cells:
            if cell.cell_type == "code" and any(_is_widget(o) for o in cell.outputs):
                kept = [o for o in cell.outputs if not _is_widget(o)]
                hint = nbformat.v4.new_output("stream", name="stdout", text=RUN_TO_EXPLORE)
                cell.outputs = [hint, *kept]
    return out


def _is_widget(output: nbformat.NotebookNode) -> bool:
    return WIDGET_MIME in output.get("data", {})


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
