"""``tipcourse slides``: every lesson's deck (teacher edition), .pptx and handout PDF."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-pdf", action="store_true",
                        help="skip the handout PDFs (they need Chromium)")


def cmd_slides(args: argparse.Namespace) -> int:
    """Write the decks into the built teacher edition, the .pptx files into _build/slides/
    and the handouts into _build/pdf/slides/."""
    from tipcourse.browser import INSTALL_HINT, ChromiumMissing
    from tipcourse.course import Course
    from tipcourse.slides.build import build_slides

    course = Course.here()
    try:
        build_slides(course, handouts=not args.no_pdf, say=print)
    except ChromiumMissing as exc:
        print(f"tipcourse slides: {exc}; the handout PDFs need Chromium: {INSTALL_HINT}",
              file=sys.stderr)
        return 0  # as `tipcourse build --pdf`: the rest is written, the message says how
    return 0


HELP = ("write each lesson's slides: an HTML deck in the teacher edition, an editable .pptx "
        "in _build/slides/ and a handout PDF in _build/pdf/slides/")


def register() -> None:
    from tipcourse.cli import EXTRA_COMMANDS

    EXTRA_COMMANDS["slides"] = (HELP, add_arguments, cmd_slides)


register()
