"""Notebooks opened where the course package is missing (Colab, a plain school JupyterHub):
the first code cell says in one sentence how to install it and where the data come from,
instead of showing a traceback."""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import nbformat
import pytest
from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def first_code_cell(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_first_cell_explains_how_to_install(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes "import tipcourse" fail as if it were not installed.
    for name in [m for m in sys.modules if m == "tipcourse" or m.startswith("tipcourse.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "tipcourse", None)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(first_code_cell(path), path.name, "exec"), {})  # must not raise
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1, lines
    repo = YAML(typ="safe").load((REPO / "_config.yml").read_text())["repository"]["url"]
    assert f'%pip install "tipcourse @ git+{repo}"' in lines[0]
    assert "UNODC" in lines[0] and "TIPCOURSE_DATA_DIR" in lines[0]


def test_first_cell_loads_the_data_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the package present, the same cell goes on to load the data (here: a fixture)."""
    from tipcourse.data import glotip

    fixture = glotip.read_export(Path(__file__).parent / "fixtures" / "data" / "glotip_small.xlsx")
    monkeypatch.setattr("tipcourse.data.load_glotip", lambda: fixture)
    scope: dict[str, object] = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(first_code_cell(NOTEBOOKS[0]), "first cell", "exec"), scope)
    assert scope["df"] is fixture
    assert out.getvalue().startswith(f"{len(fixture):,} rows")
