"""LMS exports: every bank exports to Moodle XML, GIFT and QTI 1.2 (Canvas); each export is
parsed back and its questions and right answers compared with the bank."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from html import unescape
from pathlib import Path

import pytest

from tipcourse.quiz import Bank, load_banks
from tipcourse.quiz.export import gift, moodle, qti
from tipcourse.quiz.loader import parse_bank

from helpers import write_po

ROOT = Path(__file__).resolve().parents[1]
BANKS = {b.id: b for b in load_banks(ROOT)}

TRICKY = parse_bank(
    """\
id: tricky
title: "Tricky {title}: a = b"
sources:
  s:
    title: "Source #1: {x}"
    url: https://example.org/a?b=c&d=e
questions:
  - id: html
    type: single
    prompt: "Is <img src=x onerror=alert(1)> shown as text? {a} ~b =c #d \\\\ e: f"
    source: s
    options:
      - text: "Yes: <script>alert('x')</script> = right"
        correct: true
        feedback: "Good ~ {feedback} #1"
      - text: "No # ~ = { } :"
    explanation: "Because & and < stay text: {ok}"
  - id: several
    type: multiple
    prompt: Pick the three right ones.
    options:
      - {text: "a = 1", correct: true}
      - {text: "b ~ 2", correct: true}
      - {text: "c # 3", correct: true}
      - {text: "d: 4"}
    explanation: "Three of four."
    source: s
  - id: tf
    type: true-false
    prompt: "False: {it is}"
    answer: false
    feedback_true: "Wrong ~ #"
    feedback_false: "Right = {}"
    explanation: Plain.
  - id: pairs
    type: matching
    prompt: "Match: a -> b"
    pairs:
      - {item: "x {1}", match: "one = 1"}
      - {item: "y #2", match: "two ~ 2"}
      - {item: "z: 3", match: "three # 3"}
    distractors: ["four: {4}"]
    explanation: Sorted.
    source: s
  - id: number
    type: numeric
    prompt: "Half of 21?"
    answer: 10.5
    tolerance: 0.25
    unit: "%"
    explanation: "21 / 2 = 10.5"
    source: s
