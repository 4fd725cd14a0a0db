"""Option order: the same shuffled order on the site, on paper, in the notebook widget and in
the answer keys, fixed by bank and question id, with pinned options last."""

from __future__ import annotations

from pathlib import Path

from tipcourse.quiz import load_banks
from tipcourse.quiz.loader import parse_bank
from tipcourse.quiz.widget import QuizWidget

ROOT = Path(__file__).resolve().parents[1]

PINNED = """\
id: pinned
title: Pinned
questions:
  - id: which
    type: single
    prompt: Which one?
    options:
      - {text: First, correct: true}
      - {text: Second, feedback: No.}
      - {text: Third, feedback: No.}
      - {text: Fourth, feedback: No.}
      - {text: None of these, feedback: No., pinned: true}
    explanation: The first.
"""


def _ordered(bank_id: str) -> dict[str, list[str]]:
    bank = next(b for b in load_banks(ROOT) if b.id == bank_id)
    return {q.id: [o.text for o in q.choices] for q in bank.questions}


def test_order_is_the_same_at_every_load_and_mostly_not_the_authors() -> None:
    banks = list(load_banks(ROOT))
    shuffled = total = 0
    for bank in banks:
        again = _ordered(bank.id)
        for q in bank.questions:
            if q.type not in ("single", "multiple"):
                continue
            shown = [o.text for o in q.choices]
            assert shown == again[q.id]
            assert sorted(shown) == sorted(o.text for o in q.options)
            total += 1
            shuffled += shown != [o.text for o in q.options]
    assert shuffled > total * 0.6, f"only {shuffled} of {total} questions were reordered"


def test_grading_follows_the_shown_order() -> None:
    for bank in load_banks(ROOT):
        for q in bank.questions:
            if q.type == "single":
                (right,) = q.correct_indexes
                assert q.choices[right].correct and q.grade(right)


def test_a_pinned_option_stays_last_and_the_rest_move() -> None:
    orders = set()
    for number in range(12):
        text = PINNED.replace("id: which", f"id: which-{number}")
        (q,) = parse_bank(text, Path("quizzes/pinned.yaml")).questions
        shown = [o.text for o in q.choices]
        assert shown[-1] == "None of these"
        orders.add(tuple(shown))
    assert len(orders) > 3  # different ids give different orders


def test_matching_choices_are_shuffled_the_same_way_everywhere() -> None:
    for bank in load_banks(ROOT):
        for q in bank.questions:
            if q.type == "matching":
                first = q.match_choices
                assert first == q.model_copy().match_choices
                assert sorted(first) == sorted({p.match for p in q.pairs} | set(q.distractors))
                # Not simply the order of the pairs (which would give the answer away).
                assert first[: len(q.pairs)] != [p.match for p in q.pairs]


def test_notebook_widget_shows_the_same_order() -> None:
    bank = next(b for b in load_banks(ROOT) if b.id == "forms-of-exploitation")
    quiz = QuizWidget(bank)
    for widget, q in zip(quiz.questions, bank.questions, strict=True):
        if q.type == "single":
            assert list(widget.inputs[0].options) == [o.text for o in q.choices]
        if q.type == "multiple":
            assert [box.description for box in widget.inputs] == [o.text for o in q.choices]


def test_site_sheet_and_key_list_options_in_one_order() -> None:
    from tipcourse.quiz.html import render_quiz
    from tipcourse.quiz.print import render_answer_key, render_sheet

    for bank in load_banks(ROOT):
        site, sheet, key = render_quiz(bank), render_sheet(bank), render_answer_key(bank)
        for q in bank.questions:
            if q.type != "single":
                continue
            texts = [o.text for o in q.choices]
            for html in (site, sheet, key):
                start = html.index(_e(q.prompt))  # look inside this question only
                places = [html.index(f"</span> {_e(t)}" if html is not site
                                     else f"<span>{_e(t)}</span>", start) for t in texts]
                assert places == sorted(places), (bank.id, q.id)


def _e(text: str) -> str:
    from html import escape

    return escape(text, quote=True)
