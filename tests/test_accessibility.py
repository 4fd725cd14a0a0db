"""Accessible: axe-core finds nothing on any page of either edition of a
fixture book, best-practice rules included, in light and in dark mode (colour contrast), and
with the sidebar opened as a dialog on a narrow screen.

The fixture has a logo: the course shows it in the header's wordmark (the banner landmark). On
the default theme the sidebar's content is outside any landmark (axe's `region` rule); the
course's sidebar template makes the sidebar a landmark.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import build_theme_book, open_page, site_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_theme_book(tmp_path_factory.mktemp("a11y"))


@pytest.fixture(scope="module")
def axe():  # noqa: ANN201
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def violations(axe, page) -> list[str]:  # noqa: ANN001
    """One line per axe violation: rule, impact and the first few elements."""
    result = axe.run(page)
    lines = []
    for v in result.response["violations"]:
        targets = "; ".join(", ".join(n["target"]) for n in v["nodes"][:3])
        lines.append(f"{v['id']} ({v['impact']}): {targets}")
    return lines


@pytest.mark.parametrize("mode", ["light", "dark"])
@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_axe_finds_nothing_on_any_page(
    sites, serve_site, chromium_browser, axe, edition: str, mode: str
) -> None:
    site = sites[edition]
    base = serve_site(site)
    pages = site_pages(site)
    assert {"index.html", "book/elements.html", "book/sources.html", "search.html"} <= set(pages)
    assert ("teacher_guide/index.html" in pages) == (edition == "teacher")
    found: list[str] = []
    for name in pages:
        with open_page(chromium_browser, base + name, color_scheme=mode) as (page, visit):
            if name != "404.html":  # a standalone page without the theme's colour modes
                assert page.locator("html").get_attribute("data-theme") == mode
            found += [f"{name}: {line}" for line in violations(axe, page)]
            found += [f"{name}: console: {text}" for text in visit.console_errors]
            found += [f"{name}: asked {url}" for url in visit.external_requests]
    assert found == [], f"{edition} edition, {mode} mode:\n" + "\n".join(found)


def test_region_rule_runs_and_passes_on_the_logo_and_sidebar(sites, serve_site,
                                                             chromium_browser, axe) -> None:
    base = serve_site(sites["student"])
    with open_page(chromium_browser, base + "book/chapter.html") as (page, _visit):
        result = axe.run(page, options={"resultTypes": ["violations", "passes"]})
        passed = {rule["id"] for rule in result.response["passes"]}
        assert {"region", "landmark-unique", "color-contrast"} <= passed
        # The logo and the course's name lead home from the header (the banner landmark).
        wordmark = page.get_by_role("banner").locator("a.tc-wordmark:visible")
        assert wordmark.locator("img.tc-logo").count() == 1
        assert wordmark.get_attribute("href") == "../index.html"
        # The sidebar (the contents) is one navigation landmark.
        landmark = page.get_by_role("navigation", name="Course")
        assert landmark.get_by_role("link", name="A chapter").count() == 1
        # The sidebar's expand/collapse control says which section it opens.
        toggle = landmark.locator("details > summary")
        assert toggle.count() == 1
        assert toggle.get_attribute("aria-label") == "Pages in Page elements"


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_finds_nothing_with_the_sidebar_open_on_a_narrow_screen(
    sites, serve_site, chromium_browser, axe, mode: str
) -> None:
    base = serve_site(sites["teacher"])
    viewport = {"width": 400, "height": 800}
    with open_page(
        chromium_browser, base + "book/elements.html", viewport=viewport, color_scheme=mode
    ) as (page, visit):
        page.locator("button.primary-toggle:visible").click()
        assert page.locator("#pst-primary-sidebar-modal").evaluate("d => d.open")
        assert violations(axe, page) == []
        assert visit.console_errors == []


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_axe_finds_nothing_in_the_search_dialog_and_results(
    sites, serve_site, chromium_browser, axe, mode: str
) -> None:
    base = serve_site(sites["student"])
    with open_page(chromium_browser, base + "index.html", color_scheme=mode) as (page, visit):
        page.keyboard.press("Control+k")
        assert page.locator("#pst-search-dialog").evaluate("d => d.open")
        assert violations(axe, page) == []
    with open_page(chromium_browser, base + "search.html?q=chapter", color_scheme=mode) as (
        page,
        visit,
    ):
        page.locator("#search-results ul.search li").first.wait_for()
        assert page.locator("#search-results a span.highlighted").count() >= 1
        assert violations(axe, page) == []
        assert visit.console_errors == []
    # The page a result opens, with the search term highlighted.
    with open_page(
        chromium_browser, base + "index.html?highlight=chapter", color_scheme=mode
    ) as (page, visit):
        assert page.locator("main span.highlighted").count() >= 1
        assert violations(axe, page) == []
        assert visit.console_errors == []
