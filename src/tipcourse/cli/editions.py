"""The ``--edition`` and ``--lang`` choices shared by the commands that build."""

from __future__ import annotations

import argparse

from tipcourse.course import Course
from tipcourse.languages import LANGUAGES, available_languages
from tipcourse.publish.build import EDITIONS


def editions(choice: str) -> tuple[str, ...]:
    return EDITIONS if choice == "all" else (choice,)


def languages(choice: str, course: Course | None = None) -> tuple[str, ...]:
    """``all``: English and every language the course has catalogues for."""
    if choice != "all":
        return (choice,)
    return available_languages((course or Course.here()).root)


def add_language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=[*LANGUAGES, "all"], default="all",
                        help="the language(s) to build: English (the source), Spanish, "
                        "French, or all (default: English and every language with "
                        "catalogues in locales/)")
