"""``tipcourse repository [URL]``: print or set the course repository's public address."""

from __future__ import annotations

import argparse
from typing import Any

from tipcourse.course import Course


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "repository",
        help="print the course repository's address, or set it (launch buttons, install hints)",
        description="Print repository.url from _config.yml; with URL, set it there and in every "
        "notebook's install hint.",
    )
    p.add_argument("url", nargs="?", help="the new address, e.g. https://github.com/SCHOOL/REPO")
    p.set_defaults(func=handle)


def handle(args: argparse.Namespace) -> int:
    from tipcourse.publish.repository import repository_url, set_repository

    course = Course.here()
    if args.url:
        for path in set_repository(course, args.url):
            print(f"changed {path.relative_to(course.root)}")
    print(repository_url(course))
    return 0
