"""Reading lesson plans: ``teacher_guide/lessons/<id>.yaml`` into validated ``Lesson`` models.

YAML is read with ruamel (round-trip, so every key and list item keeps its line) and
validated with pydantic; anything wrong becomes one ``LessonError`` at ``path:line``.
Beyond the schema, a lesson must be internally consistent (its steps fill its minutes,
every objective is assessed) and everything it refers to must exist in the course.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from tipcourse.course import Course
from tipcourse.errors import LessonError
from tipcourse.languages import SOURCE_LANGUAGE, FieldPath, translate_source
from tipcourse.lessons.model import Lesson
from tipcourse.yamlio import line_of, read_yaml, validate

LESSONS_DIR = "teacher_guide/lessons"

# Where each kind of material lives: (folder, suffix, what to call it in messages).
MATERIAL_PATHS: dict[str, tuple[str, str, str]] = {
    "chapters": ("book", ".md", "chapter"),
    "notebooks": ("notebooks", ".ipynb", "notebook"),
    "quizzes": ("quizzes", ".yaml", "quiz bank"),
    "handouts": ("teacher_guide/handouts", ".md", "handout"),
    "guide": ("teacher_guide", ".md", "teaching-guide page"),
}


def lessons_dir(course: Course) -> Path:
    return course.root / LESSONS_DIR


def lesson_ids(course: Course) -> list[str]:
    """Every lesson in the course, in order (by file name)."""
    folder = lessons_dir(course)
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def material_path(course: Course, kind: str, name: str) -> Path:
    folder, suffix, _ = MATERIAL_PATHS[kind]
    return course.root / folder / f"{name}{suffix}"


def material_docname(kind: str, name: str) -> str | None:
    """The Sphinx document a material is, if it is a page of the book (quizzes are not)."""
    if kind == "quizzes":
        return None
    folder, _, _ = MATERIAL_PATHS[kind]
    return f"{folder}/{name}"


def _rel(course: Course, path: Path) -> str:
    try:
        return str(path.relative_to(course.root))
    except ValueError:
        return str(path)



# The fields that hold reader-facing text: what a translation replaces (tipcourse.languages).
LESSON_TEXT: tuple[FieldPath, ...] = (
    ("title",), ("essential_question",), ("content_note",), ("objectives", "*", "text"),
    ("materials", "supplies"), ("steps", "*", "title"), ("steps", "*", "teacher"),
    ("steps", "*", "students"), ("differentiation", "*"), ("assessment", "*", "what"),
    ("extensions", "*", "title"), ("extensions", "*", "text"),
)


def load_lesson(course: Course, lesson_id: str, lang: str = SOURCE_LANGUAGE) -> Lesson:
    """Read, validate and cross-check one lesson in ``lang``; raise LessonError at path:line."""
    file = lessons_dir(course) / f"{lesson_id}.yaml"
    path = _rel(course, file)
    if not file.is_file():
        raise LessonError(path, None, f"no lesson plan '{lesson_id}'",
                          f"create {path} or fix the lesson id")
    data = read_yaml(file, LessonError)
    if data is None:
        raise LessonError(path, 1, "the lesson plan is empty", "add title, minutes, steps, ...")
    if not isinstance(data, dict):
        raise LessonError(path, 1, "expected a mapping of keys (title:, minutes:, ...)")
    data = translate_source(data, course.root, f"{LESSONS_DIR}/{lesson_id}.yaml", lang,
                            LESSON_TEXT)
    lesson = validate(Lesson, data, path, LessonError, "see teacher_guide/lessons/README.md")
    lesson._id = lesson_id
    lesson._source = path
    _check_consistency(path, data, lesson)
    _check_materials(course, path, data, lesson)
    return lesson


def _check_consistency(path: str, data: Any, lesson: Lesson) -> None:
    total = sum(step.minutes for step in lesson.steps)
    if total != lesson.minutes:
        raise LessonError(
            path, line_of(data, "minutes"),
            f"the steps add up to {total} minutes but the lesson is {lesson.minutes} minutes",
            "change a step's minutes or the lesson's minutes so they match",
        )
    noted = [i for i, step in enumerate(lesson.steps) if step.content_note]
    if not noted:
        raise LessonError(
            path, line_of(data, "steps"), "no step gives the content note",
            "add 'content_note: true' to the first step and give the note in it",
        )
    if noted != [0]:
        where = noted[1] if noted[0] == 0 else noted[0]
        raise LessonError(
            path, line_of(data["steps"][where], "content_note"),
            "the content note belongs to the first step, once",
            "mark only the first step with 'content_note: true'",
        )
    seen: set[str] = set()
    for i, objective in enumerate(lesson.objectives):
        if objective.id in seen:
            raise LessonError(path, line_of(data["objectives"], i),
                              f"objective id '{objective.id}' is used twice",
                              "give each objective its own id")
        seen.add(objective.id)
    assessed: set[str] = set()
    for i, item in enumerate(lesson.assessment):
        for j, ref in enumerate(item.objectives):
            if ref not in seen:
                raise LessonError(
                    path, line_of(data["assessment"][i]["objectives"], j),
                    f"assessment refers to objective '{ref}', which the lesson does not have",
                    f"use one of: {', '.join(lesson.objective_ids())}",
                )
            assessed.add(ref)
    for i, objective in enumerate(lesson.objectives):
        if objective.id not in assessed:
            raise LessonError(
                path, line_of(data["objectives"][i], "id"),
                f"objective '{objective.id}' is never assessed",
                "list it under an assessment's objectives, or drop the objective",
            )


def _check_materials(course: Course, path: str, data: Any, lesson: Lesson) -> None:
    named: list[tuple[str, str, Any, int]] = []
    for kind in MATERIAL_PATHS:
        for i, name in enumerate(getattr(lesson.materials, kind)):
            named.append((kind, name, data["materials"][kind], i))
    for j, extension in enumerate(lesson.extensions):
        for i, name in enumerate(extension.notebooks):
            named.append(("notebooks", name, data["extensions"][j]["notebooks"], i))
    for kind, name, listing, i in named:
        target = material_path(course, kind, name)
        if not target.is_file():
            _, folder_suffix, what = MATERIAL_PATHS[kind]
            known = sorted(p.name.removesuffix(folder_suffix)
                           for p in target.parent.glob(f"*{folder_suffix}"))
            close = difflib.get_close_matches(name, known, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise LessonError(
                path, line_of(listing, i),
                f"{what} '{name}' does not exist ({_rel(course, target)} not found)",
                hint + f"use one of: {', '.join(known)}" if known
                else f"create {_rel(course, target)}",
            )


def load_lessons(course: Course, lang: str = SOURCE_LANGUAGE) -> list[Lesson]:
    """Every lesson plan in the course, validated, in order, in ``lang``."""
    return [load_lesson(course, lesson_id, lang) for lesson_id in lesson_ids(course)]
