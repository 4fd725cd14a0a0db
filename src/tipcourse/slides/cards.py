"""Cards from the printed handouts (scenario cards, online offer cards, exit tickets), for
slides.

A handout page (``teacher_guide/handouts/<name>.md``) marks each card as a MyST colon fence
``:::{container} handout-card``; its ``handout-cards`` container opens with the prompt the
class works on. There is no handout model to ask, so the cards are read here from those
fences, the one structure handouts are written in. Teacher-only blocks (``{teacher}``) are
never read: a card is exactly what students get on paper.

In another language a handout's text comes from the page's own catalogue (the one Sphinx
translates the page with, ``locales/<lang>/LC_MESSAGES/teacher_guide/handouts/<name>.po``):
its messages are the page's paragraphs and list items, so a card is translated paragraph by
paragraph and item by item, as the page is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tipcourse.course import Course
from tipcourse.languages import SOURCE_LANGUAGE, catalogue, ui

# A card is a ``{container} handout-card`` fence, or a ``{handout-copies} N`` fence (one
# card printed N times to a page, as an exit ticket is).
_FENCE = re.compile(
    r"^(?P<colons>:{3,})\{(?P<kind>container|handout-copies)\}[ \t]*(?P<classes>[^\n]*)\n"
    r"(?P<body>.*?)^(?P=colons)\s*$",
    re.MULTILINE | re.DOTALL,
)
_LEAD = re.compile(r"^\*\*(?P<title>[^*]+?)\*\*[:.,]?\s*", re.DOTALL)
_TICKET = re.compile(r"^\*\*Exit ticket (?P<n>\d+)\*\*[^\n]*\n(?P<rest>.*)$", re.DOTALL)
_ITEM = re.compile(r"^\s*\d+\.\s+(?P<text>.+)$", re.MULTILINE)
_MARKER = re.compile(r"^(?P<marker>\s*(?:\d+[.)]|[-*+]))\s+(?P<text>.*)$")
HANDOUTS = "teacher_guide/handouts"


@dataclass(frozen=True)
class Card:
    title: str
    text: str
    prompt: str = ""


def _title_of(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def _is_card(match: re.Match[str]) -> bool:
    return match["kind"] == "handout-copies" or "handout-card" in match["classes"].split()


@lru_cache(maxsize=32)
def _read(path: Path, mtime: float) -> tuple[str, str, list[str]]:
    text = path.read_text(encoding="utf-8")
    prompt = ""
    cards: list[str] = []
    for match in _FENCE.finditer(text):
        classes = match["classes"].split()
        body = match["body"]
        if "handout-cards" in classes or "handout-tickets" in classes:
            # The outer fence: its text before the first card is the prompt.
            inner = _FENCE.search(body)
            prompt = (body[: inner.start()] if inner else body).strip()
            cards.extend(m["body"].strip() for m in _FENCE.finditer(body) if _is_card(m))
        elif _is_card(match):
            cards.append(body.strip())
    return _title_of(text), prompt, cards


def _handout(course: Course, name: str) -> tuple[str, str, list[str]] | None:
    path = course.root / HANDOUTS / f"{name}.md"
    if not path.is_file():
        return None
    return _read(path, path.stat().st_mtime)


def page_translator(course: Course, name: str, lang: str) -> Callable[[str], str]:
    """A function translating one paragraph or list item of a handout page into ``lang``."""
    return catalogue(course.root, lang, f"{HANDOUTS}/{name}").get


def translate_markdown(text: str, get: Callable[[str], str]) -> str:
    """``text`` (paragraphs and lists) with each paragraph and list item replaced by
    ``get`` of it, the way Sphinx's catalogues hold them (source lines joined by spaces)."""
    out = []
    for block in re.split(r"\n[ \t]*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if not _MARKER.match(lines[0]):
            out.append(get(" ".join(lines)))
            continue
        items: list[tuple[str, list[str]]] = []
        for line in lines:
            match = _MARKER.match(line)
            if match:
                items.append((match["marker"], [match["text"]]))
            else:
                items[-1][1].append(line)
        out.append("\n".join(f"{marker} {get(' '.join(words))}" for marker, words in items))
    return "\n\n".join(out)


def handout_cards(course: Course, name: str, lang: str = SOURCE_LANGUAGE
                  ) -> tuple[str, list[Card]] | None:
    """The handout's title and its cards in ``lang`` (a bold lead becomes the card's title);
    None when the handout does not exist."""
    found = _handout(course, name)
    if found is None:
        return None
    handout_title, prompt, bodies = found
    if lang != SOURCE_LANGUAGE:
        get = page_translator(course, name, lang)
        handout_title = get(handout_title)
        prompt = translate_markdown(prompt, get)
        bodies = [translate_markdown(body, get) for body in bodies]
    cards = []
    for body in bodies:
        # The bold lead ("**★ Dana, 23,** answers ...") names the card; the text stays whole.
        lead = _LEAD.match(body)
        name = lead["title"].strip().lstrip("★").strip().rstrip(",:.") if lead else ""
        cards.append(Card(name, body, prompt))
    return handout_title, cards


def is_exit_ticket(name: str) -> bool:
    """Whether a handout holds exit tickets (``exit-tickets``, or ``exit-ticket-N``)."""
    return name.startswith("exit-ticket")


def exit_ticket(course: Course, number: int, handout: str = "exit-tickets",
                lang: str = SOURCE_LANGUAGE) -> tuple[str, list[str]] | None:
    """Exit ticket ``number`` from a handout of exit tickets: its title and questions, in
    ``lang``."""
    found = _handout(course, handout)
    if found is None:
        return None
    get = page_translator(course, handout, lang)
    for body in found[2]:
        match = _TICKET.match(body)
        if match and int(match["n"]) == number:
            items = [get(m["text"].strip()) for m in _ITEM.finditer(match["rest"])]
            t = ui(lang)
            return t("Exit ticket {number}").format(number=number), items
    return None
