"""Browser fixtures for tests that look at a built site in Chromium (Playwright).

Every page is opened through ``open_page``: requests to any host but 127.0.0.1 are blocked
(and recorded, so an offline test can name them), every response's body size is recorded (the
page weight), and console errors and uncaught exceptions are collected.

Fixtures (made available to every test by ``tests/conftest.py``):

- ``chromium_browser`` (session): one Chromium for the whole run (Debian's ``/usr/bin/chromium``
  when present, else Playwright's own download).
- ``serve_site`` (session): ``serve_site(path) -> base_url`` serves a folder on 127.0.0.1 with
  ``tipcourse.publish.serve.make_server`` in a thread, until the end of the run.
- ``page_visit`` (function): ``page_visit(url) -> Visit``; a Visit unpacks as
  ``requests, external_requests, console_errors``.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tipcourse.publish.browser import chromium, is_local, served


@dataclass
class Fetched:
    """One request the page made, and how many body bytes came back."""

    url: str
    status: int | None
    size: int


@dataclass
class Visit:
    """What a page did while it loaded (and while the test used it)."""

    url: str
    requests: list[Fetched] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[list]:
        return iter((self.requests, self.external_requests, self.console_errors))

    @property
    def total_bytes(self) -> int:
        return sum(r.size for r in self.requests)

    def largest(self, n: int = 8) -> list[str]:
        """The n heaviest requests, for a readable assertion message."""
        top = sorted(self.requests, key=lambda r: -r.size)[:n]
        return [f"{r.size:>9} {r.url}" for r in top]


@contextlib.contextmanager
def open_page(browser, url: str | None = None, **context_options) -> Iterator[tuple]:
    """A fresh browser context (empty cache: a first visit) and page, with other hosts blocked.

    Yields ``(page, visit)``; if ``url`` is given the page has loaded it (network idle).
    ``context_options`` go to ``browser.new_context`` (viewport, color_scheme, ...).
    """
    context = browser.new_context(**context_options)
    visit = Visit(url or "")

    def route(route) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            visit.external_requests.append(route.request.url)
            route.abort("blockedbyclient")

    def finished(request) -> None:
        from playwright.sync_api import Error

        try:
            response = request.response()
            sizes = request.sizes()
        except Error:  # the test closed the page while this request was finishing
            return
        visit.requests.append(
            Fetched(request.url, response.status if response else None, sizes["responseBodySize"])
        )

    def console(message) -> None:
        if message.type == "error":
            visit.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    context.route("**/*", route)
    page = context.new_page()
    page.on("requestfinished", finished)
    page.on("console", console)
    page.on("pageerror", lambda error: visit.console_errors.append(f"uncaught: {error}"))
    try:
        if url:
            page.goto(url, wait_until="networkidle")
        yield page, visit
    finally:
        context.close()


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def serve_site() -> Iterator[Callable[[Path], str]]:
    with contextlib.ExitStack() as stack:
        yield lambda site: stack.enter_context(served(site))


@pytest.fixture
def page_visit(chromium_browser) -> Callable[..., Visit]:
    def visit(url: str, **context_options) -> Visit:
        with open_page(chromium_browser, url, **context_options) as (_page, record):
            return record

    return visit


FIXTURES = Path(__file__).parent / "fixtures"


def build_theme_book(folder: Path) -> dict[str, Path]:
    """Build both editions of the fixture book the theme tests use: minibook plus the
    overlay in fixtures/themebook (a logo, a page with every kind of content and a page
    under it, so the sidebar has a section to open and close); return the
    site folder of each edition."""
    from tipcourse.course import Course
    from tipcourse.publish.build import build

    root = folder / "book"
    shutil.copytree(FIXTURES / "minibook", root, ignore=shutil.ignore_patterns("_build"))
    shutil.copytree(FIXTURES / "themebook", root, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("README.md"))
    with (root / "_config.yml").open("a", encoding="utf-8") as config:
        config.write("logo: logo.svg\n")
    toc = (root / "_toc.yml").read_text(encoding="utf-8")
    chapter = "  - file: book/chapter\n"
    toc = toc.replace(
        chapter,
        chapter + "  - file: book/elements\n    sections:\n      - file: book/sources\n",
    )
    assert "book/elements" in toc, "minibook's _toc.yml changed: update build_theme_book"
    (root / "_toc.yml").write_text(toc, encoding="utf-8")
    course = Course(root)
    build(course)
    return {edition: course.site_dir(edition) for edition in ("student", "teacher")}


def site_pages(site: Path) -> list[str]:
    """Every page of a built site, relative to it (theme fragments under _static left out)."""
    return sorted(
        str(p.relative_to(site).as_posix())
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] not in {"_static", "_images"}
    )
