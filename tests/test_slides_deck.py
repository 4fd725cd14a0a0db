"""Lesson slides from the lesson data: what each deck holds and in what order, the editable
PowerPoint file read back, and the decks in the teacher edition only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation

from tipcourse.course import Course
from tipcourse.lessons import load_lessons
from tipcourse.publish.build import build_edition
from tipcourse.quiz import find_bank
from tipcourse.slides.build import build_slides, write_decks
from tipcourse.slides.cards import exit_ticket, handout_cards
from tipcourse.slides.deck import build_deck
from tipcourse.slides.pptx import write_pptx
from tipcourse.slides.text import TextRenderer

from helpers import copy_minibook, files_containing

REPO = Path(__file__).resolve().parent.parent
FIXED = 3  # title with the essential question, content note, objectives


@pytest.fixture(scope="module")
def course() -> Course:
    return Course(REPO)


@pytest.fixture(scope="module")
def lessons(course: Course) -> list:
    return load_lessons(course)


def expected_slides(course: Course, lesson) -> int:
    """The fixed slides, one per step, and one per card, question, video and exit ticket,
    counted from the sources themselves."""
    count = FIXED + len(lesson.steps)
    for name in lesson.materials.handouts:
        found = handout_cards(course, name)
        if found and not name.startswith("exit-ticket"):
            count += len(found[1])
    count += sum(len(find_bank(course.root, b).questions) for b in lesson.materials.quizzes)
    count += "video-lesson" in lesson.materials.guide
    tickets = [n for n in lesson.materials.handouts if n.startswith("exit-ticket")]
    if tickets:
        count += any(exit_ticket(course, lesson.number, n) for n in tickets)
    else:
        count += exit_ticket(course, lesson.number) is not None and any(
            "exit ticket" in f"{s.title} {s.teacher}".lower() for s in lesson.steps)
    return count


def test_every_lesson_has_a_deck_in_teaching_order(course: Course, lessons: list) -> None:
    assert len(lessons) >= 6
    for lesson in lessons:
        deck = build_deck(course, lesson)
        kinds = [s.kind for s in deck.slides]
        assert kinds[:FIXED] == ["title", "note", "objectives"], lesson.id
        assert deck.slides[0].title == lesson.title
        assert deck.slides[0].text == lesson.essential_question
        assert deck.slides[1].notes == lesson.content_note
        assert deck.slides[2].items == [o.text for o in lesson.objectives]
        steps = [s for s in deck.slides if s.kind == "step"]
        assert [s.title for s in steps] == [s.title for s in lesson.steps]
        assert [s.minutes for s in steps] == [s.minutes for s in lesson.steps]
        for slide, step in zip(steps, lesson.steps, strict=True):
            assert slide.text == step.students
            assert step.teacher in slide.notes
        assert len(deck.slides) == expected_slides(course, lesson), lesson.id


def test_materials_follow_the_step_that_uses_them(course: Course, lessons: list) -> None:
    by_id = {lesson.id: build_deck(course, lesson) for lesson in lessons}
    kinds = [s.kind for s in by_id["lesson-02"].slides]
    watching = [s.title for s in by_id["lesson-02"].slides].index("Watching, with pause points")
    assert kinds[watching + 1] == "video"
    assert "question" in kinds and kinds[-1] == "ticket"
    lesson3 = by_id["lesson-03"].slides
    first_card = next(i for i, s in enumerate(lesson3) if s.kind == "card")
    assert lesson3[first_card - 1].title == "Scenario cards"
    assert lesson3[first_card].title == "Dana, 23"
    assert lesson3[first_card].label == "Scenario cards, card 1 of 8"
    assert lesson3[first_card + 7].label == "Scenario cards, card 8 of 8"
    assert lesson3[-1].kind == "ticket" and lesson3[-2].title == "Exit ticket"
    assert lesson3[-1].items[0] == "Name three forms of exploitation."


def test_quiz_questions_keep_the_sites_order_and_hide_nothing_from_the_notes(
    course: Course, lessons: list
) -> None:
    lesson = next(lesson for lesson in lessons if lesson.id == "lesson-02")
    bank = find_bank(course.root, lesson.materials.quizzes[0])
    questions = [s for s in build_deck(course, lesson).slides if s.kind == "question"]
    assert [s.title for s in questions] == [q.prompt for q in bank.questions]
    for slide, q in zip(questions, bank.questions, strict=True):
        if slide.choices:
            # The site's order: the quiz page lists q.choices (tipcourse.quiz.html).
            assert [c.text for c in slide.choices] == [o.text for o in q.choices]
            assert [c.correct for c in slide.choices] == [o.correct for o in q.choices]
        assert q.answer_text() in slide.notes
        assert q.explanation in slide.answer


def test_lesson_text_keeps_links_and_figures(course: Course) -> None:
    text = TextRenderer(course.root, base="slides/lesson-01")
    html = text.html("Read {doc}`/teacher_guide/safeguarding` and {doc}`the chart "
                     "</teacher_guide/handouts/kwlq-chart>`; **{fact}`organized-crime-share`**")
    assert 'href="../../teacher_guide/safeguarding.html"' in html
    assert 'href="../../teacher_guide/handouts/kwlq-chart.html">the chart</a>' in html
    assert "{" not in html and "source" not in html  # the class sees the figure only
    assert "source: " in text.take_sources()[0]
    notes = text.html("{fact}`organized-crime-share`", notes=True)
    assert "source: " in notes and text.take_sources() == []
    runs = text.paragraphs("- one **bold** point\n- two")
    assert [(p.marker, p.text) for p in runs] == [("•", "one bold point"), ("•", "two")]
    assert [r.bold for r in runs[0].runs] == [False, True, False]


def test_each_pptx_reads_back_with_its_slides_and_notes(
    course: Course, lessons: list, tmp_path: Path
) -> None:
    for lesson in lessons:
        deck = build_deck(course, lesson)
        path = write_pptx(deck, TextRenderer(course.root), tmp_path / f"{lesson.id}.pptx")
        prs = Presentation(str(path))
        slides = list(prs.slides)
        assert len(slides) == expected_slides(course, lesson), lesson.id
        assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 16:9
        texts = ["\n".join(s.text_frame.text for s in page.shapes if s.has_text_frame)
                 for page in slides]
        assert lesson.title in texts[0] and lesson.essential_question in texts[0]
        for step in lesson.steps:
            index = next(i for i, t in enumerate(texts) if step.title in t)
            notes = slides[index].notes_slide.notes_text_frame.text
            # The teacher's text, as plain text (Markdown marks and roles resolved).
            first_words = re.sub(r"[*`{}]", "", step.teacher.split("\n")[0])[:25]
            assert first_words.split(" ")[0] in notes, (lesson.id, step.title)
            assert f"{step.minutes} minute" in texts[index]
        assert all(page.has_notes_slide for page in slides)
        for number, page in enumerate(slides, start=1):
            for shape in page.shapes:
                assert shape.top + shape.height <= prs.slide_height, (lesson.id, number)
                assert shape.left + shape.width <= prs.slide_width, (lesson.id, number)
        sizes = {run.font.size.pt for page in slides for shape in page.shapes
                 if shape.has_text_frame for p in shape.text_frame.paragraphs
                 for run in p.runs if run.font.size}
        assert min(sizes) >= 21, lesson.id  # 28 px at 1280 x 720


def test_a_deck_is_written_with_everything_it_loads(course: Course, tmp_path: Path) -> None:
    site = tmp_path / "site"
    decks = write_decks(course, site)
    assert [d.relative_to(site).as_posix() for d in decks] == [
        f"slides/{lesson.id}/index.html" for lesson in load_lessons(course)]
    html = decks[0].read_text(encoding="utf-8")
    # Speaker notes: the teacher's text of every step, in reveal.js's notes element.
    lesson = load_lessons(course)[0]
    notes = re.findall(r'<aside class="notes">(.*?)</aside>', html, re.DOTALL)
    for step in lesson.steps:
        # A sentence of the teacher's text with no markup in it, as written.
        sentences = re.split(r"(?<=[.:;])\s+", step.teacher)
        plain = [t for t in sentences if not re.search(r"[{*`<>\"]", t)]
        words = " ".join(plain[0].split()[:5])
        assert any(words in " ".join(n.split()) for n in notes), step.title
    for asset in re.findall(r'(?:src|href)="(\.\./_assets/[^"]+)"', html):
        assert (decks[0].parent / asset).is_file(), asset
    assert not re.search(r'(?:src|href)="(?:https?:)?//', html.split("<main")[0])
    shipped = {p.name for p in (site / "slides/_assets").iterdir()}
    assert shipped == {"reveal.css", "reveal.js", "notes.js", "deck.css", "deck.js",
                       "reveal.js-LICENSE.txt"}


def test_the_command_needs_a_built_teacher_edition(tmp_path: Path) -> None:
    from tipcourse.errors import BuildError

    with pytest.raises(BuildError, match="teacher edition is not built"):
        build_slides(Course(REPO), tmp_path / "nothing", handouts=False)


LESSON = """\
title: A lesson
minutes: 20
essential_question: What is it? zqxdeckq
content_note: In general terms.
objectives:
  - id: define
    text: name the elements
