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
from html import escape
from typing import Any

from tipcourse.quiz.model import Bank, Question, Source


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


def question_data(bank: Bank, q: Question) -> dict[str, Any]:
    """What quiz.js needs to grade one question and explain the answer."""
    data: dict[str, Any] = {
        "id": q.id,
        "type": q.type,
        "explanation": q.explanation,
        "source": source_data(bank.source_of(q)),
    }
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


def _controls(prefix: str, q: Question) -> str:
    name = f"{prefix}-{q.id}"
    if q.type in ("single", "true-false", "multiple"):
        kind = "checkbox" if q.type == "multiple" else "radio"
        rows = []
        for i, option in enumerate(q.choices):
            rows.append(
                f'<li><label class="tc-option"><input type="{kind}" name="{_e(name)}" '
                f'value="{i}"> <span>{_e(option.text)}</span></label></li>'
            )
        hint = '<p class="tc-hint">Choose all that apply.</p>' if q.type == "multiple" else ""
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
                f'<select id="{_e(sid)}" name="{_e(sid)}"><option value="">Choose…</option>'
                f"{choices}</select></li>"
            )
        return f'<ul class="tc-pairs">{"".join(rows)}</ul>'
    unit = f" ({_e(q.unit)})" if q.unit else ""
    box = f"{name}-answer"
    return (
        f'<p class="tc-number"><label for="{_e(box)}">Your answer{unit}</label> '
        f'<input type="text" inputmode="decimal" autocomplete="off" id="{_e(box)}" '
        f'name="{_e(name)}" size="10"></p>'
    )


def render_quiz(bank: Bank, edition: str = "student", heading_level: int = 2) -> str:
    """The quiz as one HTML fragment (a <section>), ready to be placed in a page."""
    prefix = f"quiz-{bank.id}"
    h = max(2, min(heading_level, 6))
    out = [
        f'<section class="tc-quiz" id="{prefix}" data-quiz="{_e(bank.id)}" '
        f'aria-labelledby="{prefix}-title">',
        f'<h{h} id="{prefix}-title" class="tc-quiz-title">Check yourself: {_e(bank.title)}</h{h}>',
    ]
    if bank.intro:
        out.append(f'<p class="tc-quiz-intro">{_e(bank.intro)}</p>')
    out.append(
        '<p class="tc-quiz-nojs">The answer checks need JavaScript. Without it you can still '
        "read the questions and discuss them.</p>"
    )
    out.append('<ol class="tc-questions">')
    for number, q in enumerate(bank.questions, 1):
        qid = f"{prefix}-{q.id}"
        out.append(f'<li class="tc-question" id="{_e(qid)}" data-type="{q.type}">')
        out.append(f'<fieldset><legend><span class="tc-qnum">Question {number}.</span> '
                   f"{_e(q.prompt)}</legend>")
        out.append(_controls(prefix, q))
        out.append("</fieldset>")
        out.append('<p class="tc-actions"><button type="button" class="tc-check" hidden>'
                   "Check answer</button></p>")
        out.append(f'<div class="tc-feedback" id="{_e(qid)}-feedback" role="status" '
                   'aria-live="polite"></div>')
        if edition == "teacher" and q.teacher_note:
            out.append('<details class="tc-teacher-note"><summary>Teacher note</summary>'
                       f"<p>{_e(q.teacher_note)}</p></details>")
        out.append("</li>")
    out.append("</ol>")
    out.append(
        f'<div class="tc-summary"><p class="tc-score" id="{prefix}-score" role="status" '
        f'aria-live="polite"></p>'
        '<p><button type="button" class="tc-retry" hidden>Start again</button></p></div>'
    )
    payload = {"id": bank.id, "questions": [question_data(bank, q) for q in bank.questions]}
    out.append(f'<script type="application/json" class="tc-quiz-data">{script_json(payload)}'
               "</script>")
    out.append("</section>")
    return "\n".join(out)
