"""The student copy of the repository, which the student edition's launch buttons open.

Binder, a school's JupyterHub and Colab open notebooks straight from the repository, at the
branch the buttons name. The repository's notebooks hold the worked solutions, so the
student edition's buttons name another branch (``repository.student_branch`` in
``_config.yml``, "student" by default) holding this copy: every tracked file except the
teacher's guide, with every notebook's ``solution`` cells removed. The teacher edition's
buttons keep ``repository.branch``. README.md's publishing steps push the copy to the branch.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import nbformat

from tipcourse.course import Course
from tipcourse.data.solutions import student_copy
from tipcourse.errors import SourceError

DEFAULT_BRANCH = "student"
# Never in the copy: build output, local environments, and the teacher's material.
SKIP = {"_build", ".git", ".venv", "node_modules", "__pycache__", ".ipynb_checkpoints"}


def student_branch(course: Course) -> str:
    repository = course.config().get("repository") or {}
    return str(repository.get("student_branch") or DEFAULT_BRANCH)


def _files(course: Course) -> Iterator[Path]:
    """The repository's tracked files (every file outside SKIP if it is not a git checkout)."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=course.root, check=True,
                                capture_output=True, text=True).stdout
        names = [n for n in listed.split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        names = [str(p.relative_to(course.root)) for p in course.root.rglob("*") if p.is_file()]
    for name in sorted(names):
        parts = Path(name).parts
        if SKIP & set(parts) or parts[0] == course.teacher_dir_name:
            continue
        if (course.root / name).is_file():
            yield Path(name)


def write_student_tree(course: Course, out: Path) -> int:
    """Write the student copy into ``out`` (replacing it); return how many notebooks it
    holds."""
    out = out.resolve()
    if out == course.root or course.root.is_relative_to(out):
        raise SourceError(out, None, "the student copy cannot replace the course itself",
                          "choose an empty folder, e.g. _build/student-branch")
    shutil.rmtree(out, ignore_errors=True)
    notebooks = 0
    for name in _files(course):
        source, target = course.root / name, out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if name.suffix == ".ipynb":
            nbformat.write(student_copy(nbformat.read(source, as_version=4)), target)
            notebooks += 1
        else:
            shutil.copy2(source, target)
    return notebooks
