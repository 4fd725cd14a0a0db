"""The course's drawn illustrations (``book/figures/*.svg``) as a translatable source.

An illustration's words are its ``<title>``, its ``<desc>`` (the text alternative) and its
``<text>``/``<tspan>`` labels. They are extracted into the catalogue of the SVG file
(``book/figures/blue-heart.svg.po``) and put back, translated, when a page inlines the
drawing. A regular expression over the text content is enough here: the files are the
course's own hand-written SVG, and a parser would re-serialize (and reformat) the markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator

WORDS = re.compile(r"(?P<open><(?P<tag>title|desc|text|tspan)\b[^>]*>)(?P<words>[^<]*?[^\s<][^<]*?)"
                   r"(?P<space>\s*)(?=<)")


def svg_words(svg: str) -> Iterator[tuple[int, str]]:
    """``(line, text)`` for each piece of text a reader sees or hears in the drawing."""
    for match in WORDS.finditer(svg):
        line = svg.count("\n", 0, match.start("words")) + 1
        yield line, " ".join(html.unescape(match["words"]).split())


def translate_svg(svg: str, translate: Callable[[str], str]) -> str:
    """The drawing with each piece of text replaced by its translation."""

    def replace(match: re.Match[str]) -> str:
        text = " ".join(html.unescape(match["words"]).split())
        return match["open"] + html.escape(translate(text), quote=False) + match["space"]

    return WORDS.sub(replace, svg)
