"""The site renderer: a bank as a kernel-free HTML quiz, checked by ``quiz.js`` in the browser.

The questions are plain HTML form controls (radio buttons, check boxes, selects, a text box),
so they work by keyboard and with screen readers without any script tricks. What the script
needs to grade (the right answers, per-option feedback, explanations, sources) travels as JSON
in a ``<script type="application/json">`` block, which the browser never runs; the script puts
it on the page with ``textContent``. Every piece of quiz text is escaped here, so a prompt
holding markup shows as text. Teacher notes appear only when ``edition == "teacher"``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from html import escape
from typing import Any

from tipcourse.languages import N_
from tipcourse.quiz.model import Bank, Question, Source


@dataclass(frozen=True)
class Labels:
    """Every word the quiz adds around the bank's own text (in the page and for quiz.js).
    English here; the Sphinx side passes translated ones. ``{n}``/``{total}``/``{right}``
    are filled in by the renderer or the script."""

    heading: str = N_("Check yourself: {title}")
    question: str = N_("Question {n}.")
    choose_all: str = N_("Choose all that apply.")
    choose: str = N_("Choose…")
    your_answer: str = N_("Your answer")
    check: str = N_("Check answer")
    retry: str = N_("Try again")
    teacher_note: str = N_("Teacher note")
    nojs: str = N_("The answer checks need JavaScript. Without it you can still read the "
                 "questions and discuss them.")
    private: str = N_("Your answers stay in this browser; nothing is sent anywhere.")
    progress: str = N_("{answered} of {total} answered.")
    correct: str = N_("Correct.")
    not_quite: str = N_("Not quite.")
    answer_first: str = N_("Give an answer first.")
    match_first: str = N_("Choose a match for every item first.")
    number_only: str = N_("Type a number, using digits only.")
    source: str = N_("Source: ")
    summary: str = N_("You got {right} of {total} right.")
    reread: str = N_("To reread:")
    question_link: str = N_("question {n}")
    cleared: str = N_("The quiz has been cleared. Start again from question 1.")
    # Print
    sheet_name: str = N_("Name:")
    sheet_date: str = N_("Date:")
    tick_one: str = N_("Tick one.")
    tick_all: str = N_("Tick all that apply.")
    write_letter: str = N_("Write the letter of the matching choice next to each item.")
    letter: str = N_("Letter:")
    answer_line: str = N_("Answer:")
    # Answer key
    key_label: str = N_("Answer key: {title}")
    key_count: str = N_("{n} questions.")
    why: str = N_("Why:")
    accept: str = N_("accept ± {tolerance}")
    exact: str = N_("exact")
    key_correct: str = N_("correct")
    extra_choices: str = N_("Extra choices (match nothing): {choices}")

    def translated(self, t: Callable[[str], str]) -> Labels:
        """These labels in another language (``t``: tipcourse.languages.ui)."""
        return Labels(**{key: t(text) for key, text in asdict(self).items()})


ENGLISH = Labels()
# The labels quiz.js writes (the page carries only these, never e.g. "Teacher note").
SCRIPT_LABELS = ("progress", "correct", "not_quite", "answer_first", "match_first",
                 "number_only", "source", "summary", "reread", "question_link", "cleared")


def _e(text: str | None) -> str:
    return escape(text or "", quote=True)


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element (no '</script>' or '<!--' can form)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def source_data(source: Source | None) -> dict[str, str] | None:
    if source is None:
        return None
    return {"title": source.citation(), "url": source.url or ""}


def question_data(bank: Bank, q: Question, sections: dict[str, str] | None = None
                  ) -> dict[str, Any]:
    """What quiz.js needs to grade one question and explain the answer. ``sections`` maps
    the heading ids on the page to their titles (links in the end-of-quiz summary)."""
    data: dict[str, Any] = {
        "id": q.id,
        "type": q.type,
        "explanation": q.explanation,
        "source": source_data(bank.source_of(q)),
    }
    if sections and q.section in sections:
        data["section"] = {"id": q.section, "title": sections[q.section]}
    if q.type in ("single", "multiple", "true-false"):
        data["correct"] = q.correct_indexes
        data["feedback"] = [o.feedback or "" for o in q.choices]
    elif q.type == "matching":
        choices = q.match_choices
        data["correct"] = [choices.index(p.match) for p in q.pairs]
    else:
        data["answer"] = q.number
        data["tolerance"] = q.tolerance or 0.0
        data["unit"] = q.unit or ""
    return data


def _controls(prefix: str, q: Question, labels: Labels) -> str:
    name = f"{prefix}-{q.id}"
    if q.type in ("single", "true-false", "multiple"):
        kind = "checkbox" if q.type == "multiple" else "radio"
        rows = []
        for i, option in enumerate(q.choices):
            rows.append(
                f'<li><label class="tc-option"><input type="{kind}" name="{_e(name)}" '
                f'value="{i}"> <span>{_e(option.text)}</span></label></li>'
            )
        hint = (f'<p class="tc-hint">{_e(labels.choose_all)}</p>' if q.type == "multiple"
                else "")
        return f'{hint}<ul class="tc-options">{"".join(rows)}</ul>'
    if q.type == "matching":
        choices = "".join(
            f'<option value="{i}">{_e(c)}</option>' for i, c in enumerate(q.match_choices)
        )
        rows = []
        for i, pair in enumerate(q.pairs):
            sid = f"{name}-{i}"
            rows.append(
                f'<li class="tc-pair"><label for="{_e(sid)}">{_e(pair.item)}</label> '
                f'<select id="{_e(sid)}" name="{_e(sid)}">'
                f'<option value="">{_e(labels.choose)}</option>'
                f"{choices}</select></li>"
            )
        return f'<ul class="tc-pairs">{"".join(rows)}</ul>'
    unit = f" ({_e(q.unit)})" if q.unit else ""
    box = f"{name}-answer"
    return (
        f'<p class="tc-number"><label for="{_e(box)}">{_e(labels.your_answer)}{unit}</label> '
        f'<input type="text" inputmode="decimal" autocomplete="off" id="{_e(box)}" '
        f'name="{_e(name)}" size="10"></p>'
    )


def render_quiz(bank: Bank, edition: str = "student", heading_level: int | None = 2,
                labels: Labels = ENGLISH, sections: dict[str, str] | None = None) -> str:
    """The quiz as one HTML fragment (a <section>), ready to be placed in a page.

    ``heading_level`` None: the quiz fills a section of its own and that section's heading
    names it, so it adds none (one heading per quiz)."""
    prefix = f"quiz-{bank.id}"
    title = labels.heading.format(title=bank.title)
    out = [f'<section class="tc-quiz" id="{prefix}" data-quiz="{_e(bank.id)}" '
           f'aria-label="{_e(title)}">']
    if heading_level is not None:
        h = max(2, min(heading_level, 6))
        out.append(f'<h{h} id="{prefix}-title" class="tc-quiz-title">{_e(title)}</h{h}>')
    if bank.intro:
        out.append(f'<p class="tc-quiz-intro">{_e(bank.intro)}</p>')
    out.append(f'<p class="tc-quiz-private">{_e(labels.private)}</p>')
    out.append(f'<p class="tc-quiz-nojs">{_e(labels.nojs)}</p>')
    out.append(f'<p class="tc-progress" id="{prefix}-progress" role="status" '
               'aria-live="polite" hidden></p>')
    out.append('<ol class="tc-questions">')
    for number, q in enumerate(bank.questions, 1):
        qid = f"{prefix}-{q.id}"
        out.append(f'<li class="tc-question" id="{_e(qid)}" data-type="{q.type}">')
        out.append(f'<fieldset><legend><span class="tc-qnum">'
                   f"{_e(labels.question.format(n=number))}</span> {_e(q.prompt)}</legend>")
        out.append(_controls(prefix, q, labels))
        out.append("</fieldset>")
        out.append(f'<p class="tc-actions"><button type="button" class="tc-check" hidden>'
                   f"{_e(labels.check)}</button></p>")
        out.append(f'<div class="tc-feedback" id="{_e(qid)}-feedback" role="status" '
                   'aria-live="polite"></div>')
        if edition == "teacher" and q.teacher_note:
            out.append(f'<details class="tc-teacher-note"><summary>{_e(labels.teacher_note)}'
                       f"</summary><p>{_e(q.teacher_note)}</p></details>")
        out.append("</li>")
    out.append("</ol>")
    out.append(
        f'<div class="tc-summary" id="{prefix}-summary" role="status" aria-live="polite">'
        f'</div><p><button type="button" class="tc-retry" hidden>{_e(labels.retry)}'
        "</button></p>"
    )
    words = asdict(labels)
    payload = {"id": bank.id, "labels": {key: words[key] for key in SCRIPT_LABELS},
               "questions": [question_data(bank, q, sections) for q in bank.questions]}
    out.append(f'<script type="application/json" class="tc-quiz-data">{script_json(payload)}'
               "</script>")
    out.append("</section>")
    return "\n".join(out)
