"""``tipcourse serve``: a built edition on 127.0.0.1, for a classroom machine."""

from __future__ import annotations

import argparse
import errno
from typing import Any

from tipcourse.course import Course
from tipcourse.errors import SourceError
from tipcourse.languages import LANGUAGES, SOURCE_LANGUAGE
from tipcourse.publish.build import EDITIONS


def add_parser(sub: Any) -> None:
    s = sub.add_parser(
        "serve",
        help="serve a built edition on 127.0.0.1 (for a classroom machine)",
        description="Serve a built edition (every built language, from "
        "_build/site/<lang>/<edition>/) on 127.0.0.1 only.",
    )
    s.add_argument("--edition", choices=EDITIONS, default="student")
    s.add_argument("--lang", choices=LANGUAGES, default=SOURCE_LANGUAGE,
                   help="the language the address opens in (the switcher leads to the others)")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from tipcourse.publish.serve import serve

    if not 0 < args.port < 65536:
        raise SourceError("--port", None, f"{args.port} is not a port number",
                          "use a number from 1024 to 65535, e.g. --port 8000")
    course = Course.here()
    site = course.site_dir(args.edition, args.lang)
    if not (site / "index.html").is_file():
        raise SourceError(site, None, "this edition is not built", "run: tipcourse build")
    try:
        serve(course.sites_dir, args.edition, args.lang, port=args.port, host="127.0.0.1")
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise SourceError("--port", None, f"port {args.port} is already in use",
                              "stop the other server or choose another --port") from None
        if exc.errno == errno.EACCES:
            raise SourceError("--port", None, f"port {args.port} needs administrator rights",
                              "use a port from 1024 up, e.g. --port 8000") from None
        raise
    return 0
