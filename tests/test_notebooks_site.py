"""Notebook pages on the site: solutions only in the teacher edition, chart alt text,
launch buttons, the `fact` role; and the repo2docker environment file."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tipcourse import charts
from tipcourse.course import Course
from tipcourse.data import glotip
from tipcourse.data.solutions import strip_file
from tipcourse.errors import BuildError
from tipcourse.publish.build import build
from tipcourse.publish.site import broken_links, page_links

from helpers import copy_minibook, files_containing

REPO = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures" / "data"
SOLUTION_MARKER = "zqxslnk"  # no vowels: the search index keeps it whole
ALT = "Line chart. Made-up numbers rise from 1,234 to 16,390."

LAUNCH = """
repository:
  url: https://github.com/example-school/tipcourse
  branch: main
launch_buttons:
  notebook_interface: jupyterlab
  binderhub_url: "https://mybinder.org"
  jupyterhub_url: "https://hub.example-school.org"
  colab_url: "https://colab.research.google.com"
"""


def chart_output() -> nbformat.NotebookNode:
    df = glotip.read_export(FIX / "glotip_small.xlsx")
    totals = df[(df.dimension == "Total") & (df.sex == "Total") & (df.country == "Alphaland")
                & (df.indicator == "Detected trafficking victims")].set_index("year")[["value"]]
    chart = charts.line_chart(totals, "Made-up numbers rise", "Victims")
    data, meta = chart._repr_mimebundle_()
    meta["image/png"]["alt"] = ALT
    return new_output("display_data", data=data, metadata=meta)


def sample_notebook() -> nbformat.NotebookNode:
    exercise = new_code_cell("# Your code here", outputs=[])
    solution = new_code_cell(f"print('{SOLUTION_MARKER}')", execution_count=2, outputs=[
        new_output("stream", name="stdout", text=f"{SOLUTION_MARKER}\n")])
    solution.metadata["tags"] = ["solution"]
    chart = new_code_cell("chart.show()", execution_count=1, outputs=[chart_output()])
    nb = new_notebook(cells=[
        new_markdown_cell("# Sample notebook\n\n## Learning goals\n\nOver "
                          "{fact}`victims-2020-2023` victims were detected in 2020–2023."),
        chart, exercise, solution])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    return nb


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Course:
    root = copy_minibook(tmp_path_factory.mktemp("nbsite"))
    (root / "notebooks").mkdir()
    nbformat.write(sample_notebook(), root / "notebooks" / "sample.ipynb")
    toc = (root / "_toc.yml").read_text()
    (root / "_toc.yml").write_text(toc.replace("  - file: book/chapter\n",
                                               "  - file: book/chapter\n"
                                               "  - file: notebooks/sample\n"))
    (root / "_config.yml").write_text((root / "_config.yml").read_text() + LAUNCH)
    course = Course(root)
    build(course)
    return course


def page(course: Course, edition: str) -> str:
    return (course.site_dir(edition) / "notebooks" / "sample.html").read_text()


def test_student_edition_has_no_solution_anywhere(built: Course) -> None:
    student = built.site_dir("student")
    assert (student / "notebooks" / "sample.html").is_file()
    assert files_containing(student, SOLUTION_MARKER) == []


def test_teacher_edition_shows_labelled_solution(built: Course) -> None:
    html = page(built, "teacher")
    assert SOLUTION_MARKER in html
    assert "Solution (teacher edition)" in html
    assert SOLUTION_MARKER in (built.site_dir("teacher") / "searchindex.js").read_text()


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_chart_image_carries_its_alt_text(built: Course, edition: str) -> None:
    images = re.findall(r"<img[^>]*>", page(built, edition))
    chart = [i for i in images if "_images/" in i]
    assert chart, images
    assert f'alt="{ALT}"' in chart[0]


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_launch_buttons_render_on_notebook_pages(built: Course, edition: str) -> None:
    html = page(built, edition)
    repo = "example-school/tipcourse"
    # Students' buttons open the branch of student copies (no solutions), teachers' main.
    branch = "main" if edition == "teacher" else "student"
    assert (f"https://mybinder.org/v2/gh/{repo}/{branch}?urlpath=lab/tree/notebooks/sample.ipynb"
            in html)
    assert ("https://hub.example-school.org/hub/user-redirect/git-pull?repo=https%3A//github.com/"
            f"{repo}" in html)
    assert (f"https://colab.research.google.com/github/{repo}/blob/{branch}/notebooks/sample.ipynb"
            in html)
    # Chapters are not notebooks: no launch button there.
    assert "mybinder.org" not in (built.site_dir(edition) / "book" / "chapter.html").read_text()


def downloaded_notebook(course: Course, edition: str) -> tuple[str, Path]:
    """The download link's text and the file it points at."""
    html = page(course, edition)
    match = re.search(r'<a class="reference download internal" download="" '
                      r'href="([^"]+)">([^<]+)</a>', html)
    assert match, "no download link on the notebook page"
    href, text = match.groups()
    assert href in page_links(course.site_dir(edition) / "notebooks" / "sample.html")
    return text, (course.site_dir(edition) / "notebooks" / href).resolve()


