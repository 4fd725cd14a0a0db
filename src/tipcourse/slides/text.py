"""Lesson text (MyST Markdown) for slides: HTML for the reveal.js deck, styled runs for
PowerPoint.

Lesson plans are rendered by Sphinx on the site; a deck is written outside Sphinx (a deck
builds in well under a second, a Sphinx run does not), so the few MyST roles that lesson
text uses are resolved here first and the rest is CommonMark, parsed by markdown-it-py (the
parser MyST itself is built on):

- ``{doc}`` becomes a link to the page in the teacher edition (its title when no text is
  given, read from the page's first heading);
- ``{fact}`` becomes the figure in bold with its source, as the ``fact`` role prints it;
- ``{school}`` becomes the school's setting, as the ``school`` role prints it;
- any other role (``{ref}``, ``{term}``, ...) keeps its text.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt

from tipcourse.course import Course
from tipcourse.data.facts import facts
from tipcourse.errors import SourceError
from tipcourse.languages import SOURCE_LANGUAGE, catalogue, ui

_ROLE = re.compile(r"\{(?P<role>[a-z:-]+)\}`(?P<body>[^`]+)`")
_EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)

_md = MarkdownIt("commonmark", {"typographer": False})


@dataclass(frozen=True)
class Run:
    """A piece of text with one style (PowerPoint's unit of formatting)."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass
class Paragraph:
    """A paragraph or list item: its runs, the list depth (0 = not a list) and the marker."""

    runs: list[Run] = field(default_factory=list)
    level: int = 0
    marker: str = ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@lru_cache(maxsize=256)
def _page_title(path: Path) -> str | None:
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    except OSError:
        return None
    return None


class TextRenderer:
    """Renders lesson text for one deck. ``root`` is the course folder; ``base`` is the deck's
    folder relative to the site root (links to pages are made relative to it); ``lang`` is the
    language of the deck (page titles, figures, school settings and source labels)."""

    def __init__(self, root: Path, base: str = "slides/lesson",
                 lang: str = SOURCE_LANGUAGE) -> None:
        self.root = root
        self.base = base
        self.lang = lang
        self.t = ui(lang)
        self.cited: list[str] = []

    # Roles ---------------------------------------------------------------------------
    def _doc(self, body: str) -> tuple[str, str]:
        match = _EXPLICIT.match(body)
        text, target = (match["text"], match["target"]) if match else (None, body)
        docname = target.strip().lstrip("/")
        if not text:
            title = _page_title(self.root / f"{docname}.md")
            # The page's title as its own catalogue translates it.
            text = catalogue(self.root, self.lang, docname).get(title) if title else docname
        href = posixpath.relpath(f"{docname}.html", self.base)
        return text, href

    def _fact(self, fact_id: str, notes: bool) -> str:
        fact = facts(Course(self.root).facts_path, self.lang).get(fact_id.strip())
        if fact is None:
            return fact_id
        if not notes:
            # What the class sees carries the figure only; its source goes on the slide's
            # source line (``take_sources``), as the site puts it in a note.
            if fact.id not in self.cited:
                self.cited.append(fact.id)
            return f"**{fact.value}**"
        return f"**{fact.value}** ({self._source(fact.id)})"

    def _source(self, fact_id: str) -> str:
        fact = facts(Course(self.root).facts_path, self.lang)[fact_id]
        label = self.t("secondary source") if fact.secondary else self.t("source")
        return f"{label}: {fact.source.short}, {fact.source.where}"

    def take_sources(self) -> list[str]:
        """The sources of the figures rendered (outside notes) since the last call."""
        out = [self._source(fact_id) for fact_id in self.cited]
        self.cited = []
        return out

    def _school(self, key: str) -> str:
        """A school setting in a sentence, as the ``school`` role prints it."""
        try:
            from tipcourse.school import School, load_school  # type: ignore[import-not-found]
            from tipcourse.sphinx.school import SETTINGS  # type: ignore[import-not-found]
        except ImportError:
            return key.replace("-", " ")
        if key not in SETTINGS:
            return key.replace("-", " ")
        try:
            school = load_school(self.root, self.lang)
        except SourceError:
            school = School()  # the site's build reports a broken settings file
        return str(SETTINGS[key](school, self.t))

    def resolve_roles(self, text: str, links: bool = True, notes: bool = False) -> str:
        """The text with every role replaced by plain Markdown."""

        def replace(match: re.Match[str]) -> str:
            role, body = match["role"], match["body"]
            if role == "doc":
                label, href = self._doc(body)
                return f"[{label}]({href})" if links else label
            if role == "fact":
                return self._fact(body, notes)
            if role == "school":
                return self._school(body.strip())
            explicit = _EXPLICIT.match(body)
            return explicit["text"] if explicit else body

        return _ROLE.sub(replace, text)

    # HTML --------------------------------------------------------------------------------
    def html(self, text: str, notes: bool = False) -> str:
        """Block HTML (paragraphs, lists); ``notes``: for the teacher's eyes only."""
        return _md.render(self.resolve_roles(text, notes=notes)).strip()

    def inline_html(self, text: str) -> str:
        """Inline HTML (no wrapping paragraph)."""
        return _md.renderInline(self.resolve_roles(text)).strip()

    # Plain text and runs -----------------------------------------------------------------
    def plain(self, text: str, notes: bool = False) -> str:
        return "\n".join(p.text for p in self.paragraphs(text, notes))

    def paragraphs(self, text: str, notes: bool = False) -> list[Paragraph]:
        """The text as paragraphs of styled runs (links to pages of the site are dropped:
        they would not resolve inside a PowerPoint file)."""
        tokens = _md.parse(self.resolve_roles(text, links=False, notes=notes))
        out: list[Paragraph] = []
        depth = 0
        counters: list[int | None] = []
        pending_marker = ""
        for token in tokens:
            if token.type in ("bullet_list_open", "ordered_list_open"):
                depth += 1
                start = token.attrGet("start")
                counters.append(int(start) if start else 1 if token.type.startswith("o") else None)
            elif token.type in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
                counters.pop()
            elif token.type == "list_item_open":
                number = counters[-1]
                if number is None:
                    pending_marker = "•"
                else:
                    pending_marker = f"{number}."
                    counters[-1] = number + 1
            elif token.type == "inline":
                para = Paragraph(level=depth, marker=pending_marker)
                pending_marker = ""
                para.runs = _runs(token.children or [])
                out.append(para)
        return out


def _runs(children: list) -> list[Run]:
    runs: list[Run] = []
    bold = italic = 0
    link: str | None = None
    for child in children:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = str(child.attrGet("href") or "")
            link = href if href.startswith(("http://", "https://")) else None
        elif kind == "link_close":
            link = None
        elif kind in ("text", "code_inline"):
            runs.append(Run(child.content, bool(bold), bool(italic), link))
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bool(bold), bool(italic), link))
    return runs


def escape(text: str) -> str:
    return html.escape(text, quote=True)
