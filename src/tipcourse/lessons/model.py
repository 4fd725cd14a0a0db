"""The lesson-plan model: what one lesson of the course is, validated by pydantic.

A lesson plan is data (``teacher_guide/lessons/lesson-NN.yaml``) so that the course can
check it (minutes add up, every objective is assessed, every material exists) and render it
the same way everywhere (lesson pages, the course-at-a-glance table).

Text fields are MyST Markdown: they may use roles such as ``{fact}`` and plain links.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Grouping = Literal["whole class", "individual", "pairs", "small groups"]


class _Strict(BaseModel):
    # Unknown keys are mistakes (a typo would silently drop a field otherwise).
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Objective(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="short id, e.g. define")
    text: str = Field(min_length=1, description="what students can do by the end")


class Materials(_Strict):
    """Everything the lesson uses, by name; the loader checks that each one exists."""

    chapters: list[str] = Field(default_factory=list, description="book/<name>.md")
    notebooks: list[str] = Field(default_factory=list, description="notebooks/<name>.ipynb")
    quizzes: list[str] = Field(default_factory=list, description="quizzes/<id>.yaml")
    handouts: list[str] = Field(
        default_factory=list, description="teacher_guide/handouts/<name>.md"
    )
    guide: list[str] = Field(default_factory=list, description="teacher_guide/<name>.md")
    supplies: list[str] = Field(default_factory=list, description="things to bring (free text)")


class Step(_Strict):
    title: str = Field(min_length=1)
    minutes: int = Field(gt=0, le=120, strict=True)
    grouping: Grouping
    content_note: bool = Field(
        default=False, description="the step in which the teacher gives the content note"
    )
    teacher: str = Field(min_length=1, description="what the teacher does")
    students: str = Field(min_length=1, description="what students do")


class Extension(_Strict):
    """Optional, timed work beyond the lesson's minutes (homework, a longer period, a club)."""

    title: str = Field(min_length=1)
    minutes: int = Field(gt=0, le=120)
    notebooks: list[str] = Field(default_factory=list, description="notebooks/<name>.ipynb")
    text: str = Field(min_length=1, description="what students do and what to look for")


class Differentiation(_Strict):
    younger: str = Field(min_length=1, description="for younger students (about 13-14)")
    older: str = Field(min_length=1, description="for older students (about 16-18)")
    eal: str = Field(min_length=1, description="for students learning English")


class Assessment(_Strict):
    what: str = Field(min_length=1, description="the task or evidence")
    objectives: list[str] = Field(min_length=1, description="ids of the objectives it covers")


class Lesson(_Strict):
    title: str = Field(min_length=1)
    minutes: int = Field(ge=20, le=120, strict=True)
    essential_question: str = Field(min_length=1)
    content_note: str = Field(min_length=1, description="what the lesson touches on, for care")
    objectives: list[Objective] = Field(min_length=1)
    materials: Materials = Field(default_factory=Materials)
    steps: list[Step] = Field(min_length=1)
    differentiation: Differentiation
    assessment: list[Assessment] = Field(min_length=1)
    extensions: list[Extension] = Field(default_factory=list)

    # Set by the loader from the file name, never read from YAML.
    _id: str = PrivateAttr(default="")
    _source: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        """The lesson's id: its file name without .yaml, e.g. lesson-01."""
        return self._id

    @property
    def number(self) -> int:
        digits = "".join(c for c in self._id if c.isdigit())
        return int(digits) if digits else 0

    @property
    def source(self) -> str:
        """The YAML file, relative to the course root."""
        return self._source

    def objective_ids(self) -> list[str]:
        return [o.id for o in self.objectives]

    def step_times(self) -> list[tuple[int, int]]:
        """(start, end) minute of each step, from the start of the lesson."""
        times, start = [], 0
        for step in self.steps:
            times.append((start, start + step.minutes))
            start += step.minutes
        return times
