"""Slides in another language: with a Spanish catalogue of the package's words, a lesson, a
quiz and a handout, the deck, the .pptx and the handout page come out in Spanish, while the
English slides of the same course stay as they were."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.lang import MSO_LANGUAGE_ID

import tipcourse.languages
from tipcourse.course import Course
from tipcourse.lessons import load_lesson
from tipcourse.slides.build import renderer
from tipcourse.slides.deck import build_deck
from tipcourse.slides.html import deck_html, handout_html
from tipcourse.slides.pptx import write_pptx

from helpers import copy_minibook, write_po

LESSON = """\
title: A lesson on signs
minutes: 30
essential_question: What are the signs?
content_note: In general terms.
materials:
  quizzes: [mini]
  handouts: [exit-ticket-1]
objectives:
  - id: define
    text: name the signs
steps:
  - title: Warm-up
    minutes: 10
    grouping: pairs
    content_note: true
    teacher: Ask the class.
    students: Talk in pairs.
  - title: Quiz
    minutes: 15
    grouping: individual
    teacher: Run the quiz.
    students: Answer the quiz.
  - title: Exit ticket
    minutes: 5
    grouping: individual
    teacher: Hand out the exit ticket.
    students: Write the ticket.
differentiation: {younger: a, older: b, eal: c}
assessment:
  - what: Exit ticket
    objectives: [define]
"""

BANK = """\
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
  - id: count
    type: numeric
    prompt: How many elements does trafficking have?
    answer: 3
    tolerance: 0
    explanation: Act, means and purpose.
"""

TICKET = """\
# Exit ticket 1: signs

::::{container} handout handout-tickets

**Exit ticket 1.** Cut along the lines.

:::{handout-copies} 4
**Exit ticket 1** (lesson 1: signs). Answer on your own.

