"""Moodle XML (``<quiz>`` with one ``<question>`` per question, in a category per bank).

Built with the standard library's ElementTree: the format is small and fixed, and this keeps
the XML well-formed by construction. Question types: ``multichoice`` (single and multiple
answers), ``truefalse``, ``matching``, ``numerical``. Moodle XML has no field for a
question's language: a bank in another language is the same XML with its text in that
language.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape

from tipcourse.languages import SOURCE_LANGUAGE, ui
from tipcourse.quiz.model import Bank, Question, format_number

SUFFIX = ".moodle.xml"


def _html(text: str | None) -> str:
    return escape(text or "", quote=False)


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    node = ET.SubElement(parent, tag)
    if fmt:
        node.set("format", fmt)
    ET.SubElement(node, "text").text = value
    return node


def general_feedback(bank: Bank, q: Question, lang: str = SOURCE_LANGUAGE) -> str:
    """The explanation and, when the question has one, its source (HTML)."""
    text = _html(q.explanation)
    source = bank.source_of(q)
    if source:
        cite = _html(source.citation())
        if source.url:
            cite = f'<a href="{escape(source.url, quote=True)}">{cite}</a>'
        t = ui(lang)
        text += "<br>" + _html(t("Source: {citation}")).format(citation=cite)
    return text


def format_fraction(value: float) -> str:
    """A grade share as Moodle writes it: whole numbers plain, others with 5 decimals."""
    return str(int(value)) if value == int(value) else f"{value:.5f}"


def multichoice_fractions(q: Question) -> list[float]:
    """Grade share per option: right ones split 100 (Moodle's 5-decimal values); for
    multiple answers the wrong ones split -100, so ticking everything scores nothing."""
    correct = q.correct_indexes
    if q.type != "multiple":
        return [100.0 if i in correct else 0.0 for i in range(len(q.choices))]
    wrong = len(q.choices) - len(correct)
    right = round(100 / len(correct), 5)
    minus = -round(100 / wrong, 5) if wrong else 0.0
    return [right if i in correct else minus for i in range(len(q.choices))]


def _question(bank: Bank, q: Question, lang: str) -> ET.Element:
    kind = {"single": "multichoice", "multiple": "multichoice", "true-false": "truefalse",
            "matching": "matching", "numeric": "numerical"}[q.type]
    node = ET.Element("question", type=kind)
    _text(node, "name", q.id, fmt=None)
    _text(node, "questiontext", f"<p>{_html(q.prompt)}</p>")
    _text(node, "generalfeedback", general_feedback(bank, q, lang))
    ET.SubElement(node, "defaultgrade").text = "1"
    ET.SubElement(node, "penalty").text = "0" if q.type == "true-false" else "0.3333333"
    ET.SubElement(node, "hidden").text = "0"
    ET.SubElement(node, "idnumber").text = f"{bank.id}/{q.id}"
    if q.type in ("single", "multiple"):
        ET.SubElement(node, "single").text = "true" if q.type == "single" else "false"
        ET.SubElement(node, "shuffleanswers").text = "true"
        ET.SubElement(node, "answernumbering").text = "abc"
        for option, fraction in zip(q.choices, multichoice_fractions(q), strict=True):
            answer = _text(node, "answer", _html(option.text))
            answer.set("fraction", format_fraction(fraction))
            _text(answer, "feedback", _html(option.feedback))
    elif q.type == "true-false":
        # Moodle reads the words "true" and "false" here, in every language; it shows its
        # own, translated, labels for them.
        for option, word in zip(q.choices, ("true", "false"), strict=True):
            answer = _text(node, "answer", word, fmt="moodle_auto_format")
            answer.set("fraction", "100" if option.correct else "0")
            _text(answer, "feedback", _html(option.feedback))
    elif q.type == "matching":
        ET.SubElement(node, "shuffleanswers").text = "true"
        for pair in q.pairs:
            sub = _text(node, "subquestion", _html(pair.item))
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = pair.match
        for extra in q.distractors:  # Moodle's way to add a choice that matches nothing
            sub = _text(node, "subquestion", "")
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = extra
    else:
        answer = _text(node, "answer", format_number(q.number), fmt="moodle_auto_format")
        answer.set("fraction", "100")
        ET.SubElement(answer, "tolerance").text = format_number(q.tolerance or 0)
        _text(answer, "feedback", "")
        if q.unit:
            units = ET.SubElement(node, "units")
            unit = ET.SubElement(units, "unit")
            ET.SubElement(unit, "multiplier").text = "1"
            ET.SubElement(unit, "unit_name").text = q.unit
            ET.SubElement(node, "unitgradingtype").text = "0"
            ET.SubElement(node, "showunits").text = "3"  # unit shown, not asked for
    return node


def category_name(bank: Bank) -> str:
    """The bank's title as one Moodle category level: Moodle splits category paths at '/'
    (a literal one is written '//') and reads the name verbatim, so nothing else is escaped."""
    return " ".join(bank.title.split()).replace("/", "//")


def export(bank: Bank, lang: str = SOURCE_LANGUAGE) -> bytes:
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", type="category")
    _text(category, "category", f"$course$/top/tipcourse/{category_name(bank)}", fmt=None)
    _text(category, "info", _html(bank.intro))
    for q in bank.questions:
        quiz.append(_question(bank, q, lang))
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="utf-8", xml_declaration=True) + b"\n"
