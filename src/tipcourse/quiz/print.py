"""Print renderers: the student quiz sheet (questions only) and the teacher's answer key.

Both are static HTML fragments with every piece of quiz text escaped. The sheet carries no
answer, feedback, explanation or teacher note; the answer key carries all of them.
"""

from __future__ import annotations

from html import escape

from tipcourse.quiz.model import Bank, Question, format_number

_BOX = '<span class="tc-box" aria-hidden="true">☐</span>'
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _e(text: str | None) -> str:
    return escape(text or "", quote=True)


def _sheet_question(q: Question) -> str:
    if q.type in ("single", "multiple", "true-false"):
        rows = "".join(f"<li>{_BOX} {_e(o.text)}</li>" for o in q.choices)
        hint = ('<p class="tc-hint">Tick all that apply.</p>' if q.type == "multiple"
                else '<p class="tc-hint">Tick one.</p>')
        return f'{hint}<ul class="tc-sheet-options">{rows}</ul>'
    if q.type == "matching":
        choices = q.match_choices
        letters = "".join(
            f"<li><strong>{_LETTERS[i]}</strong> {_e(c)}</li>" for i, c in enumerate(choices)
        )
        items = "".join(
            f'<li>{_e(p.item)} <span class="tc-blank">Letter: ____</span></li>' for p in q.pairs
        )
        return (
            '<p class="tc-hint">Write the letter of the matching choice next to each item.</p>'
            f'<ol class="tc-sheet-items">{items}</ol>'
            f'<ul class="tc-sheet-choices">{letters}</ul>'
        )
    unit = f" {_e(q.unit)}" if q.unit else ""
    return f'<p class="tc-blank">Answer: ______________{unit}</p>'


def render_sheet(bank: Bank) -> str:
    """A printable sheet for students: the questions, with room to answer, and no answers."""
    out = [
        f'<section class="tc-sheet" aria-label="Quiz sheet: {_e(bank.title)}">',
        '<p class="tc-sheet-name">Name: ______________________ &nbsp; Date: ____________</p>',
    ]
    if bank.intro:
        out.append(f'<p class="tc-quiz-intro">{_e(bank.intro)}</p>')
    out.append('<ol class="tc-sheet-questions">')
    for q in bank.questions:
        out.append(f'<li class="tc-sheet-question"><p class="tc-prompt">{_e(q.prompt)}</p>'
                   f"{_sheet_question(q)}</li>")
    out.append("</ol></section>")
    return "\n".join(out)


def _key_answer(q: Question) -> str:
    if q.type in ("single", "multiple", "true-false"):
        rows = []
        for option in q.choices:
            mark = ('<strong class="tc-key-right">✓ correct</strong>' if option.correct
                    else '<span class="tc-key-wrong">✗</span>')
            feedback = (f' <span class="tc-key-feedback">{_e(option.feedback)}</span>'
                        if option.feedback else "")
            rows.append(f"<li>{mark} {_e(option.text)}{feedback}</li>")
        return f'<ul class="tc-key-options">{"".join(rows)}</ul>'
    if q.type == "matching":
        rows = "".join(f"<li>{_e(p.item)} → <strong>{_e(p.match)}</strong></li>" for p in q.pairs)
        extra = (
            f'<p>Extra choices (match nothing): {_e("; ".join(q.distractors))}</p>'
            if q.distractors else ""
        )
        return f'<ul class="tc-key-pairs">{rows}</ul>{extra}'
    tol = f" (accept ± {format_number(q.tolerance)})" if q.tolerance else " (exact)"
    unit = f" {_e(q.unit)}" if q.unit else ""
    return f"<p><strong>{format_number(q.number)}{unit}</strong>{tol}</p>"


def render_answer_key(bank: Bank) -> str:
    """The teacher's answer key: every answer, the feedback, explanation, source and note."""
    out = [f'<section class="tc-answer-key" aria-label="Answer key: {_e(bank.title)}">',
           f'<p class="tc-key-count">{len(bank.questions)} questions.</p>',
           '<ol class="tc-key-questions">']
    for q in bank.questions:
        out.append(f'<li class="tc-key-question" id="key-{_e(bank.id)}-{_e(q.id)}">')
        out.append(f'<p class="tc-prompt">{_e(q.prompt)}</p>')
        out.append(_key_answer(q))
        out.append(f'<p class="tc-key-explanation"><strong>Why:</strong> {_e(q.explanation)}</p>')
        source = bank.source_of(q)
        if source:
            link = (f' <a href="{_e(source.url)}">{_e(source.url)}</a>' if source.url else "")
            out.append(f'<p class="tc-key-source">Source: {_e(source.citation())}.{link}</p>')
        if q.teacher_note:
            out.append(f'<p class="tc-key-note"><strong>Teacher note:</strong> '
                       f"{_e(q.teacher_note)}</p>")
        out.append("</li>")
    out.append("</ol></section>")
    return "\n".join(out)
