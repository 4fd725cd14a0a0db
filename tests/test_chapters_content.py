"""The student chapters and the title page, read as source: structure, figures, links.

Every chapter needs a content note, learning goals, key points and a quiz (chapter 3: "Questions
to discuss", whose model answers are for teachers only). Every percentage or large number in the
prose must come through the ``fact`` role or sit inside a citation, so no figure reaches students
without a source. Links to the teaching guide may only appear inside teacher-only blocks, or the
student edition would have broken links.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tipcourse.data.facts import FACTS_PATH, facts

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"

# Chapter file -> quiz bank id (None: the chapter ends with "Questions to discuss" instead).
CHAPTERS: dict[str, str | None] = {
    "01-what-is-trafficking.md": "defining-trafficking",
    "02-forms-of-exploitation.md": "forms-of-exploitation",
    "03-organized-crime.md": None,
    "04-staying-safe-online.md": "online-safety",
    "05-blue-heart.md": "blue-heart",
    "06-reading-the-numbers.md": "reading-the-data",
}
PAGES = [ROOT / "index.md", *(BOOK / name for name in CHAPTERS), BOOK / "glossary.md",
         BOOK / "references.md"]

FENCE = re.compile(r"^(`{3,}|:{3,})\s*(\{[\w-]+\})?\s*(.*)$")
FACT_ROLE = re.compile(r"\{fact\}`([^`]+)`")
# A citation: a parenthesis holding a {ref} to a source on the references page.
CITATION = re.compile(r"\([^()]*\{ref\}`[^`]*<src-[\w-]+>`[^()]*\)")
# Number-like tokens that are figures: percentages, thousands, big bare numbers, "N million".
FIGURE = re.compile(
    r"\d+(?:[.,]\d+)?\s?%"
    r"|\b\d+(?:[.,]\d+)?\s*(?:per\s?cent|percent)\b"
    r"|\b\d{1,3}(?:[,\u00a0\u202f]\d{3})+\b"
    r"|\b\d{5,}\b"
    r"|\b\d+(?:[.,]\d+)?\s*(?:thousand|million|billion)\b",
    re.IGNORECASE,
)


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def blocks(text: str) -> list[tuple[str | None, int, int]]:
    """Top-level and nested fenced directives: (name, first line, last line), 1-based."""
    found: list[tuple[str | None, int, int]] = []
    stack: list[tuple[str, str | None, int]] = []
    for number, line in enumerate(text.splitlines(), 1):
        match = FENCE.match(line.strip())
        if not match:
            continue
        fence, name, rest = match.groups()
        if stack and fence == stack[-1][0] and not name and not rest:
            opened, directive, start = stack.pop()
            found.append((directive, start, number))
        else:
            stack.append((fence, name.strip("{}") if name else None, number))
    assert not stack, f"unclosed fence opened on line {stack[-1][2]}"
    return found


def figures_without_source(text: str) -> list[tuple[int, str]]:
    """(line, token) for each figure that is neither in a {fact} role nor in a citation."""
    problems = []
    # Directive options (":widths: 20 35 45"), labels, link targets and code are not prose.
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(r"^\s*:[\w-]+:", line) or re.match(r"^\(.*\)=\s*$", line):
            continue
        prose = FACT_ROLE.sub(" ", line)
        prose = CITATION.sub(" ", prose)
        prose = re.sub(r"<https?://[^>]*>|\]\([^)]*\)|https?://\S+", " ", prose)
        prose = re.sub(r"`[^`]*`", " ", prose)
        problems += [(number, m.group(0)) for m in FIGURE.finditer(prose)]
    return problems


def section(text: str, title: str) -> str:
    """The body of the '## title' section (up to the next '## ' heading)."""
    match = re.search(rf"^## {re.escape(title)}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no '## {title}' section"
    return match.group(1)


def bullets(body: str) -> list[str]:
    return re.findall(r"^[-*] (.+)$", body, re.M)


# The checker itself ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    ["Detections rose 25% in three years.", "Up by 25 per cent.", "over 200,000 victims",
     "about 69627 victims", "some 5 million people", "a rise of 4.5 %"],
)
def test_checker_flags_an_unsourced_figure(line: str) -> None:
    assert figures_without_source(line), line


@pytest.mark.parametrize(
    "line",
    ["Detections rose by {fact}`increase-2022-vs-2019` since 2019.",
     "It says so ({ref}`UNODC press release, 25% <src-press-2024>`).",
     "Between 2003 and 2022, on 30 July, under 18, resolution A/RES/68/192.",
     ":widths: 20 35 45", "<https://example.org/up-25-per-cent-1,000>", "`data_2,000.xlsx`"],
)
def test_checker_accepts_sourced_figures_dates_and_code(line: str) -> None:
    assert figures_without_source(line) == []


# The pages --------------------------------------------------------------------------------
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_figure_has_a_source(page: Path) -> None:
    problems = figures_without_source(read(page))
    assert problems == [], (
        f"{page.relative_to(ROOT)}: figures without a fact role or citation: {problems}"
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_fact_id_exists(page: Path) -> None:
    known = facts(FACTS_PATH)
    unknown = [i for i in FACT_ROLE.findall(read(page)) if i.strip() not in known]
    assert unknown == [], f"{page.name}: unknown fact ids {unknown}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_opens_with_a_content_note(name: str) -> None:
    text = read(BOOK / name)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    assert lines[0].startswith("# "), "the chapter starts with its title"
    assert lines[1].startswith("```{admonition} Content note"), "a content note follows the title"


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_has_learning_goals_and_key_points(name: str) -> None:
    text = read(BOOK / name)
    assert len(bullets(section(text, "Learning goals"))) >= 3
    assert len(bullets(section(text, "Key points"))) >= 3
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[0] == "Learning goals"
    # Key points close the chapter: only the quiz or the questions to discuss may follow.
    after = headings[headings.index("Key points") + 1:]
    assert after == (["Quiz"] if CHAPTERS[name] else ["Questions to discuss"])


@pytest.mark.parametrize("name", [n for n, bank in CHAPTERS.items() if bank])
def test_chapter_ends_with_its_quiz(name: str) -> None:
    text = read(BOOK / name)
    quizzes = re.findall(r"^```\{quiz\} ([\w-]+)\s*$", text, re.M)
    assert quizzes == [CHAPTERS[name]]
    assert re.search(r"^```\{quiz\}", section(text, "Quiz"), re.M)


@pytest.mark.parametrize("name", [n for n, bank in CHAPTERS.items() if bank])
def test_quiz_bank_for_chapter_exists(name: str) -> None:
    from tipcourse.quiz.loader import find_bank

    bank = find_bank(ROOT, CHAPTERS[name])
    assert bank.questions


def test_chapter_3_model_answers_are_for_teachers_only() -> None:
    text = read(BOOK / "03-organized-crime.md")
    body = section(text, "Questions to discuss")
    lines = body.splitlines()
    teacher = [(s, e) for name, s, e in blocks(body) if name == "teacher"]
    assert len(teacher) == 1, "one teacher block holds the model answers"
    start, end = teacher[0]
    asked = [ln for ln in lines[:start - 1] if re.match(r"^\d+\. ", ln)]
    answered = [ln for ln in lines[start:end - 1] if re.match(r"^\d+\. ", ln)]
    assert 3 <= len(asked) <= 4
    assert len(answered) == len(asked)
    assert "{dropdown}" not in text and "{quiz}" not in text


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_teacher_guide_links_only_inside_teacher_blocks(page: Path) -> None:
    text = read(page)
    inside = {n for name, start, end in blocks(text) if name == "teacher"
              for n in range(start, end + 1)}
    outside = [n for n, line in enumerate(text.splitlines(), 1)
               if "teacher_guide" in line and n not in inside]
    assert outside == [], f"{page.name}: teacher_guide named outside a teacher block on {outside}"


def test_title_page_has_care_note_and_teacher_orientation() -> None:
    text = read(ROOT / "index.md")
    assert "trusted adult" in text.lower() or "adult you" in text.lower()
    assert "Nobody will ask about your own experiences" in text
    teacher = [(s, e) for name, s, e in blocks(text) if name == "teacher"]
    assert teacher, "the title page has a teacher-only block"
    lines = text.splitlines()
    assert any("{doc}`teacher_guide/index`" in ln for s, e in teacher for ln in lines[s - 1:e])


def test_cross_references_point_at_existing_targets() -> None:
    labels = set(re.findall(r"^\((src-[\w-]+)\)=\s*$", read(BOOK / "references.md"), re.M))
    glossary = read(BOOK / "glossary.md")
    start, end = next((s, e) for name, s, e in blocks(glossary) if name == "glossary")
    # Inside the glossary block, a term is a line that is not indented (definitions are).
    terms = {ln.strip().lower() for ln in glossary.splitlines()[start:end - 1]
             if ln.strip() and not ln.startswith(" ")}
    for page in PAGES:
        text = read(page)
        for target in re.findall(r"\{ref\}`[^`]*<([^>]+)>`", text):
            assert target in labels, f"{page.name}: no reference labelled {target}"
        for role in re.findall(r"\{term\}`([^`]+)`", text):
            target = re.search(r"<([^>]+)>$", role)
            term = (target.group(1) if target else role).strip().lower()
            assert term in terms, f"{page.name}: '{term}' is not in the glossary"


def test_references_page_lists_every_fact_source() -> None:
    references = read(BOOK / "references.md")
    for fact in facts(FACTS_PATH).values():
        assert fact.source.url.rstrip("/") in references, (
            f"references page lacks the source of fact '{fact.id}': {fact.source.url}"
        )
