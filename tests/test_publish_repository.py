"""The repository's address is one setting (_config.yml repository.url): the notebooks'
install hints must name it, `tipcourse check` warns while it is the course's original, and
`tipcourse repository URL` changes the setting and every hint together."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from tipcourse.cli import main
from tipcourse.course import Course
from tipcourse.errors import ConfigError
from tipcourse.publish.repository import (
    PLACEHOLDER,
    check_repository,
    install_hints,
    repository_url,
)

REPO = Path(__file__).resolve().parents[1]
SCHOOL = "https://github.com/example-school/our-course"


@pytest.fixture
def course(tmp_path: Path) -> Course:
    """The real configuration and notebooks, in a folder of their own."""
    root = tmp_path / "course"
    root.mkdir()
    for name in ("_config.yml", "_toc.yml"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return Course(root)


def test_the_real_course_hints_name_the_setting() -> None:
    course = Course(REPO)
    hints = install_hints(course)
    assert len(hints) == len(list((REPO / "notebooks").glob("*.ipynb")))
    assert {hint.url for hint in hints} == {repository_url(course)}


def test_check_warns_but_passes_while_the_address_is_the_original(course: Course) -> None:
    assert repository_url(course) == PLACEHOLDER
    line = check_repository(course)
    assert line.startswith("warning: ") and "tipcourse repository URL" in line


def test_setting_the_address_changes_config_and_every_hint(
    course: Course, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = course.config_path.read_text()
    monkeypatch.chdir(course.root)
    assert main(["repository", SCHOOL + "/"]) == 0
    assert capsys.readouterr().out.strip().endswith(SCHOOL)
    after = course.config_path.read_text()
    assert after == before.replace(f"url: {PLACEHOLDER}", f"url: {SCHOOL}")  # comments kept
    assert {hint.url for hint in install_hints(course)} == {SCHOOL}
    for path in (course.root / "notebooks").glob("*.ipynb"):
        nbformat.validate(nbformat.read(path, as_version=4))
    assert check_repository(course) == f"repository: {SCHOOL}"


def test_a_hint_that_names_another_address_fails_the_check(course: Course) -> None:
    notebook = sorted((course.root / "notebooks").glob("*.ipynb"))[0]
    notebook.write_text(notebook.read_text().replace(PLACEHOLDER, SCHOOL))
    with pytest.raises(ConfigError) as error:
        check_repository(course)
    assert notebook.name in error.value.one_line()
    assert f"run: tipcourse repository {PLACEHOLDER}" in error.value.one_line()


def test_an_address_that_is_not_https_is_refused(
    course: Course, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(course.root)
    assert main(["repository", "git@github.com:school/course.git"]) == 1
    assert "not an https:// address" in capsys.readouterr().err
    assert repository_url(course) == PLACEHOLDER


def test_tipcourse_check_prints_the_warning_and_passes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Whatever the real setting is, treat it as the original address.
    monkeypatch.setattr("tipcourse.publish.repository.PLACEHOLDER",
                        repository_url(Course(REPO)))
    monkeypatch.chdir(REPO)
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "warning: repository.url in _config.yml is still" in out
    assert out.rstrip().endswith("all sources are valid")


def test_a_course_without_an_address_or_notebooks_is_warned_not_failed(tmp_path: Path) -> None:
    root = tmp_path / "draft"
    root.mkdir()
    (root / "_config.yml").write_text("title: A draft\n")
    (root / "_toc.yml").write_text("format: jb-book\nroot: index\n")
    assert check_repository(Course(root)).startswith("warning: no repository.url")


def test_notebooks_without_an_address_fail(course: Course) -> None:
    config = course.config_path
    config.write_text(config.read_text().replace(f"url: {PLACEHOLDER}", "branch_only: x"))
    with pytest.raises(ConfigError, match="repository.url is not an https:// address"):
        check_repository(course)