""",
    Path("quizzes/tricky.yaml"),
)
ALL = {**BANKS, "tricky": TRICKY}


def _plain(html_text: str | None) -> str:
    """The text a student sees in an HTML fragment the export wrote."""
    return unescape(re.sub(r"<[^>]+>", "", html_text or "")).strip()


# Moodle XML -----------------------------------------------------------------------------
@pytest.mark.parametrize("bank_id", ALL)
def test_moodle_xml_round_trip(bank_id: str) -> None:
    bank = ALL[bank_id]
    root = ET.fromstring(moodle.export(bank))
    assert root.tag == "quiz"
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    assert len(questions) == len(bank.questions)
    for node, q in zip(questions, bank.questions, strict=True):
        assert node.findtext("name/text") == q.id
        assert _plain(node.findtext("questiontext/text")) == q.prompt
        assert _plain(node.findtext("generalfeedback/text")).startswith(q.explanation)
        answers = node.findall("answer")
        if q.type in ("single", "multiple"):
            assert node.get("type") == "multichoice"
            assert node.findtext("single") == ("true" if q.type == "single" else "false")
            fractions = [float(a.get("fraction")) for a in answers]
            right = [_plain(a.findtext("text")) for a, f in zip(answers, fractions, strict=True)
                     if f > 0]
            assert right == [o.text for o in q.choices if o.correct]
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.001)
            if q.type == "multiple" and len(right) < len(answers):
                assert sum(f for f in fractions if f < 0) == pytest.approx(-100, abs=0.001)
        elif q.type == "true-false":
            assert node.get("type") == "truefalse"
            right = [a.findtext("text") for a in answers if a.get("fraction") == "100"]
            assert right == [str(q.answer).lower()]
        elif q.type == "matching":
            subs = [(_plain(s.findtext("text")), s.findtext("answer/text"))
                    for s in node.findall("subquestion")]
            assert subs[: len(q.pairs)] == [(p.item, p.match) for p in q.pairs]
            assert [a for t, a in subs[len(q.pairs):]] == list(q.distractors)
            assert all(t == "" for t, _a in subs[len(q.pairs):])
        else:
            assert node.get("type") == "numerical"
            (answer,) = answers
            assert float(answer.findtext("text")) == q.number
            assert float(answer.findtext("tolerance")) == q.tolerance


def test_moodle_multiple_answer_fractions_for_three_right() -> None:
    node = ET.fromstring(moodle.export(TRICKY)).findall("question")[2]
    assert sorted(a.get("fraction") for a in node.findall("answer")) == [
        "-100", "33.33333", "33.33333", "33.33333"]


# GIFT -----------------------------------------------------------------------------------
def _gift_split(text: str, stops: str) -> list[tuple[str, str]]:
    """Split GIFT text at unescaped stop characters: [(stop, raw text before it)]; the
    pieces keep their backslash escapes (``_unescape`` removes them)."""
    parts, start, i = [], 0, 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] in stops:
            parts.append((text[i], text[start:i]))
            start = i + 1
        i += 1
    parts.append(("", text[start:]))
    return parts


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], text)


def parse_gift(text: str) -> list[dict]:
    """A small GIFT reader (enough for what tipcourse writes), honouring backslash escapes."""
    questions = []
    body = "\n".join(line for line in text.splitlines() if not line.startswith(("//", "$")))
    for block in [b for b in re.split(r"\n\s*\n", body) if b.strip()]:
        match = re.match(r"::(.*?)(?<!\\)::\[html\](.*)", block, re.S)
        assert match, block
        pieces = _gift_split(match[2], "{}")
        assert [p[0] for p in pieces] == ["{", "}", ""], f"unbalanced braces in {block!r}"
        prompt, answers = pieces[0][1], pieces[1][1]
        general = answers.split("####", 1)[1] if "####" in answers else ""
        answers = answers.split("####", 1)[0]
        questions.append({"id": _unescape(match[1]), "prompt": _plain(_unescape(prompt)),
                          "answers": answers, "general": _plain(_unescape(general))})
    return questions


def _gift_answers(raw: str) -> list[tuple[str, str]]:
    """[(marker, unescaped text)] for '=' and '~' answers, with '#' feedback dropped."""
    out = []
    marker = None
    for stop, chunk in _gift_split(raw, "=~"):
        if marker is not None:
            out.append((marker, _unescape(_gift_split(chunk, "#")[0][1]).strip()))
        marker = stop
    return out


@pytest.mark.parametrize("bank_id", ALL)
def test_gift_round_trip(bank_id: str) -> None:
    bank = ALL[bank_id]
    parsed = parse_gift(gift.export(bank).decode("utf-8"))
    assert len(parsed) == len(bank.questions)
    for got, q in zip(parsed, bank.questions, strict=True):
        assert got["id"] == q.id
        assert got["prompt"] == q.prompt
        assert got["general"].startswith(q.explanation)
        raw = got["answers"].strip()
        if q.type == "single":
            answers = _gift_answers(raw)
            assert [_plain(t) for m, t in answers if m == "="] == [
                o.text for o in q.choices if o.correct]
            assert len(answers) == len(q.choices)
        elif q.type == "multiple":
            answers = _gift_answers(raw)
            weights = [re.match(r"%(-?[\d.]+)%(.*)", t, re.S) for _m, t in answers]
            right = [_plain(w[2]) for w in weights if float(w[1]) > 0]
            assert right == [o.text for o in q.choices if o.correct]
            assert sum(float(w[1]) for w in weights if float(w[1]) > 0) == pytest.approx(
                100, abs=0.001)
        elif q.type == "true-false":
            assert _gift_split(raw, "#")[0][1].strip() == ("TRUE" if q.answer else "FALSE")
        elif q.type == "matching":
            pairs = [t.split("->") for m, t in _gift_answers(raw)]
            got_pairs = [(_plain(a), b.strip()) for a, b in pairs]
            assert got_pairs == [(p.item, p.match) for p in q.pairs] + [
                ("", d) for d in q.distractors]
        else:
            assert raw.startswith("#")
            (answer,) = _gift_answers(raw[1:])
            value, tolerance = answer[1].split(":")
            assert float(value) == q.number and float(tolerance) == q.tolerance


def test_gift_escapes_every_special_character() -> None:
    text = gift.export(TRICKY).decode("utf-8")
    line = next(ln for ln in text.splitlines() if ln.startswith("::html::"))
    prompt = line.split("::[html]", 1)[1].rsplit(" {", 1)[0]
    for char in "{}~=#:":
        assert re.search(rf"(?<!\\){re.escape(char)}", prompt) is None, char
    assert "\\{a\\} \\~b \\=c \\#d \\\\ e\\: f" in prompt
    assert "&lt;img src\\=x onerror\\=alert(1)&gt;" in prompt
    assert "<img" not in text and "<script" not in text


# QTI 1.2 (Canvas) -----------------------------------------------------------------------
def _q(tag: str) -> str:
    return f"{{{qti.NS}}}{tag}"


def _read_qti(bank: Bank) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(qti.export(bank))) as archive:
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        ns = {"m": qti.MANIFEST_NS}
        resource = manifest.find("m:resources/m:resource", ns)
        assert resource is not None and resource.get("type") == "imsqti_xmlv1p2"
        href = resource.get("href")
        assert href in archive.namelist()
        return ET.fromstring(archive.read(href))


def _labels(parent: ET.Element) -> dict[str, str]:
    return {lab.get("ident"): _plain(lab.findtext(f"{_q('material')}/{_q('mattext')}"))
            for lab in parent.iter(_q("response_label"))}


@pytest.mark.parametrize("bank_id", ALL)
def test_qti_round_trip(bank_id: str) -> None:
    bank = ALL[bank_id]
    root = _read_qti(bank)
    assert root.tag == _q("questestinterop")
    assessment = root.find(_q("assessment"))
    assert assessment.get("title") == bank.title
    items = list(assessment.iter(_q("item")))
    assert len(items) == len(bank.questions)
    for item, q in zip(items, bank.questions, strict=True):
        meta = {f.findtext(_q("fieldlabel")): f.findtext(_q("fieldentry"))
                for f in item.iter(_q("qtimetadatafield"))}
        assert meta["question_type"] == qti.CANVAS_TYPES[q.type]
        assert float(meta["points_possible"]) == 1.0
        presentation = item.find(_q("presentation"))
        assert _plain(presentation.findtext(f"{_q('material')}/{_q('mattext')}")) == q.prompt
        conditions = item.find(_q("resprocessing")).findall(_q("respcondition"))
        scoring = [c for c in conditions if c.find(_q("setvar")) is not None]
        labels = _labels(presentation)
        if q.type in ("single", "true-false"):
            (cond,) = scoring
            assert cond.find(_q("setvar")).text == "100"
            ident = cond.find(f"{_q('conditionvar')}/{_q('varequal')}").text
            assert labels[ident] == q.answer_text()
        elif q.type == "multiple":
            (cond,) = scoring
            both = cond.find(f"{_q('conditionvar')}/{_q('and')}")
            right = [labels[v.text] for v in both.findall(_q("varequal"))]
            wrong = [labels[v.text] for v in both.findall(f"{_q('not')}/{_q('varequal')}")]
            assert right == [o.text for o in q.choices if o.correct]
            assert sorted(right + wrong) == sorted(o.text for o in q.choices)
        elif q.type == "matching":
            lids = presentation.findall(_q("response_lid"))
            assert [_plain(lid.findtext(f"{_q('material')}/{_q('mattext')}")) for lid in lids] \
                == [p.item for p in q.pairs]
            got = {}
            for cond in scoring:
                var = cond.find(f"{_q('conditionvar')}/{_q('varequal')}")
                got[var.get("respident")] = labels[var.text]
            assert [got[lid.get("ident")] for lid in lids] == [p.match for p in q.pairs]
            shares = sum(float(c.find(_q("setvar")).text) for c in scoring)
            assert shares == pytest.approx(100, abs=0.05)
        else:
            (cond,) = scoring
            var = cond.find(_q("conditionvar"))
            assert float(var.find(f".//{_q('varequal')}").text) == q.number
            low, high = (float(var.find(f".//{_q(t)}").text) for t in ("vargte", "varlte"))
            assert (low, high) == pytest.approx((q.number - q.tolerance, q.number + q.tolerance))


def test_qti_text_stays_text() -> None:
    root = _read_qti(TRICKY)
    prompt = next(root.iter(_q("mattext"))).text
    assert "&lt;img src=x onerror=alert(1)&gt;" in prompt and "<img" not in prompt


def test_teacher_notes_never_exported() -> None:
    noted = [(b, q) for b in BANKS.values() for q in b.questions if q.teacher_note]
    assert noted
    for bank, q in noted:
        marker = q.teacher_note.split(".")[0][:40]
        for module in (moodle, gift, qti):
            data = module.export(bank)
            if module is qti:
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    data = b"".join(archive.read(n) for n in archive.namelist())
            assert marker.encode() not in data


def test_export_command_writes_every_bank_in_every_format(tmp_path: Path, monkeypatch,
                                                          capsys) -> None:  # noqa: ANN001
    from tipcourse.cli import main

    monkeypatch.chdir(ROOT)
    for fmt in ("moodle-xml", "gift", "qti"):
        assert main(["export", "quizzes", "--format", fmt, "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["en", "es", "fr"]
    expected = sorted(f"{b}{s}" for b in BANKS for s in (".moodle.xml", ".gift.txt", ".qti.zip"))
    for lang in ("en", "es", "fr"):
        assert sorted(p.name for p in (tmp_path / lang).iterdir()) == expected, lang
    assert "forms-of-exploitation" in capsys.readouterr().out


def test_export_command_writes_one_language_into_its_folder(tmp_path: Path, monkeypatch
                                                            ) -> None:  # noqa: ANN001
    from tipcourse.cli import main

    monkeypatch.chdir(ROOT)
    assert main(["export", "quizzes", "--format", "gift", "--lang", "en",
                 "--out", str(tmp_path)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["en"]
    bank = next(iter(BANKS))
    assert (tmp_path / "en" / f"{bank}.gift.txt").read_bytes() == gift.export(ALL[bank])


# What third-party parsers and LMS importers tripped on -----------------------------------
SLASHED = parse_bank(
    """\
