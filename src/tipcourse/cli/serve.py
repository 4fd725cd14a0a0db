"""``tipcourse serve``: a built edition on 127.0.0.1, for a classroom machine."""

from __future__ import annotations

import argparse
from typing import Any

from tipcourse.course import Course
from tipcourse.errors import SourceError
from tipcourse.publish.build import EDITIONS


def add_parser(sub: Any) -> None:
    s = sub.add_parser(
        "serve",
        help="serve a built edition on 127.0.0.1 (for a classroom machine)",
        description="Serve a built edition from _build/site/<edition>/ on 127.0.0.1 only.",
    )
    s.add_argument("--edition", choices=EDITIONS, default="student")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from tipcourse.publish.serve import serve

    site = Course.here().site_dir(args.edition)
    if not (site / "index.html").is_file():
        raise SourceError(site, None, "this edition is not built", "run: tipcourse build")
    serve(site, port=args.port, host="127.0.0.1")
    return 0
