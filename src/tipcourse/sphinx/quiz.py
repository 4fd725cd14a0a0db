"""Quiz directives: ``quiz`` (interactive self-check, both editions), ``answer-key`` (teacher
edition only) and ``quiz-sheet`` (printable student sheet, no answers).

    ```{quiz} forms-of-exploitation
    ```

Each reads ``quizzes/<id>.yaml`` through the quiz loader; a broken bank stops the build with
``quizzes/<id>.yaml:line: message``. A directive leaves a :class:`quiz_node` holding the loaded
bank, and each builder has its own visitor: the site (``html``) renders the interactive quiz,
the single page that becomes the PDF (``singlehtml``) renders the paper sheet from the same
bank (both through one html-format visitor, :func:`visit_quiz`). Other builders skip it.
The bank is loaded in the build's language; the words around its text (headings, buttons,
"Question 3.") come from the package's catalogue (:func:`tipcourse.languages.ui`).
``quiz.js`` and ``quiz.css`` are added only to pages that use one of these directives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from tipcourse.errors import QuizError
from tipcourse.quiz.html import ENGLISH, Labels, render_quiz
from tipcourse.quiz.loader import find_bank
from tipcourse.quiz.model import Bank
from tipcourse.quiz.print import render_answer_key, render_sheet
from tipcourse.sphinx.i18n import labels as i18n_labels
from tipcourse.sphinx.i18n import language, note_catalogue

logger = logging.getLogger(__name__)


PRINT_BUILDER = "singlehtml"
# env attribute: docname -> which assets the page needs ("js" for the interactive quiz).
PAGES_ATTR = "tipcourse_quiz_pages"


def labels(env: BuildEnvironment) -> Labels:
    """The quiz's words in the build's language (English where no translation exists)."""
    return ENGLISH.translated(i18n_labels(env))


class quiz_node(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes so)
    """A quiz, answer key or sheet: ``bank`` (the model), ``kind`` ("quiz", "answer-key",
    "quiz-sheet"), ``edition``, ``alone`` (it fills its section, whose heading names it)
    and ``sections`` (heading ids on the page -> titles, for "reread" links)."""


def _pages(env: BuildEnvironment) -> dict[str, set[str]]:
    if not hasattr(env, PAGES_ATTR):
        setattr(env, PAGES_ATTR, {})
    return getattr(env, PAGES_ATTR)


class _BankDirective(SphinxDirective):
    required_arguments = 1
    has_content = False
    kind = "quiz"

    def bank(self) -> Bank | None:
        bank_id = self.arguments[0].strip()
        root = Path(self.env.srcdir)
        self.env.note_dependency(str(root / "quizzes" / f"{bank_id}.yaml"))
        note_catalogue(self.env, f"quizzes/{bank_id}.yaml")
        try:
            return find_bank(root, bank_id, language(self.env))
        except QuizError as exc:
            where = f"{exc.path}:{exc.line}" if exc.line else exc.path
            text = exc.message + (f" ({exc.hint})" if exc.hint else "")
            logger.warning(text, location=where, type="tipcourse", subtype="quiz")
            return None

    def run(self) -> list[nodes.Node]:
        bank = self.bank()
        if bank is None:
            return []
        _pages(self.env).setdefault(self.env.docname, set()).add(
            "js" if self.kind == "quiz" else "css")
        node = quiz_node(bank=bank, kind=self.kind, edition=self.config.tipcourse_edition,
                         alone=False, sections={})
        self.set_source_info(node)
        return [node]


class QuizDirective(_BankDirective):
    kind = "quiz"


class AnswerKeyDirective(_BankDirective):
    kind = "answer-key"

    def run(self) -> list[nodes.Node]:
        if self.config.tipcourse_edition != "teacher":
            return []  # nothing of the key reaches the student edition
        return super().run()


class QuizSheetDirective(_BankDirective):
    kind = "quiz-sheet"


class QuizPlacement(SphinxTransform):
    """Once the page is parsed (MyST runs directives without the enclosing sections): a quiz
    that fills a section of its own (below the page title) takes over that section's
    heading ("Check yourself: title"), so the page shows one heading per quiz; and each quiz
    learns the page's heading ids, so its summary can link back to the parts to reread."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        found = [n for n in self.document.findall(quiz_node) if n["kind"] == "quiz"]
        if not found:
            return
        sections = {
            ident: section[0].astext()
            for section in self.document.findall(nodes.section)
            if section.children and isinstance(section[0], nodes.title)
            for ident in section["ids"]
        }
        words = labels(self.env)
        for node in found:
            node["sections"] = sections
            parent = node.parent
            if (isinstance(parent, nodes.section) and isinstance(parent.parent, nodes.section)
                    and isinstance(parent[0], nodes.title)
                    and not any(isinstance(c, nodes.section) for c in parent.children)
                    and sum(1 for _ in parent.findall(quiz_node)) == 1):
                node["alone"] = True
                title = parent[0]
                title.clear()
                title += nodes.Text(words.heading.format(title=node["bank"].title))


def _level(translator: HTML5Translator) -> int:
    """The heading level one below the section being written (the page title is h1)."""
    return min(max(translator.section_level + 1, 2), 6)


def visit_quiz(translator: HTML5Translator, node: quiz_node) -> None:
    """HTML-format builders: the single page printed to PDF gets the paper visitor, the site
    the interactive one. (Registered for the html format rather than per builder name:
    Sphinx takes a builder's handlers from its name *instead of* its format, so a
    ``singlehtml`` entry would hide every other extension's html visitors from that builder.)"""
    if translator.builder.name == PRINT_BUILDER:
        visit_quiz_print(translator, node)
    visit_quiz_html(translator, node)


def visit_quiz_html(translator: HTML5Translator, node: quiz_node) -> None:
    bank, words = node["bank"], labels(translator.builder.env)
    if node["kind"] == "quiz":
        level = None if node["alone"] else _level(translator)
        html = render_quiz(bank, node["edition"], level, words, node["sections"])
    elif node["kind"] == "answer-key":
        html = render_answer_key(bank, words)
    else:
        html = render_sheet(bank, words)
    translator.body.append(html)
    raise nodes.SkipNode


def visit_quiz_print(translator: HTML5Translator, node: quiz_node) -> None:
    """On paper a quiz is its sheet: no buttons, room to write, a new page of its own."""
    if node["kind"] != "quiz":
        visit_quiz_html(translator, node)
    words = labels(translator.builder.env)
    level = None if node["alone"] else _level(translator)
    classes = "tc-quiz-print tc-quiz-alone" if node["alone"] else "tc-quiz-print"
    translator.body.append(f'<div class="{classes}">'
                           f'{render_sheet(node["bank"], words, level)}</div>')
    raise nodes.SkipNode


def skip(translator: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _pages(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: Any) -> None:
    for docname, needs in _pages(other).items():
        if docname in docnames:
            _pages(env).setdefault(docname, set()).update(needs)


def _page_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    needs = _pages(app.env).get(pagename)
    if not needs:
        return
    app.add_css_file("quiz.css")
    if "js" in needs:
        app.add_js_file("quiz.js", loading_method="defer")


def setup(app: Sphinx) -> None:
    app.add_node(
        quiz_node,
        html=(visit_quiz, None),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_directive("quiz", QuizDirective)
    app.add_directive("answer-key", AnswerKeyDirective)
    app.add_directive("quiz-sheet", QuizSheetDirective)
    app.add_transform(QuizPlacement)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("html-page-context", _page_assets)
