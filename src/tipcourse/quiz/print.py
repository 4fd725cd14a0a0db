"""Print renderers: the student quiz sheet (questions only) and the teacher's answer key.

Both are static HTML fragments with every piece of quiz text escaped. The sheet carries no
answer, feedback, explanation or teacher note; the answer key carries all of them.
"""

from __future__ import annotations

from html import escape

from tipcourse.quiz.html import ENGLISH, Labels
from tipcourse.quiz.model import Bank, Question, format_number

_BOX = '<span class="tc-box" aria-hidden="true">☐</span>'
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _e(text: str | None) -> str:
    return escape(text or "", quote=True)


def _letter(i: int) -> str:
    return f'<span class="tc-letter">{_LETTERS[i]}</span>'


def _sheet_question(q: Question, labels: Labels) -> str:
    if q.type in ("single", "multiple", "true-false"):
        rows = "".join(f"<li>{_BOX} {_letter(i)} {_e(o.text)}</li>"
                       for i, o in enumerate(q.choices))
        hint = labels.tick_all if q.type == "multiple" else labels.tick_one
        return f'<p class="tc-hint">{_e(hint)}</p><ul class="tc-sheet-options">{rows}</ul>'
    if q.type == "matching":
        choices = q.match_choices
        letters = "".join(
            f"<li><strong>{_LETTERS[i]}</strong> {_e(c)}</li>" for i, c in enumerate(choices)
        )
        items = "".join(
            f'<li>{_e(p.item)} <span class="tc-blank">{_e(labels.letter)} ____</span></li>'
            for p in q.pairs
        )
        return (
            f'<p class="tc-hint">{_e(labels.write_letter)}</p>'
            f'<ol class="tc-sheet-items">{items}</ol>'
            f'<ul class="tc-sheet-choices">{letters}</ul>'
        )
    unit = f" {_e(q.unit)}" if q.unit else ""
    return f'<p class="tc-blank">{_e(labels.answer_line)} ______________{unit}</p>'


def render_sheet(bank: Bank, labels: Labels = ENGLISH, heading_level: int | None = None
                 ) -> str:
    """A printable sheet for students: the questions, with room to answer, and no answers.
    With ``heading_level`` it starts with the quiz's heading."""
    title = labels.heading.format(title=bank.title)
    out = [f'<section class="tc-sheet" aria-label="{_e(title)}">']
    if heading_level is not None:
        h = max(2, min(heading_level, 6))
        out.append(f'<h{h} class="tc-quiz-title">{_e(title)}</h{h}>')
    out.append(f'<p class="tc-sheet-name"><span>{_e(labels.sheet_name)} '
               '______________________________</span> '
               f'<span>{_e(labels.sheet_date)} ________________</span></p>')
    if bank.intro:
        out.append(f'<p class="tc-quiz-intro">{_e(bank.intro)}</p>')
    out.append('<ol class="tc-sheet-questions">')
    for q in bank.questions:
        out.append(f'<li class="tc-sheet-question"><p class="tc-prompt">{_e(q.prompt)}</p>'
                   f"{_sheet_question(q, labels)}</li>")
    out.append("</ol></section>")
    return "\n".join(out)


def _key_answer(q: Question, labels: Labels) -> str:
    if q.type in ("single", "multiple", "true-false"):
        rows = []
        for i, option in enumerate(q.choices):
            mark = (f'<strong class="tc-key-right">✓ {_e(labels.key_correct)}</strong>'
                    if option.correct
                    else '<span class="tc-key-wrong">✗</span>')
            feedback = (f' <span class="tc-key-feedback">{_e(option.feedback)}</span>'
                        if option.feedback else "")
            rows.append(f"<li>{_letter(i)} {_e(option.text)} {mark}{feedback}</li>")
        return f'<ul class="tc-key-options">{"".join(rows)}</ul>'
    if q.type == "matching":
        choices = q.match_choices
        rows = "".join(f"<li>{_e(p.item)} → <strong>{_LETTERS[choices.index(p.match)]} "
                       f"{_e(p.match)}</strong></li>" for p in q.pairs)
        extra = (
            f'<p>{_e(labels.extra_choices.format(choices="; ".join(q.distractors)))}</p>'
            if q.distractors else ""
        )
        return f'<ul class="tc-key-pairs">{rows}</ul>{extra}'
    tol = (labels.accept.format(tolerance=format_number(q.tolerance)) if q.tolerance
           else labels.exact)
    unit = f" {_e(q.unit)}" if q.unit else ""
    return f"<p><strong>{format_number(q.number)}{unit}</strong> ({_e(tol)})</p>"


def render_answer_key(bank: Bank, labels: Labels = ENGLISH) -> str:
    """The teacher's answer key: every answer, the feedback, explanation, source and note."""
    label = labels.key_label.format(title=bank.title)
    out = [f'<section class="tc-answer-key" aria-label="{_e(label)}">',
           f'<p class="tc-key-count">{_e(labels.key_count.format(n=len(bank.questions)))}</p>',
           '<ol class="tc-key-questions">']
    for q in bank.questions:
        out.append(f'<li class="tc-key-question" id="key-{_e(bank.id)}-{_e(q.id)}">')
        out.append(f'<p class="tc-prompt">{_e(q.prompt)}</p>')
        out.append(_key_answer(q, labels))
        out.append(f'<p class="tc-key-explanation"><strong>{_e(labels.why)}</strong> '
                   f"{_e(q.explanation)}</p>")
        source = bank.source_of(q)
        if source:
            link = (f' <a href="{_e(source.url)}">{_e(source.url)}</a>' if source.url else "")
            out.append(f'<p class="tc-key-source">{_e(labels.source)}{_e(source.citation())}.'
                       f"{link}</p>")
        if q.teacher_note:
            out.append(f'<p class="tc-key-note"><strong>{_e(labels.teacher_note)}:</strong> '
                       f"{_e(q.teacher_note)}</p>")
        out.append("</li>")
    out.append("</ol></section>")
    return "\n".join(out)
