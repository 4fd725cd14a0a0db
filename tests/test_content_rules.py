"""``tipcourse check``'s content rules on small fixture pages: a chapter's structure, sourced
figures, teaching-guide links only for teachers, and the data notebooks' rules. Each broken
rule is reported at its file and line, with what to do."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tipcourse.chapters import check_chapters, figures_without_source
from tipcourse.course import Course
from tipcourse.data.checks import check_notebook
from tipcourse.errors import ContentError, SourceError

from helpers import copy_minibook

CHAPTER = """\
# Forms of exploitation

```{admonition} Content note
This chapter talks about exploitation.
```

## Learning goals

- one
- two
- three

## What it is

Detections rose by {fact}`increase-2022-vs-2019` since 2019.

## Key points

- one
- two
- three

## Quiz

```{quiz} forms-of-exploitation
```
"""


@pytest.fixture
def course(tmp_path: Path) -> Course:
    root = copy_minibook(tmp_path)
    (root / "book" / "01-forms.md").write_text(CHAPTER, encoding="utf-8")
    toc = root / "_toc.yml"
    toc.write_text(toc.read_text().replace("  - file: book/chapter\n",
                                           "  - file: book/chapter\n  - file: book/01-forms\n"))
    return Course(root)


def broken(course: Course, old: str, new: str) -> ContentError:
    page = course.root / "book" / "01-forms.md"
    assert old in CHAPTER
    page.write_text(CHAPTER.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError) as info:
        check_chapters(course)
    assert info.value.path.endswith("01-forms.md")
    return info.value


def test_a_chapter_that_keeps_the_rules_passes(course: Course) -> None:
    assert check_chapters(course).startswith("chapters: 1 with goals")


def test_a_chapter_needs_its_content_note(course: Course) -> None:
    error = broken(course, "```{admonition} Content note", "```{note}")
    assert "no content note after the title" in error.one_line()


def test_learning_goals_come_first_with_three_bullets(course: Course) -> None:
    error = broken(course, "- one\n- two\n- three\n\n## What", "- one\n\n## What")
    assert error.line == 7
    assert "'Learning goals' has 1 bullet points" in error.one_line()


def test_nothing_but_the_quiz_follows_the_key_points(course: Course) -> None:
    error = broken(course, "## Quiz", "## More reading\n\nText.\n\n## Quiz")
    assert "after 'Key points' comes only" in error.one_line()


def test_the_quiz_section_holds_one_quiz(course: Course) -> None:
    error = broken(course, "```{quiz} forms-of-exploitation\n```", "See the quiz page.")
    assert "the quiz section holds 0 quizzes" in error.one_line()


def test_questions_to_discuss_need_model_answers_for_teachers(course: Course) -> None:
    error = broken(course, "## Quiz\n\n```{quiz} forms-of-exploitation\n```",
                   "## Questions to discuss\n\n1. Why?\n")
    assert "no model answers" in error.one_line()


def test_an_unsourced_figure_is_reported_at_its_line(course: Course) -> None:
    error = broken(course, "Detections rose by {fact}`increase-2022-vs-2019` since 2019.",
                   "Detections rose by 25% since 2019.")
    assert error.line == 15
    assert "the figure '25%' has no source" in error.one_line()


def test_the_teaching_guide_is_named_only_inside_teacher_blocks(course: Course) -> None:
    error = broken(course, "## Key points", "See {doc}`/teacher_guide/index`.\n\n## Key points")
    assert "teaching guide is named outside a teacher block" in error.one_line()
    page = course.root / "book" / "01-forms.md"
    page.write_text(CHAPTER.replace(
        "## Key points",
        "```{teacher}\nSee {doc}`/teacher_guide/index`.\n```\n\n## Key points"))
    check_chapters(course)


@pytest.mark.parametrize(
    "line",
    ["Detections rose 25% in three years.", "Up by 25 per cent.", "over 200,000 victims",
     "about 69627 victims", "some 5 million people", "a rise of 4.5 %"],
)
def test_figures_without_a_source_are_found(line: str) -> None:
    assert figures_without_source(line), line


@pytest.mark.parametrize(
    "line",
    ["Detections rose by {fact}`increase-2022-vs-2019` since 2019.",
     "It says so ({ref}`UNODC press release, 25% <src-press-2024>`).",
     "Between 2003 and 2022, on 30 July, under 18, resolution A/RES/68/192.",
     ":widths: 20 35 45", "<https://example.org/up-25-per-cent-1,000>", "`data_2,000.xlsx`"],
)
def test_sourced_figures_dates_and_code_pass(line: str) -> None:
    assert figures_without_source(line) == []


# Data notebooks -----------------------------------------------------------------------------
def notebook(tmp_path: Path, *, prompts: int = 2, solutions: int = 3,
             alt: str = "Line chart. Detected victims by year.", split: bool = False) -> Path:
    v4 = nbformat.v4
    cells = [v4.new_markdown_cell("# Counting\n\n## Learning goals\n\n- read a table")]
    cells += [v4.new_markdown_cell("**Think about the data:** why?") for _ in range(prompts)]
    chart = v4.new_code_cell("chart()")
    chart.outputs = [v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="},
                                   metadata={"image/png": {"alt": alt}})]
    printed = v4.new_code_cell("print(1)")
    printed.outputs = [v4.new_output("stream", name="stdout", text="1\n")] * (2 if split else 1)
    cells += [chart, printed]
    for _ in range(solutions):
        cell = v4.new_code_cell("answer()")
        cell.metadata["tags"] = ["solution"]
        cells.append(cell)
    path = tmp_path / "nb.ipynb"
    nbformat.write(v4.new_notebook(cells=cells), path)
    return path


def test_a_notebook_that_keeps_the_rules_passes(tmp_path: Path) -> None:
    check_notebook(notebook(tmp_path))


@pytest.mark.parametrize(("change", "message"), [
    ({"prompts": 1}, "1 'Think about the data' prompts"),
    ({"solutions": 2}, "2 solution cells tagged 'solution'"),
    ({"alt": "A chart"}, "a chart's alt text starts 'A chart'"),
    ({"split": True}, "code cell 2 splits its printed output"),
])
def test_a_notebook_breaking_a_rule_is_named(tmp_path: Path, change: dict, message: str) -> None:
    with pytest.raises(SourceError) as info:
        check_notebook(notebook(tmp_path, **change))
    assert message in info.value.one_line()
    assert info.value.path.endswith("nb.ipynb")
