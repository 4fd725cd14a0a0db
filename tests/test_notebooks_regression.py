"""The committed notebooks re-run on the real UNODC data give the same text outputs.

pytest-notebook re-executes each notebook and compares it with the committed one, ignoring
images, widget ids and volatile metadata: a change in any computed figure or table fails.
Needs the data: TIPCOURSE_DATA_DIR (the project's CI points it at ../shared/data).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tipcourse.data.checks import check_notebook

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



def test_the_notebooks_keep_the_notebook_rules() -> None:
    # Goals, prompts, tagged solutions, committed charts with alt text: `tipcourse check`.
    for path in NOTEBOOKS:
        check_notebook(path)


@needs_data
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_outputs_are_unchanged(path: Path) -> None:
    from pytest_notebook.nb_regression import NBRegressionFixture

    fixture = NBRegressionFixture(exec_timeout=120, diff_ignore=IGNORE,
                                  exec_cwd=str(path.parent))
    fixture.check(str(path))
