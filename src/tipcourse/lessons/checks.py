"""``tipcourse check`` for lesson plans: every plan loads, and each has its page."""

from __future__ import annotations

import re
from collections.abc import Callable

from tipcourse.course import Course
from tipcourse.errors import LessonError
from tipcourse.lessons.loader import LESSONS_DIR, load_lessons


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
    minutes = sum(lesson.minutes for lesson in lessons)
    return f"lessons: {len(lessons)} plans, {minutes} minutes in all"


CHECKS: list[Callable[[Course], str]] = [check_lessons]
