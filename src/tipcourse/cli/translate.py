"""``tipcourse translate``: bring the Spanish and French catalogues up to date with the
English, and say how far each language is translated."""

from __future__ import annotations

import argparse
from typing import Any

from tipcourse.course import Course
from tipcourse.languages import TRANSLATED


def add_parser(sub: Any) -> None:
    t = sub.add_parser(
        "translate",
        help="update the translation catalogues (locales/) from the English and show progress",
        description="Extract every translatable text (pages, quiz banks, lesson plans, facts, "
        "school settings, the package's labels) and update locales/<lang>/LC_MESSAGES/: new "
        "text is added untranslated, changed text is marked fuzzy. With --status, only report.",
    )
    t.add_argument("--lang", choices=[*TRANSLATED, "all"], default="all")
    t.add_argument("--status", action="store_true",
                   help="only report what is translated, fuzzy or missing")
    t.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from tipcourse.catalogues import language_status, student_facing

    course = Course.here()
    languages = TRANSLATED if args.lang == "all" else (args.lang,)
    if not args.status:
        from tipcourse.publish.translations import update

        update(course, languages)
    for lang in languages:
        catalogues = language_status(course.root, lang)
        done = sum(s.translated for s in catalogues)
        total = sum(s.total for s in catalogues)
        print(f"{lang}: {done}/{total} messages translated")
        for s in catalogues:
            if s.complete and not s.problems:
                continue
            who = "students" if student_facing(s.domain) else "teachers"
            print(f"  {s.path.relative_to(course.root)}: {len(s.untranslated)} untranslated, "
                  f"{len(s.fuzzy)} fuzzy, {len(s.problems)} problems (read by {who})")
    return 0
