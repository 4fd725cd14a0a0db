"""The teaching checks of ``tipcourse check`` on quiz banks: each problem is one line,
``path:line: what is wrong (what to do)``, and the course's own banks pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipcourse.quiz.checks import bank_problems, seconds, similar_prompts, timing_lines
from tipcourse.quiz.loader import parse_bank

from helpers import copy_minibook

GOOD = """\
id: sample
title: Sample
questions:
  - id: one
    type: single
    prompt: Amira cannot leave her job and has no passport. What is this?
    options:
      - {text: Forced labour, correct: true}
      - {text: A bad job, feedback: She cannot leave.}
      - {text: Smuggling, feedback: Nobody crossed a border.}
    explanation: Work one cannot leave is forced labour.
  - id: two
    type: true-false
    prompt: Trafficking always involves crossing a border.
    answer: false
    feedback_true: Not so; it can happen in one town.
    explanation: No border is needed.
"""


def parse(text: str, name: str = "sample"):  # noqa: ANN201
    return parse_bank(text, Path(f"quizzes/{name}.yaml"))


def messages(text: str) -> list[str]:
    return [p.one_line() for p in bank_problems(parse(text))]


def test_a_good_bank_has_no_problems() -> None:
    assert messages(GOOD) == []


def test_a_wrong_option_without_feedback_is_named_at_its_line() -> None:
    text = GOOD.replace("{text: A bad job, feedback: She cannot leave.}", "{text: A bad job}")
    assert messages(text) == [
        "quizzes/sample.yaml:9: question 'one': the wrong option 'A bad job' has no feedback "
        "(add 'feedback:' with one sentence on why it is wrong)"]


def test_true_false_needs_feedback_for_the_wrong_answer() -> None:
    text = GOOD.replace("    feedback_true: Not so; it can happen in one town.\n", "")
    assert messages(text) == [
        "quizzes/sample.yaml:12: question 'two': the wrong option 'True' has no feedback "
        "(add 'feedback_true/feedback_false:' with one sentence on why it is wrong)"]


def test_a_long_prompt_is_reported() -> None:
    long = "Amira " + "really " * 40 + "cannot leave. What is this?"
    text = GOOD.replace("Amira cannot leave her job and has no passport. What is this?", long)
    (message,) = messages(text)
    assert message.startswith("quizzes/sample.yaml:4: question 'one': the prompt has 46 words")
    assert "keep it under 40" in message


def _single(qid: str) -> str:
    return f"""\
  - id: {qid}
    type: single
    prompt: Question {qid} about something different each time, {qid}?
    options:
      - {{text: Right, correct: true}}
      - {{text: Wrong, feedback: No.}}
      - {{text: Also wrong, feedback: No.}}
    explanation: Because.
"""


def test_a_favourite_answer_position_is_reported() -> None:
    head = "id: sample\ntitle: Sample\nquestions:\n"
    # Find ids whose shuffle puts the right answer first in most questions.
    names = [a + b for a in "abcdefgh" for b in "xyzw"]
    ids = [n for n in names if parse(head + _single(n)).questions[0].correct_indexes == [0]][:3]
    other = next(n for n in names
                 if parse(head + _single(n)).questions[0].correct_indexes != [0])
    bank = parse(head + "".join(_single(i) for i in [*ids, other]))
    assert [q.correct_indexes[0] for q in bank.questions].count(0) == 3
    (problem,) = bank_problems(bank)
    assert problem.line == bank.questions[2].line
    assert problem.message == ("the right answer is option A in 3 of 4 single-answer "
                               "questions after shuffling")
    assert "rename its id" in (problem.hint or "")


def test_two_prompts_alike_are_reported_across_banks() -> None:
    first = parse(GOOD)
    second = parse(GOOD.replace("id: sample", "id: other").replace(
        "What is this?", "What is it?"), "other")
    problems = similar_prompts([first, second])
    assert problems[0].one_line() == (
        "quizzes/other.yaml:4: question 'one' asks what 'one' asks (quizzes/sample.yaml:4) "
        "(ask something else, or remove one of them)")


def test_estimated_time_stands_alone_without_lessons(tmp_path: Path) -> None:
    from tipcourse.course import Course

    course = Course(copy_minibook(tmp_path))
    bank = parse(GOOD)
    assert seconds(bank) == 40 + 30
    assert timing_lines(course, [bank]) == ["  sample: 2 questions, about 1.2 min"]


def test_course_check_prints_each_bank_beside_its_lesson_minutes(capsys) -> None:  # noqa: ANN001
    from tipcourse.course import Course
    from tipcourse.quiz.checks import check_banks

    root = Path(__file__).resolve().parents[1]
    report = check_banks(Course(root)).splitlines()
    assert report[0].startswith("quizzes: 5 banks, ")
    forms = next(line for line in report if "forms-of-exploitation:" in line)
    assert "questions, about" in forms and "lesson-03 step" in forms


@pytest.mark.parametrize("field", ["feedback", "pinned"])
def test_option_keys_are_known(field: str) -> None:
    text = GOOD.replace("{text: A bad job, feedback: She cannot leave.}",
                        f"{{text: A bad job, {field}: {'true' if field == 'pinned' else 'x'}}}")
    parse(text)


def test_a_section_that_is_not_a_heading_of_the_quiz_page_is_reported(tmp_path: Path) -> None:
    from tipcourse.course import Course
    from tipcourse.errors import QuizError
    from tipcourse.quiz.checks import check_references

    root = copy_minibook(tmp_path)
    (root / "quizzes").mkdir()
    bank = GOOD.replace("  - id: two\n", "  - id: two\n    section: 1-signs\n")
    (root / "quizzes" / "sample.yaml").write_text(bank)
    chapter = root / "book" / "chapter.md"
    chapter.write_text(chapter.read_text() + "\n## 1. Signs\n\n```{quiz} sample\n```\n")
    with pytest.raises(QuizError) as caught:
        check_references(Course(root))
    assert caught.value.one_line() == (
        "quizzes/sample.yaml:12: question 'two': section '1-signs' is not a heading of "
        "book/chapter.md (did you mean 'signs'?)")
    (root / "quizzes" / "sample.yaml").write_text(bank.replace("1-signs", "signs"))
    assert check_references(Course(root)).startswith("quizzes: 1 uses")
