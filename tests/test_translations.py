"""The Spanish and French editions: catalogues checked for what a translation must keep, YAML
sources loaded in each language, every language built with the same separation of student
and teacher material, a switcher whose links resolve, no English left on the student pages
outside proper names and quotations, and quizzes that check answers in each language."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tipcourse.catalogues import check_translations, message_problems
from tipcourse.course import Course
from tipcourse.errors import SourceError
from tipcourse.illustrations import svg_words, translate_svg
from tipcourse.languages import NAMES, ui
from tipcourse.quiz import find_bank

from browser import open_page
from helpers import FIXTURES, real_course_teacher_leaks

REPO = Path(__file__).resolve().parents[1]
TRANSLATED = ("es", "fr")


# What a translation must keep ---------------------------------------------------------

def test_a_translation_keeps_link_targets_numbers_terms_and_placeholders() -> None:
    english = ("In 2022 ({fact}`victims-2022`), see {doc}`the glossary </book/glossary>` "
               "and {term}`Act`: 50,000 people.")
    good = ("En 2022 ({fact}`victims-2022`), mira {doc}`el glosario </book/glossary>` "
            "y {term}`acción <Acción>`: 50 000 personas.")
    assert message_problems(english, good, {"acción"}) == []
    said = " ".join(message_problems(
        english, good.replace("2022", "2021").replace("/book/glossary", "/book/glosario")
        .replace("acción <Acción>", "acto"), {"acción"}))
    assert "numbers differ" in said and "2022" in said
    assert "/book/glossary" in said  # a link that lost its target
    assert "acto" in said  # a glossary link to no term of the language
    assert message_problems("{n} questions.", "{count} preguntas.") == [
        "the {placeholders} must stay as in the English"]


def test_a_number_written_as_a_word_may_become_digits_or_stay_a_word() -> None:
    english = "\"'Child' shall mean any person under eighteen years of age.\""
    assert message_problems(english, "«Por \"niño\" se entenderá toda persona menor de 18 "
                                     "años.»") == []
    assert message_problems(english, "« Le terme \"enfant\" désigne toute personne âgée de "
                                     "moins de dix-huit ans. »") == []


def _course_with_a_bank(tmp_path: Path) -> Path:
    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "minibook", root, ignore=shutil.ignore_patterns("_build"))
    (root / "quizzes").mkdir(exist_ok=True)
    (root / "quizzes" / "tiny.yaml").write_text(
        "id: tiny\ntitle: A tiny quiz\nquestions:\n"
        "  - id: one\n    type: single\n    prompt: Which one is right?\n    options:\n"
        "      - text: This one\n        correct: true\n        feedback: Yes.\n"
        "      - text: That one\n        feedback: No, look again.\n"
        "      - text: The other one\n        feedback: Not that either.\n"
        "    explanation: Because it is.\n"
        "  - id: two\n    type: true-false\n    prompt: The sky is green.\n    answer: false\n"
        "    feedback_true: Look again.\n    feedback_false: Yes.\n"
        "    explanation: It is blue.\n",
        encoding="utf-8")
    po = root / "locales" / "es" / "LC_MESSAGES" / "quizzes" / "tiny.yaml.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Which one is right?"\nmsgstr "¿Cuál es la correcta?"\n\n'
        'msgid "This one"\nmsgstr "Esta"\n\n'
        '#, fuzzy\nmsgid "That one"\nmsgstr "Una traducción vieja"\n\n'
        'msgid "The other one"\nmsgstr ""\n',
        encoding="utf-8")
    return root


def test_a_quiz_bank_loads_in_spanish_with_the_same_answers_and_order(tmp_path: Path) -> None:
    root = _course_with_a_bank(tmp_path)
    english, spanish = find_bank(root, "tiny"), find_bank(root, "tiny", "es")
    q_en, q_es = english.questions[0], spanish.questions[0]
    assert q_es.prompt == "¿Cuál es la correcta?"
    texts = {o.text for o in q_es.options}
    assert "Esta" in texts
    assert "That one" in texts  # a fuzzy translation is not used: the English stays
    assert "The other one" in texts  # nor an empty one
    # The same option is right, in the same place, in both languages.
    assert [o.correct for o in q_en.choices] == [o.correct for o in q_es.choices]
    # True and false in the bank's language.
    assert [o.text for o in spanish.questions[1].choices] == [ui("es")("True"),
                                                               ui("es")("False")]
    assert q_en.prompt == "Which one is right?"  # English is the source, unchanged


def test_check_fails_on_untranslated_student_text_at_its_line(tmp_path: Path) -> None:
    root = _course_with_a_bank(tmp_path)
    with pytest.raises(SourceError) as failed:
        check_translations(Course(root))
    line = failed.value.one_line()
    assert line.startswith("locales/es/LC_MESSAGES/quizzes/tiny.yaml.po:")
    assert "students read this text" in line
    # Translated (and the fuzzy entry checked), the check passes.
    po = root / "locales" / "es" / "LC_MESSAGES" / "quizzes" / "tiny.yaml.po"
    po.write_text(po.read_text(encoding="utf-8").replace("#, fuzzy\n", "").replace(
        'msgid "The other one"\nmsgstr ""', 'msgid "The other one"\nmsgstr "La otra"'),
        encoding="utf-8")
    assert check_translations(Course(root)).startswith("translations: es 4/4")


def test_teacher_only_text_may_wait_and_is_counted(tmp_path: Path) -> None:
    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "minibook", root, ignore=shutil.ignore_patterns("_build"))
    po = root / "locales" / "fr" / "LC_MESSAGES" / "teacher_guide" / "notes.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "For you"\nmsgstr ""\n', encoding="utf-8")
    assert "fr 0/1; 1 teacher-only messages wait" in check_translations(Course(root))


def test_an_illustrations_words_are_translated_and_nothing_else(tmp_path: Path) -> None:
    svg = ('<svg><title>Three parts</title><desc>A &amp; B</desc>'
           '<text x="1">Act</text><text><tspan>Means</tspan></text><rect/></svg>')
    assert [w for _, w in svg_words(svg)] == ["Three parts", "A & B", "Act", "Means"]
    words = {"Three parts": "Tres partes", "A & B": "A y B", "Act": "Acción"}
    out = translate_svg(svg, lambda w: words.get(w, w))
    assert out == ('<svg><title>Tres partes</title><desc>A y B</desc>'
                   '<text x="1">Acción</text><text><tspan>Means</tspan></text><rect/></svg>')


# The built editions ------------------------------------------------------------------

@pytest.fixture(scope="session")
def translated_sites(course_sites: dict[str, Path]) -> dict[tuple[str, str], Path]:
    """The real course built in Spanish and French, both editions: (lang, edition) -> site."""
    from tipcourse.publish.build import build

    course = Course(REPO)
    build(course, strict=True, languages=TRANSLATED)
    return {(lang, edition): course.site_dir(edition, lang)
            for lang in TRANSLATED for edition in ("student", "teacher")}


def pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html"))
            if not p.relative_to(site).parts[0].startswith(("_", "slides"))
            and p.name not in ("search.html", "genindex.html")]


# English words a Spanish or French sentence does not use.
ENGLISH = {"the", "and", "with", "that", "this", "what", "which", "from", "your", "you", "are",
           "is", "of", "to", "it", "by", "for", "was", "were", "they", "their", "not", "or",
           "how", "why", "who", "when", "have", "will"}
# What may stay English: code and what it prints, quotations, text marked lang="en", the
# switcher's language names, and the names of sources (links out, links to the references).
NOT_PROSE = ("pre, code, script, style, .cell_input, .cell_output, [lang=en], blockquote, q, "
             ".tc-languages, a.reference.external, a[href*='references.html#'], .headerlink, "
             "footer, .bd-footer, .tc-release")
# Titles of English-only sources, quoted by name on the references page and in notes.
PROPER_NAMES = ("Progress and Challenges", "Avoid the Trap", "Keep in Calendar",
                "Blue Heart Campaign and World Day", "About the UNVTF", "CC BY")


# The references page names each source in bold, with its own (often English) title.
SOURCE_TITLES = "strong"
QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"")


def english_words(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("main") or soup
    for element in main.select(NOT_PROSE):
        element.decompose()
    if page.name == "references.html":
        for element in main.select(SOURCE_TITLES):
            element.decompose()
    text = QUOTED.sub(" ", main.get_text(" "))
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    return [w for w in re.findall(r"[^\W\d_]+", text) if w.lower() in ENGLISH]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_no_english_left_on_the_student_pages(translated_sites: dict, lang: str) -> None:
    site = translated_sites[lang, "student"]
    left = {str(p.relative_to(site)): words for p in pages(site)
            for words in [english_words(p)] if words}
    assert left == {}
    assert len(pages(site)) >= 14  # the chapters, glossary, notebooks and the landing page


def test_each_language_gets_its_own_translation_when_built_in_one_run(
        translated_sites: dict) -> None:
    """Both languages are built in this process, one after the other."""
    from tipcourse.languages import catalogue

    for lang in TRANSLATED:
        titles = catalogue(REPO, lang, "book/01-what-is-trafficking")
        heading = titles.get("1. What trafficking in persons is").replace("\\.", ".")
        page = translated_sites[lang, "student"] / "book" / "01-what-is-trafficking.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one("main h1").get_text().strip("#¶ \n") == heading
        index = translated_sites[lang, "student"] / "index.html"
        title = catalogue(REPO, lang, "index").get(
            "Not for sale: a course on trafficking in persons")
        assert title in index.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translated_chapters_read_as_plainly_as_the_english(translated_sites: dict,
                                                          lang: str) -> None:
    from tipcourse.publish.bench import chapter_text
    from tipcourse.readability import EASE_FLOOR, reading_ease

    book = translated_sites[lang, "student"] / "book"
    chapters = sorted(book.glob("0*.html"))
    assert len(chapters) == 6
    ease = {page.stem: reading_ease(chapter_text(page), lang) for page in chapters}
    assert all(len(chapter_text(page).split()) > 500 for page in chapters)
    assert {name: e for name, e in ease.items() if e < EASE_FLOOR} == {}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_each_page_says_its_language_and_search_speaks_it(translated_sites: dict,
                                                          lang: str) -> None:
    for edition in ("student", "teacher"):
        site = translated_sites[lang, edition]
        for page in pages(site):
            html = page.read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html, page
        options = (site / "_static" / "documentation_options.js").read_text(encoding="utf-8")
        assert f"LANGUAGE: '{lang}'" in options
        assert (site / "searchindex.js").is_file()
    # The search index holds the language's words (stemmed by the language's stemmer).
    index = (translated_sites[lang, "student"] / "searchindex.js").read_text(encoding="utf-8")
    assert {"es": "trata", "fr": "trait"}[lang] in index


@pytest.mark.parametrize("lang", TRANSLATED)
def test_students_never_get_teacher_material_in_any_language(translated_sites: dict,
                                                             lang: str) -> None:
    student = translated_sites[lang, "student"]
    assert not (student / "teacher_guide").exists()
    for page in pages(student):
        html = page.read_text(encoding="utf-8")
        assert 'name="robots" content="noindex"' not in html, page
        assert "teacher-note" not in html and "tc-answer-key" not in html, page
    assert real_course_teacher_leaks(student, REPO, lang) == []
    teacher = translated_sites[lang, "teacher"]
    assert (teacher / "teacher_guide" / "lessons" / "lesson-01.html").is_file()
    lesson = (teacher / "teacher_guide" / "lessons" / "lesson-01.html").read_text("utf-8")
    assert 'name="robots" content="noindex"' in lesson
    assert ui(lang)("Step by step") in lesson and "Step by step" not in lesson


def test_the_switcher_leads_to_the_same_page_in_every_language(
        translated_sites: dict, course_sites: dict[str, Path]) -> None:
    for (lang, edition), site in {**translated_sites, ("en", "student"): course_sites["student"],
                                  ("en", "teacher"): course_sites["teacher"]}.items():
        for page in pages(site):
            if page.name == "404.html":
                continue  # shown at any address: it links home from the host's root
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            switcher = soup.select_one("nav.tc-languages")
            assert switcher is not None, page
            assert switcher.select_one("[aria-current]").get_text() == NAMES[lang]
            links = {a["hreflang"]: a["href"] for a in switcher.select("a")}
            assert set(links) == set(NAMES) - {lang}, page
            for other, href in links.items():
                target = (page.parent / href).resolve()
                assert target == (site.parents[1] / other / edition
                                  / page.relative_to(site)).resolve()
                assert target.is_file(), f"{page}: {href}"


def test_the_language_index_leads_into_each_student_edition(translated_sites: dict) -> None:
    index = REPO / "_build" / "site" / "index.html"
    soup = BeautifulSoup(index.read_text(encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in soup.select("a[hreflang]")]
    assert hrefs == ["en/student/index.html", "es/student/index.html", "fr/student/index.html"]
    assert all((index.parent / href).is_file() for href in hrefs)
    assert "teacher" not in index.read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_quiz_checks_answers_in_each_language(translated_sites: dict, chromium_browser,
                                                serve_site, lang: str) -> None:
    t = ui(lang)
    base = serve_site(translated_sites[lang, "student"])
    url = base + "book/01-what-is-trafficking.html"
    with open_page(chromium_browser, url) as (page, visit):
        question = page.locator(".tc-quiz .tc-question:has(input[type=radio])").first
        check = question.get_by_role("button", name=t("Check answer"))
        check.click()
        verdict = question.locator(".tc-verdict")
        verdict.wait_for()
        assert t("Give an answer first.") in verdict.inner_text()
        question.locator("input[type=radio]").first.check()
        check.click()
        page.wait_for_function(
            "([node, words]) => words.some(w => node.innerText.includes(w))",
            arg=[verdict.element_handle(), [t("Correct."), t("Not quite.")]])
        said = verdict.inner_text()
        assert "Correct." not in said.replace(t("Correct."), "")
        assert "Not quite." not in said
        assert visit.console_errors == []
        assert visit.external_requests == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", TRANSLATED)
def test_axe_finds_nothing_on_the_translated_key_pages(translated_sites: dict, chromium_browser,
                                                       serve_site, lang: str) -> None:
    """The switcher, the language of each page and of each language's name, the translated
    labels: axe-core checks them as it checks the English pages."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = []
    for edition, names in (("student", ["index.html", "book/01-what-is-trafficking.html",
                                        "notebooks/01-how-many-detected.html"]),
                           ("teacher", ["teacher_guide/lessons/lesson-01.html"])):
        base = serve_site(translated_sites[lang, edition])
        for name in names:
            with open_page(chromium_browser, base + name) as (page, visit):
                for v in axe.run(page).response["violations"]:
                    found.append(f"{edition}/{name}: {v['id']} ({v['impact']})")
                found += [f"{name}: console: {text}" for text in visit.console_errors]
                found += [f"{name}: asked {url}" for url in visit.external_requests]
    assert found == []


