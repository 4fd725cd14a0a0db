"""``tipcourse export quizzes --format moodle-xml|gift|qti --lang en|es|fr|all --out DIR``.

Each language's banks go into their own folder, ``DIR/<lang>/`` (by default
``_build/export/<lang>/``), under the same file names, so the English, Spanish and French
copies of a bank never overwrite each other.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from tipcourse.course import Course
from tipcourse.errors import QuizError, SourceError


def add_parser(sub: Any) -> None:
    help_text = ("export the quiz banks for an LMS: Moodle XML, GIFT (Moodle) "
                 "or QTI 1.2 (Canvas)")
    p = sub.add_parser("export", help=help_text, description=help_text)
    add_arguments(p)
    p.set_defaults(func=handle)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from tipcourse.quiz.export import FORMATS

    parser.add_argument("what", choices=["quizzes"], help="what to export")
    parser.add_argument("--format", dest="fmt", choices=[*FORMATS, "all"], default="all",
                        help="moodle-xml and gift for Moodle, qti (1.2) for Canvas")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder to write into, one sub-folder per language "
                        "(default: _build/export/, so _build/export/<lang>/)")
    parser.add_argument("--quiz", action="append", default=None, metavar="ID",
                        help="export only this bank (repeatable)")
    from tipcourse.cli.editions import add_language_option

    add_language_option(parser)


def handle(args: argparse.Namespace) -> int:
    from tipcourse.cli.editions import languages
    from tipcourse.quiz.export import FORMATS, export_bank
    from tipcourse.quiz.loader import find_bank, load_banks

    course = Course.here()
    out = args.out or course.build_dir / "export"
    usable_folder(out)
    formats = list(FORMATS) if args.fmt == "all" else [args.fmt]
    for lang in languages(getattr(args, "lang", "all")):
        banks = ([find_bank(course.root, b, lang) for b in args.quiz] if args.quiz
                 else list(load_banks(course.root, lang)))
        if not banks:
            raise QuizError(course.root / "quizzes", None, "no quiz banks to export",
                            "add quizzes/<id>.yaml")
        folder = out / lang
        usable_folder(folder)
        for fmt in formats:
            for bank in banks:
                try:
                    path = export_bank(bank, fmt, folder, lang)
                except OSError as exc:
                    raise SourceError(exc.filename or folder, None, f"cannot write the "
                                      f"export: {exc.strerror}",
                                      "choose another --out folder") from None
                print(f"{lang} {fmt}: {len(bank.questions)} questions -> {path}")
    return 0


def usable_folder(out: Path) -> None:
    """Create ``out`` if needed; raise SourceError if it is a file or cannot be written."""
    if out.exists() and not out.is_dir():
        raise SourceError(out, None, "--out is a file, not a folder",
                          "give a folder to write the exports into")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SourceError(out, None, f"cannot create the folder: {exc.strerror}",
                          "choose another --out folder") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise SourceError(out, None, "cannot write into this folder (permission denied)",
                          "choose another --out folder") from None
