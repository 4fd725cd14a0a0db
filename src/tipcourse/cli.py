"""The ``tipcourse`` command: build, check, serve (and the subcommands other modules add).

Domain errors are printed as one ``path:line: message`` line, never a traceback, and the
command exits with status 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence

from tipcourse.build import EDITIONS
from tipcourse.course import Course
from tipcourse.errors import SourceError


def _editions(choice: str) -> tuple[str, ...]:
    return EDITIONS if choice == "all" else (choice,)


def cmd_build(args: argparse.Namespace) -> int:
    from tipcourse.build import build

    course = Course.here()
    start = time.perf_counter()
    for result in build(course, _editions(args.edition), strict=not args.no_strict,
                        force=args.force):
        print(f"built the {result.edition} edition: {result.site.relative_to(course.root)}/")
    print(f"done in {time.perf_counter() - start:.1f} s")
    if args.pdf:
        status = cmd_pdf(argparse.Namespace(edition=args.edition, paper=None))
        # No Chromium: the site is built and the message said how to get the PDFs.
        from tipcourse.pdf import NO_CHROMIUM

        return 0 if status == NO_CHROMIUM else status
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    try:
        from tipcourse import pdf
    except ImportError:  # the PDF module arrives with its own issue
        print("tipcourse: PDFs are not part of this version", file=sys.stderr)
        return 1
    from tipcourse.school import load_school

    course = Course.here()
    # The school settings choose the paper unless the command line does.
    return pdf.main(course, _editions(args.edition),
                    paper=args.paper or load_school(course.root).paper)


def cmd_check(args: argparse.Namespace) -> int:
    from tipcourse.checks import check_course

    course = Course.here()
    report = check_course(course)
    for line in report:
        print(line)
    print("all sources are valid")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from tipcourse.serve import serve

    course = Course.here()
    site = course.site_dir(args.edition)
    if not (site / "index.html").is_file():
        raise SourceError(site, None, "this edition is not built", "run: tipcourse build")
    serve(site, port=args.port, host="127.0.0.1")
    return 0


# Other modules add subcommands here: name -> (help, add_arguments, handler).
EXTRA_COMMANDS: dict[
    str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]
] = {}


def _load_extra_commands() -> None:
    for module in ("tipcourse.quiz.export_cli", "tipcourse.data.cli"):
        try:
            __import__(module)
        except ImportError:
            continue


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tipcourse",
        description="Build, check and serve the trafficking-in-persons course.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser(
        "build",
        help="build the course site (student and/or teacher edition) into _build/site/",
        description="Build the course site into _build/site/<edition>/. Warnings are errors; "
        "a failed build leaves the previous site untouched.",
    )
    b.add_argument("--edition", choices=[*EDITIONS, "all"], default="all")
    b.add_argument("--force", action="store_true", help="re-read every page (no incremental build)")
    b.add_argument("--no-strict", action="store_true", help="do not treat warnings as errors")
    b.add_argument("--pdf", action="store_true", help="also print the PDF guides")
    b.set_defaults(func=cmd_build)

    c = sub.add_parser(
        "check",
        help="validate every source (config, contents, pages, quizzes, lessons, facts) "
        "without building",
        description="Validate every course source without building. Prints the first problem "
        "as path:line: message and exits 1.",
    )
    c.set_defaults(func=cmd_check)

    s = sub.add_parser(
        "serve",
        help="serve a built edition on 127.0.0.1 (for a classroom machine)",
        description="Serve a built edition from _build/site/<edition>/ on 127.0.0.1 only.",
    )
    s.add_argument("--edition", choices=EDITIONS, default="student")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)

    pdf = sub.add_parser(
        "pdf",
        help="print the teacher guide and student workbook PDFs into _build/pdf/",
        description="Print the PDF guides with Chromium from the single-page build.",
    )
    pdf.add_argument("--edition", choices=[*EDITIONS, "all"], default="all")
    pdf.add_argument("--paper", choices=["a4", "letter"], default=None,
                     help="paper size (default: the school settings' paper, else a4)")
    pdf.set_defaults(func=cmd_pdf)

    _load_extra_commands()
    for name, (help_text, add_arguments, handler) in EXTRA_COMMANDS.items():
        extra = sub.add_parser(name, help=help_text, description=help_text)
        add_arguments(extra)
        extra.set_defaults(func=handler)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except SourceError as exc:
        print(exc.one_line(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
