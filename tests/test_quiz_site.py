"""Quizzes on the site: what each edition's HTML carries, and (in Chromium) that a student can
answer by mouse and by keyboard alone, gets feedback, a score and a retry, that quiz text is
never run as markup, and that axe finds nothing on a quiz page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tipcourse.course import Course
from tipcourse.errors import BuildError
from tipcourse.publish.build import build_edition

from helpers import TEACHER_MARKER, copy_minibook, files_containing

REPO = Path(__file__).resolve().parents[1]

SAMPLE = f"""\
id: sample
title: Sample quiz
intro: Five kinds of question.
sources:
  pr:
    title: UNODC press release (11 December 2024)
    url: https://example.org/press
questions:
  - id: pick-one
    type: single
    prompt: Which form of exploitation is working without pay and unable to leave?
    options:
      - text: Forced begging
        feedback: Begging is not in the story.
      - text: Forced labour
        correct: true
        feedback: Yes, that is forced labour.
      - text: Forced marriage
    explanation: Work that cannot be refused or left is forced labour.
    teacher_note: {TEACHER_MARKER} note for the teacher
  - id: pick-many
    type: multiple
    prompt: Which are warning signs?
    options:
      - {{text: Documents taken away, correct: true}}
      - {{text: A growing debt, correct: true}}
      - {{text: Working abroad, feedback: Not on its own.}}
    explanation: Control is the warning sign.
  - id: border
    type: true-false
    section: signs-of-control
    prompt: Trafficking always involves crossing a border.
    answer: false
    feedback_true: Not so.
    feedback_false: Right, no border is needed.
    explanation: It can happen within one country.
  - id: pairs
    type: matching
    prompt: Match each situation to a form.
    pairs:
      - {{item: Made to beg, match: Forced begging}}
      - {{item: Made to run scams, match: Forced criminality}}
      - {{item: Made to work without pay, match: Forced labour}}
    distractors: [Smuggling of migrants]
    explanation: Each is a different purpose.
  - id: rise
    type: numeric
    prompt: By what percentage did detected victims rise in 2022 compared with 2019?
    answer: 25
    tolerance: 0
    unit: "%"
    explanation: They rose by 25 per cent.
    source: pr
"""

XSS = """\
id: xss
title: "Markup <b>stays</b> text"
sources:
  s:
    title: "Source <img src=x onerror=alert(3)>"
    url: "https://example.org/s"
questions:
  - id: attack
    type: single
    prompt: "Prompt <img src=x onerror=alert(1)> and <script>alert(2)</script>"
    source: s
    options:
      - text: "<img src=x onerror=alert(4)>"
        correct: true
        feedback: "<script>alert(5)</script> feedback"
      - text: "</script><script>alert(6)</script>"
    explanation: "<img src=x onerror=alert(7)> explanation"
