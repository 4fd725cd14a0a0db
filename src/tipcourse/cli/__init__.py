"""The ``tipcourse`` command: one module per subcommand, each with ``add_parser(sub)``.

Domain errors are printed as one ``path:line: message`` line, never a traceback, and the
command exits with status 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tipcourse import __version__
from tipcourse.cli import (
    build,
    check,
    data,
    dist,
    export,
    pdf,
    repository,
    serve,
    slides,
    translate,
)
from tipcourse.errors import SourceError

COMMANDS = (build, check, serve, pdf, dist, repository, export, data, slides, translate)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tipcourse",
        description="Build, check and serve the trafficking-in-persons course.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except SourceError as exc:
        print(exc.one_line(), file=sys.stderr)
        return 1
    except OSError as exc:
        # A disk that is full or a folder that cannot be written: the system's own words.
        where = exc.filename or "tipcourse"
        print(f"{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
