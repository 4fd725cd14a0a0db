"""QTI 1.2 as Canvas imports it: a zip with ``imsmanifest.xml``, the assessment and Canvas's
``assessment_meta.xml`` (quiz title, shuffled answers, points).

Canvas reads its own flavour of QTI 1.2: the question type and points go in
``itemmetadata/qtimetadata`` (``multiple_choice_question``, ``multiple_answers_question``,
``true_false_question``, ``matching_question``, ``numerical_question``), answers are
``response_lid``/``response_str`` blocks, and grading sets the ``SCORE`` variable (0–100).
Built with ElementTree; the zip is written deterministically (fixed timestamps). Every text
(``mattext``) carries its language in ``xml:lang``, QTI's field for it.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from html import escape

from tipcourse.languages import SOURCE_LANGUAGE
from tipcourse.quiz.export.moodle import general_feedback
from tipcourse.quiz.export.words import option_text
from tipcourse.quiz.model import Bank, Question, format_number

SUFFIX = ".qti.zip"
NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CANVAS_NS = "http://canvas.instructure.com/xsd/cccv1p0"
CANVAS_TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "true-false": "true_false_question",
    "matching": "matching_question",
    "numeric": "numerical_question",
}


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _mattext(parent: ET.Element, text: str, lang: str, html: bool = True) -> None:
    material = ET.SubElement(parent, "material")
    node = ET.SubElement(material, "mattext", texttype="text/html" if html else "text/plain")
    node.set(XML_LANG, lang)
    node.text = text


def _field(meta: ET.Element, label: str, entry: str) -> None:
    field = ET.SubElement(meta, "qtimetadatafield")
    ET.SubElement(field, "fieldlabel").text = label
    ET.SubElement(field, "fieldentry").text = entry


def _feedback(item: ET.Element, ident: str, html: str, lang: str) -> None:
    node = ET.SubElement(item, "itemfeedback", ident=ident)
    _mattext(ET.SubElement(node, "flow_mat"), html, lang)


def _condition(resp: ET.Element, cont: bool = False) -> tuple[ET.Element, ET.Element]:
    cond = ET.SubElement(resp, "respcondition", {"continue": "Yes" if cont else "No"})
    return cond, ET.SubElement(cond, "conditionvar")


def _score(cond: ET.Element, value: str, action: str = "Set") -> None:
    ET.SubElement(cond, "setvar", action=action, varname="SCORE").text = value


def _show(cond: ET.Element, ident: str) -> None:
    ET.SubElement(cond, "displayfeedback", feedbacktype="Response", linkrefid=ident)


def answer_ident(q: Question, index: int) -> str:
    return f"{q.id}-a{index + 1}"


def _item(bank: Bank, q: Question, lang: str) -> ET.Element:
    item = ET.Element("item", ident=f"{bank.id}-{q.id}", title=q.id)
    meta = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
    _field(meta, "question_type", CANVAS_TYPES[q.type])
    _field(meta, "points_possible", "1.0")
    presentation = ET.SubElement(item, "presentation")
    _mattext(presentation, f"<p>{escape(q.prompt, quote=False)}</p>", lang)
    resp = ET.SubElement(item, "resprocessing")
    outcomes = ET.SubElement(resp, "outcomes")
    ET.SubElement(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE",
                  vartype="Decimal")
    cond, var = _condition(resp, cont=True)  # the explanation, whatever the answer
    ET.SubElement(var, "other")
    _show(cond, "general_fb")
    feedbacks: list[tuple[str, str]] = [("general_fb", general_feedback(bank, q, lang))]

    if q.type in ("single", "multiple", "true-false"):
        idents = [answer_ident(q, i) for i in range(len(q.choices))]
        _field(meta, "original_answer_ids", ",".join(idents))
        lid = ET.SubElement(presentation, "response_lid", ident="response1",
                            rcardinality="Multiple" if q.type == "multiple" else "Single")
        shuffle = "No" if q.type == "true-false" else "Yes"
        choice = ET.SubElement(lid, "render_choice", shuffle=shuffle)
        for index, (ident, option) in enumerate(zip(idents, q.choices, strict=True)):
            label = ET.SubElement(choice, "response_label", ident=ident)
            _mattext(label, escape(option_text(q, index, lang), quote=False), lang)
            if option.feedback:
                cond, var = _condition(resp, cont=True)
                ET.SubElement(var, "varequal", respident="response1").text = ident
                _show(cond, f"{ident}_fb")
                feedbacks.append((f"{ident}_fb", escape(option.feedback, quote=False)))
        cond, var = _condition(resp)
        if q.type == "multiple":
            both = ET.SubElement(var, "and")
            for ident, option in zip(idents, q.choices, strict=True):
                test = both if option.correct else ET.SubElement(both, "not")
                ET.SubElement(test, "varequal", respident="response1").text = ident
        else:
            ET.SubElement(var, "varequal", respident="response1").text = idents[
                q.correct_indexes[0]
            ]
        _score(cond, "100")
    elif q.type == "matching":
        choices = q.match_choices
        choice_ids = [f"{q.id}-m{i + 1}" for i in range(len(choices))]
        share = format_number(round(100 / len(q.pairs), 2))
        for i, pair in enumerate(q.pairs):
            rid = f"response_{q.id}-p{i + 1}"
            lid = ET.SubElement(presentation, "response_lid", ident=rid, rcardinality="Single")
            _mattext(lid, pair.item, lang, html=False)
            render = ET.SubElement(lid, "render_choice", shuffle="Yes")
            for cid, text in zip(choice_ids, choices, strict=True):
                label = ET.SubElement(render, "response_label", ident=cid)
                _mattext(label, text, lang, html=False)
            cond, var = _condition(resp)
            ET.SubElement(var, "varequal", respident=rid).text = choice_ids[
                choices.index(pair.match)
            ]
            _score(cond, share, action="Add")
    else:
        low = q.number - (q.tolerance or 0)
        high = q.number + (q.tolerance or 0)
        rstr = ET.SubElement(presentation, "response_str", ident="response1",
                             rcardinality="Single")
        fib = ET.SubElement(rstr, "render_fib", fibtype="Decimal")
        ET.SubElement(fib, "response_label", ident="answer1")
        cond, var = _condition(resp)
        either = ET.SubElement(var, "or")
        ET.SubElement(either, "varequal", respident="response1").text = format_number(q.number)
        between = ET.SubElement(either, "and")
        ET.SubElement(between, "vargte", respident="response1").text = format_number(low)
        ET.SubElement(between, "varlte", respident="response1").text = format_number(high)
        _score(cond, "100")
    for ident, html in feedbacks:
        _feedback(item, ident, html, lang)
    return item


def assessment(bank: Bank, lang: str = SOURCE_LANGUAGE) -> bytes:
    root = ET.Element("questestinterop", xmlns=NS)
    test = ET.SubElement(root, "assessment", ident=bank.id, title=bank.title)
    meta = ET.SubElement(test, "qtimetadata")
    _field(meta, "cc_maxattempts", "unlimited")
    section = ET.SubElement(test, "section", ident="root_section")
    for q in bank.questions:
        section.append(_item(bank, q, lang))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def manifest(bank: Bank) -> bytes:
    root = ET.Element("manifest", identifier=f"tipcourse-{bank.id}", xmlns=MANIFEST_NS)
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(root, "organizations")
    resources = ET.SubElement(root, "resources")
    href = f"{bank.id}/{bank.id}.xml"
    res = ET.SubElement(resources, "resource", identifier=f"res-{bank.id}",
                        type="imsqti_xmlv1p2", href=href)
    ET.SubElement(res, "file", href=href)
    ET.SubElement(res, "dependency", identifierref=f"res-{bank.id}-meta")
    meta = f"{bank.id}/assessment_meta.xml"
    res = ET.SubElement(resources, "resource", identifier=f"res-{bank.id}-meta",
                        type="associatedcontent/imscc_xmlv1p1/learning-application-resource",
                        href=meta)
    ET.SubElement(res, "file", href=meta)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def assessment_meta(bank: Bank) -> bytes:
    """Canvas's quiz settings (``assessment_meta.xml``): title, shuffled answers, points."""
    root = ET.Element("quiz", identifier=bank.id, xmlns=CANVAS_NS)
    ET.SubElement(root, "title").text = bank.title
    ET.SubElement(root, "description").text = escape(bank.intro or "", quote=False)
    ET.SubElement(root, "shuffle_answers").text = "true"
    ET.SubElement(root, "quiz_type").text = "practice_quiz"
    ET.SubElement(root, "points_possible").text = f"{float(len(bank.questions))}"
    ET.SubElement(root, "allowed_attempts").text = "-1"
    ET.SubElement(root, "show_correct_answers").text = "true"
    ET.SubElement(root, "one_question_at_a_time").text = "false"
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def export(bank: Bank, lang: str = SOURCE_LANGUAGE) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("imsmanifest.xml", manifest(bank)),
                           (f"{bank.id}/{bank.id}.xml", assessment(bank, lang)),
                           (f"{bank.id}/assessment_meta.xml", assessment_meta(bank))):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
