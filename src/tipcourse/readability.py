"""Reading level of the student chapters: Flesch–Kincaid grade and paragraph length.

textstat computes the grade (syllables through pyphen, which works offline in the pinned
0.7.3). textstat reads plain text, not MyST, and no maintained library extracts the prose a
student reads from a MyST page while keeping source lines; so this module does that part
itself: it drops front matter, headings, teacher blocks, code, quizzes, tables and citations,
keeps admonitions and dropdowns (students read them), and yields one block per paragraph or
list item with the line it starts on.

``tipcourse check`` runs :func:`check_reading` on every numbered chapter in the table of
contents (``book/NN-*.md``): it prints each chapter's grade and fails, with ``path:line`` for
each chapter or paragraph at fault, when a grade is above 8 or a paragraph is over 75 words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import textstat

from tipcourse.course import Course
from tipcourse.errors import SourceError

GRADE_LIMIT = 8.0
WORD_LIMIT = 75

# Directives whose body a student reads as prose; the body of any other directive (teacher,
# code, quiz, list-table, glossary, figure options…) is not measured.
PROSE_DIRECTIVES = frozenset({
    "admonition", "attention", "caution", "danger", "dropdown", "epigraph", "error", "hint",
    "important", "margin", "note", "seealso", "sidebar", "tip", "topic", "warning",
})
# A figure's caption is prose, but its argument is an image path.
CAPTIONED = frozenset({"figure"})

_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*(?:\{(?P<name>[\w:-]+)\})?\s*(?P<rest>.*)$")
_OPTION = re.compile(r"^:[\w-]+:(\s|$)")
_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_LABEL = re.compile(r"^\(\s*[\w:-]+\s*\)=\s*$")
_ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<body>[^`]*)`")
_TARGET = re.compile(r"\s*<[^<>]*>\s*$")
_CITATION = "\x00"


class ReadingLevelError(SourceError):
    """A chapter reads above grade 8, or one of its paragraphs is over 75 words."""

    def __init__(self, problems: list[SourceError]) -> None:
        first = problems[0]
        self.problems = problems
        super().__init__(first.path, first.line, first.message, first.hint)

    def one_line(self) -> str:
        # One `path:line: message` line per problem, so a writer sees every paragraph at once.
        return "\n".join(SourceError.one_line(p) for p in self.problems)


@dataclass(frozen=True)
class Paragraph:
    line: int  # 1-based line in the source file where the paragraph starts
    text: str  # the prose as a student reads it (markup and citations removed)

    @property
    def words(self) -> int:
        return textstat.lexicon_count(self.text)


@dataclass(frozen=True)
class Reading:
    path: Path
    title_line: int
    grade: float
    words: int
    long_paragraphs: tuple[Paragraph, ...]


@dataclass
class _Block:
    fence: str
    literal: bool  # code: nothing inside is parsed, not even nested fences
    measured: bool  # its body is student prose
    options: bool = True  # ":key: value" lines right after the opening line


def _inline(text: str, fact_value: dict[str, str]) -> str:
    """Markup out, words in: roles become their text, citations and link targets disappear."""

    def role(match: re.Match[str]) -> str:
        name, body = match["role"], match["body"]
        target = re.search(r"<([^<>]*)>\s*$", body)
        if name == "ref" and (target.group(1) if target else body).startswith("src-"):
            return _CITATION
        if name == "fact":
            return fact_value.get(body.strip(), body.replace("-", " "))
        return _TARGET.sub("", body)

    text = _ROLE.sub(role, text)
    # "(source)" and "(source; source)" citations leave no empty brackets behind.
    text = re.sub(rf"\s*\(\s*{_CITATION}(?:\s*[,;]\s*{_CITATION})*\s*\)", "", text)
    text = text.replace(_CITATION, "")
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [text](url), images
    text = re.sub(r"<https?://[^>]*>|<[^>]+>", "", text)  # autolinks, inline HTML
    text = re.sub(r"\{\{\s*([^}]*?)\s*\}\}", r"\1", text)  # substitutions
    text = text.replace("`", "")
    text = re.sub(r"\*+|(?<!\w)_+|_+(?!\w)", "", text)  # emphasis markers
    return re.sub(r"\s+", " ", text).strip()


def paragraphs(text: str, fact_value: dict[str, str] | None = None) -> list[Paragraph]:
    """The student prose of a MyST page, one entry per paragraph or list item."""
    fact_value = fact_value or {}
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":  # front matter
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)

    found: list[Paragraph] = []
    current: list[str] = []
    current_line = 0
    stack: list[_Block] = []
    in_comment = False

    def flush() -> None:
        nonlocal current
        if current:
            prose = _inline(" ".join(current), fact_value)
            if re.search(r"\w", prose):
                found.append(Paragraph(current_line, prose))
        current = []

    for number, raw in enumerate(lines[start:], start + 1):
        line = raw.strip()
        if in_comment or line.startswith("<!--"):
            in_comment = "-->" not in line
            flush()
            continue
        match = _FENCE.match(line)
        top = stack[-1] if stack else None
        if match and top and match["fence"][0] == top.fence[0] \
                and len(match["fence"]) >= len(top.fence) and not match["name"] \
                and not match["rest"]:
            flush()
            stack.pop()
            continue
        if top and top.literal:
            continue
        if match:
            flush()
            name = (match["name"] or "").split(":")[-1]
            outer = all(block.measured for block in stack)
            stack.append(_Block(
                fence=match["fence"],
                literal=not match["name"] or name in ("code", "code-block", "code-cell"),
                measured=outer and (name in PROSE_DIRECTIVES or name in CAPTIONED),
            ))
            continue
        if top and top.options:
            if _OPTION.match(line):
                continue
            top.options = False
        if stack and not stack[-1].measured:
            continue
        line = re.sub(r"^(?:>\s?)+", "", line).strip()  # block quotes are read as prose
        if not line or line.startswith(("#", "|", "+++")) or _LABEL.match(line):
            flush()
            continue
        item = _ITEM.match(line)
        if item:
            flush()
            line = line[item.end():]
        if not current:
            current_line = number
        current.append(line)
    flush()
    return found


def _sentences(paras: Iterable[Paragraph]) -> str:
    """One text for textstat: every paragraph and list item ends a sentence."""
    out = []
    for p in paras:
        text = p.text.rstrip()
        out.append(text if text.endswith((".", "!", "?")) else text.rstrip(":;,") + ".")
    return " ".join(out)


def read_chapter(path: Path, fact_value: dict[str, str] | None = None) -> Reading:
    text = path.read_text(encoding="utf-8")
    paras = paragraphs(text, fact_value)
    title = next((n for n, ln in enumerate(text.splitlines(), 1) if ln.startswith("# ")), 1)
    prose = _sentences(paras)
    return Reading(
        path=path,
        title_line=title,
        grade=float(textstat.flesch_kincaid_grade(prose)) if prose else 0.0,
        words=sum(p.words for p in paras),
        long_paragraphs=tuple(p for p in paras if p.words > WORD_LIMIT),
    )


def problems(reading: Reading) -> Iterator[SourceError]:
    if reading.grade > GRADE_LIMIT:
        yield SourceError(
            reading.path, reading.title_line,
            f"reads at grade {reading.grade:.1f}, above {GRADE_LIMIT:g}",
            "use shorter sentences and everyday words; explain hard words in the glossary",
        )
    for p in reading.long_paragraphs:
        yield SourceError(reading.path, p.line, f"paragraph of {p.words} words, over {WORD_LIMIT}",
                          "split it in two")


def chapter_paths(course: Course) -> list[Path]:
    """The numbered chapters (``book/NN-*.md``) listed in the table of contents."""
    paths = []
    for entry in course.toc_entries():
        path = course.page_path(entry.docname)
        if path and path.suffix == ".md" and re.match(r"\d", path.name) \
                and path.parent.name == "book":
            paths.append(path)
    return paths


def _fact_values(course: Course) -> dict[str, str]:
    from tipcourse.data.facts import course_facts

    return {fact_id: fact.value for fact_id, fact in course_facts(course).items()}


def check_reading(course: Course) -> str:
    values = _fact_values(course)
    readings = [read_chapter(path, values) for path in chapter_paths(course)]
    found = [problem for reading in readings for problem in problems(reading)]
    if found:
        raise ReadingLevelError(found)
    lines = [f"reading level (Flesch–Kincaid grade, at most {GRADE_LIMIT:g}; "
             f"paragraphs at most {WORD_LIMIT} words):"]
    for r in readings:
        lines.append(f"  {r.path.relative_to(course.root)}: grade {r.grade:.1f}, "
                     f"{r.words} words")
    return "\n".join(lines)


CHECKS = [check_reading]


# Reading ease of a translation: Flesch's scale, adapted to the language (Fernández-Huerta
# for Spanish; Kandel and Moles's constants for French, textstat's French setting). 60 to 70
# is plain language, about the English grade 8 the chapters are held to.
EASE_FLOOR = 60.0


def reading_ease(text: str, lang: str) -> float:
    """The reading ease of ``text`` written in ``lang`` (higher is easier)."""
    textstat.set_lang(lang)
    try:
        if lang == "es":
            return float(textstat.fernandez_huerta(text))
        return float(textstat.flesch_reading_ease(text))
    finally:
        textstat.set_lang("en")
