"""``tipcourse slides``: every lesson's deck (teacher edition), .pptx and handout PDF, in each
language asked for."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tipcourse.course import Course


def add_parser(sub: Any) -> None:
    from tipcourse.cli.editions import add_language_option

    p = sub.add_parser(
        "slides",
        help="write each lesson's slides: an HTML deck in the teacher edition, an editable "
        ".pptx in _build/slides/<lang>/ and a handout PDF in _build/pdf/<lang>/slides/",
        description="Write each lesson's slides from its plan, in each language, into that "
        "language's built teacher edition (_build/site/<lang>/teacher/slides/<lesson>/), "
        "_build/slides/<lang>/<lesson>.pptx and _build/pdf/<lang>/slides/<lesson>.pdf (six "
        "slides a page). With --lang all, a language whose teacher edition is not built is "
        "skipped.",
    )
    p.add_argument("--no-pdf", action="store_true",
                   help="skip the handout PDFs (they need Chromium)")
    add_language_option(p)
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from tipcourse.cli.editions import languages
    from tipcourse.errors import BuildError
    from tipcourse.publish.browser import INSTALL_HINT, ChromiumMissing
    from tipcourse.slides.build import build_slides, teacher_site_built

    course = Course.here()
    wanted = languages(args.lang)
    built = [lang for lang in wanted if teacher_site_built(course.site_dir("teacher", lang))]
    if len(wanted) > 1:
        for lang in wanted:
            if lang not in built:
                print(f"{lang}: skipped, the teacher edition is not built "
                      f"(run: tipcourse build --edition teacher --lang {lang})")
        if not built:
            raise BuildError(course.sites_dir, None, "no teacher edition is built",
                             "run: tipcourse build --edition teacher")
    else:
        built = list(wanted)  # build_slides says what is missing
    for lang in built:
        try:
            build_slides(course, lang=lang, handouts=not args.no_pdf,
                         say=lambda line, lang=lang: print(f"{lang}: {line}"))
        except ChromiumMissing as exc:
            print(f"tipcourse slides: {exc}; the handout PDFs need Chromium: {INSTALL_HINT}",
                  file=sys.stderr)
            # As `tipcourse build --pdf`: the rest is written, the message says how.
            for other in built[built.index(lang) + 1:]:
                build_slides(course, lang=other, handouts=False,
                             say=lambda line, lang=other: print(f"{lang}: {line}"))
            return 0
    return 0
