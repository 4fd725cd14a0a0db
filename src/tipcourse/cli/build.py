"""``tipcourse build``: the course site, one or both editions, optionally the PDFs."""

from __future__ import annotations

import argparse
import time
from typing import Any

from tipcourse.cli.editions import add_language_option, editions, languages
from tipcourse.course import Course
from tipcourse.publish.build import EDITIONS


def add_parser(sub: Any) -> None:
    b = sub.add_parser(
        "build",
        help="build the course site (student and/or teacher edition) into _build/site/",
        description="Build the course site into _build/site/<lang>/<edition>/. Warnings are "
        "errors; a failed build leaves the previous site untouched.",
    )
    b.add_argument("--edition", choices=[*EDITIONS, "all"], default="all")
    add_language_option(b)
    b.add_argument("--force", action="store_true", help="re-read every page (no incremental build)")
    b.add_argument("--no-strict", action="store_true", help="do not treat warnings as errors")
    b.add_argument("--pdf", action="store_true", help="also print the PDF guides")
    b.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from tipcourse.publish import pdf
    from tipcourse.publish.build import build

    course = Course.here()
    start = time.perf_counter()
    for result in build(course, editions(args.edition), strict=not args.no_strict,
                        force=args.force, languages=languages(args.lang, course)):
        print(f"built the {result.edition} edition ({result.lang}): "
              f"{result.site.relative_to(course.root)}/")
    print(f"done in {time.perf_counter() - start:.1f} s")
    if args.pdf:
        from tipcourse.school import load_school

        status = pdf.main(course, editions(args.edition), paper=load_school(course.root).paper,
                          languages=languages(args.lang, course))
        # No Chromium: the site is built and the message said how to get the PDFs.
        return 0 if status == pdf.NO_CHROMIUM else status
    return 0
