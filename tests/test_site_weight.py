"""A lighter theme: the landing page's first visit stays under 600 KB, and
what the trims could break still works: navigation, the sidebar toggles, search, dark mode,
the keyboard focus ring, the icons.

A default Jupyter Book 1 landing page loads about 2.4 MB; most of it is fontawesome.js,
Bootstrap's whole stylesheet and the icon font (see
tipcourse.publish.slim and tipcourse.sphinx.theme).
"""

from __future__ import annotations

import io
import shutil
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from playwright.sync_api import expect

from tipcourse.publish import slim
from tipcourse.publish.site import broken_links

from browser import build_theme_book, open_page

LIMIT = 600_000  # bytes, uncompressed, first visit
SEARCH_WORD = "zqxstdntk"  # only in book/chapter.md of the fixture


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_theme_book(tmp_path_factory.mktemp("weight"))


@pytest.fixture(scope="module")
def student_url(sites: dict[str, Path], serve_site) -> str:
    return serve_site(sites["student"])


# --- page weight --------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_landing_page_first_visit_is_under_600_kb(sites, serve_site, page_visit, edition) -> None:
    visit = page_visit(serve_site(sites[edition]) + "index.html")
    assert visit.total_bytes < LIMIT, (
        f"{edition} landing page loads {visit.total_bytes} bytes in {len(visit.requests)} "
        "requests:\n" + "\n".join(visit.largest())
    )
    assert all(r.status == 200 for r in visit.requests), visit.requests
    assert visit.external_requests == []
    assert visit.console_errors == []
    loaded = " ".join(r.url for r in visit.requests)
    assert "fontawesome.js" not in loaded
    assert "searchindex.js" not in loaded


def test_only_the_search_page_loads_the_search_index(sites) -> None:
    site = sites["student"]
    assert "searchindex.js" in (site / "search.html").read_text()
    for page in ("index.html", "book/chapter.html", "book/elements.html"):
        html = (site / page).read_text()
        assert "searchindex.js" not in html and "searchtools.js" not in html, page
        assert "fontawesome.js" not in html, page
    assert not list(site.rglob("fontawesome.js*"))
    assert not list(site.rglob("*.map"))


def test_icon_font_keeps_exactly_the_icons_the_pages_use(sites) -> None:
    webfonts = sites["student"] / "_static" / "vendor" / "fontawesome" / "webfonts"
    solid = webfonts / "fa-solid-900.woff2"
    assert solid.stat().st_size < 10_000
    cmap = TTFont(solid).getBestCmap()
    # bars (sidebar toggle), magnifying glass (search), sun and moon (colour mode),
    # angle right (next page); and the theme's own icons: info circle (admonitions), download
    # (notebook download links), external link
    for code in (0xF0C9, 0xF002, 0xF185, 0xF186, 0xF105, 0xF05A, 0xF019, 0xF35D):
        assert code in cmap, hex(code)
    assert 0xF09B not in cmap  # a GitHub logo the site never shows (it is in the brands font)
    assert len(cmap) < 40


def test_purged_stylesheets_keep_the_rules_the_browser_needs(sites) -> None:
    css = (sites["student"] / "_static" / "styles" / "pydata-sphinx-theme.css").read_text()
    assert len(css) < 150_000  # about 400 KB before PurgeCSS
    for kept in (":focus-visible", "bs-tooltip-", 'html[data-theme=dark]', ".bd-sidebar-primary"):
        assert kept in css, kept
    # The course's own stylesheet is left whole, even rules for the other edition's content.
    assert ".teacher-note" in (sites["student"] / "_static" / "tipcourse.css").read_text()


def test_stylesheet_imports_are_inlined_with_their_urls_rebased(sites) -> None:
    styles = sites["student"] / "_static" / "styles"
    theme = (styles / "theme.css").read_text()
    assert "@import" not in theme
    assert "url(../file.png)" in theme  # basic.css's url(file.png), now read from styles/
    assert (styles / "../file.png").resolve().is_file()


