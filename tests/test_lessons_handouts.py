"""Handouts print on one A4 page each, without the site's menus or the teacher's notes.
Uses the real course's teacher edition (built once per run by the course_sites fixture)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

HANDOUTS = ["kwlq-chart", "scenario-cards", "online-offer-cards", "exit-tickets"]


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
