"""Lesson plans: a valid plan loads; each kind of broken plan is reported at path:line,
by the loader and by `tipcourse check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipcourse.course import Course
from tipcourse.errors import LessonError
from tipcourse.lessons import load_lesson, load_lessons
from tipcourse.lessons.checks import check_lessons

from helpers import copy_minibook

LESSON = """\
title: What trafficking is
minutes: 45
essential_question: What turns a job offer into trafficking?
content_note: Talks about exploitation in general terms; no personal stories.
objectives:
  - id: define
    text: name the three elements of the definition
  - id: tell-apart
    text: tell trafficking apart from smuggling
materials:
  chapters:
    - chapter
  notebooks:
    - 01-demo
  quizzes:
    - demo
  handouts:
    - kwlq-chart
  guide:
    - index
  supplies:
    - sticky notes
steps:
  - title: Welcome and ground rules
    minutes: 10
    grouping: whole class
    content_note: true
    teacher: Agree the ground rules.
    students: Suggest one rule each.
  - title: Sort the cards
    minutes: 35
    grouping: small groups
    teacher: Hand out the cards.
    students: Sort the cards into two piles.
differentiation:
  younger: Use fewer cards.
  older: Add a news report.
  eal: Give a word bank.
assessment:
  - what: Exit ticket
    objectives:
      - define
      - tell-apart
