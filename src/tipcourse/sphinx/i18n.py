"""Translation inside the Sphinx extension.

Pages are translated by Sphinx itself (its gettext catalogues, one per page). What a
directive renders from a YAML source (a lesson plan, a quiz, a fact) was translated by the
source's loader already (:mod:`tipcourse.languages`): its nodes are marked so that Sphinx
neither extracts them into the page's catalogue nor translates them a second time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from tipcourse.languages import LANGUAGES, NAMES, SOURCE_LANGUAGE, ui


def translated_already(found: Iterable[nodes.Node]) -> list[nodes.Node]:
    """``found``, with every text element in it marked as not for Sphinx to translate."""
    out = list(found)
    for node in out:
        if isinstance(node, nodes.Element):
            for element in node.findall(nodes.TextElement):
                element["translatable"] = False
    return out


def language(env: BuildEnvironment) -> str:
    return env.config.language or SOURCE_LANGUAGE


def labels(env: BuildEnvironment) -> Callable[[str], str]:
    """The package's fixed text in the language being built (the course's own catalogue of
    it where there is one)."""
    from pathlib import Path

    return ui(language(env), Path(env.srcdir))


def note_catalogue(env: BuildEnvironment, source: str) -> None:
    """Re-read the page when the translation of the YAML ``source`` it renders changes."""
    from pathlib import Path

    from tipcourse.languages import catalogue_path, yaml_domain

    lang = language(env)
    if lang != SOURCE_LANGUAGE:
        env.note_dependency(str(catalogue_path(Path(env.srcdir), lang, yaml_domain(source))))


class SourcesForTranslation(SphinxTransform):
    """Sphinx neither extracts nor translates text without a source or raw text. Give table
    cells the source of their table (MyST leaves the cells of a table nested in a directive,
    such as a handout's box, without one), and the inline labels that ask to be translated
    (a button's text) their own text as raw text."""

    default_priority = 11  # after Sphinx's own source workaround, before Locale (20)

    def apply(self, **kwargs: Any) -> None:
        for inline in self.document.findall(nodes.inline):
            if inline.get("translatable") and not inline.rawsource and inline.source:
                inline.rawsource = inline.astext()
        for entry in self.document.findall(nodes.entry):
            holder = next((a for a in _ancestors(entry) if a.source), None)
            if holder is None:
                continue
            for element in entry.findall(nodes.TextElement):
                if not element.source and "translatable" not in element:
                    element.source, element.line = holder.source, holder.line


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def other_languages(pagename: str, edition: str, current: str) -> list[dict[str, Any]]:
    """The switcher's entries: every language, the current one marked, the others linking to
    the same page in their site (``_build/site/<lang>/<edition>/``, relative, so the links
    work offline and on any host)."""
    up = "../" * (pagename.count("/") + 2)  # from the page up to _build/site/
    return [
        {"code": lang, "name": NAMES[lang], "current": lang == current,
         "href": f"{up}{lang}/{edition}/{pagename}.html"}
        for lang in LANGUAGES
    ]


def _switcher(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
              doctree: nodes.document | None) -> None:
    if app.builder.name != "html" or pagename in ("404",):
        return
    context["tc_languages"] = other_languages(pagename, app.config.tipcourse_edition,
                                              language(app.env))
    t = labels(app.env)
    context["tc_languages_label"] = t("Language")


UI_STAMP = "tipcourse_ui_catalogue"


def _labels_changed(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                    removed: set[str]) -> list[str]:
    """Every page, when the package's catalogue changed since the last build: labels are
    written while pages are read and while they are written."""
    from pathlib import Path

    from tipcourse.languages import ui_catalogue_path

    path = ui_catalogue_path(language(env), Path(env.srcdir))
    stamp = path.stat().st_mtime if path.is_file() else 0.0
    if getattr(env, UI_STAMP, None) == stamp:
        return []
    setattr(env, UI_STAMP, stamp)
    return sorted(env.found_docs)


def setup(app: Sphinx) -> None:
    app.add_transform(SourcesForTranslation)
    app.connect("env-get-outdated", _labels_changed)
    app.connect("html-page-context", _switcher)
