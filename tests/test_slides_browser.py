"""The lesson decks in Chromium, opened from file:// as from a USB stick: stepped through by
keyboard, a quiz answer revealed by a key, the step timer started and paused by keys,
nothing asked of another host, nothing for axe to find, no text under 28 px at 1280 x 720,
no slide whose content runs off it. And the handout PDF, six slides a page."""

from __future__ import annotations

import math
import shutil
import subprocess
from pathlib import Path

import pytest

from tipcourse.course import Course
from tipcourse.lessons import load_lessons
from tipcourse.slides.build import print_handouts, write_decks
from tipcourse.slides.deck import build_deck

from browser import open_page

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
VIEWPORT = {"width": 1280, "height": 720}


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    site = tmp_path_factory.mktemp("decks")
    return {p.parent.name: p for p in write_decks(Course(REPO), site)}


@pytest.fixture(scope="module")
def axe():  # noqa: ANN201
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def open_deck(browser, deck: Path):  # noqa: ANN001, ANN201
    opened = open_page(browser, deck.as_uri(), viewport=VIEWPORT)
    page, visit = opened.__enter__()
    page.wait_for_selector("html.deck-ready")
    return opened, page, visit


def current(page) -> dict:  # noqa: ANN001
    return page.evaluate("""() => { const s = Reveal.getCurrentSlide();
        return {index: Reveal.getIndices().h, kind: s.dataset.kind,
                title: s.querySelector('h1, h2').textContent}; }""")


def test_a_deck_steps_through_by_keyboard_and_reveals_an_answer(chromium_browser, decks) -> None:
    opened, page, visit = open_deck(chromium_browser, decks["lesson-02"])
    try:
        total = page.evaluate("Reveal.getTotalSlides()")
        assert current(page)["kind"] == "title"
        seen = []
        answered = False
        for _ in range(total * 2):
            slide = current(page)
            if not seen or seen[-1] != slide["index"]:
                seen.append(slide["index"])
            if slide["kind"] == "question" and not answered:
                answer = page.locator("section.present .answer")
                assert not answer.is_visible() or answer.evaluate(
                    "e => getComputedStyle(e).opacity") == "0"
                page.keyboard.press("ArrowRight")  # the key press reveals the answer
                assert current(page)["index"] == slide["index"]
                assert answer.evaluate("e => getComputedStyle(e).opacity") == "1"
                assert "(correct)" in page.locator("section.present .choices").inner_text()
                answered = True
            if slide["index"] == total - 1 and page.evaluate("Reveal.isLastSlide()"):
                break
            page.keyboard.press("Space")
        assert seen == list(range(total)), "every slide in order, by keyboard alone"
        assert answered
        page.keyboard.press("Home")
        assert current(page)["index"] == 0
        assert visit.external_requests == [] and visit.console_errors == []
    finally:
        opened.__exit__(None, None, None)


def test_the_step_timer_starts_and_pauses_by_key(chromium_browser, decks) -> None:
    opened, page, visit = open_deck(chromium_browser, decks["lesson-01"])
    try:
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        assert current(page)["kind"] == "step"
        clock = page.locator("section.present .timer-time")
        assert clock.inner_text() == "05:00"
        page.keyboard.press("t")
        page.wait_for_function(
            "() => document.querySelector('section.present .timer-time').textContent"
            " !== '05:00'", timeout=5000)
        page.keyboard.press("t")
        paused = clock.inner_text()
        page.wait_for_timeout(1500)
        assert clock.inner_text() == paused < "05:00"
        assert page.locator("section.present .timer-toggle").inner_text() == "Start timer"
        page.keyboard.press("r")
        assert clock.inner_text() == "05:00"
        # The buttons do the same by keyboard focus, and Space stays on the slide.
        page.locator("section.present .timer-toggle").focus()
        page.keyboard.press("Space")
        assert current(page)["kind"] == "step"
        assert page.locator("section.present .timer-toggle").inner_text() == "Pause timer"
        assert visit.external_requests == []
    finally:
        opened.__exit__(None, None, None)


def test_the_video_loads_nothing_until_clicked(chromium_browser, decks) -> None:
    opened, page, visit = open_deck(chromium_browser, decks["lesson-02"])
    try:
        index = page.evaluate(
            "[...document.querySelectorAll('.slides > section')]"
            ".findIndex(s => s.dataset.kind === 'video')")
        page.evaluate(f"Reveal.slide({index})")
        slide = page.locator("section.present")
        assert slide.locator("svg[role=img]").get_attribute("aria-label").startswith("QR code")
        assert slide.locator(".video-play").is_visible()
        assert slide.locator("iframe").count() == 0
        assert visit.external_requests == []
    finally:
        opened.__exit__(None, None, None)


