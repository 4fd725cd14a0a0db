"""Lesson plans: the model (``model``), reading and checking them (``loader``), and turning
them into document nodes (``render``). See teacher_guide/lessons/README.md for the format."""

from tipcourse.lessons.loader import lesson_ids, load_lesson, load_lessons
from tipcourse.lessons.model import Lesson

__all__ = ["Lesson", "lesson_ids", "load_lesson", "load_lessons"]
