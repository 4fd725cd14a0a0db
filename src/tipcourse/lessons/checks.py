"""``tipcourse check`` for lesson plans: every plan loads, each has its page, and every
handout is used by a lesson (so each is linked from the lesson that needs it)."""

from __future__ import annotations

import re
from collections.abc import Callable

from tipcourse.course import Course
from tipcourse.errors import LessonError
from tipcourse.lessons.loader import LESSONS_DIR, MATERIAL_PATHS, load_lessons


def check_lessons(course: Course) -> str:
    lessons = load_lessons(course)
    for lesson in lessons:
        page = course.root / LESSONS_DIR / f"{lesson.id}.md"
        rel = f"{LESSONS_DIR}/{lesson.id}.md"
        if not page.is_file():
            raise LessonError(lesson.source, 1, f"lesson '{lesson.id}' has no page {rel}",
                              f"create {rel} with a {{lesson}} {lesson.id} directive")
        pattern = re.compile(r"^[`:]{3,}\s*\{lesson\}\s+" + re.escape(lesson.id) + r"\s*$", re.M)
        if not pattern.search(page.read_text(encoding="utf-8")):
            raise LessonError(rel, 1, f"the page does not render lesson '{lesson.id}'",
                              f"add a {{lesson}} {lesson.id} directive")
    used = {name for lesson in lessons for name in lesson.materials.handouts}
    handouts = course.root / MATERIAL_PATHS["handouts"][0]
    for page in sorted(handouts.glob("*.md")) if handouts.is_dir() else []:
        if page.stem not in used:
            rel = f"{MATERIAL_PATHS['handouts'][0]}/{page.name}"
            raise LessonError(rel, 1, f"handout '{page.stem}' is used by no lesson",
                              "name it under materials: handouts: in the lesson that uses it")
    minutes = sum(lesson.minutes for lesson in lessons)
    return f"lessons: {len(lessons)} plans, {minutes} minutes in all"


CHECKS: list[Callable[[Course], str]] = [check_lessons]
