"""Chromium for measuring pages and printing PDFs: the system Chromium when there is one
(Debian's package), else Playwright's own download.

Playwright drives it; these flags keep a headless Chromium from calling home, which on a
machine without internet only produces refused connections and delays.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INSTALL_HINT = (
    "install it with `sudo apt-get install chromium` (Debian/Ubuntu) or "
    "`.venv/bin/python -m playwright install chromium`, or set TIPCOURSE_CHROMIUM to its path"
)


class ChromiumMissing(Exception):
    """No Chromium to print with."""


def find_chromium() -> str:
    """The Chromium to print with: TIPCOURSE_CHROMIUM, the system's, or Playwright's own."""
    chosen = os.environ.get("TIPCOURSE_CHROMIUM")
    if chosen:
        if Path(chosen).is_file() and os.access(chosen, os.X_OK):
            return chosen
        raise ChromiumMissing(f"TIPCOURSE_CHROMIUM={chosen} is not a program")
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            bundled = p.chromium.executable_path
        if bundled and Path(bundled).is_file():
            return bundled
    except Exception:  # noqa: BLE001 - any failure here means "no bundled browser"
        pass
    raise ChromiumMissing("Chromium was not found")


def in_own_thread(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``fn`` in a new thread and return its result (or raise its exception).

    Playwright's sync API refuses to start in a thread with a running asyncio loop (Jupyter,
    or another Playwright session already open); a fresh thread has none.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args, **kwargs).result()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (a Playwright ``Browser``), the one launcher of the package: the
    PDFs, ``make bench`` and the tests all open their browser here. ChromiumMissing if there
    is none or it does not start."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    executable = find_chromium()
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(
                executable_path=executable, args=CHROMIUM_ARGS, headless=True
            )
        except PlaywrightError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else "launch failed"
            raise ChromiumMissing(f"{executable} did not start ({first})") from None
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def served(site: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) for the duration; yield its base URL."""
    from tipcourse.publish.serve import make_server

    server = make_server(site, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageVisit:
    """What a first visit to a page loaded."""

    url: str
    bytes: int = 0
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"file", "data", "blob", "about"} or parts.hostname in {
        "127.0.0.1",
        "localhost",
    }


def visit(browser: Any, url: str, *, viewport: dict[str, int] | None = None) -> PageVisit:
    """Open ``url`` in a fresh context (empty cache), block and record every request to
    another host, and sum the uncompressed bytes of everything the page loaded."""
    result = PageVisit(url)
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    page = context.new_page()

    def route(route: Any) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            result.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and result.console_errors.append(m.text))
    page.on("pageerror", lambda e: result.console_errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    # The browser's own account of what it fetched: uncompressed body sizes, all same-origin.
    entries = page.evaluate(
        """() => performance.getEntriesByType('navigation')
               .concat(performance.getEntriesByType('resource'))
               .map(e => [e.name, e.decodedBodySize])"""
    )
    result.requests = [name for name, _size in entries]
    result.bytes = sum(size for _name, size in entries)
    context.close()
    return result
