"""The student chapters and the title page, read as source: the content rules of
``tipcourse check`` hold (``tipcourse.chapters``: structure, sourced figures, teacher links),
chapter 3's model answers match its questions, references resolve, and every fact's source
is on the references page.
"""

from __future__ import annotations

import re
from pathlib import Path

from tipcourse import chapters
from tipcourse.course import Course
from tipcourse.data.facts import facts

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

def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def blocks(text: str) -> list[tuple[str | None, int, int]]:
    return [(b.name, b.start, b.end) for b in chapters.blocks(text)]


def section(text: str, title: str) -> str:
    """The body of the '## title' section (up to the next '## ' heading)."""
    match = re.search(rf"^## {re.escape(title)}\s*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"no '## {title}' section"
    return match.group(1)


# The pages --------------------------------------------------------------------------------
def test_the_chapters_keep_the_content_rules() -> None:
    # Structure, sourced figures, teacher links: the rules of `tipcourse check`.
    assert chapters.check_chapters(Course(ROOT)).startswith(f"chapters: {len(CHAPTERS)} ")


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
    for fact in facts(ROOT / "book" / "facts.yml").values():
        assert fact.source.url.rstrip("/") in references, (
            f"references page lacks the source of fact '{fact.id}': {fact.source.url}"
        )
