"""Blocks of the built landing page that publishing fills in after a build: the printed
guides' links and the offline zip's link. Each is an empty ``<div id=…>`` in ``index.md``."""

from __future__ import annotations

import os
import re
from pathlib import Path


def megabytes(size: int) -> str:
    """A file size as a reader wants it next to a download link."""
    return f"{size / 1_000_000:.0f} MB" if size >= 1_000_000 else "less than 1 MB"


def filled(page: Path, block: re.Pattern[str], html: str) -> str:
    """The page's text with its first ``block`` replaced by ``html``."""
    return block.sub(lambda _match: html, page.read_text(encoding="utf-8"), count=1)


def fill(page: Path, block: re.Pattern[str], html: str) -> None:
    """Replace the page's block in place, through a temporary file and a rename, so a reader
    of the live site never sees half a page."""
    text = filled(page, block, html)
    partial = page.with_name(f".{page.name}.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, page)
