"""``tipcourse pdf``: the teacher guide and student workbook, printed with Chromium."""

from __future__ import annotations

import argparse
from typing import Any

from tipcourse.cli.editions import add_language_option, editions, languages
from tipcourse.course import Course
from tipcourse.publish.build import EDITIONS


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "pdf",
        help="print the teacher guide and student workbook PDFs into _build/pdf/<lang>/",
        description="Print the PDF guides with Chromium from the single-page build.",
    )
    p.add_argument("--edition", choices=[*EDITIONS, "all"], default="all")
    add_language_option(p)
    p.add_argument("--paper", choices=["a4", "letter"], default=None,
                   help="paper size (default: the school settings' paper, else a4)")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from tipcourse.publish import pdf
    from tipcourse.school import load_school

    course = Course.here()
    # The school settings choose the paper unless the command line does.
    return pdf.main(course, editions(args.edition),
                    paper=args.paper or load_school(course.root).paper,
                    languages=languages(args.lang, course))
