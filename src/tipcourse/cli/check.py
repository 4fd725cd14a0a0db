"""``tipcourse check``: validate every source without building."""

from __future__ import annotations

import argparse
from typing import Any

from tipcourse.course import Course


def add_parser(sub: Any) -> None:
    c = sub.add_parser(
        "check",
        help="validate every source (config, contents, pages, quizzes, lessons, facts) "
        "without building",
        description="Validate every course source without building. Prints the first problem "
        "as path:line: message and exits 1.",
    )
    c.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from tipcourse.checks import check_course

    for line in check_course(Course.here()):
        print(line)
    print("all sources are valid")
    return 0
