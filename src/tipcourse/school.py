"""School settings: what one school changes in the course, in ``school.yml`` at the course root.

The school's name, the safeguarding lead's role title, the paper size for printing, the
video for the video lesson (address, and optionally its length and the teacher's pause
times), and the local helplines and reporting contacts, each with the date someone checked
it. The file is optional: without it every setting has its default, and pages that name
helplines tell students to ask their teacher.

Read with ruamel (every key keeps its line) and validated with pydantic; anything wrong is
one ``SchoolError`` at ``school.yml:line``. The format is described in docs/maintainers.md.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from tipcourse.course import Course
from tipcourse.errors import SchoolError
from tipcourse.languages import N_, SOURCE_LANGUAGE, FieldPath, translate_source
from tipcourse.yamlio import line_of, read_yaml, validate

SCHOOL_FILE = "school.yml"
FORMAT_HINT = "see 'School settings' in docs/maintainers.md"

# What the class looks for at each kind of pause: any part of the video fits one of them.
PAUSE_PROMPTS: dict[str, tuple[str, str]] = {
    "act": (N_("The act"),
            N_("What is being done to the person: are they recruited, moved, handed over, hidden "
            "or received? Who is doing it?")),
    "means": (N_("The means"),
              N_("How is the person tricked, pressured or controlled? Why might it be hard for "
              "them to say no or to leave?")),
    "purpose": (N_("The purpose"),
                N_("Who makes money or gains from what the person is made to do?")),
    "help": (N_("Who could help"),
             N_("Who around the person could notice that something is wrong? What could they "
             "do that is safe?")),
    "end": (N_("The ending"),
            N_("Where did you see the act, the means and the purpose? What questions does the "
            "ending leave you with?")),
}

_MIN_SEC = r"^\d{1,3}:[0-5]\d$"


def seconds(time: str) -> int:
    """'m:ss' as a number of seconds."""
    minutes, secs = time.split(":")
    return int(minutes) * 60 + int(secs)


class _Strict(BaseModel):
    # Unknown keys are mistakes (a misspelt key would silently drop a setting otherwise).
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _http(value: str | None) -> str | None:
    if value and urlsplit(value).scheme not in {"http", "https"}:
        raise PydanticCustomError(
            "address", "should be an address starting with https:// (or http://)")
    return value or None


class Contact(_Strict):
    """A helpline or reporting contact, as someone at the school checked it."""

    name: str = Field(min_length=1, description="e.g. the national child helpline's name")
    phone: str | None = Field(default=None, description="as it should be dialled locally")
    website: str | None = None
    about: str | None = Field(default=None, description="who it is for, hours, cost")
    checked: dt.date = Field(description="the date someone checked it, YYYY-MM-DD")

    _website = field_validator("website")(_http)

    @model_validator(mode="after")
    def _reachable(self) -> Contact:
        if not self.phone and not self.website:
            raise PydanticCustomError("reachable", "give a phone number or a website (or both)")
        return self


class Pause(_Strict):
    at: str = Field(pattern=_MIN_SEC, description="minutes:seconds into the video")
    prompt: Literal["act", "means", "purpose", "help", "end"]


class Video(_Strict):
    address: str | None = Field(default=None, description="where the class watches it")
    title: str | None = Field(default=None, description="the title shown with the video")
    length: str | None = Field(default=None, pattern=_MIN_SEC, description="minutes:seconds")
    pauses: list[Pause] = Field(default_factory=list)

    _address = field_validator("address")(_http)


class School(_Strict):
    name: str | None = Field(default=None, description="the school's name")
    safeguarding_lead: str = Field(
        default="designated safeguarding lead", min_length=1,
        description="the role title of the person who handles child-protection concerns",
    )
    paper: Literal["a4", "letter"] = "a4"
    video: Video = Field(default_factory=Video)
    helplines: list[Contact] = Field(default_factory=list, description="for students")
    reporting: list[Contact] = Field(default_factory=list, description="for staff")


def school_path(root: Path) -> Path:
    return root / SCHOOL_FILE


# The fields that hold reader-facing text: what a translation replaces (tipcourse.languages).
SCHOOL_TEXT: tuple[FieldPath, ...] = (
    ("name",), ("safeguarding_lead",), ("video", "title"),
    ("helplines", "*", "name"), ("helplines", "*", "about"),
    ("reporting", "*", "name"), ("reporting", "*", "about"),
)


def load_school(root: Path, lang: str = SOURCE_LANGUAGE) -> School:
    """The school settings of the course at ``root`` in ``lang``; defaults when there is no
    school.yml."""
    file = school_path(root)
    if not file.is_file():
        return School()
    data = read_yaml(file, SchoolError)
    if data is None:
        return School()
    if not isinstance(data, dict):
        raise SchoolError(file, 1, "expected a mapping of settings (name:, helplines:, ...)",
                          FORMAT_HINT)
    data = translate_source(data, root, SCHOOL_FILE, lang, SCHOOL_TEXT)
    school = validate(School, data, file, SchoolError, FORMAT_HINT)
    _check_pauses(file, data, school.video)
    return school


def _check_pauses(file: Path, data: Any, video: Video) -> None:
    pauses = data.get("video", {}).get("pauses", []) if video.pauses else []
    last = -1
    for i, pause in enumerate(video.pauses):
        at = seconds(pause.at)
        line = line_of(pauses, i)
        if at <= last:
            raise SchoolError(file, line, f"pause at {pause.at} is not after the one before it",
                              "list the pauses in the order they come in the video")
        if video.length and at > seconds(video.length):
            raise SchoolError(file, line,
                              f"pause at {pause.at} comes after the video's end ({video.length})",
                              "check the time, or the video's length")
        last = at


def check_school(course: Course) -> str:
    """``tipcourse check``: the school settings load, and say what is still unset."""
    school = load_school(course.root)
    unset = [what for what, missing in (
        ("helplines", not school.helplines),
        ("reporting contacts", not school.reporting),
        ("video address", not school.video.address),
    ) if missing]
    summary = f"school settings: {len(school.helplines)} helplines, " \
              f"{len(school.reporting)} reporting contacts"
    return summary + (f" (not set yet: {', '.join(unset)})" if unset else "")


CHECKS = [check_school]