steps:
  - title: Warm-up zqxdeckstep
    minutes: 20
    grouping: pairs
    content_note: true
    teacher: Ask.
    students: Answer.
differentiation: {younger: a, older: b, eal: c}
assessment:
  - what: Exit ticket
    objectives: [define]
"""


def test_decks_reach_the_teacher_edition_only(tmp_path: Path) -> None:
    root = copy_minibook(tmp_path)
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: index\nchapters:\n  - file: book/chapter\n"
        "  - file: teacher_guide/index\n    sections:\n"
        "      - file: teacher_guide/lessons/lesson-01\n", encoding="utf-8")
    (root / "teacher_guide/lessons").mkdir(parents=True)
    (root / "teacher_guide/lessons/lesson-01.yaml").write_text(LESSON, encoding="utf-8")
    (root / "teacher_guide/lessons/lesson-01.md").write_text(
        "# Lesson 1\n\n```{lesson} lesson-01\n```\n\n```{lesson-slides}\n```\n",
        encoding="utf-8")
    course = Course(root)
    teacher = build_edition(course, "teacher").site
    deck = teacher / "slides/lesson-01/index.html"
    assert "zqxdeckstep" in deck.read_text(encoding="utf-8")
    page = (teacher / "teacher_guide/lessons/lesson-01.html").read_text(encoding="utf-8")
    assert page.count('href="../../slides/lesson-01/index.html"') == 2  # summary and list
    student = build_edition(course, "student").site
    assert not (student / "slides").exists()
    assert files_containing(student, "zqxdeckstep") == []
    assert files_containing(student, "RevealNotes") == []  # reveal.js's notes plugin
    assert files_containing(teacher, "RevealNotes") != []


def test_a_youtube_video_loads_only_on_a_click() -> None:
    from tipcourse.slides.deck import Slide
    from tipcourse.slides.html import section_html

    url = "https://www.youtube.com/watch?v=abcdefghijk"
    html = section_html(Slide(kind="video", title="Watch", url=url), 1,
                        TextRenderer(REPO))
    assert '<button type="button" class="video-play" data-embed="https://www.youtube-nocookie' \
        in html
    assert "<iframe" not in html and 'src="http' not in html
    assert "QR code for " + url in html


TICKET = """\
# Exit ticket 2: the video