"""


def _add(root: Path) -> None:
    (root / "quizzes").mkdir()
    (root / "quizzes" / "sample.yaml").write_text(SAMPLE, encoding="utf-8")
    (root / "quizzes" / "xss.yaml").write_text(XSS, encoding="utf-8")
    chapter = root / "book" / "chapter.md"
    chapter.write_text(chapter.read_text() + "\n## Signs of control\n\nText.\n"
                       "\n## Quiz\n\nSome words first.\n\n```{quiz} sample\n```\n")
    (root / "book" / "xss.md").write_text("# Escaping\n\n```{quiz} xss\n```\n")
    (root / "teacher_guide" / "key.md").write_text(
        "# Sample key\n\n```{answer-key} sample\n```\n\n## Sheet\n\n```{quiz-sheet} sample\n```\n"
    )
    toc = root / "_toc.yml"
    toc.write_text(toc.read_text() + "  - file: book/xss\n  - file: teacher_guide/key\n")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    course = Course(copy_minibook(tmp_path_factory.mktemp("quizsite")))
    _add(course.root)
    return {e: build_edition(course, e).site for e in ("student", "teacher")}


def test_student_edition_has_the_quiz_but_no_teacher_notes_or_key(sites) -> None:  # noqa: ANN001
    student = sites["student"]
    chapter = (student / "book" / "chapter.html").read_text()
    assert 'class="tc-quiz"' in chapter
    # A quiz that fills its section names it: one heading, "Check yourself: <title>".
    assert re.search(r"<h2>Check yourself: Sample quiz<a", chapter)
    assert "tc-quiz-title" not in chapter and ">Quiz<" not in chapter
    # Straight under the page title, the quiz brings its own h2.
    assert '<h2 id="quiz-xss-title"' in (student / "book" / "xss.html").read_text()
    assert "Your answers stay in this browser" in chapter
    assert files_containing(student, TEACHER_MARKER) == []
    # No answer key in any page or the search index (quiz.css styles the class; it holds none).
    assert [p for p in files_containing(student, "tc-answer-key") if p.suffix != ".css"] == []
    assert files_containing(student, "Teacher note") == []
    assert not (student / "teacher_guide").exists()


def test_teacher_edition_has_notes_answer_key_and_sheet(sites) -> None:  # noqa: ANN001
    teacher = sites["teacher"]
    chapter = (teacher / "book" / "chapter.html").read_text()
    assert f"{TEACHER_MARKER} note for the teacher" in chapter
    key = (teacher / "teacher_guide" / "key.html").read_text()
    answer_key, sheet = key.split('class="tc-sheet"')
    assert answer_key.count('class="tc-key-question"') == 5
    # Options carry their letters in the shuffled order the site and the sheet show.
    letter = "ABC"[[o.text for o in _sample().question("pick-one").choices].index("Forced labour")]
    assert (f'<span class="tc-letter">{letter}</span> Forced labour '
            '<strong class="tc-key-right">✓ correct</strong>') in answer_key
    choices = _sample().question("pairs").match_choices
    assert (f"Made to run scams → <strong>{'ABCD'[choices.index('Forced criminality')]} "
            "Forced criminality</strong>") in answer_key
    assert "<strong>25 %</strong> (exact)" in answer_key
    assert f"{TEACHER_MARKER} note for the teacher" in answer_key
    assert "https://example.org/press" in answer_key
    # The printable sheet has the questions and none of the answers.
    assert sheet.count('class="tc-sheet-question"') == 5
    for answer_only in ("✓", "Work that cannot be refused", "Yes, that is forced labour",
                        TEACHER_MARKER, "tc-quiz-data"):
        assert answer_only not in sheet


def test_quiz_assets_are_small_local_and_only_on_quiz_pages(sites) -> None:  # noqa: ANN001
    site = sites["student"]
    sizes = [(site / "_static" / name).stat().st_size for name in ("quiz.js", "quiz.css")]
    assert sum(sizes) < 15 * 1024
    chapter = (site / "book" / "chapter.html").read_text()
    assert re.search(r'<script defer="defer" src="\.\./_static/quiz\.js', chapter)
    assert '_static/quiz.css' in chapter
    index = (site / "index.html").read_text()
    assert "quiz.js" not in index and "quiz.css" not in index
    js = (Path(__file__).parents[1] / "src/tipcourse/sphinx/static/quiz.js").read_text()
    assert "innerHTML" not in js and "http" not in js.replace("https?:", "")
    assert not re.search(r"\son[a-z]+=", chapter.split('class="tc-quiz"')[1])  # no inline handlers


def test_quiz_text_is_escaped_in_the_html(sites) -> None:  # noqa: ANN001
    page = (sites["student"] / "book" / "xss.html").read_text()
    quiz = page[page.index('class="tc-quiz"'):page.index("</section>", page.index("tc-quiz"))]
    assert "&lt;img src=x onerror=alert(1)&gt;" in quiz
    assert "<img" not in quiz
    assert quiz.count("<script") == 1  # only the JSON data block
    data = quiz.split('class="tc-quiz-data">')[1]
    assert "</script" not in data.split("</script>")[0].lower()


def test_a_broken_bank_stops_the_build_at_its_line(tmp_path: Path) -> None:
    course = Course(copy_minibook(tmp_path))
    _add(course.root)
    bank = course.root / "quizzes" / "sample.yaml"
    bank.write_text(SAMPLE.replace("    tolerance: 0\n", ""))
    with pytest.raises(BuildError) as caught:
        build_edition(course, "student")
    line = SAMPLE.splitlines().index("  - id: rise") + 1
    assert caught.value.one_line().startswith(f"quizzes/sample.yaml:{line}: ")
    assert "has no tolerance" in caught.value.one_line()


# In Chromium ---------------------------------------------------------------------------------
@pytest.fixture
def browser(chromium_browser):  # noqa: ANN001, ANN201
    # The run's one Chromium (tests/browser.py): a second Playwright in the same thread fails.
    return chromium_browser


@pytest.fixture
def quiz_page(sites, browser) -> Iterator:  # noqa: ANN001
    from browser import open_page, served

    with served(sites["student"]) as base, open_page(browser, base + "book/chapter.html") as (
        page, visit,
    ):
        yield page
        assert visit.external_requests == []
        assert visit.console_errors == []


def _question(page, qid: str):  # noqa: ANN001, ANN202
    return page.locator(f"#quiz-sample-{qid}")


def _sample():  # noqa: ANN202
    from tipcourse.quiz.loader import parse_bank

    return parse_bank(SAMPLE, Path("quizzes/sample.yaml"))


@pytest.mark.browser
def test_answer_by_mouse_right_wrong_score_and_retry(quiz_page) -> None:  # noqa: ANN001
    page = quiz_page
    one = _question(page, "pick-one")
    one.get_by_label("Forced labour").check()
    one.get_by_role("button", name="Check answer").click()
    feedback = one.locator(".tc-feedback")
    assert feedback.locator(".tc-verdict").inner_text() == "✓ Correct." or \
        feedback.locator(".tc-verdict").text_content() == "Correct."
    assert "Yes, that is forced labour." in feedback.inner_text()
    assert "Work that cannot be refused or left is forced labour." in feedback.inner_text()
    progress = page.locator("#quiz-sample-progress")
    summary = page.locator("#quiz-sample-summary")
    assert progress.inner_text() == "1 of 5 answered."

    many = _question(page, "pick-many")
    many.get_by_label("Documents taken away").check()
    many.get_by_label("Working abroad").check()
    many.get_by_role("button", name="Check answer").click()
    assert many.locator(".tc-verdict").text_content() == "Not quite."
    assert "Not on its own." in many.locator(".tc-feedback").inner_text()
    assert progress.inner_text() == "2 of 5 answered."

    # Fix the answer and check again: the score follows the latest check.
    many.get_by_label("Working abroad").uncheck()
    many.get_by_label("A growing debt").check()
    many.get_by_role("button", name="Check answer").click()
    assert many.locator(".tc-verdict").text_content() == "Correct."
    assert progress.inner_text() == "2 of 5 answered."

    pairs = _question(page, "pairs")
    pairs.get_by_role("button", name="Check answer").click()
    assert pairs.locator(".tc-verdict").text_content() == "Choose a match for every item first."
    for item, match in (("Made to beg", "Forced begging"), ("Made to run scams", "Forced labour"),
                        ("Made to work without pay", "Forced labour")):
        pairs.get_by_label(item).select_option(label=match)
    pairs.get_by_role("button", name="Check answer").click()
    assert pairs.locator(".tc-verdict").text_content() == "Not quite."

    rise = _question(page, "rise")
    rise.get_by_label("Your answer (%)").fill("25")
    rise.get_by_role("button", name="Check answer").click()
    assert rise.locator(".tc-verdict").text_content() == "Correct."
    assert "Source: UNODC press release" in rise.locator(".tc-feedback").inner_text()
    assert rise.get_by_role("link").get_attribute("href") == "https://example.org/press"
    assert progress.inner_text() == "4 of 5 answered."
    assert summary.inner_text() == ""

    # The last question: a summary with the score and where to reread what was missed.
    border = _question(page, "border")
    border.get_by_label("True").check()
    border.get_by_role("button", name="Check answer").click()
    assert progress.inner_text() == "5 of 5 answered."
    assert summary.get_attribute("aria-live") == "polite"
    assert summary.locator(".tc-score").inner_text() == "You got 3 of 5 right."
    # The missed question that names its section links back to it.
    link = summary.get_by_role("link")
    assert link.inner_text() == "Signs of control"
    assert link.get_attribute("href") == "#signs-of-control"
    assert "(question 3)" in summary.inner_text()

    page.get_by_role("button", name="Try again").click()
    assert summary.inner_text() == "The quiz has been cleared. Start again from question 1."
    assert progress.inner_text() == "0 of 5 answered."
    assert not one.get_by_label("Forced labour").is_checked()
    assert rise.get_by_label("Your answer (%)").input_value() == ""
    assert page.locator(".tc-feedback:not(:empty)").count() == 0
    assert page.locator(".tc-right, .tc-wrong").count() == 0


@pytest.mark.browser
def test_answer_by_keyboard_only(quiz_page) -> None:  # noqa: ANN001
    page = quiz_page
    keyboard = page.keyboard
    # Reach the quiz the way a keyboard user does: Tab through the page from the top.
    page.locator("body").focus()
    for _ in range(200):
        keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "quiz-sample-pick-one":
            break
    else:
        pytest.fail("Tab never reached the first question")
    # Arrow keys move through a radio group (Space picks the first): go to "Forced labour"
    # wherever the stable shuffle put it.
    place = [o.text for o in _sample().question("pick-one").choices].index("Forced labour")
    for _ in range(place):
        keyboard.press("ArrowDown")
    if place == 0:
        keyboard.press("Space")
    assert _question(page, "pick-one").get_by_label("Forced labour").is_checked()
    keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check answer"
    keyboard.press("Enter")
    feedback = _question(page, "pick-one").locator(".tc-feedback")
    assert feedback.get_attribute("aria-live") == "polite"
    assert feedback.locator(".tc-verdict").text_content() == "Correct."

    # Next question, answered wrongly with the space bar on one check box.
    keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "checkbox"
    keyboard.press("Space")
    keyboard.press("Tab")
    keyboard.press("Tab")
    keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check answer"
    keyboard.press("Space")
    assert _question(page, "pick-many").locator(".tc-verdict").text_content() == "Not quite."

    # The true-false question: arrows to "False", then check.
    keyboard.press("Tab")
    keyboard.press("ArrowDown")
    keyboard.press("Tab")
    keyboard.press("Enter")
    assert _question(page, "border").locator(".tc-verdict").text_content() == "Correct."
    assert page.locator("#quiz-sample-progress").inner_text() == "3 of 5 answered."

    # Numeric: type into the box and press Enter on the button.
    for _ in range(10):
        keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "quiz-sample-rise-answer":
            break
    keyboard.type("24")
    keyboard.press("Tab")
    keyboard.press("Enter")
    assert _question(page, "rise").locator(".tc-verdict").text_content() == "Not quite."

    # The feedback's source link comes next in the tab order, then the retry button.
    keyboard.press("Tab")
    assert page.evaluate("document.activeElement.href") == "https://example.org/press"
    keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Try again"
    keyboard.press("Enter")
    assert page.locator(".tc-feedback:not(:empty)").count() == 0
    assert page.evaluate("document.activeElement.name") == "quiz-sample-pick-one"


@pytest.mark.browser
def test_markup_in_a_bank_shows_as_text(sites, browser) -> None:  # noqa: ANN001
    from browser import open_page, served

    with served(sites["student"]) as base, open_page(browser) as (page, visit):
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(base + "book/xss.html", wait_until="networkidle")
        quiz = page.locator("section.tc-quiz")
        assert "Prompt <img src=x onerror=alert(1)> and <script>alert(2)</script>" in \
            quiz.locator("legend").inner_text()
        assert quiz.locator("img").count() == 0
        quiz.get_by_label("<img src=x onerror=alert(4)>").check()
        quiz.get_by_role("button", name="Check answer").click()
        feedback = quiz.locator(".tc-feedback").inner_text()
        assert "<script>alert(5)</script> feedback" in feedback
        assert "<img src=x onerror=alert(7)> explanation" in feedback
        assert "Source <img src=x onerror=alert(3)>" in feedback
        assert quiz.locator("img, .tc-feedback script").count() == 0
        assert dialogs == []
        assert visit.console_errors == []


@pytest.mark.browser
def test_axe_finds_nothing_on_a_quiz_page(quiz_page) -> None:  # noqa: ANN001
    from axe_playwright_python.sync_playwright import Axe

    page = quiz_page
    one = _question(page, "pick-one")
    one.get_by_label("Forced begging").check()
    one.get_by_role("button", name="Check answer").click()  # scan the feedback state too
    # No preload: axe would re-fetch @import-ed theme stylesheets from a wrong base address.
    results = Axe().run(page, options={"resultTypes": ["violations"], "preload": False})
    assert results.violations_count == 0, results.generate_report()


# The course's own five banks and answer-key pages, built in a fixture book -------------------
COURSE_BANKS = sorted(p.stem for p in (REPO / "quizzes").glob("*.yaml"))


@pytest.fixture(scope="module")
def course_quiz_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    import shutil

    course = Course(copy_minibook(tmp_path_factory.mktemp("coursequiz")))
    shutil.copytree(REPO / "quizzes", course.root / "quizzes")
    keys = course.root / "teacher_guide" / "answer-keys"
    shutil.copytree(REPO / "teacher_guide" / "answer-keys", keys)
    # The course's index links pages (lessons, card answers) this fixture book leaves out.
    (keys / "index.md").write_text("# Quiz answer keys\n")
    (keys / "scenario-cards.md").unlink()
    toc = course.root / "_toc.yml"
    lines = [toc.read_text()]
    for bank in COURSE_BANKS:
        (course.root / "book" / f"{bank}.md").write_text(f"# {bank}\n\n```{{quiz}} {bank}\n```\n")
        lines.append(f"  - file: book/{bank}\n")
    lines.append("  - file: teacher_guide/answer-keys/index\n    sections:\n")
    lines += [f"      - file: teacher_guide/answer-keys/{bank}\n" for bank in COURSE_BANKS]
    toc.write_text("".join(lines))
    return {e: build_edition(course, e).site for e in ("student", "teacher")}


def test_every_course_bank_renders_in_both_editions(course_quiz_sites) -> None:  # noqa: ANN001
    from tipcourse.quiz import find_bank

    assert COURSE_BANKS
    for bank_id in COURSE_BANKS:
        bank = find_bank(REPO, bank_id)
        for edition, site in course_quiz_sites.items():
            page = (site / "book" / f"{bank_id}.html").read_text()
            assert page.count('class="tc-question"') == len(bank.questions), (edition, bank_id)
        key = course_quiz_sites["teacher"] / "teacher_guide" / "answer-keys" / f"{bank_id}.html"
        text = key.read_text()
        assert text.count('class="tc-key-question"') == len(bank.questions)
        assert text.count('class="tc-sheet-question"') == len(bank.questions)
    assert not (course_quiz_sites["student"] / "teacher_guide").exists()
    notes = [q.teacher_note for b in COURSE_BANKS for q in find_bank(REPO, b).questions
             if q.teacher_note]
    for note in notes:
        assert files_containing(course_quiz_sites["student"], note[:50]) == []


@pytest.mark.browser
def test_axe_finds_nothing_on_an_answer_key_page(course_quiz_sites, browser) -> None:  # noqa: ANN001
    from axe_playwright_python.sync_playwright import Axe

    from browser import open_page, served

    site = course_quiz_sites["teacher"]
    with served(site) as base, open_page(
        browser, base + "teacher_guide/answer-keys/forms-of-exploitation.html"
    ) as (page, visit):
        # The navigation sidebar is left out: with nested pages in the contents, the theme's
        # toggle (<summary> with only an icon) fails axe's summary-name rule on every page of
        # the teacher edition; that is the theme's to fix, not the answer key's.
        results = Axe().run(page, context={"exclude": [[".bd-sidebar-primary"]]},
                            options={"resultTypes": ["violations"], "preload": False})
        assert results.violations_count == 0, results.generate_report()
        assert visit.external_requests == []


# The quiz node in the single page the PDF is printed from ----------------------------------
@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> str:
    from tipcourse.publish.pdf import build_single_page

    course = Course(copy_minibook(tmp_path_factory.mktemp("quizprint")))
    _add(course.root)
    # Another extension's node on the same page: the quiz's print visitor must leave the
    # other html visitors in place for the single-page builder.
    page = course.root / "book" / "xss.md"
    page.write_text(page.read_text() + "\n```{dropdown} More\nHidden text.\n```\n")
    return build_single_page(course, "student").read_text()


def _option_order(html: str, qid: str, texts: list[str]) -> list[str]:
    start = html.index(f"quiz-sample-{qid}") if "tc-quiz-data" in html else html.index(
        "Which form of exploitation is working without pay")
    return sorted(texts, key=lambda t: html.index(f"{t}</", start))


def test_print_shows_each_quiz_as_a_sheet_with_no_answers(printed: str) -> None:
    assert "tc-quiz-data" not in printed and 'class="tc-check"' not in printed
    assert "Your answers stay" not in printed
    # The quiz that fills its section: that section's heading names it, and the sheet (with
    # name and date lines) is marked to start a new page.
    assert re.search(r"<h[2-6]>Check yourself: Sample quiz<a", printed)
    assert printed.count("Check yourself: Sample quiz</h") == 0
    assert '<div class="tc-quiz-print tc-quiz-alone"><section class="tc-sheet"' in printed
    # The quiz straight under a page title brings its own heading, one level below it.
    assert re.search(r'<div class="tc-quiz-print"><section class="tc-sheet" [^>]*>\s*'
                     r'<h[3-6] class="tc-quiz-title">Check yourself: Markup', printed)
    assert printed.count('<p class="tc-sheet-name">') == 2
    assert "Name: ____" in printed and "Date: ____" in printed


def test_print_and_site_show_options_in_one_order(printed: str, sites,  # noqa: ANN001
                                                  tmp_path: Path) -> None:
    texts = [o.text for o in _sample().question("pick-one").options]
    shown = [o.text for o in _sample().question("pick-one").choices]
    site = (sites["student"] / "book" / "chapter.html").read_text()
    assert _option_order(site, "pick-one", texts) == shown
    assert _option_order(printed, "pick-one", texts) == shown
    # A second, separate build shows the same order.
    course = Course(copy_minibook(tmp_path))
    _add(course.root)
    again = (build_edition(course, "student").site / "book" / "chapter.html").read_text()
    assert _option_order(again, "pick-one", texts) == shown


def test_a_translation_replaces_the_quiz_words(tmp_path: Path) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    course = Course(copy_minibook(tmp_path))
    _add(course.root)
    catalog = Catalog(locale="fr", domain="tipcourse")
    for english, french in (("Check yourself: {title}", "Vérifiez vos acquis : {title}"),
                            ("Question {n}.", "Question n° {n}."),
                            ("Check answer", "Vérifier"),
                            ("{answered} of {total} answered.", "{answered} sur {total}.")):
        catalog.add(english, french)
    folder = course.root / "locales" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "tipcourse.po").open("wb") as out:  # the course's own words win
        write_po(out, catalog)
    site = build_edition(course, "student", lang="fr").site
    page = (site / "book" / "chapter.html").read_text()
    assert re.search(r"<h2>Vérifiez vos acquis : Sample quiz<a", page)
    assert "Question n° 1." in page and ">Vérifier</button>" in page
    assert '"progress":"{answered} sur {total}."' in page
    assert "Check answer" not in page
