"""Domain errors: every loader raises one of these, carrying the file and line at fault.

The CLI prints them as ``path:line: message`` (no traceback) and exits non-zero.
"""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """Something in a course source (config, page, quiz bank, lesson, fact, data) is wrong."""

    def __init__(
        self, path: str | Path, line: int | None, message: str, hint: str | None = None
    ) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(self.one_line())

    def __reduce__(self) -> tuple:
        # Rebuilt from its parts when it crosses processes (the languages build in parallel).
        return (type(self), (self.path, self.line, self.message, self.hint))

    def one_line(self) -> str:
        where = _shown(self.path)
        if self.line:
            where += f":{self.line}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        # Quoted input (a key, a value) may hold line breaks; the report stays one line.
        return text.translate(_ONE_LINE)


_ONE_LINE = {ord("\n"): "\\n", ord("\r"): "\\r", ord("\u2028"): " ", ord("\u2029"): " "}


class ConfigError(SourceError):
    """_config.yml or _toc.yml is invalid, or a page listed in the table of contents is missing."""


class ContentError(SourceError):
    """A page breaks one of the course's content rules (structure, sourced figures)."""


class BuildError(SourceError):
    """Sphinx reported a warning or error while building an edition."""


class QuizError(SourceError):
    """A quiz bank (quizzes/*.yaml) is invalid."""


class LessonError(SourceError):
    """A lesson plan is invalid."""


class FactError(SourceError):
    """A headline figure in facts.yml is invalid or not sourced well enough."""


class DataError(SourceError):
    """The UNODC data file is missing, has another layout, or fails its checksum."""

    def _render_traceback_(self) -> list[str]:
        """What IPython shows instead of a traceback when a notebook cannot load the data:
        one sentence a student can act on, then the technical line."""
        return [
            "The data could not be loaded. Check the internet connection and run this cell "
            "again, or ask your teacher for the data folder.",
            f"(Details: {self.one_line()})",
        ]


class SchoolError(SourceError):
    """The school settings (school.yml) are invalid."""


def _shown(path: str) -> str:
    """The path relative to the working folder when it lies inside it (shorter, clickable)."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return path
