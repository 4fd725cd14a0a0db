"""Reading the course's pages before Sphinx does, so a broken page is one ``path:line`` error.

- A notebook that is not valid JSON is reported at the JSON error's own line and column
  (nbformat would only say "not JSON").
- A Markdown page whose fenced block (``` or ~~~, or ::: with MyST's colon fences) is never
  closed is an error at the line that opened it. MyST reads such a block to the end of the
  page, so an unclosed ``teacher`` block would silently take the rest of the chapter out of
  the student edition. A block whose closing line is missing may instead be closed by the
  closing line of a later block, which leaves that block unclosed inside it: this (and a
  misnested block) is reported at the outer block's line, naming the inner one.

markdown-it (which MyST uses) accepts an unclosed fence without a word, so the fences are
followed here by the CommonMark rules that matter: a fence is a line of three or more ` or ~
(or :) indented at most three spaces, and the block ends at a line of at least as many of
the same character with nothing after them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tipcourse.errors import ConfigError, SourceError

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")


def read_notebook(path: Path, shown: str | Path | None = None) -> Any:
    """The notebook at ``path`` (nbformat 4), or ConfigError at the line and column of its
    first problem."""
    import nbformat

    where = shown or path
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(where, None, f"not UTF-8 text ({exc.reason})",
                          "open and re-save it in Jupyter") from None
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(where, exc.lineno, f"not a valid notebook: invalid JSON at column "
                          f"{exc.colno}: {exc.msg}",
                          "restore it from version control or re-save it in Jupyter") from None
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat raises several kinds for a wrong structure
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConfigError(where, None, f"not a valid notebook: {first}",
                          "open and re-save it in Jupyter") from None
    return nb


@dataclass
class _Block:
    char: str
    length: int
    line: int
    name: str


def _name(info: str) -> str:
    match = re.match(r"\s*\{([^}]+)\}", info)
    return match[1].strip() if match else ""


def check_fences(text: str, path: str | Path) -> None:
    """Raise SourceError at the opening line of the first fenced block that is never closed
    (or is closed only after the block around it)."""
    lines = text.splitlines()
    _check_lines(lines, 0, len(lines), path, None, colon=True)


def _what(block: _Block) -> str:
    return f"the '{block.name}' block" if block.name else "the fenced block"


def _check_lines(lines: list[str], start: int, end: int, path: str | Path,
                 outer: _Block | None, colon: bool) -> None:
    i = start
    while i < end:
        match = _FENCE.match(lines[i])
        if not match or (match["fence"][0] == ":" and not colon):
            i += 1
            continue
        fence, info = match["fence"], match["info"]
        if fence[0] == "`" and "`" in info:
            i += 1  # not a fence: an inline code span
            continue
        block = _Block(fence[0], len(fence), i + 1, _name(info))
        close = _closing(lines, i + 1, end, block)
        if close is None:
            if outer is None:
                message = f"{_what(block)} opened here is never closed"
                hint = f"add a line {fence[0] * block.length} where it ends"
                raise SourceError(path, block.line, message, hint)
            # The outer block's content ends at ``end`` (a fence closes it too early): its
            # own closing line is missing, or the block inside it is misnested.
            message = (f"{_what(outer)} opened here is closed on line {end + 1}, which leaves "
                       f"{_what(block)} opened on line {block.line} unclosed inside it")
            hint = (f"check the closing line of each block; an outer block needs a longer "
                    f"fence ({outer.char * (block.length + 1)}) than the blocks inside it")
            raise SourceError(path, outer.line, message, hint)
        # Directives hold Markdown: check their content too. Code blocks hold code.
        if block.name or block.char == ":":
            _check_lines(lines, i + 1, close, path, block, colon)
        i = close + 1


def _closing(lines: list[str], start: int, end: int, block: _Block) -> int | None:
    for j in range(start, end):
        match = _FENCE.match(lines[j])
        if (match and match["fence"][0] == block.char and len(match["fence"]) >= block.length
                and not match["info"].strip()):
            return j
    return None


def check_page_source(path: Path, shown: str | Path | None = None) -> None:
    """Raise SourceError for a Markdown page with an unclosed block or a notebook that does
    not read."""
    if path.suffix == ".ipynb":
        read_notebook(path, shown)
    elif path.suffix == ".md":
        text = path.read_text(encoding="utf-8")
        check_fences(text, shown or path)
