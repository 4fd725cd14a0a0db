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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from tipcourse.course import Course
from tipcourse.languages import N_, SOURCE_LANGUAGE, ui
from tipcourse.lessons.model import Lesson, Step
from tipcourse.quiz.model import Option, Question
from tipcourse.slides.cards import Card, exit_ticket, handout_cards, is_exit_ticket

SlideKind = Literal[
    "title", "note", "objectives", "step", "card", "question", "video", "ticket"
]

GROUPING_LABEL = {
    "whole class": N_("Whole class"),
    "individual": N_("On your own"),
    "pairs": N_("In pairs"),
    "small groups": N_("In small groups"),
}

# The class sees these on the content-note slide; the lesson's own content note is written to
# the teacher and goes into the speaker notes.
CLASS_NOTE = (
    N_("We talk about situations, not about people we know."),
    N_("No one has to share anything personal."),
    N_("You may take a short break at any time."),
    N_("Every question is welcome, also on an anonymous sticky note."),
    N_("After the lesson, you can talk to your teacher or the school counsellor."),
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
    lang: str = SOURCE_LANGUAGE

    @property
    def id(self) -> str:
        return self.lesson.id

    @property
    def title(self) -> str:
        t = ui(self.lang)
        return t("Lesson {number}: {title}").format(
            number=self.lesson.number, title=self.lesson.title)


# Quiz questions --------------------------------------------------------------------------
def shown_choices(question: Question) -> tuple[Option, ...]:
    """A question's options in the order the site shows them: the quiz model's ``choices``
    are that order for every output (site, print, keys), so the deck asks for nothing else.
    The one place the deck takes a question's options."""
    return question.choices


def option_words(q: Question, text: str, t: Callable[[str], str]) -> str:
    """An option as the class reads it: a true-false question's "True" and "False" are the
    quiz model's own words, in the deck's language."""
    from tipcourse.quiz.export.words import TRUE_FALSE

    return t(text) if q.type == "true-false" and text in TRUE_FALSE else text


def question_slides(course: Course, bank_id: str, lang: str = SOURCE_LANGUAGE) -> list[Slide]:
    from tipcourse.quiz import find_bank

    t = ui(lang)
    bank = find_bank(course.root, bank_id, lang)
    slides = []
    total = len(bank.questions)
    for number, q in enumerate(bank.questions, start=1):
        label = t("{quiz} · {number} of {total}").format(quiz=bank.title, number=number,
                                                         total=total)
        slide = Slide(kind="question", title=q.prompt, label=label)
        if q.type in ("single", "multiple", "true-false"):
            slide.choices = [Choice(option_words(q, o.text, t), o.correct)
                             for o in shown_choices(q)]
            how = t("Choose all that apply.") if q.type == "multiple" else ""
            slide.text = how
        elif q.type == "matching":
            slide.items = [p.item for p in q.pairs]
            slide.matches = [p.match for p in q.pairs]
            slide.text = t("Match each one with: {choices}.").format(
                choices="; ".join(q.match_choices))
        elif q.unit:
            slide.text = t("Answer with a number ({unit}).").format(unit=q.unit)
        else:
            slide.text = t("Answer with a number.")
        answer = option_words(q, q.answer_text(), t)
        full = t("**Answer:** {answer}").format(answer=answer) + f"\n\n{q.explanation}"
        # Revealed options and matches are marked on the slide: the explanation is enough.
        slide.answer = q.explanation if slide.choices or slide.matches else full
        source = bank.source_of(q)
        notes = [full]
        if source:
            notes.append(t("Source: {citation}").format(citation=source.citation()))
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


def video_settings(course: Course, lang: str = SOURCE_LANGUAGE) -> VideoSettings:
    """The video the course uses: from the school settings (``school.yml``) where the
    course has them, else ``tipcourse_video_url`` in ``_config.yml``, else the default."""
    try:
        from tipcourse.school import load_school  # type: ignore[import-not-found]
    except ImportError:
        config = course.config()
        sphinx = (config.get("sphinx") or {}).get("config") or {}
        return VideoSettings(str(sphinx.get("tipcourse_video_url") or DEFAULT_VIDEO_URL))
    video = load_school(course.root, lang).video
    pauses = [f"{p.at}: {p.prompt}" for p in getattr(video, "pauses", [])]
    return VideoSettings(video.address or DEFAULT_VIDEO_URL, video.title or "", pauses)


def minutes_text(minutes: int, t: Callable[[str], str]) -> str:
    """"1 minute", "15 minutes" in the deck's language."""
    return (t("{n} minute") if minutes == 1 else t("{n} minutes")).format(n=minutes)


def _step_slide(number: int, step: Step, start: int, end: int, t: Callable[[str], str]
                ) -> Slide:
    grouping = GROUPING_LABEL.get(step.grouping)
    return Slide(
        kind="step",
        title=step.title,
        label=t("Step {number}").format(number=number),
        meta=f"{minutes_text(step.minutes, t)} · {t(grouping) if grouping else step.grouping}",
        minutes=step.minutes,
        text=step.students,
        notes=f"{step.teacher}\n\n"
        + t("({start}–{end} min of the lesson)").format(start=start, end=end),
    )


def _card_slide(card: Card, handout_title: str, number: int, total: int,
                t: Callable[[str], str]) -> Slide:
    # The handout's task ("**Scenario cards.** Which form ...?") without its bold name.
    task = re.sub(r"^\*\*[^*]+\*\*\s*", "", card.prompt).strip()
    label = t("{handout}, card {number} of {total}").format(handout=handout_title,
                                                             number=number, total=total)
    return Slide(kind="card", title=card.title or handout_title, text=card.text,
                 label=label, meta=task, notes=card.prompt)


def english(course: Course, lesson: Lesson, lang: str) -> Lesson:
    """The lesson plan in English (the source), as loaded for ``lang``."""
    if lang == SOURCE_LANGUAGE:
        return lesson
    from tipcourse.lessons import load_lesson

    return load_lesson(course, lesson.id)


def build_deck(course: Course, lesson: Lesson, lang: str = SOURCE_LANGUAGE) -> Deck:
    """Every slide of one lesson (``lesson``: the plan loaded in ``lang``), in teaching
    order, in ``lang``."""
    t = ui(lang)
    slides: list[Slide] = [
        Slide(kind="title", title=lesson.title,
              label=t("Lesson {number}").format(number=lesson.number),
              text=lesson.essential_question,
              meta=minutes_text(lesson.minutes, t),
              notes=t("Objectives for you to keep in mind:") + "\n\n"
              + "\n".join(f"- {o.text}" for o in lesson.objectives)),
        Slide(kind="note", title=t("Before we start"), items=[t(n) for n in CLASS_NOTE],
              notes=lesson.content_note),
        Slide(kind="objectives", title=t("By the end of this lesson, you can"),
              items=[o.text for o in lesson.objectives],
              notes="\n".join("- " + t("Assessment: {what}").format(what=a.what)
                              for a in lesson.assessment)),
    ]
    # Materials are placed by the words of the English plan (the source): a translation has
    # the same steps in the same order.
    source = english(course, lesson, lang)
    steps = list(source.steps)
    after: dict[int, list[Slide]] = {}

    # Handouts with cards (the exit tickets are a handout of their own, placed below).
    for name in lesson.materials.handouts:
        found = handout_cards(course, name, lang)
        if found is None or is_exit_ticket(name):
            continue
        handout_title, cards = found
        if not cards:
            continue
        english_title = handout_title
        if lang != SOURCE_LANGUAGE:
            english_title = (handout_cards(course, name) or (handout_title, []))[0]
        words = english_title.lower().rstrip("s")
        at = _place(steps, (words,), (f"handouts/{name}", words))
        after.setdefault(at, []).extend(
            _card_slide(card, handout_title, n, len(cards), t)
            for n, card in enumerate(cards, 1)
        )

    if VIDEO_GUIDE in lesson.materials.guide:
        video = video_settings(course, lang)
        at = _place(steps, ("watching", "the video"), ("play the video",))
        notes = t("Nothing loads from the internet until you click. Check before the lesson "
                  "that the video plays on the classroom computer. Address: {url}").format(
            url=video.url)
        if video.pauses:
            notes += "\n\n" + t("Your pause points:") + "\n\n" + "\n".join(
                f"- {p}" for p in video.pauses)
        after.setdefault(at, []).append(Slide(
            kind="video", title=t("Watch the video"), url=video.url,
            text=video.title
            or t("From UNODC Education for Justice's teaching guide on human trafficking."),
            notes=notes))

    for bank_id in lesson.materials.quizzes:
        at = _place(steps, ("quiz",), ("quiz",))
        after.setdefault(at, []).extend(question_slides(course, bank_id, lang))

    ticket = lesson_exit_ticket(course, lesson, lang)
    if ticket is not None:
        at = _place(steps, ("exit ticket",), ("exit ticket",))
        title, questions = ticket
        after.setdefault(at, []).append(Slide(
            kind="ticket", title=title, items=questions,
            notes=t("Collect the tickets at the door and read them before the next lesson.")))

    shown = list(lesson.steps)
    for i, (step, (start, end)) in enumerate(zip(shown, lesson.step_times(), strict=True)):
        slides.append(_step_slide(i + 1, step, start, end, t))
        slides.extend(after.get(i, []))
    return Deck(lesson, slides, lang)


def lesson_exit_ticket(course: Course, lesson: Lesson, lang: str = SOURCE_LANGUAGE
                       ) -> tuple[str, list[str]] | None:
    """The exit ticket's title and questions: from the exit-ticket handout the lesson uses,
    else the lesson's card on the course's handout of exit tickets when a step hands one
    out."""
    for name in lesson.materials.handouts:
        if is_exit_ticket(name):
            found = exit_ticket(course, lesson.number, name, lang)
            if found:
                return found
    if any(_mentions(step, "exit ticket") for step in english(course, lesson, lang).steps):
        return exit_ticket(course, lesson.number, lang=lang)
    return None
