"""Headline figures (the course's ``book/facts.yml``): model, loader and validation.

Each fact is a figure the UNODC data export cannot give (2023, the 2020–2023 total, shares the
report computes), with its source. Pages cite them with the ``fact`` role, so every number on
the site has one source of truth and a visible citation.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tipcourse.course import Course
from tipcourse.errors import ConfigError, FactError
from tipcourse.languages import SOURCE_LANGUAGE, FieldPath, catalogue, translate_source
from tipcourse.sources import Source
from tipcourse.yamlio import line_of, read_yaml, validate

# V: read on a UNODC or UN page. S: secondary sources only (needs a caveat).
# C (sources conflict) and U (unverified) may not be quoted as facts.
ALLOWED_STATUS = ("V", "S")


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    value: str = Field(min_length=1)
    number: float
    unit: str = Field(min_length=1)
    year: str = Field(min_length=1)
    what: str = Field(min_length=10)
    source: Source
    status: Literal["V", "S"]
    caveat: str | None = None  # how the figure was read: teacher edition and references only
    limits: str | None = None  # what every reader must know about the figure
    note: str | None = None
    line: int | None = None

    @field_validator("source")
    @classmethod
    def _cited_in_full(cls, source: Source) -> Source:
        missing = [key for key in ("short", "url", "where") if not getattr(source, key)]
        if missing:
            raise ValueError(f"the source needs {' and '.join(missing)}")
        return source

    @property
    def secondary(self) -> bool:
        return self.status == "S"



def _path(path: Path | str | None) -> Path:
    """The given file, else the facts of the course around the working folder, else (a
    downloaded notebook, Colab) the copy shipped inside the package."""
    if path is not None:
        return Path(path)
    try:
        course_facts = Course.here().facts_path
    except ConfigError:
        return SHIPPED_FACTS
    return course_facts if course_facts.is_file() else SHIPPED_FACTS


# A link to book/facts.yml in the source tree, so that file stays the one source.
SHIPPED_FACTS = Path(__file__).parent / "facts.yml"


# The fields that hold reader-facing text: what a translation replaces (tipcourse.languages).
FACT_TEXT: tuple[FieldPath, ...] = (
    *(("facts", "*", key) for key in ("value", "unit", "year", "what", "limits", "caveat")),
    ("facts", "*", "source", "short"), ("facts", "*", "source", "where"),
)
FACTS_SOURCE = "book/facts.yml"


def load_facts(path: Path | str | None = None, lang: str = SOURCE_LANGUAGE) -> dict[str, Fact]:
    """Read and validate facts.yml in ``lang``; raise FactError (with file and line) on the
    first problem."""
    path = _path(path)
    data = read_yaml(path, FactError)
    if not isinstance(data, dict) or not isinstance(data.get("facts"), dict):
        raise FactError(path, 1, "expected a mapping with a 'facts' section",
                        "see the comment at the top of facts.yml")
    course_root = path.parent.parent if path.parent.name == "book" else None
    data = translate_source(data, course_root, FACTS_SOURCE, lang, FACT_TEXT)
    facts: dict[str, Fact] = {}
    table = data["facts"]
    for fact_id, raw in table.items():
        line = line_of(table, fact_id)
        if not isinstance(raw, dict):
            raise FactError(path, line, f"fact '{fact_id}' must be a mapping", "add value, source…")
        status = str(raw.get("status", "")).strip()
        if status in ("C", "U"):
            word = "sources conflict" if status == "C" else "it is unverified"
            raise FactError(path, line_of(raw, "status") or line,
                            f"fact '{fact_id}' has status {status} ({word})",
                            "find a UNODC/UN source (V) or a secondary one with a caveat (S), "
                            "or remove the fact")
        if not raw.get("source"):
            raise FactError(path, line, f"fact '{fact_id}' has no source",
                            "add source: title, url, where")
        fact = validate(Fact, raw, path, FactError, "see the comment at the top of facts.yml",
                        extra={"id": str(fact_id), "line": line}, what=f"fact '{fact_id}'")
        if fact.secondary and not (fact.caveat and fact.caveat.strip()):
            raise FactError(path, line, f"fact '{fact_id}' has status S but no caveat",
                            "say why the figure is only secondary")
        facts[fact.id] = fact
    return facts


@lru_cache(maxsize=8)
def _cached(path: str, mtime: float, lang: str, catalogue_mtime: float) -> dict[str, Fact]:
    return load_facts(path, lang)


def facts(path: Path | str | None = None, lang: str = SOURCE_LANGUAGE) -> dict[str, Fact]:
    """The facts in ``lang``, cached while the file and its translation are unchanged."""
    path = _path(path)
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise FactError(path, None, "file not found", "restore facts.yml") from None
    course_root = path.parent.parent if path.parent.name == "book" else None
    found = catalogue(course_root, lang, FACTS_SOURCE)
    catalogue_mtime = found.path.stat().st_mtime if found.path else 0.0
    return _cached(str(path), mtime, lang, catalogue_mtime)


def course_facts(course: Course, lang: str = SOURCE_LANGUAGE) -> dict[str, Fact]:
    """The course's facts in ``lang``; a course without a facts file has none (and may cite
    none)."""
    return facts(course.facts_path, lang) if course.facts_path.is_file() else {}


def get_fact(fact_id: str, path: Path | str | None = None) -> Fact:
    table = facts(path)
    if fact_id not in table:
        raise FactError(_path(path), None, f"unknown fact '{fact_id}'",
                        f"use one of: {', '.join(sorted(table))}")
    return table[fact_id]