id: slashed
title: "Part 1: forms / signs & more"
intro: An intro.
questions:
  - id: pairs
    type: matching
    prompt: Match them.
    pairs:
      - {item: a, match: x}
      - {item: b, match: y}
      - {item: c, match: z}
    explanation: They go together.
""",
    Path("quizzes/slashed.yaml"),
)


def test_gift_category_is_verbatim_and_one_level() -> None:
    text = gift.export(SLASHED).decode("utf-8")
    (line,) = [ln for ln in text.splitlines() if ln.startswith("$CATEGORY:")]
    # Moodle reads the line without GIFT escapes and splits it at single slashes.
    assert line == "$CATEGORY: $course$/top/tipcourse/Part 1: forms // signs & more"
    levels = re.split(r"(?<!/)/(?!/)", line.removeprefix("$CATEGORY: "))
    assert levels == ["$course$", "top", "tipcourse", "Part 1: forms // signs & more"]


def test_moodle_category_keeps_a_slash_in_the_title() -> None:
    root = ET.fromstring(moodle.export(SLASHED))
    category = root.find("question[@type='category']/category/text").text
    levels = re.split(r"(?<!/)/(?!/)", category)
    assert levels[-1].replace("//", "/") == SLASHED.title


def test_exports_ask_the_lms_to_shuffle() -> None:
    root = ET.fromstring(moodle.export(TRICKY))
    flags = [q.findtext("shuffleanswers") for q in root.findall("question")
             if q.get("type") in ("multichoice", "matching")]
    assert flags == ["true", "true", "true"]
    qti_root = _read_qti(TRICKY)
    shuffles = [r.get("shuffle") for r in qti_root.iter(_q("render_choice"))]
    # True/false keeps True before False; everything else is shuffled by the LMS too.
    assert shuffles.count("No") == 1 and set(shuffles) == {"Yes", "No"}


def test_qti_matching_items_are_single_cardinality() -> None:
    root = _read_qti(SLASHED)
    lids = list(root.iter(_q("response_lid")))
    assert len(lids) == 3
    assert {lid.get("rcardinality") for lid in lids} == {"Single"}


def test_qti_package_carries_canvas_quiz_settings() -> None:
    with zipfile.ZipFile(io.BytesIO(qti.export(TRICKY))) as archive:
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        ns = {"m": qti.MANIFEST_NS}
        hrefs = [r.get("href") for r in manifest.findall("m:resources/m:resource", ns)]
        meta_href = "tricky/assessment_meta.xml"
        assert meta_href in hrefs and meta_href in archive.namelist()
        meta = ET.fromstring(archive.read(meta_href))
    ns = {"c": qti.CANVAS_NS}
    assert meta.findtext("c:title", namespaces=ns) == TRICKY.title
    assert meta.findtext("c:shuffle_answers", namespaces=ns) == "true"
    assert float(meta.findtext("c:points_possible", namespaces=ns)) == len(TRICKY.questions)


# Languages ------------------------------------------------------------------------------
SPANISH_BANK = """\
id: mini
title: Signs quiz
sources:
  s:
    title: A report
    url: https://example.org/report
