"""Student copies of notebooks: the same notebook without its cells tagged ``solution``.

A saved widget output is only a reference to a widget model. With the model's state saved in
the notebook's metadata, Jupyter draws the controls before the cell runs; without it, Jupyter
shows raw Python text such as ``interactive(children=(Dropdown(…``. A student copy keeps
widget outputs whose state is saved and replaces the others with a line saying to run the
cell."""

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
    saved = out.metadata.get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for cell in out.cells:
        if cell.cell_type != "code":
            continue
        if any(_is_widget(o) and _model(o) not in saved for o in cell.outputs):
            kept = [o for o in cell.outputs if not _is_widget(o)]
            hint = nbformat.v4.new_output("stream", name="stdout", text=RUN_TO_EXPLORE)
            cell.outputs = [hint, *kept]
    return out


def _model(output: nbformat.NotebookNode) -> str | None:
    return output["data"][WIDGET_MIME].get("model_id")


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
