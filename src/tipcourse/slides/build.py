"""Writing every lesson's slides in one language: the HTML decks into that language's teacher
edition (``_build/site/<lang>/teacher/slides/``), the PowerPoint files into
``_build/slides/<lang>/`` and the handout PDFs into ``_build/pdf/<lang>/slides/``.

The decks are part of the teacher edition: every teacher build writes them into the site
before its links are checked (``tipcourse.slides.sphinx``), so a rebuilt site never loses
them and a deck's link to a page that is gone fails the build. ``tipcourse slides`` writes
them again into the built site, with the .pptx files and the handouts.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tipcourse.course import Course
from tipcourse.errors import BuildError
from tipcourse.languages import SOURCE_LANGUAGE, ui
from tipcourse.lessons import load_lessons
from tipcourse.lessons.model import Lesson
from tipcourse.slides.deck import Deck, build_deck
from tipcourse.slides.html import RevealMissing, copy_assets, deck_html, handout_html
from tipcourse.slides.text import TextRenderer

SLIDES = "slides"


def deck_relpath(lesson_id: str) -> str:
    """Where a lesson's deck lives in the teacher site."""
    return f"{SLIDES}/{lesson_id}/index.html"


def pptx_path(course: Course, lesson: Lesson, lang: str = SOURCE_LANGUAGE) -> Path:
    return course.build_dir / SLIDES / lang / f"{lesson.id}.pptx"


def handout_path(course: Course, lesson: Lesson, lang: str = SOURCE_LANGUAGE) -> Path:
    return course.pdf_dir(lang) / SLIDES / f"{lesson.id}.pdf"


def renderer(course: Course, lesson: Lesson, lang: str = SOURCE_LANGUAGE) -> TextRenderer:
    return TextRenderer(course.root, base=f"{SLIDES}/{lesson.id}", lang=lang)


def _write_text(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)


def write_deck(course: Course, deck: Deck, site: Path) -> Path:
    """One deck's HTML into ``site/slides/<lesson>/index.html`` (assets copied already)."""
    target = site / deck_relpath(deck.id)
    _write_text(target, deck_html(deck, renderer(course, deck.lesson, deck.lang)))
    return target


def write_decks(course: Course, site: Path, lessons: list[Lesson] | None = None,
                lang: str = SOURCE_LANGUAGE) -> list[Path]:
    """Every lesson's deck in ``lang`` into a teacher site (of that language), with
    reveal.js; stale decks are removed."""
    lessons = load_lessons(course, lang) if lessons is None else lessons
    if not lessons and not (site / SLIDES).exists():
        return []  # a book without lesson plans has no slides
    try:
        copy_assets(course.root, site / SLIDES)
    except RevealMissing as exc:
        raise BuildError("package.json", None, f"reveal.js is missing ({exc})",
                         "run: make setup (or npm ci)") from None
    wanted = {lesson.id for lesson in lessons}
    for old in (site / SLIDES).glob("*/index.html"):
        if old.parent.name not in wanted and not old.parent.name.startswith("_"):
            old.unlink()
            if not any(old.parent.iterdir()):
                old.parent.rmdir()
    return [write_deck(course, build_deck(course, lesson, lang), site) for lesson in lessons]


@dataclass
class SlidesResult:
    decks: list[Path] = field(default_factory=list)
    pptx: list[Path] = field(default_factory=list)
    handouts: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def build_slides(
    course: Course,
    site: Path | None = None,
    *,
    lang: str = SOURCE_LANGUAGE,
    handouts: bool = True,
    say: Callable[[str], None] = lambda _line: None,
) -> SlidesResult:
    """The slides in ``lang``: decks (into ``site``, by default that language's built teacher
    edition), .pptx files and, with ``handouts``, the handout PDFs. Raises BuildError (or
    ChromiumMissing for the PDFs)."""
    site = site or course.site_dir("teacher", lang)
    if not teacher_site_built(site):
        raise BuildError(site, None, "the teacher edition is not built",
                         f"run: tipcourse build --edition teacher --lang {lang}")
    from tipcourse.slides.pptx import write_pptx

    result = SlidesResult()
    lessons = load_lessons(course, lang)
    try:
        copy_assets(course.root, site / SLIDES)
    except RevealMissing as exc:
        raise BuildError("package.json", None, f"reveal.js is missing ({exc})",
                         "run: make setup (or npm ci)") from None
    decks: list[Deck] = []
    for lesson in lessons:
        start = time.perf_counter()
        deck = build_deck(course, lesson, lang)
        result.decks.append(write_deck(course, deck, site))
        result.pptx.append(write_pptx(deck, renderer(course, lesson, lang),
                                      pptx_path(course, lesson, lang)))
        took = time.perf_counter() - start
        result.seconds[lesson.id] = round(took, 3)
        decks.append(deck)
        say(f"{lesson.id}: {len(deck.slides)} slides in {took:.2f} s: "
            f"{result.decks[-1].relative_to(course.root)}, "
            f"{result.pptx[-1].relative_to(course.root)}")
    if handouts:
        result.handouts = print_handouts(course, decks)
        for path in result.handouts:
            say(f"handout: {path.relative_to(course.root)}")
    return result


def teacher_site_built(site: Path) -> bool:
    return (site / "index.html").is_file()


def print_handouts(course: Course, decks: list[Deck]) -> list[Path]:
    """Print each deck six slides to an A4 page, through the PDFs' Chromium printer."""
    from tipcourse.publish.browser import in_own_thread
    from tipcourse.publish.pdf import printer, write_atomically

    work = course.build_dir / ".work" / SLIDES
    pages = []
    for deck in decks:
        page = work / deck.lang / deck.id / "handout.html"
        _write_text(page, handout_html(deck, renderer(course, deck.lesson, deck.lang)))
        pages.append((deck, page))
    config = course.config()
    author = str(config.get("author") or "")

    def print_all() -> list[Path]:
        written = []
        with printer() as chromium:
            for deck, page in pages:
                t = ui(deck.lang)
                subject = t("{title}: slides").format(title=deck.title)
                data = chromium.print_page(page, "a4", author, subject)
                target = handout_path(course, deck.lesson, deck.lang)
                write_atomically(data, target)
                written.append(target)
        return written

    return in_own_thread(print_all)


def bench(course: Course | None = None) -> dict[str, float]:
    """Seconds to build each lesson's deck (slides, HTML and .pptx), for ``make bench``;
    the first deck is built once beforehand, so imports are not counted."""
    import tempfile

    from tipcourse.slides.pptx import write_pptx

    course = course or Course.here()
    lessons = load_lessons(course)
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="tipcourse-slides-") as tmp:
        site = Path(tmp)
        copy_assets(course.root, site / SLIDES)
        for lesson in [lessons[0], *lessons]:
            start = time.perf_counter()
            deck = build_deck(course, lesson)
            write_deck(course, deck, site)
            write_pptx(deck, renderer(course, lesson), site / f"{lesson.id}.pptx")
            times[lesson.id] = round(time.perf_counter() - start, 3)
    return times
