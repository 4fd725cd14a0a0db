"""Students' notebooks anywhere: what Binder declares installs the package, a student's
install (``pip install tipcourse``, no extras) runs every student notebook from a folder
outside the course, and ``show()`` finds its quiz there."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

import nbformat
import pytest
from packaging.specifiers import SpecifierSet

from tipcourse.data.solutions import WIDGET_MIME, student_copy
from tipcourse.publish import student_install

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
REQUIRES = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
DATA_DIR = os.environ.get("TIPCOURSE_DATA_DIR", str(ROOT.parent / "shared" / "data"))


def test_binder_pins_a_python_the_package_accepts() -> None:
    # repo2docker ignores requires-python when a binder/ folder exists and falls back to its
    # own default Python unless runtime.txt names one.
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-(\d+\.\d+)", runtime)
    assert match, f"binder/runtime.txt must read python-X.Y, not {runtime!r}"
    assert SpecifierSet(REQUIRES).contains(match.group(1) + ".0")
    requirements = (ROOT / "binder" / "requirements.txt").read_text().split()
    assert "." in requirements or "-e" in requirements, "Binder must install the course package"


def test_student_copies_carry_no_widget_output_without_its_state() -> None:
    for path in NOTEBOOKS:
        nb = student_copy(nbformat.read(path, as_version=4))
        state = nb.metadata.get("widgets", {}).get(
            "application/vnd.jupyter.widget-state+json", {}).get("state", {})
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                if WIDGET_MIME in output.get("data", {}):
                    assert output["data"][WIDGET_MIME]["model_id"] in state, path.name


def test_a_widget_output_without_state_becomes_a_hint_to_run_the_cell() -> None:
    nb = nbformat.read(NOTEBOOKS[0], as_version=4)
    nb.metadata.pop("widgets", None)
    copy = student_copy(nb)
    texts = json.dumps([c.get("outputs", []) for c in copy.cells])
    assert "interactive(children=" not in texts
    assert "Run this cell to explore" in texts


@pytest.fixture(scope="module")
def student_env(tmp_path_factory: pytest.TempPathFactory) -> student_install.StudentEnv:
    folder = tmp_path_factory.mktemp("student") / "env"
    # A kernel and a runner, as a student's Jupyter has them.
    return student_install.create(ROOT, folder, ("ipykernel", "nbclient"))


@pytest.mark.slow
def test_student_install_is_light(student_env: student_install.StudentEnv) -> None:
    names = {p.name.lower() for p in student_env.site_packages().iterdir()}
    for heavy in ("sphinx", "jupyter_book", "playwright", "pypdf", "pyarrow", "myst_nb"):
        assert heavy not in names, f"a student's install pulls in {heavy}"


@pytest.mark.slow
def test_student_notebooks_run_in_a_student_install(
    student_env: student_install.StudentEnv, tmp_path: Path
) -> None:
    if not Path(DATA_DIR).is_dir():
        pytest.fail(f"no GLOTIP data in {DATA_DIR}: set TIPCOURSE_DATA_DIR")
    for path in NOTEBOOKS:
        nbformat.write(student_copy(nbformat.read(path, as_version=4)), tmp_path / path.name)
    script = (
        "import sys, nbformat\n"
        "from nbclient import NotebookClient\n"
        "for name in sys.argv[1:]:\n"
        "    nb = nbformat.read(name, as_version=4)\n"
        "    NotebookClient(nb, timeout=120, kernel_name='python3').execute()\n"
        "    print('ran', name)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TIPCOURSE_ROOT"}
    env["TIPCOURSE_DATA_DIR"] = DATA_DIR
    env["TIPCOURSE_CACHE_DIR"] = str(tmp_path / "cache")
    result = student_env.run("-c", script, *(p.name for p in NOTEBOOKS), cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.count("ran ") == len(NOTEBOOKS)


@pytest.mark.slow
def test_quiz_shows_outside_the_course_in_a_student_install(
    student_env: student_install.StudentEnv, tmp_path: Path
) -> None:
    script = (
        "import IPython.display as d\n"
        "shown = []\n"
        "d.display = lambda *o: shown.extend(o)\n"
        "from tipcourse.quiz import show\n"
        "show('online-safety')\n"
        "print(len(shown), type(shown[0]).__name__)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "TIPCOURSE_ROOT"}
    result = student_env.run("-c", script, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["1", "VBox"]


@pytest.mark.parametrize("case", ["no data folder", "no network"])
def test_data_failure_in_a_notebook_is_one_sentence(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.setenv("TIPCOURSE_CACHE_DIR", str(tmp_path / "cache"))
    if case == "no data folder":
        monkeypatch.setenv("TIPCOURSE_DATA_DIR", str(tmp_path / "missing"))
    else:
        monkeypatch.delenv("TIPCOURSE_DATA_DIR", raising=False)
        monkeypatch.setenv("TIPCOURSE_DATA_URL", "http://127.0.0.1:9/data_glotip.xlsx")
    shell = InteractiveShell.instance()
    shell.run_cell("from tipcourse.data import load_glotip\ndf = load_glotip()")
    captured = capsys.readouterr()
    shown = (captured.out + captured.err).strip().splitlines()
    assert shown[0].startswith("The data could not be loaded."), shown
    assert "ask your teacher" in shown[0]
    assert len(shown) <= 2 and "Traceback" not in "\n".join(shown)