::::{container} handout handout-tickets

**Exit ticket 2.** Cut along the lines; one ticket per student.

:::{handout-copies} 4
**Exit ticket 2** (lesson 2: the video). Answer on your own.

1. Name the act in the story.
2. One question I still have:
:::
::::

:::{teacher}
:title: Notes for the teacher

Read them before the next lesson. zqxticketnote
:::
"""


def test_an_exit_ticket_handout_of_its_own_gives_the_ticket_slide(tmp_path: Path) -> None:
    root = copy_minibook(tmp_path)
    (root / "teacher_guide/handouts").mkdir(parents=True)
    (root / "teacher_guide/handouts/exit-ticket-2.md").write_text(TICKET, encoding="utf-8")
    title, questions = exit_ticket(Course(root), 2, "exit-ticket-2")
    assert title == "Exit ticket 2"
    assert questions == ["Name the act in the story.", "One question I still have:"]
    assert exit_ticket(Course(root), 3, "exit-ticket-2") is None


def test_a_figure_on_a_slide_names_its_source_under_the_text(course: Course) -> None:
    from tipcourse.slides.deck import Slide
    from tipcourse.slides.html import section_html

    slide = Slide(kind="card", title="A figure", text="About {fact}`organized-crime-share`.",
                  notes="Say {fact}`organized-crime-share` slowly.")
    html = section_html(slide, 1, TextRenderer(course.root))
    visible, notes = html.split('<aside class="notes">')
    assert visible.count("ource: ") == 1 and 'class="slide-sources"' in visible
    assert "source: " in notes
    assert "UNODC" in visible  # the source's name as written
