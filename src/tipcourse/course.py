"""The course on disk: where its configuration, table of contents and pages are, and the
checks that every source can be read before anything is built.

``_config.yml`` and ``_toc.yml`` are read with line numbers (``tipcourse.yamlio``) so that a
problem can be reported at its line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from tipcourse.errors import ConfigError
from tipcourse.yamlio import line_of, plain, read_yaml

PAGE_SUFFIXES = (".md", ".ipynb")

# The table of contents' reader-facing text: the menu's captions (tipcourse.languages).
TOC_TEXT = (("parts", "*", "caption"),)
# The configuration's reader-facing text: the course's title, its author, the footer.
CONFIG_TEXT = (("title",), ("author",), ("html", "extra_footer"))


class Edition(StrEnum):
    """Who a build is for. The student edition is the default and the one safe to publish;
    the teacher edition adds the teaching guide, answer keys, solutions and teacher notes."""

    STUDENT = "student"
    TEACHER = "teacher"


EDITIONS = tuple(Edition)


def teacher_first(editions: Iterable[str]) -> list[Edition]:
    """The editions to build, teacher first: it executes every notebook into the shared
    cache, which the student edition then reads."""
    return sorted({Edition(e) for e in editions}, key=lambda e: e != Edition.TEACHER)


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

    def work_dir(self, edition: str, lang: str = "en") -> Path:
        return self.build_dir / ".work" / lang / edition

    @property
    def sites_dir(self) -> Path:
        """Every built site, as ``<lang>/<edition>/``."""
        return self.build_dir / "site"

    def site_dir(self, edition: str, lang: str = "en") -> Path:
        return self.sites_dir / lang / edition

    def pdf_dir(self, lang: str = "en") -> Path:
        return self.build_dir / "pdf" / lang

    @property
    def facts_path(self) -> Path:
        """The headline figures pages cite with the ``fact`` role."""
        return self.root / "book" / "facts.yml"

    # Sources ---------------------------------------------------------------------------
    def config(self) -> dict[str, Any]:
        data = read_yaml(self.config_path, ConfigError)
        if not isinstance(data, dict):
            raise ConfigError(self.config_path, 1, "expected a mapping of settings")
        return data

    def toc(self) -> dict[str, Any]:
        data = read_yaml(self.toc_path, ConfigError)
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

    def edition_excludes(self, edition: str) -> list[str]:
        """Folders an edition leaves out whatever its table of contents lists: the student
        edition leaves out the teaching guide."""
        return [f"{self.teacher_dir_name}/**"] if edition == Edition.STUDENT else []

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
        if edition == Edition.TEACHER:
            # Teachers come for the teaching guide: its parts lead the menu.
            parts = toc.get("parts")
            if not parts:
                return toc
            first = sorted(parts, key=lambda part: not self._has_teacher_page(part))
            return {**toc, "parts": first}

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

    def _has_teacher_page(self, node: Any) -> bool:
        if isinstance(node, dict):
            if "file" in node and self.is_teacher_page(str(node["file"])):
                return True
            return any(self._has_teacher_page(child) for key in ("chapters", "sections")
                       for child in node.get(key) or [])
        return False

    def write_edition_toc(self, edition: str, path: Path, lang: str = "en") -> None:
        from tipcourse.languages import translate_source

        toc = translate_source(self.edition_toc(edition), self.root, self.toc_path.name, lang,
                               TOC_TEXT)
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



def io_dump(yaml: YAML, data: Any) -> str:
    import io

    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()