# Every kind of slide: lesson 2 has the video, lesson 3 the cards and the exit ticket.
@pytest.mark.parametrize("lesson", ["lesson-02", "lesson-03"])
def test_axe_finds_nothing_on_any_kind_of_slide(chromium_browser, decks, axe, lesson) -> None:
    from test_accessibility import violations

    opened, page, visit = open_deck(chromium_browser, decks[lesson])
    try:
        kinds = page.evaluate(
            "[...document.querySelectorAll('.slides > section')].map(s => s.dataset.kind)")
        for kind in dict.fromkeys(kinds):
            page.evaluate(f"Reveal.slide({kinds.index(kind)}, 0, 99)")  # answers shown too
        # (axe itself reads the stylesheets, which file:// refuses: its errors come after.)
        assert visit.external_requests == [] and visit.console_errors == []
        found = []
        for kind in dict.fromkeys(kinds):
            page.evaluate(f"Reveal.slide({kinds.index(kind)}, 0, 99)")
            found += [f"{kind}: {line}" for line in violations(axe, page)]
        assert found == [], "\n".join(found)
        assert {"title", "note", "objectives", "step", "question"} <= set(kinds)
    finally:
        opened.__exit__(None, None, None)


# Visible text under 28 px, or content past the slide's edge (or under reveal.js's slide
# number), on the current slide.
_MEASURE = """() => {
  const scale = Reveal.getScale();
  const section = Reveal.getCurrentSlide();
  const box = section.getBoundingClientRect();
  const small = [], outside = [];
  const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || el.closest('aside.notes, .visually-hidden')) continue;
    if (!el.getClientRects().length) continue;
    const px = parseFloat(getComputedStyle(el).fontSize) * scale;
    if (px < 27.9) small.push(`${px.toFixed(1)}px: ${node.textContent.trim().slice(0, 40)}`);
    const range = document.createRange(); range.selectNodeContents(node);
    const r = range.getBoundingClientRect();
    if (r.bottom > box.top + 672 * scale || r.right > box.left + 1280 * scale)
      outside.push(`${Math.round(r.bottom)}: ${node.textContent.trim().slice(0, 40)}`);
  }
  const timer = section.querySelector('.timer'), body = section.querySelector('.slide-body');
  if (timer && body && body.getBoundingClientRect().bottom > timer.getBoundingClientRect().top)
    outside.push('the step text runs under the timer');
  return {scale, small, outside};
}"""


def test_every_slide_is_readable_from_the_back_and_fits(chromium_browser, decks) -> None:
    problems = []
    for lesson, deck in decks.items():
        opened, page, _visit = open_deck(chromium_browser, deck)
        try:
            total = page.evaluate("Reveal.getTotalSlides()")
            for n in range(total):
                page.evaluate(f"Reveal.slide({n}, 0, 99)")
                found = page.evaluate(_MEASURE)
                assert math.isclose(found["scale"], 1.0, abs_tol=0.01)
                problems += [f"{lesson} slide {n + 1}: small {t}" for t in found["small"]]
                problems += [f"{lesson} slide {n + 1}: runs off {t}" for t in found["outside"]]
        finally:
            opened.__exit__(None, None, None)
    assert problems == [], "\n".join(problems)


def test_a_handout_prints_six_slides_a_page(tmp_path: Path) -> None:
    from pypdf import PdfReader

    course = Course(REPO)
    lesson = next(lesson for lesson in load_lessons(course) if lesson.id == "lesson-01")
    deck = build_deck(course, lesson)
    [pdf] = print_handouts(course, [deck])
    assert pdf == course.pdf_dir("en") / "slides" / "lesson-01.pdf"
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == math.ceil(len(deck.slides) / 6)
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for step in lesson.steps:
        assert step.title.split(":")[0] in text
    assert "Start timer" not in text  # no buttons on paper
    assert " ".join(lesson.steps[0].teacher.split()[:5]) not in text  # no speaker notes
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "poppler-utils (pdftoppm) is needed to look at the handout"
    subprocess.run([pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))


def test_a_spanish_handout_prints_in_spanish() -> None:
    from pypdf import PdfReader

    course = Course(REPO)
    english = build_deck(course, load_lessons(course)[2])
    lesson = load_lessons(course, "es")[2]
    deck = build_deck(course, lesson, "es")
    [pdf] = print_handouts(course, [deck])
    assert pdf == course.pdf_dir("es") / "slides" / f"{lesson.id}.pdf"
    reader = PdfReader(str(pdf))
    assert reader.trailer["/Root"].get("/Lang") == "es"
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    # The scenario cards, translated in their handout's catalogue.
    cards = [(es.title, en.title) for es, en in zip(deck.slides, english.slides, strict=True)
             if es.kind == "card" and es.title != en.title]
    assert cards, f"the Spanish catalogue translates the cards of {lesson.id}"
    for spanish, english_title in cards:
        assert spanish in text
        assert english_title + "," not in text