def test_student_download_has_no_solution(built: Course) -> None:
    text, path = downloaded_notebook(built, "student")
    assert text == "Download this notebook (.ipynb)"
    assert path.parent.parent.name == "_downloads" and path.name == "sample.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert [c for c in nb.cells if "solution" in c.metadata.get("tags", [])] == []
    assert SOLUTION_MARKER not in path.read_text()
    # Everything else is kept: the exercise, the chart with its output.
    assert len(nb.cells) == 3
    assert "image/png" in nb.cells[1].outputs[0].data


def test_student_download_stays_stripped_after_a_rebuild(built: Course) -> None:
    """Sphinx copies the full source again on every build; the student copy must win."""
    build(built, ["student"])
    _text, path = downloaded_notebook(built, "student")
    assert SOLUTION_MARKER not in path.read_text()
    assert files_containing(built.site_dir("student"), SOLUTION_MARKER) == []


def test_teacher_download_has_the_solutions(built: Course) -> None:
    text, path = downloaded_notebook(built, "teacher")
    assert "with solutions" in text
    nb = nbformat.read(path, as_version=4)
    solutions = [c for c in nb.cells if "solution" in c.metadata.get("tags", [])]
    assert len(solutions) == 1
    assert solutions[0].outputs[0].text == f"{SOLUTION_MARKER}\n"


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_download_link_sits_under_the_title_and_resolves(built: Course, edition: str) -> None:
    html = page(built, edition)
    title = html.index("<h1>Sample notebook")
    assert title < html.index("tc-notebook-download") < html.index("<h2>Learning goals")
    assert broken_links(built.site_dir(edition)) == []
    # Chapters are not notebooks: no download link there.
    chapter = (built.site_dir(edition) / "book" / "chapter.html").read_text()
    assert "tc-notebook-download" not in chapter


def test_fact_role_shows_value_and_source(built: Course) -> None:
    html = page(built, "student")
    assert "<strong>over 200,000</strong>" in html
    assert "161224-launch-of-the-global-report-on-trafficking-in-persons-2024.html" in html
    assert "paragraph 1" in html


def test_unknown_fact_fails_the_build(tmp_path: Path) -> None:
    root = copy_minibook(tmp_path)
    chapter = root / "book" / "chapter.md"
    chapter.write_text(chapter.read_text() + "\nIn 2023 {fact}`victims-2023` were found.\n")
    with pytest.raises(BuildError) as info:
        build(Course(root), ["student"])
    assert "unknown fact 'victims-2023'" in info.value.one_line()
    assert "chapter" in info.value.one_line()


def test_student_copy_of_a_notebook_has_no_solution(tmp_path: Path) -> None:
    path = tmp_path / "sample.ipynb"
    nbformat.write(sample_notebook(), path)
    assert strip_file(path) == 1
    assert SOLUTION_MARKER not in path.read_text()
    assert len(nbformat.read(path, as_version=4).cells) == 3


def test_environment_file_installs_the_package() -> None:
    """repo2docker reads binder/requirements.txt; it must install this repository's
    package, tipcourse, and Binder must strip solutions from the student copies."""
    lines = [ln.strip() for ln in (REPO / "binder" / "requirements.txt").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert "-e ." in lines
    assert re.search(r'^name = "tipcourse"$', (REPO / "pyproject.toml").read_text(), re.M)
    post = (REPO / "binder" / "postBuild").read_text()
    assert "tipcourse data strip-solutions notebooks" in post


def test_course_config_has_launch_buttons() -> None:
    from ruamel.yaml import YAML

    config = YAML(typ="safe").load((REPO / "_config.yml").read_text())
    buttons = config["launch_buttons"]
    assert buttons["binderhub_url"].startswith("https://")
    assert buttons["colab_url"].startswith("https://")
    assert "jupyterhub_url" in buttons
    assert config["repository"]["url"].startswith("https://")
    assert json.dumps(config["sphinx"]["config"]["nb_ipywidgets_js"]) == "{}"


def test_png_is_a_real_image() -> None:
    out = chart_output()
    assert base64.b64decode(out["data"]["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
