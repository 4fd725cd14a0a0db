"""Strict, atomic builds: a bad source gives one `path:line: message` line, a non-zero exit,
and leaves the last good site as it was."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tipcourse.cli import main

from helpers import copy_minibook


@dataclass
class Run:
    """What the command printed and the status it exited with."""

    returncode: int
    stdout: str
    stderr: str


Tipcourse = Callable[..., Run]


@pytest.fixture
def tipcourse(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Tipcourse:
    """Run ``tipcourse ARGS`` in this process, in the folder ``root``."""

    def run(root: Path, *args: str) -> Run:
        monkeypatch.chdir(root)
        capsys.readouterr()
        try:
            status = main(list(args))
        except SystemExit as exc:  # argparse: --help, or a usage error
            status = int(exc.code or 0)
        out = capsys.readouterr()
        return Run(status, out.out, out.err)

    return run


@pytest.fixture
def book(tmp_path: Path, tipcourse: Tipcourse) -> Path:
    root = copy_minibook(tmp_path)
    result = tipcourse(root, "build", "--edition", "student")
    assert result.returncode == 0, result.stderr
    return root


def assert_one_line_error(result: Run, where: str) -> None:
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(where), lines[0]
    assert "Traceback" not in result.stderr


def test_broken_internal_link_fails_and_keeps_old_site(book: Path, tipcourse: Tipcourse) -> None:
    index = book / "_build/site/en/student/index.html"
    before = index.read_bytes()
    chapter = book / "book/chapter.md"
    chapter.write_text(chapter.read_text() + "\nSee [the missing page](missing.md).\n")
    result = tipcourse(book, "build", "--edition", "student")
    assert_one_line_error(result, "book/chapter.md:")
    assert "missing" in result.stderr
    assert index.read_bytes() == before
    assert not any(p.name.startswith(".student") for p in index.parent.parent.iterdir())


def test_fixed_source_builds_again_after_a_failure(book: Path, tipcourse: Tipcourse) -> None:
    chapter = book / "book/chapter.md"
    good = chapter.read_text()
    chapter.write_text(good + "\n{doc}`nowhere`\n")
    assert tipcourse(book, "build", "--edition", "student").returncode == 1
    chapter.write_text(good + "\nNew sentence zqxfxd.\n")
    result = tipcourse(book, "build", "--edition", "student")
    assert result.returncode == 0, result.stderr
    assert "zqxfxd" in (book / "_build/site/en/student/book/chapter.html").read_text()


def test_unknown_directive_is_reported_with_its_line(book: Path, tipcourse: Tipcourse) -> None:
    chapter = book / "book/chapter.md"
    lines = chapter.read_text().splitlines()
    chapter.write_text("\n".join([*lines, "", "```{nosuchthing}", "x", "```", ""]))
    result = tipcourse(book, "build", "--edition", "student")
    assert_one_line_error(result, f"book/chapter.md:{len(lines) + 2}:")


def test_invalid_toc_yaml_names_file_and_line(book: Path, tipcourse: Tipcourse) -> None:
    (book / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: [oops\n")
    result = tipcourse(book, "build")
    assert_one_line_error(result, "")
    assert "_toc.yml:" in result.stderr and "invalid YAML" in result.stderr


def test_page_missing_from_disk_names_the_toc_line(book: Path, tipcourse: Tipcourse) -> None:
    toc = book / "_toc.yml"
    toc.write_text(toc.read_text() + "  - file: book/ghost\n")
    for command in ("build", "check"):
        result = tipcourse(book, command)
        assert_one_line_error(result, "")
        assert "_toc.yml:6: page 'book/ghost' is listed" in result.stderr


def test_check_passes_on_a_good_course(book: Path, tipcourse: Tipcourse) -> None:
    result = tipcourse(book, "check")
    assert result.returncode == 0, result.stderr
    assert "pages: 3 readable" in result.stdout


def test_check_catches_broken_front_matter(book: Path, tipcourse: Tipcourse) -> None:
    chapter = book / "book/chapter.md"
    chapter.write_text("---\ntitle: [unclosed\n---\n" + chapter.read_text())
    result = tipcourse(book, "check")
    assert_one_line_error(result, "")
    assert "chapter.md:" in result.stderr and "front matter" in result.stderr


@pytest.mark.parametrize("command", ["build", "check", "serve", "pdf"])
def test_every_command_explains_itself(command: str, tmp_path: Path,
                                       tipcourse: Tipcourse) -> None:
    result = tipcourse(tmp_path, command, "--help")
    assert result.returncode == 0
    assert "usage: tipcourse" in result.stdout
    assert len(result.stdout.split()) > 15
