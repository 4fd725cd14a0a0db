"""Quiz directives: ``quiz`` (interactive self-check, both editions), ``answer-key`` (teacher
edition only) and ``quiz-sheet`` (printable student sheet, no answers).

    ```{quiz} forms-of-exploitation
    ```

Each reads ``quizzes/<id>.yaml`` through the quiz loader; a broken bank stops the build with
``quizzes/<id>.yaml:line: message``. The HTML comes from the quiz renderers as a raw node.
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

from tipcourse.errors import QuizError
from tipcourse.quiz.html import render_quiz
from tipcourse.quiz.loader import find_bank
from tipcourse.quiz.model import Bank
from tipcourse.quiz.print import render_answer_key, render_sheet

logger = logging.getLogger(__name__)

# env attribute: docname -> which assets the page needs ("js" for the interactive quiz).
PAGES_ATTR = "tipcourse_quiz_pages"


def _pages(env: BuildEnvironment) -> dict[str, set[str]]:
    if not hasattr(env, PAGES_ATTR):
        setattr(env, PAGES_ATTR, {})
    return getattr(env, PAGES_ATTR)


class _BankDirective(SphinxDirective):
    required_arguments = 1
    has_content = False
    needs_js = False

    def bank(self) -> Bank | None:
        bank_id = self.arguments[0].strip()
        root = Path(self.env.srcdir)
        self.env.note_dependency(str(root / "quizzes" / f"{bank_id}.yaml"))
        try:
            return find_bank(root, bank_id)
        except QuizError as exc:
            where = f"{exc.path}:{exc.line}" if exc.line else exc.path
            text = exc.message + (f" ({exc.hint})" if exc.hint else "")
            logger.warning(text, location=where, type="tipcourse", subtype="quiz")
            return None

    def mark_page(self) -> None:
        _pages(self.env).setdefault(self.env.docname, set()).add(
            "js" if self.needs_js else "css"
        )

    def render(self, bank: Bank) -> str:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        bank = self.bank()
        if bank is None:
            return []
        self.mark_page()
        return [nodes.raw("", self.render(bank), format="html")]


def section_depth(node: nodes.Node | None) -> int:
    """How many sections enclose ``node`` (the page title's section counts as one)."""
    depth = 0
    while node is not None:
        depth += isinstance(node, nodes.section)
        node = node.parent
    return depth


HEADING_MARK = "data-tc-heading-level"


class QuizDirective(_BankDirective):
    needs_js = True

    def render(self, bank: Bank) -> str:
        html = render_quiz(bank, self.env.config.tipcourse_edition, heading_level=2)
        return html.replace("<h2 ", f"<h2 {HEADING_MARK} ", 1)


class QuizHeadingLevel(SphinxTransform):
    """Put the quiz's own heading one level below the section it is in (so "## Quiz" then
    the directive gives an h3), keeping the heading order valid. Done once the page is
    parsed, because MyST runs directives without access to the enclosing sections."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.raw):
            text = node.astext()
            if HEADING_MARK not in text:
                continue
            level = min(max(section_depth(node) + 1, 2), 6)
            start = text.index(f"<h2 {HEADING_MARK} ")
            end = text.index("</h2>", start)
            heading = text[start:end].replace(f"<h2 {HEADING_MARK} ", f"<h{level} ", 1)
            text = text[:start] + heading + f"</h{level}>" + text[end + len("</h2>"):]
            node.children = [nodes.Text(text)]


class AnswerKeyDirective(_BankDirective):
    def run(self) -> list[nodes.Node]:
        if self.env.config.tipcourse_edition != "teacher":
            return []  # nothing of the key reaches the student edition
        return super().run()

    def render(self, bank: Bank) -> str:
        return render_answer_key(bank)


class QuizSheetDirective(_BankDirective):
    def render(self, bank: Bank) -> str:
        return render_sheet(bank)


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
    app.add_directive("quiz", QuizDirective)
    app.add_directive("answer-key", AnswerKeyDirective)
    app.add_directive("quiz-sheet", QuizSheetDirective)
    app.add_transform(QuizHeadingLevel)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("html-page-context", _page_assets)
