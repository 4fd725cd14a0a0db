"""``tipcourse slides``: every lesson's deck (teacher edition), .pptx and handout PDF."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tipcourse.course import Course


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "slides",
        help="write each lesson's slides: an HTML deck in the teacher edition, an editable "
        ".pptx in _build/slides/ and a handout PDF in _build/pdf/slides/",
        description="Write each lesson's slides from its plan into the built teacher edition "
        "(slides/<lesson>/index.html), _build/slides/<lesson>.pptx and "
        "_build/pdf/slides/<lesson>.pdf (six slides a page).",
    )
    p.add_argument("--no-pdf", action="store_true",
                   help="skip the handout PDFs (they need Chromium)")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from tipcourse.publish.browser import INSTALL_HINT, ChromiumMissing
    from tipcourse.slides.build import build_slides

    try:
        build_slides(Course.here(), handouts=not args.no_pdf, say=print)
    except ChromiumMissing as exc:
        print(f"tipcourse slides: {exc}; the handout PDFs need Chromium: {INSTALL_HINT}",
              file=sys.stderr)
        return 0  # as `tipcourse build --pdf`: the rest is written, the message says how
    return 0
