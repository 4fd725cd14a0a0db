"""The ``lesson`` and ``lesson-schedule`` directives: lesson plans on the teacher's pages.

    ```{lesson} lesson-01
    ```

renders ``teacher_guide/lessons/lesson-01.yaml`` (summary, content note, objectives,
materials, timed steps, differentiation, assessment), and

    ```{lesson-schedule}
    ```

renders the course at a glance: one table row per lesson plan. Both are teacher-only: in
the student edition they produce nothing. A broken lesson plan is a build warning at the
YAML's ``path:line`` (and warnings are errors in the course build).

    ````{handout-copies} 4
    **Exit ticket 1** ...
    ````

is a handout card printed several times on one page (to be cut apart); the screen shows it
once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from tipcourse.course import Course
from tipcourse.errors import LessonError
from tipcourse.lessons.loader import LESSONS_DIR, lesson_ids, lessons_dir, load_lesson
from tipcourse.lessons.model import Lesson
from tipcourse.lessons.render import render_lesson, render_schedule
from tipcourse.sphinx.i18n import labels, language, note_catalogue, translated_already
from tipcourse.sphinx.teacher import is_teacher_edition

logger = logging.getLogger(__name__)

# Where the quiz helper's answer-key pages live, one per quiz bank.
ANSWER_KEY_DIR = "teacher_guide/answer-keys"


class _LessonDirectiveBase(SphinxDirective):
    @property
    def course(self) -> Course:
        return Course(Path(self.env.srcdir))

    def report(self, exc: LessonError) -> list[nodes.Node]:
        # A node carrying the YAML's path and line: Sphinx reports it as path:line (a
        # (docname, line) pair would be taken for a page of the book).
        where = nodes.Element()
        where.source, where.line = str(self.course.root / exc.path), exc.line
        message = exc.message + (f" ({exc.hint})" if exc.hint else "")
        logger.warning(message, location=where, type="tipcourse", subtype="lesson")
        return []

    def parse_block(self, text: str) -> list[nodes.Node]:
        return self.parse_text_to_nodes(text)

    def parse_inline(self, text: str) -> list[nodes.Node]:
        found, messages = super().parse_inline(text)
        return [*found, *messages]

    def quiz_title(self, quiz_id: str) -> str:
        """The bank's title, from the quiz model; its id if the bank does not load (a broken
        bank is reported by the quiz check and the quiz directive, not here)."""
        from tipcourse.errors import QuizError
        from tipcourse.quiz import find_bank

        self.env.note_dependency(str(self.course.root / "quizzes" / f"{quiz_id}.yaml"))
        try:
            return find_bank(self.course.root, quiz_id, language(self.env)).title or quiz_id
        except QuizError:
            return quiz_id

    def quiz_doc(self, quiz_id: str) -> str | None:
        """The quiz's answer-key page, if the teaching guide has one."""
        docname = f"{ANSWER_KEY_DIR}/{quiz_id}"
        return docname if docname in self.env.found_docs else None

    def load(self, lesson_id: str) -> Lesson:
        self.env.note_dependency(str(lessons_dir(self.course) / f"{lesson_id}.yaml"))
        note_catalogue(self.env, f"{LESSONS_DIR}/{lesson_id}.yaml")
        return load_lesson(self.course, lesson_id, language(self.env))


class LessonDirective(_LessonDirectiveBase):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        if not is_teacher_edition(self):
            return []
        try:
            lesson = self.load(self.arguments[0].strip())
        except LessonError as exc:
            return self.report(exc)
        # Sections of the page itself (so they appear in "On this page"), not one box.
        from tipcourse.slides.sphinx import slides_link

        t = labels(self.env)
        link = slides_link(self.env, self.env.docname, lesson.id, t("open the slides to project"))
        return translated_already(render_lesson(lesson, self.parse_block, self.parse_inline,
                                                self.quiz_title, self.quiz_doc, link,
                                                labels(self.env)))


class LessonScheduleDirective(_LessonDirectiveBase):
    has_content = False

    def run(self) -> list[nodes.Node]:
        if not is_teacher_edition(self):
            return []
        ids = lesson_ids(self.course)
        # A new or removed lesson file changes the table (see _lessons_changed).
        note_lesson_list(self.env, ids)
        if not ids:
            return self.report(LessonError(
                LESSONS_DIR, None, "no lesson plans found",
                f"add {LESSONS_DIR}/lesson-01.yaml (see {LESSONS_DIR}/README.md)"))
        lessons = []
        for lesson_id in ids:
            try:
                lessons.append(self.load(lesson_id))
            except LessonError as exc:
                return self.report(exc)
        return translated_already(render_schedule(
            lessons, self.parse_inline, lambda lesson: f"{LESSONS_DIR}/{lesson.id}",
            self.quiz_title, self.quiz_doc, labels(self.env),
        ))


class HandoutCopiesDirective(SphinxDirective):
    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        try:
            copies = int(self.arguments[0])
        except ValueError:
            copies = 0
        if not 1 <= copies <= 12:
            raise self.error(f"handout-copies needs a number of copies from 1 to 12, "
                             f"not {self.arguments[0]!r}")
        card = nodes.container(classes=["handout-card", "handout-copy"])
        self.state.nested_parse(self.content, self.content_offset, card)
        out: list[nodes.Node] = [card]
        for _ in range(copies - 1):
            repeat = card.deepcopy()
            repeat["classes"].append("handout-repeat")
            out.append(repeat)
        return out


# env attribute: docname -> the lesson ids its schedule listed when it was read.
SCHEDULES = "tipcourse_schedules"


def note_lesson_list(env: Any, ids: list[str]) -> None:
    """Read the current page again when the lesson files are no longer ``ids``."""
    if not hasattr(env, SCHEDULES):
        setattr(env, SCHEDULES, {})
    getattr(env, SCHEDULES)[env.docname] = tuple(ids)


def _lessons_changed(app: Sphinx, env: Any, added: set[str], changed: set[str],
                     removed: set[str]) -> list[str]:
    """Pages whose schedule listed other lesson files than the folder holds now. (Sphinx can
    depend on files, not on a folder's list of files.)"""
    now = tuple(lesson_ids(Course(Path(env.srcdir))))
    return [doc for doc, ids in getattr(env, SCHEDULES, {}).items()
            if ids != now and doc in env.found_docs]


def _forget(app: Sphinx, env: Any, docname: str) -> None:
    getattr(env, SCHEDULES, {}).pop(docname, None)


def _add_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
                doctree: nodes.document | None) -> None:
    # Only lesson pages and the schedule need the lesson styles, only handouts the handouts'.
    if doctree is None:
        return
    classes = {c for n in doctree.findall(nodes.Element) for c in n.get("classes", [])}
    if classes & {"lesson-summary", "lesson-schedule"}:
        app.add_css_file("lesson-plan.css")
    if "handout" in classes:
        app.add_css_file("lesson-handouts.css")


def setup(app: Sphinx) -> None:
    app.add_directive("lesson", LessonDirective)
    app.add_directive("lesson-schedule", LessonScheduleDirective)
    app.add_directive("handout-copies", HandoutCopiesDirective)
    app.connect("html-page-context", _add_assets)
    app.connect("env-get-outdated", _lessons_changed)
    app.connect("env-purge-doc", _forget)