def test_a_broken_catalogue_is_one_line_at_its_place(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = _course_with_a_bank(tmp_path)
    po = root / "locales" / "es" / "LC_MESSAGES" / "quizzes" / "tiny.yaml.po"
    text = po.read_text(encoding="utf-8").replace('msgstr "Esta"\n', 'msgstr "Esta"\nEsta\n')
    po.write_text(text, encoding="utf-8")
    wrong = text.splitlines().index("Esta") + 1
    done = subprocess.run([sys.executable, "-m", "tipcourse.cli", "check"], cwd=root,
                          capture_output=True, text=True)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert lines[0].startswith(f"locales/es/LC_MESSAGES/quizzes/tiny.yaml.po:{wrong}: ")
    assert "fix the .po syntax" in lines[0]


def test_the_glossary_uses_the_term_table_and_links_name_its_terms(tmp_path: Path) -> None:
    from helpers import write_po

    root = tmp_path / "course"
    shutil.copytree(FIXTURES / "minibook", root, ignore=shutil.ignore_patterns("_build"))
    (root / "locales").mkdir()
    (root / "locales" / "terms.yml").write_text("Act: {es: Acción}\n", encoding="utf-8")
    base = root / "locales" / "es" / "LC_MESSAGES" / "book"
    write_po(base / "glossary.po", {"Act": "Acto"})
    with pytest.raises(SourceError) as failed:
        check_translations(Course(root))
    assert failed.value.one_line().startswith("locales/es/LC_MESSAGES/book/glossary.po:")
    assert "'Acción'" in failed.value.message
    write_po(base / "glossary.po", {"Act": "Acción"})
    write_po(base / "chapter.po", {"See {term}`Act`.": "Mira {term}`acto`."})
    with pytest.raises(SourceError) as failed:
        check_translations(Course(root))
    assert "chapter.po" in failed.value.path and "names no term" in failed.value.message
    write_po(base / "chapter.po", {"See {term}`Act`.": "Mira {term}`la acción <Acción>`."})
    assert check_translations(Course(root)) == "translations: es 2/2"