def test_without_purgecss_the_site_still_works_and_says_so_once(
    sites, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A copy of the Sphinx output before slimming: the work folder kept by the build.
    html = sites["student"].parents[2] / ".work" / "en" / "student" / "html"
    copies = [tmp_path / "one", tmp_path / "two"]
    for copy in copies:
        shutil.copytree(html, copy, ignore=shutil.ignore_patterns("_sources", ".buildinfo"))
    monkeypatch.setattr(slim, "find_purgecss", lambda: None)
    monkeypatch.setattr(slim, "_warned", set())
    err = io.StringIO()
    with redirect_stderr(err):
        for copy in copies:
            slim.slim_site(copy)
    assert err.getvalue().count("PurgeCSS") == 1, err.getvalue()
    assert "make setup" in err.getvalue()
    site = copies[0]
    assert broken_links(site) == []
    css = (site / "_static" / "styles" / "pydata-sphinx-theme.css").read_text()
    assert len(css) > 300_000  # untrimmed, but there
    # The other trims still happened.
    assert not list(site.rglob("fontawesome.js*"))
    assert (site / "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2").stat().st_size < 10_000


def test_a_change_to_the_extension_rewrites_every_page(
    sites, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Sphinx alone would keep pages (and static files) from before a change to the theme code.
    from tipcourse.course import Course
    from tipcourse.publish.build import build_edition
    from tipcourse.sphinx import theme

    course = Course(sites["student"].parents[3])
    page = course.work_dir("student") / "html" / "book" / "chapter.html"
    build_edition(course, "student")
    unchanged = page.stat().st_mtime_ns
    build_edition(course, "student")
    assert page.stat().st_mtime_ns == unchanged  # nothing changed: nothing rewritten
    monkeypatch.setattr(theme, "extension_digest", lambda: "a-changed-extension")
    build_edition(course, "student")
    assert page.stat().st_mtime_ns != unchanged


# --- what a reader does --------------------------------------------------------------------


@pytest.mark.browser
def test_next_link_goes_to_the_next_page(student_url, chromium_browser) -> None:
    with open_page(chromium_browser, student_url + "index.html") as (page, visit):
        page.locator("a.right-next").click()
        page.wait_for_load_state()
        assert page.url.endswith("/book/chapter.html")
        assert page.locator("main h1").first.inner_text().strip().startswith("A chapter")
        page.locator("a.left-prev").click()
        page.wait_for_load_state()
        assert page.url.endswith("/index.html")
        assert visit.console_errors == []


@pytest.mark.browser
def test_sidebar_toggle_opens_the_navigation_on_a_narrow_screen(
    student_url, chromium_browser
) -> None:
    viewport = {"width": 400, "height": 800}
    with open_page(chromium_browser, student_url + "index.html", viewport=viewport) as (
        page,
        visit,
    ):
        assert not page.locator("#pst-primary-sidebar").is_visible()
        toggle = page.locator("button.primary-toggle:visible")
        assert toggle.count() == 1
        toggle.click()
        dialog = page.locator("#pst-primary-sidebar-modal")
        assert dialog.evaluate("d => d.open")
        sidebar_link = dialog.locator("nav.bd-links").get_by_role("link", name="A chapter")
        assert sidebar_link.is_visible()
        page.keyboard.press("Escape")
        assert not dialog.evaluate("d => d.open")
        toggle.click()
        sidebar_link.click()
        page.wait_for_load_state()
        assert page.url.endswith("/book/chapter.html")
        assert visit.console_errors == []


@pytest.mark.browser
def test_sidebar_toggle_hides_and_shows_the_sidebar_on_a_wide_screen(
    student_url, chromium_browser
) -> None:
    viewport = {"width": 1280, "height": 800}
    with open_page(chromium_browser, student_url + "index.html", viewport=viewport) as (
        page,
        visit,
    ):
        sidebar = page.locator("#pst-primary-sidebar")
        assert sidebar.is_visible()
        toggle = page.locator("button.primary-toggle:visible")
        toggle.click()
        expect(sidebar).to_be_hidden()
        assert sidebar.evaluate("e => e.classList.contains('pst-sidebar-hidden')")
        toggle.click()
        expect(sidebar).to_be_visible()
        assert visit.console_errors == []


@pytest.mark.browser
def test_colour_mode_switch_turns_the_page_dark_and_it_stays_dark(
    student_url, chromium_browser
) -> None:
    with open_page(chromium_browser, student_url + "index.html", color_scheme="light") as (
        page,
        visit,
    ):
        html = page.locator("html")
        assert html.get_attribute("data-theme") == "light"
        light_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.locator("button.theme-switch-button:visible").click()
        assert html.get_attribute("data-theme") == "dark"
        dark_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert dark_bg != light_bg
        page.locator("a.right-next").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("data-theme") == "dark"
        assert visit.console_errors == []


@pytest.mark.browser
def test_search_box_finds_a_word_on_the_search_page(student_url, chromium_browser) -> None:
    with open_page(chromium_browser, student_url + "book/elements.html") as (page, visit):
        page.locator("button.search-button__button:visible").first.click()
        field = page.locator("#pst-search-dialog input[name=q]")
        field.fill(SEARCH_WORD)
        field.press("Enter")
        page.wait_for_url("**/search.html?q=*")
        result = page.locator("#search-results ul.search li a").first
        result.wait_for()
        assert result.inner_text().strip() == "A chapter"
        assert page.locator("#search-results ul.search li").count() == 1
        result.click()
        page.wait_for_load_state()
        assert "/book/chapter.html" in page.url
        assert visit.console_errors == []


@pytest.mark.browser
def test_keyboard_focus_ring_is_visible(student_url, chromium_browser) -> None:
    with open_page(chromium_browser, student_url + "index.html") as (page, _visit):
        link = page.locator("a.right-next")
        link.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
        style = link.evaluate(
            "e => { const s = getComputedStyle(e);"
            " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
        )
        outline_style, outline_width, shadow = style
        assert (outline_style != "none" and outline_width != "0px") or shadow != "none", style


@pytest.mark.browser
def test_icons_draw_from_the_subset_font(student_url, chromium_browser) -> None:
    with open_page(chromium_browser, student_url + "index.html") as (page, visit):
        page.evaluate("document.fonts.ready")
        loaded = page.evaluate(
            "() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)"
        )
        assert any("Font Awesome" in family for family in loaded), loaded
        assert any(r.url.endswith("fa-solid-900.woff2") for r in visit.requests)
        assert visit.console_errors == []
