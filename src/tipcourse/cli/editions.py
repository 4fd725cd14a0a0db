"""The ``--edition`` and ``--lang`` choices shared by the commands that build."""

from __future__ import annotations

import argparse

from tipcourse.languages import LANGUAGES
from tipcourse.publish.build import EDITIONS


def editions(choice: str) -> tuple[str, ...]:
    return EDITIONS if choice == "all" else (choice,)


def languages(choice: str) -> tuple[str, ...]:
    return LANGUAGES if choice == "all" else (choice,)


def add_language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=[*LANGUAGES, "all"], default="all",
                        help="the language(s) to build: English (the source), Spanish, "
                        "French, or all (default)")
