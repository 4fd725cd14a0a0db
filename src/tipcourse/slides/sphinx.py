"""The slides in the teacher edition's Sphinx build.

- When the teacher edition's HTML is written, every lesson's deck is written into it
  (``slides/<lesson>/index.html``) in the language being built (``language`` in Sphinx's
  configuration), so the site's link check covers the decks and a rebuilt site always
  carries them. The student edition never gets a deck.
- ``slides_uri`` is the link from a page of the teacher edition to a lesson's deck (None
  where there is no deck: the student edition, the single-page build printed as the PDF).
- The ``lesson-slides`` directive lists every lesson's deck (teacher edition only).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from tipcourse.course import Course
from tipcourse.errors import SourceError
from tipcourse.languages import N_
from tipcourse.sphinx.i18n import labels, language

logger = logging.getLogger(__name__)


def has_decks(env: BuildEnvironment) -> bool:
    return env.config.tipcourse_edition == "teacher" and env.app.builder.name == "html"


def slides_uri(env: BuildEnvironment, docname: str, lesson_id: str) -> str | None:
    """The relative address of a lesson's deck from page ``docname``, or None."""
    if not has_decks(env):
        return None
    from tipcourse.slides.build import deck_relpath

    return posixpath.relpath(deck_relpath(lesson_id), posixpath.dirname(docname) or ".")


def slides_link(env: BuildEnvironment, docname: str, lesson_id: str,
                text: str = N_("Slides for this lesson")) -> nodes.reference | None:
    """A link to a lesson's deck; ``text`` is English (marked with ``N_``) or already in the
    language being built, and is shown in that language."""
    uri = slides_uri(env, docname, lesson_id)
    if uri is None:
        return None
    shown = labels(env)(text)
    node = nodes.reference(shown, shown, refuri=uri, classes=["lesson-slides-link"])
    node["translatable"] = False  # already in the page's language
    return node


class LessonSlidesDirective(SphinxDirective):
    """A list of links to every lesson's slides."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        if not has_decks(self.env):
            return []
        from tipcourse.lessons import lesson_ids, load_lesson
        from tipcourse.lessons.loader import lessons_dir

        course = Course(Path(self.env.srcdir))
        lang = language(self.env)
        t = labels(self.env)
        items = nodes.bullet_list(classes=["lesson-slides-list"])
        # A retitled lesson changes the list (each file is a dependency); a new or removed one
        # too (the schedule's record, tipcourse.sphinx.lesson.SCHEDULES).
        from tipcourse.sphinx.lesson import note_lesson_list

        note_lesson_list(self.env, lesson_ids(course))
        for lesson_id in lesson_ids(course):
            self.env.note_dependency(str(lessons_dir(course) / f"{lesson_id}.yaml"))
            try:
                lesson = load_lesson(course, lesson_id, lang)
            except SourceError:
                continue  # the lesson directive reports a broken plan at its line
            text = t("Lesson {number}: {title}").format(number=lesson.number,
                                                         title=lesson.title)
            link = slides_link(self.env, self.env.docname, lesson_id, text)
            item = nodes.list_item()
            item += nodes.paragraph("", "", link)
            items += item
        for paragraph in items.findall(nodes.TextElement):
            paragraph["translatable"] = False
        return [items]


def _write_decks(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not has_decks(app.env):
        return
    from tipcourse.slides.build import write_decks

    try:
        write_decks(Course(Path(app.srcdir)), Path(app.outdir), lang=language(app.env))
    except SourceError as exc:
        where = nodes.Element()
        where.source, where.line = str(Path(app.srcdir) / exc.path), exc.line
        logger.warning(exc.message + (f" ({exc.hint})" if exc.hint else ""),
                       location=where, type="tipcourse", subtype="slides")


def setup(app: Sphinx) -> None:
    app.add_directive("lesson-slides", LessonSlidesDirective)
    app.connect("build-finished", _write_decks)
