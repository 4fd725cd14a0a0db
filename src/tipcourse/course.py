"""The course on disk: where its configuration, table of contents and pages are, and the
checks that every source can be read before anything is built.

``_config.yml`` and ``_toc.yml`` are read with ruamel.yaml so that a problem can be reported
with its line number.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from tipcourse.errors import ConfigError, SourceError

PAGE_SUFFIXES = (".md", ".ipynb")


def parse_yaml(
    text: str,
    path: str | Path,
    error: type[SourceError] = ConfigError,
    hint: str = "fix the syntax",
) -> Any:
    """Parse YAML text keeping line numbers (ruamel's round-trip types), or raise ``error``.

    ruamel raises more than its own errors on odd input (an empty ``!!int`` scalar gives an
    IndexError), so every failure of the parser becomes the one domain error.
    """
    try:
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = f"invalid YAML: {exc.problem or exc.context}"
        raise error(path, line, message, hint) from None
    except YAMLError as exc:  # reader errors (control characters) carry no mark
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise error(path, None, f"invalid YAML: {first}", hint) from None
    except (ValueError, TypeError, IndexError, KeyError, RecursionError) as exc:
        raise error(path, None, f"invalid YAML: a value cannot be read ({exc})", hint) from None


def read_yaml(path: Path, error: type[SourceError] = ConfigError) -> Any:
    """Load a YAML file with line numbers, or raise ``error``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        hint = "create it or run from the course folder"
        raise error(path, None, "file not found", hint) from None
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text ({exc.reason})"
        raise error(path, None, message, "save the file as UTF-8") from None
    return parse_yaml(text, path, error)


def line_of(node: Any, key: Any = None) -> int | None:
    """1-based line of a ruamel mapping key or list item, or of the node itself."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        if key is None:
            return lc.line + 1
        if isinstance(key, int):
            return lc.item(key)[0] + 1
        return lc.key(key)[0] + 1
    except (KeyError, IndexError, TypeError):
        return lc.line + 1


@dataclass(frozen=True)
class TocEntry:
    """One page listed in ``_toc.yml``."""

    docname: str
    line: int | None


def find_root(start: Path | None = None) -> Path:
    """The course folder: ``TIPCOURSE_ROOT`` or the nearest folder holding ``_config.yml``."""
    if os.environ.get("TIPCOURSE_ROOT"):
        return Path(os.environ["TIPCOURSE_ROOT"]).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file() and (folder / "_toc.yml").is_file():
            return folder
    raise ConfigError(here, None, "no _config.yml and _toc.yml here or above", "cd into the course")


@dataclass
class Course:
    """A course source tree (the repository root is the book's root)."""

    root: Path
    teacher_dir_name: str = "teacher_guide"

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()

    @classmethod
    def here(cls) -> Course:
        return cls(find_root())

    # Paths -----------------------------------------------------------------------------
    @property
    def config_path(self) -> Path:
        return self.root / "_config.yml"

    @property
    def toc_path(self) -> Path:
        return self.root / "_toc.yml"

    @property
    def build_dir(self) -> Path:
        return self.root / "_build"

    def work_dir(self, edition: str) -> Path:
        return self.build_dir / ".work" / edition

    def site_dir(self, edition: str) -> Path:
        return self.build_dir / "site" / edition

    @property
    def pdf_dir(self) -> Path:
        return self.build_dir / "pdf"

    # Sources ---------------------------------------------------------------------------
    def config(self) -> dict[str, Any]:
        data = read_yaml(self.config_path)
        if not isinstance(data, dict):
            raise ConfigError(self.config_path, 1, "expected a mapping of settings")
        return data

    def toc(self) -> dict[str, Any]:
        data = read_yaml(self.toc_path)
        if not isinstance(data, dict) or "root" not in data:
            raise ConfigError(self.toc_path, 1, "expected a mapping with a 'root' page")
        return data

    def toc_entries(self) -> Iterator[TocEntry]:
        """Every page the table of contents lists, in order, with its line in _toc.yml."""
        toc = self.toc()
        yield TocEntry(str(toc["root"]), line_of(toc, "root"))

        def walk(node: Any) -> Iterator[TocEntry]:
            if isinstance(node, dict):
                if "file" in node:
                    yield TocEntry(str(node["file"]), line_of(node, "file"))
                for key in ("parts", "chapters", "sections"):
                    for child in node.get(key, []) or []:
                        yield from walk(child)
            elif isinstance(node, list):
                for child in node:
                    yield from walk(child)

        yield from walk(toc)

    def is_teacher_page(self, docname: str) -> bool:
        return docname.replace("\\", "/").split("/")[0] == self.teacher_dir_name

    def page_path(self, docname: str) -> Path | None:
        stem = self.root / docname
        if stem.suffix in PAGE_SUFFIXES and stem.is_file():
            return stem
        for suffix in PAGE_SUFFIXES:
            if stem.with_name(stem.name + suffix).is_file():
                return stem.with_name(stem.name + suffix)
        return None

    def edition_toc(self, edition: str) -> dict[str, Any]:
        """The table of contents for an edition: the student one drops teacher pages."""
        toc = self.toc()
        if edition == "teacher":
            return toc

        def keep(node: Any) -> Any:
            if isinstance(node, dict):
                if "file" in node and self.is_teacher_page(str(node["file"])):
                    return None
                out = dict(node)
                for key in ("parts", "chapters", "sections"):
                    if key in node:
                        children = [c for c in (keep(c) for c in node[key] or []) if c]
                        if children:
                            out[key] = children
                        else:
                            out.pop(key)
                if set(out) <= {"caption", "numbered"}:
                    return None
                return out
            return node

        return keep(toc)

    def write_edition_toc(self, edition: str, path: Path) -> None:
        toc = self.edition_toc(edition)
        yaml = YAML(typ="safe", pure=True)
        yaml.default_flow_style = False
        text = io_dump(yaml, plain(toc))
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")

    def check(self) -> None:
        """Validate configuration and table of contents without building; raise ConfigError."""
        config = self.config()
        for key in ("title", "author"):
            if not config.get(key):
                raise ConfigError(self.config_path, 1, f"'{key}' is missing", f"add a {key}")
        seen: dict[str, int | None] = {}
        for entry in self.toc_entries():
            if self.page_path(entry.docname) is None:
                raise ConfigError(
                    self.toc_path,
                    entry.line,
                    f"page '{entry.docname}' is listed but no {entry.docname}.md or .ipynb exists",
                    "create the page or remove the entry",
                )
            if entry.docname in seen:
                raise ConfigError(
                    self.toc_path, entry.line, f"page '{entry.docname}' is listed twice",
                    f"remove one (the first is on line {seen[entry.docname]})",
                )
            seen[entry.docname] = entry.line



def plain(node: Any) -> Any:
    """ruamel's round-trip containers and scalars as plain Python values (pydantic and other
    YAML writers then see ordinary dict, list, str, int, float)."""
    if isinstance(node, Mapping):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def io_dump(yaml: YAML, data: Any) -> str:
    import io

    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()
