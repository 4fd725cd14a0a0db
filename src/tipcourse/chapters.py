"""The chapters' content rules, for ``tipcourse check``: what every chapter of the student
book must have, and what no student page may hold.

A chapter is a page ``book/NN-*.md`` listed in the table of contents. It opens with its
title and a content note; its first section is "Learning goals" and its last sections are
"Key points" and then either "Quiz" (one ``quiz`` directive) or "Questions to discuss" (whose
model answers sit in a ``teacher`` block). Goals and key points have at least three bullets.

On every student page (the title page, the chapters and the other ``book/`` pages) each figure
(a percentage, a number in thousands or millions) comes through the ``fact`` role or sits in
a citation of the references page, and the teaching guide is named only inside ``teacher``
blocks, which the student edition drops (elsewhere the link would break).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tipcourse.course import Course
from tipcourse.errors import ContentError

MIN_BULLETS = 3
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
CHAPTER_NAME = re.compile(r"\d\d-[\w-]+\.md")


@dataclass(frozen=True)
class Block:
    """A fenced directive: its name (None for a plain code fence) and first and last line."""

    name: str | None
    start: int
    end: int


def blocks(text: str) -> list[Block]:
    """Top-level and nested fenced directives, lines 1-based."""
    found: list[Block] = []
    stack: list[tuple[str, str | None, int]] = []
    for number, line in enumerate(text.splitlines(), 1):
        match = FENCE.match(line.strip())
        if not match:
            continue
        fence, name, rest = match.groups()
        if stack and fence == stack[-1][0] and not name and not rest:
            _fence, directive, start = stack.pop()
            found.append(Block(directive, start, number))
        else:
            stack.append((fence, name.strip("{}") if name else None, number))
    if stack:
        raise ContentError("", stack[-1][2], "this fence is never closed",
                           f"close it with a line {stack[-1][0]}")
    return found


def figures_without_source(text: str) -> list[tuple[int, str]]:
    """(line, figure) for each figure that is neither in a ``fact`` role nor in a citation."""
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


@dataclass(frozen=True)
class Section:
    """A '## ' section: its title, heading line and body lines (1-based, inclusive)."""

    title: str
    line: int
    body: list[str]


def sections(text: str) -> list[Section]:
    found: list[Section] = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("## "):
            found.append(Section(line[3:].strip(), number, []))
        elif found:
            found[-1].body.append(line)
    return found


def _bullets(section: Section) -> int:
    return sum(1 for line in section.body if re.match(r"^[-*] ", line))


def student_pages(course: Course) -> Iterator[Path]:
    """The title page and every listed Markdown page under book/."""
    for entry in course.toc_entries():
        path = course.page_path(entry.docname)
        if path is None or path.suffix != ".md":
            continue
        if entry.docname == str(course.toc()["root"]) or entry.docname.startswith("book/"):
            yield path


def check_chapter(path: Path) -> None:
    """Raise ContentError at the first rule the chapter breaks."""
    text = path.read_text(encoding="utf-8")
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines or not lines[0][1].startswith("# "):
        raise ContentError(path, 1, "a chapter starts with its title", "add '# Title'")
    if len(lines) < 2 or not lines[1][1].startswith("```{admonition} Content note"):
        raise ContentError(path, lines[0][0], "no content note after the title",
                           "add a '```{admonition} Content note' block right after the title")
    found = sections(text)
    titles = [s.title for s in found]
    if not found or titles[0] != "Learning goals":
        raise ContentError(path, found[0].line if found else 1,
                           "the first section must be '## Learning goals'")
    if "Key points" not in titles:
        raise ContentError(path, None, "no '## Key points' section",
                           "sum the chapter up in a 'Key points' section near its end")
    for section in (found[0], found[titles.index("Key points")]):
        if _bullets(section) < MIN_BULLETS:
            raise ContentError(path, section.line,
                               f"'{section.title}' has {_bullets(section)} bullet points",
                               f"give it at least {MIN_BULLETS}")
    after = found[titles.index("Key points") + 1:]
    if [s.title for s in after] not in (["Quiz"], ["Questions to discuss"]):
        raise ContentError(path, found[titles.index("Key points")].line,
                           "after 'Key points' comes only a 'Quiz' or 'Questions to discuss' "
                           "section", "move other sections above the key points")
    last = after[0]
    body = "\n".join(last.body)
    if last.title == "Quiz":
        quizzes = re.findall(r"^```\{quiz\} [\w-]+\s*$", body, re.M)
        if len(quizzes) != 1:
            raise ContentError(path, last.line, f"the quiz section holds {len(quizzes)} quizzes",
                               "end the chapter with one ```{quiz} bank-id")
    elif not any(b.name == "teacher" for b in blocks(body)):
        raise ContentError(path, last.line, "the questions to discuss have no model answers",
                           "add them in a ```{teacher} block after the questions")


def check_student_page(path: Path) -> None:
    """Figures have sources; the teaching guide is named only in teacher blocks."""
    text = path.read_text(encoding="utf-8")
    problems = figures_without_source(text)
    if problems:
        line, figure = problems[0]
        raise ContentError(path, line, f"the figure '{figure}' has no source",
                           "quote it with {fact}`id` or cite it with {ref}`…<src-…>`")
    try:
        found = blocks(text)
    except ContentError as exc:
        raise ContentError(path, exc.line, exc.message, exc.hint) from None
    inside = {n for b in found if b.name == "teacher" for n in range(b.start, b.end + 1)}
    for number, line in enumerate(text.splitlines(), 1):
        if "teacher_guide" in line and number not in inside:
            raise ContentError(path, number, "the teaching guide is named outside a teacher "
                               "block", "students have no teaching guide: move the link into "
                               "a ```{teacher} block")


def check_chapters(course: Course) -> str:
    pages = list(student_pages(course))
    chapters = [p for p in pages if p.parent.name == "book" and CHAPTER_NAME.fullmatch(p.name)]
    for path in pages:
        check_student_page(path)
    for path in chapters:
        check_chapter(path)
    return (f"chapters: {len(chapters)} with goals, key points and a quiz or questions; "
            f"{len(pages)} student pages with sourced figures")


CHECKS = [check_chapters]