questions:
  - id: near
    type: true-false
    prompt: Trafficking can happen close to home.
    answer: true
    explanation: It can happen anywhere.
    source: s
"""




@pytest.fixture
def spanish_course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import tipcourse.languages

    root = tmp_path / "course"
    (root / "quizzes").mkdir(parents=True)
    (root / "quizzes/mini.yaml").write_text(SPANISH_BANK, encoding="utf-8")
    (root / "_config.yml").write_text("title: A course\n", encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    messages = root / "locales/es/LC_MESSAGES"
    write_po(messages / "tipcourse.po", {
        "Source: {citation}": "Fuente: {citation}", "True": "Verdadero", "False": "Falso",
        "{title} ({id}): exported by tipcourse": "{title} ({id}): exportado por tipcourse"})
    write_po(messages / "quizzes/mini.yaml.po", {
        "Signs quiz": "Cuestionario de señales",
        "Trafficking can happen close to home.": "La trata puede ocurrir cerca de casa.",
        "It can happen anywhere.": "Puede ocurrir en cualquier lugar."})
    monkeypatch.setattr(tipcourse.languages, "package_locale_dir", lambda: root / "locales")
    return root


def test_a_spanish_bank_exports_in_spanish(spanish_course: Path) -> None:
    from tipcourse.quiz.loader import find_bank

    bank = find_bank(spanish_course, "mini", "es")
    xml = moodle.export(bank, "es").decode()
    assert "La trata puede ocurrir cerca de casa." in xml and "close to home" not in xml
    assert "Fuente: " in xml and "Source:" not in xml
    assert "Cuestionario de señales" in xml
    # Moodle reads true and false as keywords, whatever the language.
    answers = [a.findtext("text") for a in ET.fromstring(xml.encode()).iter("answer")]
    assert answers == ["true", "false"]
    text = gift.export(bank, "es").decode()
    assert "exportado por tipcourse" in text and "Fuente\\: " in text  # GIFT-escaped
    assert "exported by" not in text and "Source" not in text
    root = ET.fromstring(qti.assessment(bank, "es"))
    texts = list(root.iter(_q("mattext")))
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert texts and {t.get(xml_lang) for t in texts} == {"es"}
    assert [_plain(lab) for lab in _labels(root).values()] == ["Verdadero", "Falso"]
    assert b'xml:lang="es"' in qti.assessment(bank, "es")


def test_the_english_export_of_the_same_bank_is_unchanged(spanish_course: Path) -> None:
    from tipcourse.quiz.loader import find_bank

    bank = find_bank(spanish_course, "mini", "en")
    xml = moodle.export(bank).decode()
    assert "close to home" in xml and "Source: " in xml and "Fuente" not in xml
    assert moodle.export(bank) == moodle.export(bank, "en")
    assert gift.export(bank).startswith(b"// Signs quiz (mini): exported by tipcourse\n")
    root = ET.fromstring(qti.assessment(bank))
    assert list(_labels(root).values()) == ["True", "False"]
    assert {t.get("{http://www.w3.org/XML/1998/namespace}lang")
            for t in root.iter(_q("mattext"))} == {"en"}


def test_the_export_command_writes_spanish_into_its_folder(
    spanish_course: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from tipcourse.cli import main

    monkeypatch.chdir(spanish_course)
    assert main(["export", "quizzes", "--lang", "es", "--format", "moodle-xml"]) == 0
    written = spanish_course / "_build/export/es/mini.moodle.xml"
    assert "Fuente: " in written.read_text(encoding="utf-8")
    assert not (spanish_course / "_build/export/en").exists()
