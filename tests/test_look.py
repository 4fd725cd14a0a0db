"""The course's look, read from the built pages of the real course: a wordmark with the
course's name on every page (no "(student edition)" title in the sidebar, no home page
repeated as its first entry), one search field, a description, favicon and social card in
every page's head, a landing page that starts the course, and drawn figures with text
alternatives that take the page's colours."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tipcourse.sphinx.figures import inline_svg, svg_description
from tipcourse.sphinx.theme import brand

from browser import site_pages

CHAPTERS = [f"book/{name}.html" for name in (
    "01-what-is-trafficking", "02-forms-of-exploitation", "03-organized-crime",
    "04-staying-safe-online", "05-blue-heart", "06-reading-the-numbers")]


def head(html: str) -> str:
    return html[: html.index("</head>")]


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_every_page_has_wordmark_one_search_and_a_description(
    course_sites: dict[str, Path], edition: str
) -> None:
    site = course_sites[edition]
    descriptions = set()
    for name in site_pages(site):
        html = (site / name).read_text(encoding="utf-8")
        if 'class="bd-header' not in html:
            continue  # theme fragments
        assert 'class="tc-wordmark"' in html and ">Not for sale<" in html, name
        assert html.count("search-button-field") <= 2, name  # the header's, and its phone twin
        assert "bd-sidebar-primary" in html and "logo__title" not in html, name
        assert "bd-sidenav__home-link" not in html, name
        found = re.search(r'<meta name="description" content="([^"]{40,})">', head(html))
        assert found, name
        descriptions.add(found.group(1))
        assert 'rel="icon"' in head(html) and 'og:image' in head(html), name
        assert ("Teacher edition</span>" in html) == (edition == "teacher"), name
    assert len(descriptions) > 10  # each page describes itself
    assert (site / "_static" / "favicon.svg").is_file()
    assert (site / "_static" / "tipcourse-card.png").stat().st_size > 5_000


def test_landing_page_starts_the_course(course_sites: dict[str, Path]) -> None:
    html = (course_sites["student"] / "index.html").read_text(encoding="utf-8")
    start = re.search(r'<a class="[^"]*sd-btn[^"]*" href="([^"]+)"[^>]*>.*?Start chapter 1', html,
                      re.S)
    assert start and start.group(1) == "book/01-what-is-trafficking.html"
    for chapter in CHAPTERS:
        assert f'href="{chapter}"' in html, chapter
    assert html.count("sd-card ") >= 9  # six chapters and three ways in
    assert "content-note" in html


def test_each_chapter_has_a_figure_with_a_text_alternative(course_sites: dict[str, Path]) -> None:
    for chapter in CHAPTERS:
        html = (course_sites["student"] / chapter).read_text(encoding="utf-8")
        svg = re.findall(r'<svg viewBox="[^"]+" role="img" aria-label="([^"]{40,})"', html)
        chart = re.findall(r'<figure class="tc-chart[^"]*"[^>]*>\s*<img src="data:image/png;'
                           r'base64,[^"]+" alt="(Line chart[^"]+)"', html)
        assert svg or chart, chapter
    numbers = (course_sites["student"] / CHAPTERS[-1]).read_text(encoding="utf-8")
    assert "The numbers behind the chart" in numbers


def test_illustrations_take_the_page_colours_and_keep_their_description() -> None:
    folder = Path(__file__).resolve().parent.parent / "book" / "figures"
    files = sorted(folder.glob("*.svg"))
    assert len(files) >= 5
    for file in files:
        text = file.read_text(encoding="utf-8")
        description = svg_description(text)
        assert len(description) > 60, file.name
        markup = inline_svg(text, description)
        assert markup.startswith("<svg ") and 'role="img"' in markup, file.name
        assert "<desc>" not in markup and "<!--" not in markup, file.name
        # every filled or stroked shape has a class the stylesheet recolours in dark mode
        assert re.search(r'class="tc-i-', markup), file.name


def test_wordmark_name_and_tagline_come_from_the_title() -> None:
    assert brand("Not for sale: a course on trafficking in persons (student edition)") == (
        "Not for sale", "a course on trafficking in persons")
    assert brand("Plain title (teacher edition)") == ("Plain title", "")