"""

PAGE = "# Lesson 1\n\n```{lesson} lesson-01\n```\n"


def make_course(tmp_path: Path, lesson: str = LESSON) -> Course:
    root = copy_minibook(tmp_path)
    (root / "teacher_guide/lessons").mkdir(parents=True)
    (root / "teacher_guide/handouts").mkdir(parents=True)
    (root / "notebooks").mkdir()
    (root / "quizzes").mkdir()
    (root / "teacher_guide/lessons/lesson-01.yaml").write_text(lesson, encoding="utf-8")
    (root / "teacher_guide/lessons/lesson-01.md").write_text(PAGE, encoding="utf-8")
    (root / "teacher_guide/handouts/kwlq-chart.md").write_text("# KWLQ\n", encoding="utf-8")
    (root / "notebooks/01-demo.ipynb").write_text("{}", encoding="utf-8")
    (root / "quizzes/demo.yaml").write_text("id: demo\n", encoding="utf-8")
    return Course(root)


def line_with(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the nth line containing needle."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return hits[nth - 1]


def broken(tmp_path: Path, old: str, new: str) -> tuple[Course, str]:
    assert old in LESSON
    text = LESSON.replace(old, new, 1)
    return make_course(tmp_path, text), text


def error_of(course: Course) -> LessonError:
    with pytest.raises(LessonError) as info:
        load_lesson(course, "lesson-01")
    return info.value


def test_valid_lesson_loads_with_its_timings(tmp_path: Path) -> None:
    course = make_course(tmp_path)
    (lesson,) = load_lessons(course)
    assert lesson.id == "lesson-01" and lesson.number == 1
    assert lesson.step_times() == [(0, 10), (10, 45)]
    assert lesson.materials.handouts == ["kwlq-chart"]
    assert check_lessons(course) == "lessons: 1 plans, 45 minutes in all"


def test_minutes_that_do_not_add_up_fail_at_the_lessons_minutes_line(tmp_path: Path) -> None:
    course, text = broken(tmp_path, "    minutes: 35", "    minutes: 30")
    err = error_of(course)
    assert err.one_line().startswith(
        f"teacher_guide/lessons/lesson-01.yaml:{line_with(text, 'minutes: 45')}: "
        "the steps add up to 40 minutes but the lesson is 45 minutes"
    )


def test_objective_never_assessed(tmp_path: Path) -> None:
    course, text = broken(tmp_path, "      - tell-apart\n", "")
    err = error_of(course)
    assert err.line == line_with(text, "id: tell-apart")
    assert "objective 'tell-apart' is never assessed" in err.message


def test_assessment_of_an_unknown_objective(tmp_path: Path) -> None:
    course, text = broken(tmp_path, "      - tell-apart\n", "      - tell-apart\n      - recall\n")
    err = error_of(course)
    assert err.line == line_with(text, "- recall")
    assert "objective 'recall', which the lesson does not have" in err.message


@pytest.mark.parametrize(
    ("old", "new", "what"),
    [
        ("    - demo\n", "    - no-such-quiz\n", "quiz bank 'no-such-quiz' does not exist"),
        ("    - 01-demo\n", "    - 09-missing\n", "notebook '09-missing' does not exist"),
        ("    - chapter\n", "    - 07-missing\n", "chapter '07-missing' does not exist"),
        ("    - kwlq-chart\n", "    - role-cards\n", "handout 'role-cards' does not exist"),
        ("    - index\n", "    - timetable\n", "teaching-guide page 'timetable' does not exist"),
    ],
)
def test_missing_material(tmp_path: Path, old: str, new: str, what: str) -> None:
    course, text = broken(tmp_path, old, new)
    err = error_of(course)
    assert err.path == "teacher_guide/lessons/lesson-01.yaml"
    assert err.line == line_with(text, new.strip())
    assert what in err.message


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("minutes: 45\n", "minutes: 45\nduration: 45\n", "duration:", "unknown key 'duration'"),
        ("    grouping: whole class\n", "    grouping: whole class\n    notes: x\n",
         "notes: x", "unknown key 'notes' in steps[1]"),
        ("  younger:", "  younge:", "younge:", "unknown key 'younge' in differentiation"),
    ],
)
def test_unknown_keys(tmp_path: Path, old: str, new: str, needle: str, message: str) -> None:
    course, text = broken(tmp_path, old, new)
    err = error_of(course)
    assert err.line == line_with(text, needle)
    assert message in err.message
    assert err.hint and "allowed keys" in err.hint


def test_schema_errors_name_the_field(tmp_path: Path) -> None:
    course, text = broken(tmp_path, "grouping: small groups", "grouping: teams")
    err = error_of(course)
    assert err.line == line_with(text, "grouping: teams")
    assert "steps[2].grouping" in err.message and "'small groups'" in err.message
    course, text = broken(tmp_path / "b", "essential_question:", "question:")
    err = error_of(course)
    assert "unknown key 'question'" in err.message


def test_a_lesson_needs_its_page(tmp_path: Path) -> None:
    course = make_course(tmp_path)
    (course.root / "teacher_guide/lessons/lesson-01.md").write_text("# Lesson 1\n")
    with pytest.raises(LessonError, match="does not render lesson 'lesson-01'"):
        check_lessons(course)


def test_tipcourse_check_reports_a_broken_lesson(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tipcourse import cli

    course, text = broken(tmp_path, "    minutes: 35", "    minutes: 30")
    # The quiz check reads every bank; this fixture's stand-in bank is not a real one.
    (course.root / "quizzes/demo.yaml").unlink()
    (course.root / "quizzes").rmdir()
    text = text.replace("  quizzes:\n    - demo\n", "")
    (course.root / "teacher_guide/lessons/lesson-01.yaml").write_text(text)
    monkeypatch.setenv("TIPCOURSE_ROOT", str(course.root))
    assert cli.main(["check"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"teacher_guide/lessons/lesson-01.yaml:{line_with(text, 'minutes: 45')}:")
    assert "add up to 40 minutes" in err


REPO = Path(__file__).resolve().parent.parent


def test_the_course_lesson_plans_are_valid() -> None:
    lessons = load_lessons(Course(REPO))
    assert [lesson.id for lesson in lessons] == [f"lesson-0{n}" for n in range(1, 8)]
    assert all(45 <= lesson.minutes <= 60 for lesson in lessons)
    assert check_lessons(Course(REPO)).startswith("lessons: 7 plans")
    # The video lesson is lesson 2, and the KWLQ chart runs from lesson 1 to lesson 6.
    assert "video-lesson" in lessons[1].materials.guide
    assert all("kwlq-chart" in lessons[i].materials.handouts for i in (0, 1, 5))


def test_every_course_lesson_gives_a_timed_content_note_first() -> None:
    for lesson in load_lessons(Course(REPO)):
        first = lesson.steps[0]
        assert first.content_note and first.minutes > 0, lesson.id
        assert [s.content_note for s in lesson.steps[1:]] == [False] * (len(lesson.steps) - 1)


def test_every_course_lesson_has_its_own_exit_ticket_and_notebooks_2_to_4_are_used() -> None:
    lessons = load_lessons(Course(REPO))
    for lesson in lessons:
        assert f"exit-ticket-{lesson.number}" in lesson.materials.handouts, lesson.id
    used = {n for lesson in lessons for n in lesson.materials.notebooks}
    used |= {n for lesson in lessons for x in lesson.extensions for n in x.notebooks}
    assert {"02-forms-over-time", "03-who-is-detected", "04-regions-and-flows"} <= used


def test_a_lesson_without_a_content_note_step_fails_at_its_steps(tmp_path: Path) -> None:
    course, text = broken(tmp_path, "    content_note: true\n", "")
    err = error_of(course)
    assert err.line == line_with(text, "steps:")
    assert "no step gives the content note" in err.message


def test_the_content_note_must_come_first(tmp_path: Path) -> None:
    course, text = broken(tmp_path, "    grouping: small groups\n",
                          "    grouping: small groups\n    content_note: true\n")
    err = error_of(course)
    assert err.line == line_with(text, "content_note: true", nth=2)
    assert "first step" in err.message


def test_an_unknown_notebook_in_an_extension_fails_at_its_line(tmp_path: Path) -> None:
    text = LESSON + "extensions:\n  - title: More data\n    minutes: 20\n" \
        "    notebooks: [01-demo, 01-demmo]\n    text: Run it.\n"
    course = make_course(tmp_path, text)
    err = error_of(course)
    assert err.one_line().startswith(
        f"teacher_guide/lessons/lesson-01.yaml:{line_with(text, '01-demmo')}: "
        "notebook '01-demmo' does not exist")
    assert err.hint and "did you mean '01-demo'?" in err.hint


def test_a_handout_no_lesson_uses_is_reported(tmp_path: Path) -> None:
    course = make_course(tmp_path)
    (course.root / "teacher_guide/handouts/role-cards.md").write_text("# Role cards\n")
    with pytest.raises(LessonError) as info:
        check_lessons(course)
    assert info.value.one_line().startswith(
        "teacher_guide/handouts/role-cards.md:1: handout 'role-cards' is used by no lesson")
