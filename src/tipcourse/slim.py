"""Slimming a built site: trims that keep a first visit light (see tipcourse.sphinx.theme)."""

from __future__ import annotations

from pathlib import Path


def slim_site(site: Path) -> None:
    """Remove files no page of the course loads."""
    for name in ("_static/scripts/fontawesome.js.LICENSE.txt",):
        (site / name).unlink(missing_ok=True)