1. Name one sign.
2. One question I still have:
:::
::::
"""

# The package's words (tipcourse.po) and the course's sources, in Spanish.
UI = {
    "Lesson {number}: {title}": "Lección {number}: {title}",
    "Lesson {number}": "Lección {number}",
    "What students do": "Qué hacen los alumnos",
    "Start timer": "Iniciar el temporizador",
    "Timer started": "Temporizador en marcha",
    "Pause timer": "Pausar el temporizador",
    "Our question:": "Nuestra pregunta:",
    "{n} minutes": "{n} minutos",
    "Before we start": "Antes de empezar",
    "Step {number}": "Paso {number}",
    "In pairs": "En parejas",
    "Source: {citation}": "Fuente: {citation}",
    "True": "Verdadero",
    "False": "Falso",
    "**Answer:** {answer}": "**Respuesta:** {answer}",
    "Answer with a number.": "Responde con un número.",
    "Exit ticket {number}": "Ticket de salida {number}",
    "On your own, on paper.": "Individualmente, en papel.",
    "Lesson slides": "Diapositivas de la lección",
    "page {number} of {total}": "página {number} de {total}",
    "{title} (slides)": "{title} (diapositivas)",
}
LESSON_ES = {"A lesson on signs": "Una lección sobre señales",
             "What are the signs?": "¿Cuáles son las señales?",
             "Talk in pairs.": "Hablad en parejas."}
BANK_ES = {"Trafficking can happen close to home.": "La trata puede ocurrir cerca de casa.",
           "Signs quiz": "Cuestionario de señales"}
TICKET_ES = {"Name one sign.": "Nombra una señal."}




@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Course:
    root = copy_minibook(tmp_path)
    for name, text in {"teacher_guide/lessons/lesson-01.yaml": LESSON,
                       "quizzes/mini.yaml": BANK,
                       "teacher_guide/handouts/exit-ticket-1.md": TICKET}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    messages = root / "locales/es/LC_MESSAGES"
    write_po(messages / "tipcourse.po", UI)
    write_po(messages / "teacher_guide/lessons/lesson-01.yaml.po", LESSON_ES)
    write_po(messages / "quizzes/mini.yaml.po", BANK_ES)
    write_po(messages / "teacher_guide/handouts/exit-ticket-1.po", TICKET_ES)
    # The package's own catalogue is the course's (the repository links them the same way).
    monkeypatch.setattr(tipcourse.languages, "package_locale_dir", lambda: root / "locales")
    return Course(root)


def deck_in(course: Course, lang: str):  # noqa: ANN201
    lesson = load_lesson(course, "lesson-01", lang)
    deck = build_deck(course, lesson, lang)
    return deck, renderer(course, lesson, lang)


def test_a_spanish_deck_speaks_spanish(course: Course) -> None:
    deck, text = deck_in(course, "es")
    html = deck_html(deck, text)
    assert '<html lang="es">' in html
    # What the page shows (deck.js's words are keyed by their English).
    shown = re.sub(r'<script type="application/json".*?</script>', "", html, flags=re.DOTALL)
    assert "<title>Lección 1: Una lección sobre señales (diapositivas)</title>" in html
    for spanish, english in [("Qué hacen los alumnos", "What students do"),
                             ("Iniciar el temporizador", "Start timer"),
                             ("Nuestra pregunta:", "Our question:"),
                             ("¿Cuáles son las señales?", "What are the signs?"),
                             ("La trata puede ocurrir cerca de casa.", "close to home"),
                             ("Verdadero", ">True<"),
                             ("Fuente: A report", "Source:"),
                             ("Responde con un número.", "Answer with a number"),
                             ("Ticket de salida 1", "Exit ticket 1"),
                             ("Nombra una señal.", "Name one sign."),
                             ("10 minutos · En parejas", "In pairs")]:
        assert spanish in shown, spanish
        assert english not in shown, english
    # deck.js's own words (the timer's messages) travel with the deck.
    assert '"Timer started": "Temporizador en marcha"' in html
    page = handout_html(deck, text)
    assert '<html lang="es">' in page and "página 1 de 2" in page and "page 1 of" not in page


def test_a_spanish_pptx_speaks_spanish(course: Course, tmp_path: Path) -> None:
    deck, text = deck_in(course, "es")
    prs = Presentation(str(write_pptx(deck, text, tmp_path / "es.pptx")))
    shown = "\n".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes
                      if shape.has_text_frame)
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in prs.slides
                      if s.has_notes_slide)
    assert "Nuestra pregunta:" in shown and "Our question:" not in shown
    assert "Qué hacen los alumnos" in shown and "What students do" not in shown
    assert "Fuente: A report" in notes and "Source:" not in notes
    assert prs.core_properties.language == "es"
    assert prs.core_properties.subject == "Diapositivas de la lección"
    runs = [r for s in prs.slides for sh in s.shapes if sh.has_text_frame
            for p in sh.text_frame.paragraphs for r in p.runs]
    assert runs and all(r.font.language_id == MSO_LANGUAGE_ID.SPANISH for r in runs)


def test_the_english_deck_of_the_same_course_is_unchanged(course: Course, tmp_path: Path
                                                          ) -> None:
    deck, text = deck_in(course, "en")
    html = deck_html(deck, text)
    assert '<html lang="en">' in html and "deck-labels" not in html
    assert "<title>Lesson 1: A lesson on signs (slides)</title>" in html
    for english in ("What students do", "Start timer", "Our question:", ">True<",
                    "Source: A report", "Exit ticket 1", "Name one sign.", "10 minutes · In pairs"):
        assert english in html, english
    assert not any(spanish in html for spanish in [*UI.values(), *LESSON_ES.values()])
    prs = Presentation(str(write_pptx(deck, text, tmp_path / "en.pptx")))
    assert prs.core_properties.subject == "Lesson slides"
    # The same slides in the same order in both languages.
    spanish, _ = deck_in(course, "es")
    assert [s.kind for s in spanish.slides] == [s.kind for s in deck.slides]


def test_the_command_writes_each_built_language_and_skips_the_others(
    course: Course, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tipcourse.cli import main

    site = course.site_dir("teacher", "es")
    site.mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    monkeypatch.chdir(course.root)
    assert main(["slides", "--no-pdf"]) == 0
    out = capsys.readouterr().out
    assert "en: skipped, the teacher edition is not built" in out
    deck = site / "slides/lesson-01/index.html"
    assert '<html lang="es">' in deck.read_text(encoding="utf-8")
    assert (course.build_dir / "slides/es/lesson-01.pptx").is_file()
    assert not (course.build_dir / "slides/en").exists()
    assert not course.site_dir("teacher", "en").exists()


@pytest.mark.browser
def test_the_spanish_deck_s_timer_speaks_spanish(course: Course, chromium_browser) -> None:  # noqa: ANN001
    from tipcourse.slides.build import SLIDES, write_decks

    from browser import open_page

    site = course.root / "_site"
    [deck] = write_decks(course, site, lang="es")
    assert deck == site / SLIDES / "lesson-01/index.html"
    with open_page(chromium_browser, deck.as_uri(), viewport={"width": 1280, "height": 720}
                   ) as (page, visit):
        page.wait_for_selector("html.deck-ready")
        for _ in range(3):
            page.keyboard.press("ArrowRight")
        toggle = page.locator("section.present .timer-toggle")
        assert toggle.inner_text() == "Iniciar el temporizador"
        page.keyboard.press("t")
        assert toggle.inner_text() == "Pausar el temporizador"
        status = page.locator("section.present .timer-status")
        assert status.text_content() == "Temporizador en marcha"
        assert visit.external_requests == []
