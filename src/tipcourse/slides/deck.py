"""A lesson's deck: the slides, in teaching order, as data that both renderers (reveal.js
HTML and PowerPoint) read.

The deck is a function of the lesson plan and what it uses: the fixed slides (title with the
essential question, the content note, the objectives), one slide per step, and after the
step that uses them the material slides: scenario cards, quiz questions, the video, the
exit ticket. A material goes after the step that links to it or is named after it, else
before the last step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from tipcourse.course import Course
from tipcourse.lessons.model import Lesson, Step
from tipcourse.quiz.model import Option, Question
from tipcourse.slides.cards import Card, exit_ticket, handout_cards, is_exit_ticket

SlideKind = Literal[
    "title", "note", "objectives", "step", "card", "question", "video", "ticket"
]

GROUPING_LABEL = {
    "whole class": "Whole class",
    "individual": "On your own",
    "pairs": "In pairs",
    "small groups": "In small groups",
}

# The class sees these on the content-note slide; the lesson's own content note is written to
# the teacher and goes into the speaker notes.
CLASS_NOTE = (
    "We talk about situations, not about people we know.",
    "No one has to share anything personal.",
    "You may take a short break at any time.",
    "Every question is welcome, also on an anonymous sticky note.",
    "After the lesson, you can talk to your teacher or the school counsellor.",
)

DEFAULT_VIDEO_URL = (
    "https://www.unodc.org/e4j/en/secondary/teaching-guide-human-trafficking/introduction.html"
)
VIDEO_GUIDE = "video-lesson"


@dataclass
class Choice:
    text: str
    correct: bool = False


@dataclass
class Slide:
    """One slide. Text fields are MyST Markdown; ``notes`` are the speaker notes."""

    kind: SlideKind
    title: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    meta: str = ""
    minutes: int | None = None
    choices: list[Choice] = field(default_factory=list)
    matches: list[str] = field(default_factory=list)
    answer: str = ""
    notes: str = ""
    url: str = ""
    label: str = ""


@dataclass
class Deck:
    lesson: Lesson
    slides: list[Slide]

    @property
    def id(self) -> str:
        return self.lesson.id

    @property
    def title(self) -> str:
        return f"Lesson {self.lesson.number}: {self.lesson.title}"


# Quiz questions --------------------------------------------------------------------------
def shown_choices(question: Question) -> tuple[Option, ...]:
    """A question's options in the order the site shows them: the quiz model's ``choices``
    are that order for every output (site, print, keys), so the deck asks for nothing else.
    The one place the deck takes a question's options."""
    return question.choices


def question_slides(course: Course, bank_id: str) -> list[Slide]:
    from tipcourse.quiz import find_bank

    bank = find_bank(course.root, bank_id)
    slides = []
    total = len(bank.questions)
    for number, q in enumerate(bank.questions, start=1):
        label = f"{bank.title} · {number} of {total}"
        slide = Slide(kind="question", title=q.prompt, label=label)
        if q.type in ("single", "multiple", "true-false"):
            slide.choices = [Choice(o.text, o.correct) for o in shown_choices(q)]
            how = "Choose all that apply." if q.type == "multiple" else ""
            slide.text = how
        elif q.type == "matching":
            slide.items = [p.item for p in q.pairs]
            slide.matches = [p.match for p in q.pairs]
            slide.text = "Match each one with: " + "; ".join(q.match_choices) + "."
        else:
            slide.text = f"Answer with a number{f' ({q.unit})' if q.unit else ''}."
        full = f"**Answer:** {q.answer_text()}\n\n{q.explanation}"
        # Revealed options and matches are marked on the slide: the explanation is enough.
        slide.answer = q.explanation if slide.choices or slide.matches else full
        source = bank.source_of(q)
        notes = [full]
        if source:
            notes.append(f"Source: {source.citation()}")
        if q.teacher_note:
            notes.append(q.teacher_note)
        slide.notes = "\n\n".join(notes)
        slides.append(slide)
    return slides


# Placement of materials ------------------------------------------------------------------
def _mentions(step: Step, *needles: str) -> bool:
    text = f"{step.title}\n{step.teacher}\n{step.students}".lower()
    return any(n in text for n in needles)


def _titled(step: Step, *needles: str) -> bool:
    return any(n in step.title.lower() for n in needles)


def _place(steps: list[Step], title_words: tuple[str, ...], text_words: tuple[str, ...]) -> int:
    """The index of the step a material belongs after."""
    for i, step in enumerate(steps):
        if _titled(step, *title_words):
            return i
    for i, step in enumerate(steps):
        if _mentions(step, *text_words):
            return i
    return max(len(steps) - 2, 0)


@dataclass
class VideoSettings:
    url: str
    title: str = ""
    pauses: list[str] = field(default_factory=list)


