"""``tipcourse dist``: the built student site, notebooks and workbook as one zip."""

from __future__ import annotations

import argparse
from typing import Any

from tipcourse.cli.editions import add_language_option, languages
from tipcourse.course import Course


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "dist",
        help="pack the built student site, notebooks and workbook into one zip in _build/dist/",
        description="Pack the student edition in every built language, each with its "
        "workbook, and the notebooks' student copies into "
        "_build/dist/tipcourse-student-<version>.zip (opens from index.html with no server "
        "or network) and link it from each landing page.",
    )
    add_language_option(p)
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from tipcourse.publish.dist import build_zip

    course = Course.here()
    target = build_zip(course, languages(args.lang, course))
    size = target.stat().st_size / 1_000_000
    print(f"the student site as one zip ({size:.1f} MB): {target.relative_to(course.root)}")
    return 0
