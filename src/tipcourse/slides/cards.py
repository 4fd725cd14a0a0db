"""Cards from the printed handouts (scenario cards, online offer cards, exit tickets), for
slides.

A handout page (``teacher_guide/handouts/<name>.md``) marks each card as a MyST colon fence
``:::{container} handout-card``; its ``handout-cards`` container opens with the prompt the
class works on. There is no handout model to ask, so the cards are read here from those
fences, the one structure handouts are written in. Teacher-only blocks (``{teacher}``) are
never read: a card is exactly what students get on paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tipcourse.course import Course

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
    path = course.root / "teacher_guide" / "handouts" / f"{name}.md"
    if not path.is_file():
        return None
    return _read(path, path.stat().st_mtime)


def handout_cards(course: Course, name: str) -> tuple[str, list[Card]] | None:
    """The handout's title and its cards (a bold lead becomes the card's title); None when
    the handout does not exist."""
    found = _handout(course, name)
    if found is None:
        return None
    handout_title, prompt, bodies = found
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


def exit_ticket(course: Course, number: int, handout: str = "exit-tickets"
                ) -> tuple[str, list[str]] | None:
    """Exit ticket ``number`` from a handout of exit tickets: its title and questions."""
    found = _handout(course, handout)
    if found is None:
        return None
    for body in found[2]:
        match = _TICKET.match(body)
        if match and int(match["n"]) == number:
            items = [m["text"].strip() for m in _ITEM.finditer(match["rest"])]
            return f"Exit ticket {number}", items
    return None
