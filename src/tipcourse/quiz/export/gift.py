"""GIFT, Moodle's plain-text question format.

Written by hand: it is a few lines per question. Texts are marked ``[html]`` and escaped twice:
first as HTML (so markup in quiz text stays text), then GIFT's reserved characters
``\\ ~ = # { } :`` get a backslash and new lines become ``\\n``, as Moodle's own exporter does.
"""

from __future__ import annotations

from html import escape

from tipcourse.languages import SOURCE_LANGUAGE, ui
from tipcourse.quiz.export.moodle import (
    category_name,
    format_fraction,
    general_feedback,
    multichoice_fractions,
)
from tipcourse.quiz.model import Bank, Question, format_number

SUFFIX = ".gift.txt"
RESERVED = "\\~=#{}:"


def gift_escape(text: str) -> str:
    out = "".join("\\" + c if c in RESERVED else c for c in text)
    return out.replace("\r", "").replace("\n", "\\n")


def _t(text: str | None) -> str:
    """Quiz text as escaped HTML, then GIFT-escaped."""
    return gift_escape(escape(text or "", quote=False))


def _feedback(text: str | None) -> str:
    return f"#{_t(text)}" if text else ""


def question(bank: Bank, q: Question, lang: str = SOURCE_LANGUAGE) -> str:
    head = f"::{gift_escape(q.id)}::[html]{_t(q.prompt)} {{"
    general = f"\t####{gift_escape(general_feedback(bank, q, lang))}\n"
    if q.type == "true-false":
        right, wrong = (q.choices[0], q.choices[1]) if q.answer else (q.choices[1], q.choices[0])
        # Moodle reads {TRUE#feedback if wrong#feedback if right}
        body = f"{'TRUE' if q.answer else 'FALSE'}#{_t(wrong.feedback)}#{_t(right.feedback)}\n"
        return f"{head}{body}{general}}}\n"
    lines = []
    if q.type == "single":
        for option in q.choices:
            lines.append(f"\t{'=' if option.correct else '~'}{_t(option.text)}"
                         f"{_feedback(option.feedback)}")
    elif q.type == "multiple":
        for option, fraction in zip(q.choices, multichoice_fractions(q), strict=True):
            lines.append(f"\t~%{format_fraction(fraction)}%{_t(option.text)}"
                         f"{_feedback(option.feedback)}")
    elif q.type == "matching":
        # Matching answers are plain text in Moodle (not HTML): escape only for GIFT.
        for pair in q.pairs:
            lines.append(f"\t={_t(pair.item)} -> {gift_escape(pair.match)}")
        for extra in q.distractors:
            lines.append(f"\t= -> {gift_escape(extra)}")
    else:
        # Numeric answers start with '#': {#=answer:tolerance}
        lines.append(f"\t={format_number(q.number)}:{format_number(q.tolerance or 0)}")
        return f"{head}#\n" + "\n".join(lines) + f"\n{general}}}\n"
    return head + "\n" + "\n".join(lines) + f"\n{general}}}\n"


def export(bank: Bank, lang: str = SOURCE_LANGUAGE) -> bytes:
    """The bank as GIFT (a format with no field for the language: the text is in ``lang``)."""
    # Moodle reads the $CATEGORY line verbatim (no GIFT escapes) and splits it at '/'.
    t = ui(lang)
    head = t("{title} ({id}): exported by tipcourse").format(title=bank.title, id=bank.id)
    parts = [f"// {head}\n", f"$CATEGORY: $course$/top/tipcourse/{category_name(bank)}\n"]
    parts += [question(bank, q, lang) for q in bank.questions]
    return "\n".join(parts).encode("utf-8")
