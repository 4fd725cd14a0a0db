"""``tipcourse data``: fetch and describe UNODC's data; make student copies of notebooks."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    help_text = "UNODC data: fetch it, show where it comes from, make student copies of notebooks"
    p = sub.add_parser("data", help=help_text, description=help_text)
    add_arguments(p)
    p.set_defaults(func=handle)


def add_arguments(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="data_command", required=True, metavar="ACTION")
    f = sub.add_parser("fetch", help="download UNODC's GLOTIP export (once) and check it")
    f.add_argument("--accept", metavar="SHA256",
                   help="accept another UNODC release with this checksum (printed by a "
                        "failed fetch)")
    sub.add_parser("info", help="where the data comes from, its release and its size")
    s = sub.add_parser("strip-solutions",
                       help="remove cells tagged 'solution' from notebooks (student copies)")
    s.add_argument("paths", nargs="+", type=Path, help="notebooks or folders of notebooks")
    c = sub.add_parser("student-branch",
                       help="write the repository without solutions or teacher's guide: the "
                            "branch the student edition's Binder/JupyterHub/Colab buttons open")
    c.add_argument("--out", type=Path, default=None,
                   help="folder to write (default: _build/student-branch/)")
    c.add_argument("--name", action="store_true",
                   help="only print the branch's name (repository.student_branch)")


def handle(args: argparse.Namespace) -> int:
    from tipcourse.data import glotip

    if args.data_command == "fetch":
        if args.accept:
            where = glotip.accept_sha256(args.accept)
            print(f"accepted release {args.accept} (recorded in {where})")
        path = glotip.source_file()
        table = glotip.load_glotip(path)
        print(f"{path}: {len(table):,} rows, years {table.year.min()}–{table.year.max()}")
        return 0
    if args.data_command == "info":
        source = os.environ.get("TIPCOURSE_DATA_DIR") or glotip.URL
        print(f"source: {source}")
        print(f"expected file: exported on {glotip.RELEASE} (sha256 {glotip.accepted_sha256()})")
        print(f"cache: {glotip.cache_dir()}")
        table = glotip.load_glotip()
        print(f"rows: {len(table):,}; countries: {table.country.nunique()}; "
              f"years {table.year.min()}–{table.year.max()}; "
              f"suppressed (<5) cells: {int(table.suppressed.sum()):,}")
        return 0
    if args.data_command == "student-branch":
        from tipcourse.course import Course
        from tipcourse.publish.student_tree import student_branch, write_student_tree

        course = Course.here()
        if args.name:
            print(student_branch(course))
            return 0
        out = args.out or course.build_dir / "student-branch"
        count = write_student_tree(course, out)
        print(f"{out}: {count} student notebooks; push it as the "
              f"'{student_branch(course)}' branch (see README.md, Publishing)")
        return 0
    from tipcourse.data.solutions import strip_file

    for path in args.paths:
        files = sorted(path.glob("*.ipynb")) if path.is_dir() else [path]
        for nb in files:
            print(f"{nb}: removed {strip_file(nb)} solution cell(s)")
    return 0
