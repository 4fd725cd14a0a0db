"""Lesson plans on the site: the lesson page and the course-at-a-glance table, teacher
edition only; a broken plan fails the build at the plan's path:line."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from tipcourse.course import Course
from tipcourse.errors import BuildError
from tipcourse.publish.build import build_edition

from helpers import copy_minibook

TOC = """format: jb-book
root: index
chapters:
  - file: book/chapter
  - file: teacher_guide/index
    sections:
      - file: teacher_guide/lessons/lesson-01
      - file: teacher_guide/lessons/lesson-02
      - file: teacher_guide/handouts/kwlq-chart
"""

LESSON = """\
title: {title}
minutes: {minutes}
essential_question: Why do the numbers rise by {{fact}}`increase-2022-vs-2019`?
content_note: Talks about exploitation in general terms. ZQXLESSONK
objectives:
  - id: define
    text: name the *three* elements
  - id: explain
    text: explain one reason detections change
materials:
  chapters: [chapter]
  handouts: [kwlq-chart]
  supplies: [sticky notes]
steps:
  - title: Warm-up
    minutes: 10
    grouping: whole class
    content_note: true
    teacher: Ask what students already know.
    students: Write one idea each.
  - title: Card sort
    minutes: {rest}
    grouping: small groups
    teacher: |
      Hand out the cards.

      - walk around
      - listen for misconceptions
    students: Sort the cards.
differentiation:
  younger: Use fewer cards.
  older: Add a news report.
  eal: Give a word bank.
assessment:
  - what: Exit ticket
    objectives: [define, explain]
extensions:
  - title: More data
    minutes: 20
    text: Students read a chart at home.
"""


def lesson_book(tmp_path: Path) -> Course:
    root = copy_minibook(tmp_path)
    (root / "_toc.yml").write_text(TOC, encoding="utf-8")
    lessons = root / "teacher_guide/lessons"
    lessons.mkdir(parents=True)
    for n, (title, minutes) in enumerate([("What it is", 45), ("Numbers", 60)], start=1):
        (lessons / f"lesson-0{n}.yaml").write_text(
            LESSON.format(title=title, minutes=minutes, rest=minutes - 10), encoding="utf-8")
        (lessons / f"lesson-0{n}.md").write_text(
            f"# Lesson {n}: {title}\n\n```{{lesson}} lesson-0{n}\n```\n", encoding="utf-8")
    (root / "teacher_guide/handouts").mkdir()
    (root / "teacher_guide/handouts/kwlq-chart.md").write_text("# KWLQ chart\n\nA chart.\n")
    (root / "teacher_guide/index.md").write_text(
        "# Teacher guide\n\n```{lesson-schedule}\n```\n", encoding="utf-8")
    return Course(root)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    course = lesson_book(tmp_path_factory.mktemp("lessons"))
    return {e: build_edition(course, e).site for e in ("teacher", "student")}


def test_schedule_table_has_one_row_per_lesson(sites: dict[str, Path]) -> None:
    html = (sites["teacher"] / "teacher_guide/index.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="lesson-schedule'):html.index("</table>")]
    headers = re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)
    assert [text_of(h).strip() for h in headers] == ["Lesson", "Minutes", "Essential question",
                                                     "Chapters and handouts"]
    rows = re.findall(r"<tr class=\"row-(?:odd|even)\">(.*?)</tr>", table, re.S)[1:]
    cells = [[text_of(c).strip() for c in re.findall(r"<td>(.*?)</td>", r, re.S)] for r in rows]
    assert [c[:2] for c in cells] == [["1. What it is", "45"], ["2. Numbers", "60"]]
    assert "Why do the numbers rise by" in cells[0][2]
    assert "Chapters: A chapter" in cells[0][3] and "Handouts: KWLQ chart" in cells[0][3]
    assert 'href="lessons/lesson-02.html"' in table
    assert "2 lessons, 105 minutes in all." in text_of(html)
    assert "name the three elements" not in table  # objectives are on the lesson pages


def test_lesson_page_gives_timed_steps(sites: dict[str, Path]) -> None:
    html = (sites["teacher"] / "teacher_guide/lessons/lesson-02.html").read_text(encoding="utf-8")
    text = text_of(html)
    assert "Length: 60 minutes in 2 steps" in text
    assert "1. Warm-up" in text and "0–10 min (10 minutes), whole class" in text
    assert "2. Card sort" in text and "10–60 min (50 minutes), in small groups" in text
    assert "listen for misconceptions" in text  # Markdown lists inside a step
    assert "<em>three</em>" in html
    assert "Content note" in text
    # The fact role works inside lesson plans: the figure comes with its source.
    assert "25%" in text and "tc-fact-source" in html
    assert 'href="../../book/chapter.html"' in html
    for heading in ("Objectives", "Materials", "Step by step", "Differentiation", "Assessment"):
        assert re.search(rf"<h2>{heading}<a", html), heading
    assert "Students learning English: Give a word bank." in text
    # The content note has its own minutes; objectives and assessment show no internal ids.
    assert "0–10 min (10 minutes), whole class, includes the content note" in text
    assert "lesson-id" not in html and "<code" not in html.split("Objectives", 1)[1]
    assert "Exit ticket (shows objectives 1 and 2)" in text
    assert "More data" in text and "20 minutes" in text
    assert "lesson-plan.css" in html


def test_student_edition_has_no_lessons(sites: dict[str, Path]) -> None:
    assert not (sites["student"] / "teacher_guide").exists()
    for page in sites["student"].rglob("*"):
        if page.is_file():
            assert b"ZQXLESSONK" not in page.read_bytes(), page


def test_a_broken_lesson_fails_the_build_at_its_line(tmp_path: Path) -> None:
    course = lesson_book(tmp_path)
    plan = course.root / "teacher_guide/lessons/lesson-02.yaml"
    text = plan.read_text().replace("minutes: 50", "minutes: 45")
    plan.write_text(text)
    with pytest.raises(BuildError) as info:
        build_edition(course, "teacher")
    assert info.value.one_line().startswith(
        "teacher_guide/lessons/lesson-02.yaml:2: the steps add up to 55 minutes"
    )
