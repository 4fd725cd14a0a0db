"""The teacher edition's material: the ``teacher`` directive, the teacher pages, and no search
engine indexing of teacher pages.

In the student edition the directive produces no node at all, so its content never reaches
the HTML, the search index or any other output. (Source copies are switched off by the build:
``html_copy_source = False``.)

The student edition is the default: a plain ``jupyter-book build .`` of the course's own
``_toc.yml`` leaves out the teacher pages here, because that build does not go through
``tipcourse build`` (which writes each edition's table of contents itself). Teacher pages
carry ``<meta name="robots" content="noindex">`` in case a teacher site is reachable, and
every page of the teacher site opens with a "Teacher edition" banner (the theme's announcement
bar, a labelled ``<aside>``), so nobody mistakes it for the students' site. The banner is page
furniture, not content: it stays out of the search index and the printed books.

    ```{teacher}
    :title: Before the lesson

    Text only teachers see.
    ```

A block that is never closed (or is closed by the fence of a block inside it) is a warning at
its line (``tipcourse.pages.check_fences``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from tipcourse.course import Course, Edition
from tipcourse.languages import N_
from tipcourse.sphinx.i18n import labels

NOINDEX = '<meta name="robots" content="noindex">'
BANNER_NAME = N_("Teacher edition")
BANNER_TEXT = N_("lesson plans, answer keys and solutions. Keep this site away from students.")


def teacher_banner(t: Callable[[str], str]) -> str:
    return f"<strong>{html.escape(t(BANNER_NAME))}</strong>: {html.escape(t(BANNER_TEXT))}"

logger = logging.getLogger(__name__)


def is_teacher_edition(directive: SphinxDirective) -> bool:
    return directive.env.config.tipcourse_edition == Edition.TEACHER


class TeacherDirective(SphinxDirective):
    has_content = True
    option_spec = {"title": directives.unchanged, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        if not is_teacher_edition(self):
            return []
        t = labels(self.env)
        title = self.options.get("title") or t("For the teacher")
        box = nodes.admonition(classes=["teacher-note", *self.options.get("class", [])])
        box += nodes.title(title, title)
        self.state.nested_parse(self.content, self.content_offset, box)
        return [box]


def _student_toc(app: Sphinx, config: Config) -> None:
    """In the student edition, a build from the course's own ``_toc.yml`` gets the student
    table of contents and excludes the teacher pages. Runs before sphinx-external-toc reads
    the table of contents (priority 900)."""
    if config.tipcourse_edition == Edition.TEACHER:
        return
    course = Course(Path(app.srcdir))
    toc_path = Path(app.srcdir, str(config["external_toc_path"]))
    if toc_path.resolve() != course.toc_path.resolve():
        return  # tipcourse's own builds hand Sphinx the edition's table of contents
    own = Path(app.doctreedir) / "tipcourse-student-toc.yml"
    own.parent.mkdir(parents=True, exist_ok=True)
    course.write_edition_toc(Edition.STUDENT, own)
    config["external_toc_path"] = str(own)
    config["exclude_patterns"] = [*config["exclude_patterns"],
                                  *course.edition_excludes(Edition.STUDENT)]


def _teacher_page(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
             doctree: nodes.document | None) -> None:
    if app.config.tipcourse_edition == Edition.TEACHER:
        context["metatags"] = context.get("metatags", "") + NOINDEX + "\n"
        if app.builder.name == "html":
            context["theme_announcement"] = teacher_banner(labels(app.env))


def _check_blocks(app: Sphinx, docname: str, source: list[str]) -> None:
    """An unclosed or misnested block is a warning at its line, also in a plain
    ``jupyter-book build`` (``tipcourse build`` and ``check`` refuse the page before Sphinx
    reads it): MyST would read an unclosed ``teacher`` block to the end of the page, and the
    student edition would silently lose the rest of it."""
    from tipcourse.errors import SourceError
    from tipcourse.pages import check_fences

    path = str(app.env.doc2path(docname))
    if not path.endswith(".md"):
        return
    try:
        check_fences(source[0], path)
    except SourceError as exc:
        where = nodes.Element()
        where.source, where.line = path, exc.line
        logger.warning(f"{exc.message} ({exc.hint})", location=where, type="tipcourse",
                       subtype="blocks")


def setup(app: Sphinx) -> None:
    app.add_directive("teacher", TeacherDirective)
    app.connect("source-read", _check_blocks)
    app.connect("config-inited", _student_toc, priority=800)
    app.connect("html-page-context", _teacher_page)