def video_settings(course: Course) -> VideoSettings:
    """The video the course uses: from the school settings (``school.yml``) where the
    course has them, else ``tipcourse_video_url`` in ``_config.yml``, else the default."""
    try:
        from tipcourse.school import load_school  # type: ignore[import-not-found]
    except ImportError:
        config = course.config()
        sphinx = (config.get("sphinx") or {}).get("config") or {}
        return VideoSettings(str(sphinx.get("tipcourse_video_url") or DEFAULT_VIDEO_URL))
    video = load_school(course.root).video
    pauses = [f"{p.at}: {p.prompt}" for p in getattr(video, "pauses", [])]
    return VideoSettings(video.address or DEFAULT_VIDEO_URL, video.title or "", pauses)


def _step_slide(number: int, step: Step, start: int, end: int) -> Slide:
    minutes = f"{step.minutes} minute" + ("s" if step.minutes != 1 else "")
    return Slide(
        kind="step",
        title=step.title,
        label=f"Step {number}",
        meta=f"{minutes} · {GROUPING_LABEL.get(step.grouping, step.grouping)}",
        minutes=step.minutes,
        text=step.students,
        notes=f"{step.teacher}\n\n({start}–{end} min of the lesson)",
    )


def _card_slide(card: Card, handout_title: str, number: int, total: int) -> Slide:
    # The handout's task ("**Scenario cards.** Which form ...?") without its bold name.
    task = re.sub(r"^\*\*[^*]+\*\*\s*", "", card.prompt).strip()
    return Slide(kind="card", title=card.title or handout_title, text=card.text,
                 label=f"{handout_title}, card {number} of {total}", meta=task,
                 notes=card.prompt)


def build_deck(course: Course, lesson: Lesson) -> Deck:
    """Every slide of one lesson, in teaching order."""
    slides: list[Slide] = [
        Slide(kind="title", title=lesson.title, label=f"Lesson {lesson.number}",
              text=lesson.essential_question,
              meta=f"{lesson.minutes} minutes",
              notes="Objectives for you to keep in mind:\n\n"
              + "\n".join(f"- {o.text}" for o in lesson.objectives)),
        Slide(kind="note", title="Before we start", items=list(CLASS_NOTE),
              notes=lesson.content_note),
        Slide(kind="objectives", title="By the end of this lesson, you can",
              items=[o.text for o in lesson.objectives],
              notes="\n".join(f"- Assessment: {a.what}" for a in lesson.assessment)),
    ]
    steps = list(lesson.steps)
    after: dict[int, list[Slide]] = {}

    # Handouts with cards (the exit tickets are a handout of their own, placed below).
    for name in lesson.materials.handouts:
        found = handout_cards(course, name)
        if found is None or is_exit_ticket(name):
            continue
        handout_title, cards = found
        if not cards:
            continue
        words = handout_title.lower().rstrip("s")
        at = _place(steps, (words,), (f"handouts/{name}", words))
        after.setdefault(at, []).extend(
            _card_slide(card, handout_title, n, len(cards)) for n, card in enumerate(cards, 1)
        )

    if VIDEO_GUIDE in lesson.materials.guide:
        video = video_settings(course)
        at = _place(steps, ("watching", "the video"), ("play the video",))
        notes = ("Nothing loads from the internet until you click. Check before the lesson "
                 f"that the video plays on the classroom computer. Address: {video.url}")
        if video.pauses:
            notes += "\n\nYour pause points:\n\n" + "\n".join(f"- {p}" for p in video.pauses)
        after.setdefault(at, []).append(Slide(
            kind="video", title="Watch the video", url=video.url,
            text=video.title
            or "From UNODC Education for Justice's teaching guide on human trafficking.",
            notes=notes))

    for bank_id in lesson.materials.quizzes:
        at = _place(steps, ("quiz",), ("quiz",))
        after.setdefault(at, []).extend(question_slides(course, bank_id))

    ticket = lesson_exit_ticket(course, lesson)
    if ticket is not None:
        at = _place(steps, ("exit ticket",), ("exit ticket",))
        title, questions = ticket
        after.setdefault(at, []).append(Slide(
            kind="ticket", title=title, items=questions,
            notes="Collect the tickets at the door and read them before the next lesson."))

    for i, (step, (start, end)) in enumerate(zip(steps, lesson.step_times(), strict=True)):
        slides.append(_step_slide(i + 1, step, start, end))
        slides.extend(after.get(i, []))
    return Deck(lesson, slides)


def lesson_exit_ticket(course: Course, lesson: Lesson) -> tuple[str, list[str]] | None:
    """The exit ticket's title and questions: from the exit-ticket handout the lesson uses,
    else the lesson's card on the course's handout of exit tickets when a step hands one
    out."""
    for name in lesson.materials.handouts:
        if is_exit_ticket(name):
            found = exit_ticket(course, lesson.number, name)
            if found:
                return found
    if any(_mentions(step, "exit ticket") for step in lesson.steps):
        return exit_ticket(course, lesson.number)
    return None
