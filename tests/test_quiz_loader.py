"""Quiz banks: the real banks load, and every kind of broken bank is reported as one
``quizzes/<id>.yaml:line: message (hint)`` QuizError, never another exception."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipcourse.errors import QuizError
from tipcourse.quiz import find_bank, load_banks
from tipcourse.quiz.loader import parse_bank

from helpers import copy_minibook

ROOT = Path(__file__).resolve().parents[1]
COURSE_BANKS = ("forms-of-exploitation", "defining-trafficking", "blue-heart",
                "online-safety", "reading-the-data")

# A small valid bank; each broken case below changes one thing in it.
SAMPLE = """\
id: sample
title: Sample
sources:
  pr:
    title: A press release
    url: https://example.org/pr
questions:
  - id: one
    type: single
    prompt: Which is right?
    options:
      - text: This one
        correct: true
      - {text: That one, feedback: It is not that one.}
    explanation: Because.
  - id: two
    type: numeric
    prompt: How many per cent?
    answer: 25
    tolerance: 0
    explanation: It rose by 25 per cent.
    source: pr
  - id: three
    type: matching
    prompt: Match them.
    pairs:
      - {item: a, match: x}
      - {item: b, match: y}
      - {item: c, match: z}
    explanation: They go together.
"""


def parse(text: str):  # noqa: ANN201
    return parse_bank(text, Path("quizzes/sample.yaml"))


def test_sample_bank_is_valid() -> None:
    bank = parse(SAMPLE)
    assert [q.id for q in bank.questions] == ["one", "two", "three"]
    assert bank.questions[1].line == 16


@pytest.mark.parametrize("bank_id", COURSE_BANKS)
def test_course_banks_fit_a_lesson_and_pass_the_teaching_checks(bank_id: str) -> None:
    from tipcourse.quiz.checks import bank_problems, seconds

    bank = find_bank(ROOT, bank_id)
    # 8-10 questions at 30-45 seconds each fit a quiz step of a lesson.
    assert 8 <= len(bank.questions) <= 10
    assert seconds(bank) <= 7 * 60
    assert [p.one_line() for p in bank_problems(bank)] == []
    for q in bank.questions:
        assert q.explanation.strip()
        if bank.mentions_figure(q):
            assert bank.source_of(q) is not None, q.id


def test_course_has_exactly_the_five_banks() -> None:
    assert sorted(b.id for b in load_banks(ROOT)) == sorted(COURSE_BANKS)


def test_forms_bank_is_mostly_scenarios_and_covers_every_form() -> None:
    bank = find_bank(ROOT, "forms-of-exploitation")
    text = " ".join(" ".join(q.texts()) for q in bank.questions).lower()
    for form in ("sexual exploitation", "forced labour", "forced criminality", "scam",
                 "forced marriage", "begging", "organ", "smuggling", "working conditions"):
        assert form in text, form
    scenarios = [q for q in bank.questions if q.type in ("single", "matching")]
    assert len(scenarios) > len(bank.questions) / 2


BROKEN = {
    "invalid YAML": (SAMPLE.replace("    type: single", "    type: [single"),
                     "invalid YAML", None),
    "unknown type": (SAMPLE.replace("type: single", "type: singel"),
                     "unknown question type 'singel'", "did you mean 'single'?"),
    "no correct answer": (SAMPLE.replace("        correct: true\n", ""),
                          "has no correct answer", "correct: true"),
    "two correct in single": (
        SAMPLE.replace("It is not that one.}", "It is not that one., correct: true}"),
        "has 2 correct answers", "type: multiple"),
    "duplicate ids": (SAMPLE.replace("id: three", "id: one"),
                      "duplicate question id 'one'", "line 8"),
    "empty text": (SAMPLE.replace("prompt: Which is right?", 'prompt: "  "'),
                   "empty text in 'prompt'", None),
    "numeric without tolerance": (SAMPLE.replace("    tolerance: 0\n", ""),
                                  "has no tolerance", "tolerance: 0"),
    "unknown key (typo)": (SAMPLE.replace("explanation: Because.", "explenation: Because."),
                           "unknown key 'explenation'", "did you mean 'explanation'?"),
    "figure without source": (SAMPLE.replace("    source: pr\n", ""),
                              "gives a figure but no source", "source:"),
    "unknown source": (SAMPLE.replace("source: pr", "source: press"),
                       "unknown source 'press'", None),
    "id differs from file": (SAMPLE.replace("id: sample", "id: other"),
                             "does not match the file name", None),
}
EXPECTED_LINES = {
    "invalid YAML": 10, "unknown type": 9, "no correct answer": 11,
    "two correct in single": 11, "duplicate ids": 23, "empty text": 10,
    "numeric without tolerance": 16, "unknown key (typo)": 15,
    "figure without source": 16, "unknown source": 22, "id differs from file": 1,
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_bank_is_one_line_with_line_and_hint(case: str) -> None:
    text, message, hint = BROKEN[case]
    with pytest.raises(QuizError) as caught:
        parse(text)
    error = caught.value
    assert message in error.message
    if hint:
        assert hint in (error.hint or "")
    assert error.line == EXPECTED_LINES[case], error.one_line()
    line = error.one_line()
    assert line.startswith(f"quizzes/sample.yaml:{EXPECTED_LINES[case]}: ")
    assert "\n" not in line


@pytest.mark.parametrize("case", BROKEN)
def test_tipcourse_check_reports_each_broken_bank_in_one_line(
    case: str, tmp_path: Path, monkeypatch, capsys  # noqa: ANN001
) -> None:
    from tipcourse.cli import main

    root = copy_minibook(tmp_path)
    (root / "quizzes").mkdir()
    (root / "quizzes" / "sample.yaml").write_text(BROKEN[case][0])
    monkeypatch.chdir(root)
    assert main(["check"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"quizzes/sample.yaml:{EXPECTED_LINES[case]}: ")
    assert BROKEN[case][1] in err[0]


def test_tipcourse_check_passes_a_good_bank(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    from tipcourse.cli import main

    root = copy_minibook(tmp_path)
    (root / "quizzes").mkdir()
    (root / "quizzes" / "sample.yaml").write_text(BROKEN["unknown key (typo)"][0])
    monkeypatch.chdir(root)
    assert main(["check"]) == 1
    assert capsys.readouterr().err.strip() == (
        "quizzes/sample.yaml:15: unknown key 'explenation' in a single question "
        "(did you mean 'explanation'?)")
    (root / "quizzes" / "sample.yaml").write_text(SAMPLE)
    assert main(["check"]) == 0
    assert "quizzes: 1 banks, 3 questions valid" in capsys.readouterr().out


def test_check_reports_a_page_naming_a_missing_bank(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    from tipcourse.cli import main

    root = copy_minibook(tmp_path)
    (root / "quizzes").mkdir()
    (root / "quizzes" / "sample.yaml").write_text(SAMPLE)
    chapter = root / "book" / "chapter.md"
    chapter.write_text(chapter.read_text() + "\n```{quiz} sampel\n```\n")
    monkeypatch.chdir(root)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    lines = chapter.read_text().splitlines()
    assert err.startswith(f"book/chapter.md:{lines.index('```{quiz} sampel') + 1}: "
                          "quiz 'sampel' does not exist")


# Property-based: whatever the text, the loader returns a Bank or raises QuizError.
KEYS = ["id", "title", "intro", "sources", "questions", "type", "prompt", "explanation",
        "options", "text", "correct", "feedback", "answer", "tolerance", "pairs", "item",
        "match", "distractors", "unit", "source", "teacher_note", "explenation", "typ"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.sampled_from(["single", "multiple", "true-false", "matching", "numeric", "sample",
                     "", " ", "<script>", "2009", "pr", "x: y", "- a"]),
    st.text(max_size=12),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), children, max_size=5),
    ),
    max_leaves=25,
)


def _dump(data: object) -> str:
    import io

    from ruamel.yaml import YAML

    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, stream)
    return stream.getvalue()


def _mutate(text: str, position: int, insert: str, cut: int) -> str:
    position %= len(text) + 1
    return text[:position] + insert + text[position + cut:]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(values)
def test_random_banks_raise_only_quiz_errors(data: object) -> None:
    try:
        parse(_dump(data))
    except QuizError as exc:
        assert exc.one_line().startswith("quizzes/sample.yaml")


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    position=st.integers(min_value=0, max_value=len(SAMPLE)),
    insert=st.text(alphabet=string.printable + "\t\x00\x85\u2028é", max_size=6)
    | st.sampled_from(["\n  ", ": ", "- ", "&a ", "*a", "!!int ", "[", "{", "'", '"', "#",
                       "correct: true\n", "tolerance: -1\n", "answer: .inf\n", "\t"]),
    cut=st.integers(min_value=0, max_value=8),
)
def test_mutated_banks_raise_only_quiz_errors(position: int, insert: str, cut: int) -> None:
    try:
        parse(_mutate(SAMPLE, position, insert, cut))
    except QuizError as exc:
        assert exc.one_line().startswith("quizzes/sample.yaml")
