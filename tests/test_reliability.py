"""Careless and hostile use: concurrent builds, broken pages, bad options, offline resources,
and the routes by which solutions could reach students. Each failure is one line
``path:line: what is wrong (what to do)``, a non-zero exit and no traceback."""

from __future__ import annotations

import fcntl
import json
import re
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from tipcourse.cli import main
from tipcourse.course import Course
from tipcourse.errors import BuildError, LessonError, SourceError
from tipcourse.pages import check_fences
from tipcourse.publish.build import build, build_edition, first_problem, restore_interrupted_swap
from tipcourse.publish.site import link_error
from tipcourse.sphinx.offline import remote_resources

from helpers import STUDENT_MARKER, copy_minibook, files_containing

REPO = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "tipcourse.cli"]


def run_cli(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch,
            capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    monkeypatch.chdir(cwd)
    monkeypatch.delenv("TIPCOURSE_ROOT", raising=False)
    code = main(args)
    err = capsys.readouterr().err
    return code, err


def one_line_error(code: int, err: str) -> str:
    assert code == 1
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def add_page(root: Path, name: str, text: str) -> None:
    (root / "book" / f"{name}.md").write_text(text, encoding="utf-8")
    toc = (root / "_toc.yml").read_text()
    (root / "_toc.yml").write_text(toc.replace("  - file: book/chapter\n",
                                               f"  - file: book/chapter\n  - file: book/{name}\n"))


def add_notebook(root: Path, name: str, cells: list[nbformat.NotebookNode]) -> Path:
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    path = root / "book" / f"{name}.ipynb"
    nbformat.write(nb, path)
    toc = (root / "_toc.yml").read_text()
    (root / "_toc.yml").write_text(toc.replace("  - file: book/chapter\n",
                                               f"  - file: book/chapter\n  - file: book/{name}\n"))
    return path


# 1. Two builds of one edition at once ---------------------------------------------------

def test_two_builds_at_once_leave_one_whole_site(tmp_path: Path) -> None:
    root = copy_minibook(tmp_path)
    site = root / "_build" / "site" / "en"
    for _ in range(2):
        builds = [subprocess.Popen([*CLI, "build", "--edition", "student", "--force"], cwd=root,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                  for _ in range(2)]
        results = [(b.wait(timeout=600), b.stderr.read()) for b in builds]
        for code, err in results:
            assert "Traceback" not in err
            assert code == 0, err  # both succeeded, one after the other
        assert sorted(p.name for p in site.iterdir()) == ["student"]
        assert (site / "student" / "index.html").is_file()
        assert files_containing(site / "student" / "book", STUDENT_MARKER)


def test_a_second_build_waits_for_the_first_and_says_so(tmp_path: Path) -> None:
    root = copy_minibook(tmp_path)
    (root / "_build").mkdir()
    with open(root / "_build" / ".lock-en-student", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a build of the student edition is running
        waiting = subprocess.Popen([*CLI, "build", "--edition", "student"], cwd=root,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = waiting.stderr.readline()
        assert first.strip() == "waiting for another build of the student edition (en)…"
        assert not (root / "_build" / "site" / "en" / "student").exists()  # it did not go ahead
        fcntl.flock(lock, fcntl.LOCK_UN)
    assert waiting.wait(timeout=600) == 0
    assert (root / "_build" / "site" / "en" / "student" / "index.html").is_file()


def test_kill_9_at_any_point_keeps_the_last_good_site_and_frees_the_lock(
        tmp_path: Path) -> None:
    import os
    import signal
    import time

    root = copy_minibook(tmp_path)
    course = Course(root)
    build(course, ["student"])
    lock_path = root / "_build" / ".lock-en-student"
    for delay in (0.0, 1.0, 3.0):  # kill points: at start, in Sphinx, later in the build
        victim = subprocess.Popen([*CLI, "build", "--edition", "student", "--force"], cwd=root,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(lock_path, "a+b") as probe:
            while victim.poll() is None:  # wait until the build holds the lock
                try:
                    fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    fcntl.flock(probe, fcntl.LOCK_UN)
                    time.sleep(0.05)
                except BlockingIOError:
                    break
        time.sleep(delay)
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        assert (course.site_dir("student") / "index.html").is_file()
        with open(lock_path, "a+b") as probe:  # the kernel dropped the dead build's lock
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
    again = subprocess.run([*CLI, "build", "--edition", "student"], cwd=root,
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "waiting" not in again.stderr


def test_a_build_killed_between_the_two_renames_gets_its_site_back(tmp_path: Path) -> None:
    target = tmp_path / "site" / "student"
    old = tmp_path / "site" / ".student.old"
    old.mkdir(parents=True)
    (old / "index.html").write_text("the last good site")
    restore_interrupted_swap(target)
    assert (target / "index.html").read_text() == "the last good site"


# 2. Unclosed or misnested teacher blocks ------------------------------------------------

def test_unclosed_teacher_block_in_a_real_chapter_is_an_error_at_its_line() -> None:
    text = (REPO / "book" / "03-organized-crime.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    opening = next(i for i, line in enumerate(lines)
                   if re.match(r"^(`{3,}|:{3,})\{teacher\}", line))
    fence = re.match(r"^(`{3,}|:{3,})", lines[opening])[1]
    closing = next(i for i in range(opening + 1, len(lines)) if lines[i].strip() == fence)
    check_fences(text, "book/03-organized-crime.md")  # the real chapter is fine
    broken = "\n".join(lines[:closing] + lines[closing + 1:])
    with pytest.raises(SourceError) as err:
        check_fences(broken, "book/03-organized-crime.md")
    assert err.value.line == opening + 1
    assert err.value.message.startswith("the 'teacher' block opened here ")


def test_misnested_block_names_both_lines() -> None:
    text = "# T\n\n```{teacher}\nText\n```{note}\nInner\n```\n```\n\nMore text\n"
    with pytest.raises(SourceError) as err:
        check_fences(text, "book/x.md")
    assert err.value.line == 3
    assert err.value.message == ("the 'teacher' block opened here is closed on line 7, which "
                                 "leaves the 'note' block opened on line 5 unclosed inside it")


def test_nested_blocks_with_longer_outer_fences_are_fine() -> None:
    check_fences("````{teacher}\n```{note}\nInner\n```\n````\n\n~~~python\n```\n~~~\n", "x.md")


def test_check_and_build_refuse_an_unclosed_teacher_block(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_minibook(tmp_path)
    chapter = root / "book" / "chapter.md"
    text = chapter.read_text()
    chapter.write_text(text[: text.rindex("```")] + "\n## The last section\n")
    for command in (["check"], ["build", "--edition", "student"]):
        line = one_line_error(*run_cli(command, root, monkeypatch, capsys))
        assert line.startswith("book/chapter.md:5: the 'teacher' block opened here is never "
                               "closed")
    assert not (root / "_build" / "site").exists()


def test_a_plain_sphinx_build_also_warns_at_the_unclosed_block(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tipcourse.publish.build as publish_build

    root = copy_minibook(tmp_path)
    chapter = root / "book" / "chapter.md"
    text = chapter.read_text()
    chapter.write_text(text[: text.rindex("```")] + "\n## The last section\n")
    monkeypatch.setattr(publish_build, "check_sources", lambda course: None)
    with pytest.raises(BuildError) as err:
        build_edition(Course(root), "student")
    assert err.value.one_line().startswith(
        "book/chapter.md:5: the 'teacher' block opened here is never closed")


# 3. One line, no traceback -----------------------------------------------------------------

def test_notebook_with_invalid_json_is_one_line_at_its_line_and_column(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_minibook(tmp_path)
    path = add_notebook(root, "data", [nbformat.v4.new_code_cell("1 + 1")])
    text = path.read_text()
    path.write_text(text.replace('"cells": [', '"cells": [,', 1))
    line_no = next(i for i, line in enumerate(text.splitlines(), 1) if '"cells": [' in line)
    line = one_line_error(*run_cli(["build", "--edition", "student"], root, monkeypatch,
                                   capsys))
    assert line.startswith(f"book/data.ipynb:{line_no}: not a valid notebook: invalid JSON at "
                           "column ")


def test_export_out_is_a_file_or_cannot_be_created(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "quizzes.xml"
    existing.write_text("keep me")
    line = one_line_error(*run_cli(["export", "quizzes", "--out", str(existing)], REPO,
                                   monkeypatch, capsys))
    assert "--out is a file, not a folder" in line
    assert existing.read_text() == "keep me"
    line = one_line_error(*run_cli(["export", "quizzes", "--out", str(existing / "sub")], REPO,
                                   monkeypatch, capsys))
    assert "cannot create the folder" in line


def test_serve_port_out_of_range_or_busy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_minibook(tmp_path)
    site = root / "_build" / "site" / "en" / "student"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<title>x</title>")
    line = one_line_error(*run_cli(["serve", "--port", "70000"], root, monkeypatch, capsys))
    assert line.startswith("--port: 70000 is not a port number")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        line = one_line_error(*run_cli(["serve", "--port", str(port)], root, monkeypatch,
                                       capsys))
    assert line.startswith(f"--port: port {port} is already in use")


# 4. Hostile YAML ---------------------------------------------------------------------------

ALIAS_BOMB = "\n".join(
    ["x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
) + "\ntitle: Lesson\n"


def lesson_course(tmp_path: Path, text: str) -> Course:
    root = copy_minibook(tmp_path)
    lessons = root / "teacher_guide" / "lessons"
    lessons.mkdir(parents=True)
    (lessons / "lesson-01.yaml").write_text(text, encoding="utf-8")
    return Course(root)


def test_alias_bomb_in_a_lesson_is_one_error(tmp_path: Path) -> None:
    from tipcourse.lessons.loader import load_lesson

    with pytest.raises(LessonError) as err:
        load_lesson(lesson_course(tmp_path, ALIAS_BOMB), "lesson-01")
    assert "aliases (*name) expand this to more than" in err.value.message
    assert err.value.path.endswith("lesson-01.yaml") and err.value.line


def test_self_referring_alias_and_huge_input_are_one_error(tmp_path: Path) -> None:
    from tipcourse.quiz.loader import parse_bank

    with pytest.raises(SourceError):  # ruamel reads the alias as null: an invalid bank
        parse_bank("questions: &x [*x, *x]\n", tmp_path / "q.yaml")
    with pytest.raises(SourceError, match="file is too large"):
        parse_bank("# " + "x" * 2_000_000, tmp_path / "q.yaml")


# 5. A failing notebook cell ----------------------------------------------------------------

def test_failing_cell_is_reported_with_its_number_and_exception(tmp_path: Path) -> None:
    root = copy_minibook(tmp_path)
    config = root / "_config.yml"
    config.write_text(config.read_text().replace('execute_notebooks: "off"',
                                                 'execute_notebooks: "force"'))
    add_notebook(root, "counts", [nbformat.v4.new_markdown_cell("# Counts"),
                                  nbformat.v4.new_code_cell("total = 3"),
                                  nbformat.v4.new_code_cell("total / 0")])
    with pytest.raises(BuildError) as err:
        build_edition(Course(root), "student")
    assert err.value.one_line().startswith(
        "book/counts.ipynb: cell 3: ZeroDivisionError: division by zero (full traceback: ")
    assert err.value.hint.endswith("counts.err.log")


# 6. Errors point at the source --------------------------------------------------------------

def test_broken_link_is_reported_at_the_markdown_line(tmp_path: Path) -> None:
    root = copy_minibook(tmp_path)
    add_page(root, "links",
             '# Links\n\nSome text.\n\n<p>See <a href="nowhere.html">the map</a>.</p>\n')
    with pytest.raises(BuildError) as err:
        build_edition(Course(root), "student")
    assert err.value.one_line().startswith("book/links.md:5: broken link to nowhere.html")


def test_broken_link_from_a_lesson_plan_is_reported_at_the_yaml_line(tmp_path: Path) -> None:
    course = lesson_course(tmp_path, "title: A lesson\nsummary: >\n  Read [the handout]"
                                     "(../handouts/missing.md) first.\n")
    page = course.root / "teacher_guide" / "lessons" / "lesson-01.md"
    page.write_text("# Lesson 1\n\n```{lesson} lesson-01\n```\n")
    error = link_error(course, "teacher_guide/lessons/lesson-01.html", "../handouts/missing.html")
    assert error.one_line().startswith(
        "teacher_guide/lessons/lesson-01.yaml:3: broken link to ../handouts/missing.html")


# 7. The offline promise ---------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    '<img src="https://example.org/t.png" alt="t">',
    '<script src="https://example.org/a.js"></script>',
    '<link rel="stylesheet" href="//example.org/a.css">',
    '<iframe src="https://example.org/embed"></iframe>',
    '<video poster="https://example.org/p.jpg"></video>',
    '<audio src="https://example.org/a.mp3"></audio>',
    '<picture><source srcset="a.png 1x, https://example.org/b.png 2x"></picture>',
    '<object data="https://example.org/x.swf"></object>',
    '<div style="background: url(https://example.org/bg.png)"></div>',
])
def test_every_remote_resource_in_raw_html_is_found(html: str) -> None:
    assert [p for _, p in remote_resources(html) if p != "script"]


def test_links_and_local_resources_are_allowed() -> None:
    html = ('<a href="https://www.unodc.org/">UNODC</a> <img src="_static/a.png" alt="">'
            '<link rel="canonical" href="https://example.org/">')
    assert remote_resources(html) == []
    # A script written into a page is refused even when it loads nothing (the build's check
    # lets it through only with tipcourse_allow_raw_script).
    assert remote_resources("<p>x</p>\n<script>alert(1)</script>") == [(2, "script")]
    assert remote_resources('<script type="application/json">{"q": 1}</script>') == []


def test_remote_image_in_markdown_fails_the_build_at_its_line(tmp_path: Path) -> None:
    root = copy_minibook(tmp_path)
    add_page(root, "pictures", "# Pictures\n\nText.\n\n![t](https://example.org/t.png)\n")
    with pytest.raises(BuildError) as err:
        build_edition(Course(root), "student")
    assert err.value.one_line().startswith(
        "book/pictures.md:5: image loads https://example.org/t.png from another host")


def test_remote_script_fails_even_a_non_strict_build(tmp_path: Path) -> None:
    root = copy_minibook(tmp_path)
    add_page(root, "scripts", "# Scripts\n\nText.\n\n<script src=\"https://example.org/a.js\">"
                              "</script>\n")
    with pytest.raises(BuildError) as err:
        build_edition(Course(root), "student", strict=False)
    assert err.value.one_line().startswith("book/scripts.md:5: ")
    assert "raw <script>" in err.value.message or "from another host" in err.value.message


# 8. Solutions never reach students ------------------------------------------------------

def test_student_launch_buttons_open_a_copy_without_solutions(tmp_path: Path) -> None:
    from tipcourse.publish.student_tree import write_student_tree

    root = copy_minibook(tmp_path)
    config = root / "_config.yml"
    config.write_text(config.read_text() + (
        "repository:\n  url: https://github.com/example/course\n  branch: main\n"
        "  student_branch: student\n"
        "launch_buttons:\n  binderhub_url: https://mybinder.org\n"
        "  colab_url: https://colab.research.google.com\n"
        "  jupyterhub_url: https://hub.example.org\n"
        "sphinx_extra: {}\n").replace("sphinx_extra: {}\n", ""))
    # The other checks of this build: links a reader clicks and the click-to-load video stay.
    add_page(root, "allowed", "# Allowed\n\nRead [UNODC](https://www.unodc.org/).\n\n"
                              "```{video}\n:url: https://www.youtube.com/watch?v=abcdefghijk\n"
                              "```\n")
    solution = nbformat.v4.new_code_cell("answer = 42", metadata={"tags": ["solution"]})
    add_notebook(root, "explore", [nbformat.v4.new_markdown_cell("# Explore"),
                                   nbformat.v4.new_code_cell("x = 1"), solution])
    course = Course(root)
    build(course)
    student = (course.site_dir("student") / "book" / "explore.html").read_text()
    teacher = (course.site_dir("teacher") / "book" / "explore.html").read_text()
    launch = re.compile(r'href="(https://(?:mybinder\.org|colab\.research\.google\.com|'
                        r'hub\.example\.org)[^"]*)"')
    student_links, teacher_links = launch.findall(student), launch.findall(teacher)
    assert len(student_links) == 3 and len(teacher_links) == 3
    for link in student_links:
        assert "student" in link and "main" not in link.replace("%2F", "/").split("?")[0]
    assert all("main" in link for link in teacher_links)

    out = tmp_path / "student-branch"
    assert write_student_tree(course, out) == 1
    copy = nbformat.read(out / "book" / "explore.ipynb", as_version=4)
    assert [c.source for c in copy.cells if c.cell_type == "code"] == ["x = 1"]
    assert not (out / "teacher_guide").exists()
    assert not list(out.rglob("_build"))
    assert (course.site_dir("student") / "404.html").is_file()


# 9. Small ones -------------------------------------------------------------------------------

def test_minutes_true_is_not_one_minute() -> None:
    from ruamel.yaml import YAML

    from tipcourse.lessons.model import Lesson
    from tipcourse.yamlio import validate

    lesson = YAML(typ="rt").load((REPO / "teacher_guide/lessons/lesson-01.yaml").read_text())
    lesson["steps"][0]["minutes"] = True
    with pytest.raises(LessonError) as err:
        validate(Lesson, lesson, "lesson-01.yaml", LessonError)
    assert "minutes" in err.value.message


def test_serve_hides_folders_and_shows_the_sites_own_404_page(tmp_path: Path) -> None:
    from tipcourse.publish.serve import make_server

    site = tmp_path / "site"
    (site / "_static").mkdir(parents=True)
    (site / "_static" / "a.css").write_text("body{}")
    (site / "index.html").write_text("<title>Course</title>")
    (site / "404.html").write_text("<h1>Page not found</h1> the course's own")
    server = make_server(site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        for path in ("/_static/", "/no-such-page.html"):
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(base + path, timeout=10)
            assert err.value.code == 404
            body = err.value.read().decode()
            assert "the course's own" in body and "a.css" not in body
    finally:
        server.shutdown()
        server.server_close()


def test_sphinx_warnings_get_a_what_to_do_hint(tmp_path: Path) -> None:
    course = Course(copy_minibook(tmp_path))
    warning = (f"{course.root}/_toc.yml: WARNING: toctree contains reference to nonexisting "
               "document 'book/gone'")
    problem = first_problem(course, [warning])
    assert problem is not None and problem.hint == "fix the entry in _toc.yml"


def test_every_error_message_fits_on_one_line() -> None:
    error = SourceError("a.yaml", 3, "bad", "fix it")
    assert error.one_line() == "a.yaml:3: bad (fix it)"
    assert json.dumps(error.one_line()).count("\\n") == 0
