"""Theme adjustments: the course's own stylesheet and templates (templates/), and theme options
that keep pages light, accessible and free of console errors.

The course's identity sits on top of sphinx-book-theme: a wordmark in the header on every
width (``templates/tc-wordmark.html``; it leads home, so the sidebar neither repeats the title
nor lists the home page), one search field (the header's; the sidebar holds only the
contents), the palette, typeface and type scale in ``static/tipcourse.css``, the favicon and a
social card, and a description of each page in its head (its front matter's
``description``, else its first paragraph).

The templates override three pieces of sphinx-book-theme / pydata-sphinx-theme:
``layout.html`` (no fontawesome.js, search scripts only on the search page),
``sections/header.html`` (no hidden sidebar toggles, which broke the visible ones) and
``sections/sidebar-primary.html`` (the sidebar as a landmark, for axe's ``region`` rule);
``name_toc_toggles`` names the sidebar's expand/collapse controls (axe's ``summary-name``).
What is left to trim after the build (unused CSS, icon font glyphs) is in
``tipcourse.publish.slim``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from tipcourse.sphinx.i18n import labels

HERE = Path(__file__).parent
# What a search result or a link preview shows of a page: search engines cut at about 160.
DESCRIPTION_LENGTH = 160


def _add_paths(app: Sphinx, config: Config) -> None:
    # New, de-duplicated lists: the themes append to these lists in place, so when several
    # builds run in one process (both editions, the tests) the lists would grow, and Sphinx
    # would see a changed configuration and rewrite every page each time.
    static = [*config.html_static_path, str(HERE / "static")]
    config.html_static_path = list(dict.fromkeys(static))
    templates = [str(HERE / "templates"), *config.templates_path]
    config.templates_path = list(dict.fromkeys(templates))
    options = dict(config.html_theme_options or {})
    # The default end of the primary sidebar is an empty Read the Docs ad placeholder.
    options.setdefault("primary_sidebar_end", [])
    options.setdefault("navbar_start", ["tc-wordmark.html"])
    options.setdefault("navbar_end", ["tc-languages.html"])
    options.setdefault("navbar_persistent", ["search-button-field.html"])
    config.html_theme_options = options
    if not config.html_sidebars:
        config.html_sidebars = {"**": ["sbt-sidebar-nav.html"]}


def brand(html_title: str) -> tuple[str, str]:
    """The wordmark's name and tagline from the site title: "Not for sale: a course on
    trafficking in persons (student edition)" gives "Not for sale" and "a course on
    trafficking in persons"."""
    title = re.sub(r"\s*\((student|teacher) edition\)$", "", html_title.strip())
    name, _, tagline = title.partition(": ")
    return name.strip(), tagline.strip()


def page_description(doctree: Any) -> str:
    """The first paragraph of a page's own text (not a box such as the content note), cut at
    a word before DESCRIPTION_LENGTH characters."""
    from docutils import nodes

    for paragraph in doctree.findall(nodes.paragraph):
        parent = paragraph.parent
        boxed = False
        while parent is not None:
            if isinstance(parent, (nodes.Admonition, nodes.topic, nodes.sidebar, nodes.table,
                                   nodes.list_item, nodes.figure)):
                boxed = True
                break
            parent = parent.parent
        text = " ".join(paragraph.astext().split())
        if boxed or len(text) < 40:
            continue
        if len(text) <= DESCRIPTION_LENGTH:
            return text
        cut = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:")
        return cut + "…"
    return ""


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    # Without a default mode the theme writes data-mode="" and its script logs
    # "Got invalid theme mode" on every page; "auto" follows the reader's system setting.
    if not context.get("default_mode"):
        context["default_mode"] = "auto"
    name, tagline = brand(str(app.config.html_title or app.config.project or ""))
    context["tc_brand"] = name
    context["tc_tagline"] = tagline
    context["tc_edition"] = app.config.tipcourse_edition
    meta = app.env.metadata.get(pagename, {}) if app.env else {}
    description = str(meta.get("description") or "")
    if not description and doctree is not None:
        description = page_description(doctree)
    if not description:
        description = f"{name}: {tagline}." if tagline else name
    context["tc_description"] = description


def name_toc_toggles(soup: Any, t: Callable[[str], str] = str) -> None:
    """Give each collapsible section of the sidebar's table of contents a name (in place).

    pydata-sphinx-theme draws the expand/collapse control as a ``<summary>`` holding only an
    icon, so a screen reader announces an unnamed control (axe: ``summary-name``). The name
    says whose pages it shows: "Pages in <section title>".
    """
    for summary in soup.select("li.has-children > details > summary"):
        if summary.get_text(strip=True) or summary.get("aria-label"):
            continue  # a section heading inside the summary already names it
        link = summary.find_parent("li").find("a", recursive=False)
        title = link.get_text(" ", strip=True) if link else ""
        summary["aria-label"] = (t("Pages in {title}").format(title=title) if title
                                 else t("Pages in this section"))


def _named_toc_toggles(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree: Any) -> None:
    generate = context.get("generate_toctree_html")
    if generate is None or getattr(generate, "tipcourse_named", False):
        return

    def generate_toctree_html(*args: Any, **kwargs: Any) -> Any:
        # The theme returns a BeautifulSoup tree (cached per page); naming is idempotent.
        html = generate(*args, **kwargs)
        if hasattr(html, "select"):
            name_toc_toggles(html, labels(app.env))
        return html

    generate_toctree_html.tipcourse_named = True  # type: ignore[attr-defined]
    context["generate_toctree_html"] = generate_toctree_html


# What no page's output depends on: the command line and the delivery side.
# The delivery side, and the package's links to the course's own content (quiz banks,
# facts), which pages track as dependencies.
NOT_READ_BY_PAGES = {"cli", "publish", "__pycache__", "banks", "facts.yml"}


def extension_digest() -> str:
    """A hash of what pages are made from: the extension's code, templates and static files,
    and the models and renderers its directives call (quiz, lessons, facts). The content a
    page cites (a quiz bank, ``book/facts.yml``) is a dependency of that page instead.

    Sphinx re-reads pages when a source or the configuration changes, but not when an
    extension's code or a static file changes, so an incremental build would keep stale
    pages and stylesheets. As an "env" config value, a change to the digest makes Sphinx
    re-read and rewrite every page and copy the static files again.
    """
    package = HERE.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and not NOT_READ_BY_PAGES.intersection(
            path.relative_to(package).parts
        ):
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def setup(app: Sphinx) -> None:
    app.add_config_value("tipcourse_extension_digest", extension_digest(), "env", [str])
    app.connect("config-inited", _add_paths)
    app.connect("html-page-context", _page_context)
    # After pydata-sphinx-theme has put its toctree function into the context (priority 500).
    app.connect("html-page-context", _named_toc_toggles, priority=900)
    app.add_css_file("tipcourse.css")
