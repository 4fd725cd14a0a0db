"""The committed notebooks re-run on the real UNODC data give the same text outputs.

pytest-notebook re-executes each notebook and compares it with the committed one, ignoring
images, widget ids and volatile metadata: a change in any computed figure or table fails.
Needs the data: TIPCOURSE_DATA_DIR (the project's CI points it at ../shared/data).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from helpers import needs_data

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
IGNORE = (
    "/metadata/language_info",
    "/metadata/widgets",
    "/cells/*/outputs/*/data/application/vnd.jupyter.widget-view+json",
    "/cells/*/outputs/*/data/image/png",
    "/cells/*/outputs/*/metadata",
    "/cells/*/execution_count",
    "/cells/*/outputs/*/execution_count",
    "/cells/*/metadata/execution",
)



def test_five_notebooks_with_goals_and_three_solutions() -> None:
    assert [p.stem for p in NOTEBOOKS] == [
        "01-how-many-detected", "02-forms-over-time", "03-who-is-detected",
        "04-regions-and-flows", "05-justice-response"]
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert "## Learning goals" in text, path.name
        assert text.count("Think about the data") >= 2, path.name
        tagged = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
        assert len(tagged) >= 3, path.name
        # One stream output per cell and stream: the kernel may split a long print in two
        # (pytest-notebook merges what it obtains), so commit them merged.
        for cell in (c for c in nb.cells if c.cell_type == "code"):
            names = [o.name for o in cell.outputs if o.output_type == "stream"]
            assert len(names) == len(set(names)), f"{path.name}: coalesce the streams"
        # Committed with outputs, and every chart has alt text and a table after it.
        images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                  if "image/png" in o.get("data", {})]
        assert images, path.name
        for out in images:
            assert out["metadata"]["image/png"]["alt"].startswith(("Line chart.", "Bar chart."))


@needs_data
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_outputs_are_unchanged(path: Path) -> None:
    from pytest_notebook.nb_regression import NBRegressionFixture

    fixture = NBRegressionFixture(exec_timeout=120, diff_ignore=IGNORE,
                                  exec_cwd=str(path.parent))
    fixture.check(str(path))
