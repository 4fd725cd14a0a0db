"""Theme adjustments: the course's own stylesheet and templates (templates/), and theme options
that keep pages light, accessible and free of console errors.

The templates override three pieces of sphinx-book-theme / pydata-sphinx-theme:
``layout.html`` (no fontawesome.js, search scripts only on the search page),
``sections/header.html`` (no hidden sidebar toggles, which broke the visible ones) and
``sections/sidebar-primary.html`` (the sidebar as a landmark, for axe's ``region`` rule).
What is left to trim after the build (unused CSS, icon font glyphs) is in ``tipcourse.slim``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

HERE = Path(__file__).parent


def _add_paths(app: Sphinx, config: Config) -> None:
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]
    config.templates_path = [str(HERE / "templates"), *config.templates_path]
    options = dict(config.html_theme_options or {})
    # The default end of the primary sidebar is an empty Read the Docs ad placeholder.
    options.setdefault("primary_sidebar_end", [])
    config.html_theme_options = options


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    # Without a default mode the theme writes data-mode="" and its script logs
    # "Got invalid theme mode" on every page; "auto" follows the reader's system setting.
    if not context.get("default_mode"):
        context["default_mode"] = "auto"


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _add_paths)
    app.connect("html-page-context", _page_context)
    app.add_css_file("tipcourse.css")
