"""``tipcourse dist``: the built student site, notebooks and workbook as one zip."""

from __future__ import annotations

import argparse
from typing import Any

from tipcourse.course import Course


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "dist",
        help="pack the built student site, notebooks and workbook into one zip in _build/dist/",
        description="Pack the student edition, the notebooks' student copies and the student "
        "workbook into _build/dist/tipcourse-student-<version>.zip (opens from index.html "
        "with no server or network) and link it from the site's landing page.",
    )
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from tipcourse.publish.dist import build_zip

    course = Course.here()
    target = build_zip(course)
    size = target.stat().st_size / 1_000_000
    print(f"the student site as one zip ({size:.1f} MB): {target.relative_to(course.root)}")
    return 0
