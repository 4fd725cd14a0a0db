"""Handouts print on one A4 page each, without the site's menus or the teacher's notes.
Uses the real course's teacher edition (built once per run by the course_sites fixture)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
HANDOUTS = sorted(p.stem for p in (REPO / "teacher_guide/handouts").glob("*.md"))


def test_the_course_supplies_every_handout_its_lessons_need() -> None:
    for name in ("habits-checklist", "word-bank", "sentence-starters", "project-template",
                 "network-chain",
                 *(f"exit-ticket-{n}" for n in range(1, 8))):
        assert name in HANDOUTS, name


@pytest.mark.slow
@pytest.mark.browser
def test_each_handout_prints_on_one_a4_page(course_sites: dict[str, Path],
                                            chromium_browser) -> None:  # noqa: ANN001
    from browser import open_page, served

    site = course_sites["teacher"]
    browser = chromium_browser
    with served(site) as base:
        for name in HANDOUTS:
            url = f"{base}teacher_guide/handouts/{name}.html"
            with open_page(browser, url) as (page, visit):
                assert visit.external_requests == []
                assert page.locator(".handout-notes").is_visible()
                page.emulate_media(media="print")
                assert not page.locator(".handout-notes").is_visible(), name
                assert not page.locator(".bd-sidebar-primary").is_visible(), name
                assert page.locator(".handout").is_visible(), name
                pdf = page.pdf(format="A4")
            pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
            assert pages == 1, f"{name} prints on {pages} pages"


def test_each_handout_page_exists_and_is_linked_from_its_lesson(
    course_sites: dict[str, Path],
) -> None:
    from tipcourse.course import Course
    from tipcourse.lessons import load_lessons

    site = course_sites["teacher"]
    linked: set[str] = set()
    for lesson in load_lessons(Course(REPO)):
        html = (site / f"teacher_guide/lessons/{lesson.id}.html").read_text(encoding="utf-8")
        assert "includes the content note" in html, lesson.id
        for name in lesson.materials.handouts:
            assert f'href="../handouts/{name}.html"' in html, (lesson.id, name)
            linked.add(name)
    for name in HANDOUTS:
        assert (site / f"teacher_guide/handouts/{name}.html").is_file(), name
    assert linked == set(HANDOUTS)


# Words that belong in the maintainer's guide, never on a page for teachers.
MAINTAINER_WORDS = re.compile(r"_config\.yml|tipcourse check|\bYAML\b|\brebuild", re.I)


def test_teacher_pages_hold_no_maintainer_instructions(course_sites: dict[str, Path]) -> None:
    site = course_sites["teacher"]
    pages = [*site.glob("teacher_guide/**/*.html"), site / "index.html"]
    assert len(pages) > 30
    for page in pages:
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
        found = MAINTAINER_WORDS.search(text)
        assert found is None, f"{page.relative_to(site)}: {found.group(0) if found else ''}"
    # Nowhere in the teacher site, chapters included.
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "_config.yml" not in text and "tipcourse check" not in text, page
