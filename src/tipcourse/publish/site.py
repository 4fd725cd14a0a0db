"""Finishing a built edition: post-processing that runs once per build on the copied site,
and the checks that the site is whole (every local link and asset resolves)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


def finish(site: Path, edition: str) -> None:
    """Post-process a freshly built edition in place (before it is swapped into view)."""
    from tipcourse.publish import slim

    slim.slim_site(site)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (
                (name == "href" and tag in {"a", "link", "area"})
                or (name == "src" and tag in {"img", "script", "iframe", "source", "video"})
            ):
                self.links.append(value)


def page_links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    return parser.links


def broken_links(site: Path) -> list[tuple[str, str]]:
    """(page, link) for every relative link or asset in the site that points at no file."""
    broken: list[tuple[str, str]] = []
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[0] in {"_static", "_images"}:
            continue  # theme template fragments, not pages
        for link in page_links(page):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("#", "mailto:", "javascript:")):
                continue
            if not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((str(page.relative_to(site)), link))
    return broken
