"""A student's install: the package without extras in a fresh virtual environment.

``pip install tipcourse`` gives what the notebooks need (data loader, tables, charts, quiz
widgets); building the site and PDFs needs the ``course`` extra. This module makes such an
environment from the course's source tree (a regular, not editable, install, as a student
gets it), measures it, and runs code in it. ``make bench`` prints its size; the tests run
every student notebook in it.
"""

from __future__ import annotations

import subprocess
import venv
from dataclasses import dataclass
from pathlib import Path

# Not part of what the package needs: pip's own files, and the kernel a student's Jupyter
# already has (JupyterLab, a school's JupyterHub, Colab).
NOT_COUNTED = ("pip", "setuptools", "_distutils_hack", "distutils-precedence.pth")


@dataclass
class StudentEnv:
    folder: Path

    @property
    def python(self) -> Path:
        return self.folder / "bin" / "python"

    def site_packages(self) -> Path:
        return next((self.folder / "lib").glob("python3*/site-packages"))

    def run(self, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.python), *args], cwd=cwd, env=env, text=True,
                              capture_output=True, timeout=timeout, check=False)


def create(source: Path, folder: Path, extra_packages: tuple[str, ...] = ()) -> StudentEnv:
    """A fresh environment in ``folder`` with the package from ``source`` installed without
    extras (plus ``extra_packages``, e.g. a kernel to run notebooks)."""
    venv.create(folder, with_pip=True, clear=True)
    env = StudentEnv(folder)
    result = env.run("-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                     str(source), *extra_packages)
    if result.returncode != 0:
        raise RuntimeError(f"pip install failed:\n{result.stderr[-2000:]}")
    return env


def size_mb(env: StudentEnv, exclude: tuple[str, ...] = ()) -> float:
    """Megabytes in site-packages, without pip's own files and the names in ``exclude``."""
    skip = {n.lower().replace("-", "_") for n in NOT_COUNTED + exclude}
    total = 0
    for entry in env.site_packages().iterdir():
        name = entry.name.lower().split("-")[0].removesuffix(".libs")
        if name in skip or entry.name.lower() in skip:
            continue
        files = [entry] if entry.is_file() else [p for p in entry.rglob("*") if p.is_file()]
        total += sum(p.stat().st_size for p in files)
    return round(total / 1e6, 1)


# What any Jupyter (JupyterLab, a JupyterHub, Colab) already brings: IPython and its helpers.
JUPYTER = ("ipython", "ipython_pygments_lexers", "jedi", "parso", "pygments", "prompt_toolkit",
           "wcwidth", "traitlets", "comm", "matplotlib_inline", "stack_data", "executing",
           "asttokens", "pure_eval", "decorator", "pexpect", "ptyprocess")


def bench(source: Path, folder: Path) -> dict[str, float]:
    """Size of a student's install, all of it and without what Jupyter itself brings."""
    env = create(source, folder)
    return {"site_packages_mb": size_mb(env), "without_jupyter_mb": size_mb(env, JUPYTER)}
