"""The quiz model: a bank of questions, typed with pydantic.

The loader (``tipcourse.quiz.loader``) builds these from ``quizzes/<id>.yaml`` after checking
the YAML itself (so that every problem can name its line); the model then checks what only
the whole bank can tell (duplicate ids, sources that do not exist, answers that do not fit).
Every renderer (site, widget, print, exports) reads only this model.
"""

from __future__ import annotations

import hashlib
import math
import re
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from tipcourse.sources import Source

T = TypeVar("T")
QuestionType = Literal["single", "multiple", "true-false", "matching", "numeric"]
QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "true-false", "matching", "numeric")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Base):
    """One choice of a single- or multiple-choice question."""

    text: Text
    correct: bool = False
    feedback: Text | None = None
    # Kept at the end when the options are shuffled ("None of these").
    pinned: bool = False
    line: int | None = Field(default=None, exclude=True)


class Pair(_Base):
    """One item of a matching question and the choice that belongs to it."""

    item: Text
    match: Text


class Question(_Base):
    """One question. Which fields apply depends on ``type`` (see quizzes/SCHEMA.md)."""

    id: Ident
    type: QuestionType
    prompt: Text
    explanation: Text
    source: Ident | None = None
    teacher_note: Text | None = None
    # A heading id on the page the quiz sits in, linked from the summary ("reread this").
    section: Ident | None = None
    line: int | None = Field(default=None, exclude=True)
    # The bank's id, set by the loader: with the question id it seeds the option order.
    bank: str = Field(default="", exclude=True)
    # The words for a true/false question's two options, in the bank's language (the loader).
    true_text: str = Field(default="True", exclude=True)
    false_text: str = Field(default="False", exclude=True)
    # single / multiple
    options: tuple[Option, ...] = ()
    # true-false
    answer: bool | float | None = None
    feedback_true: Text | None = None
    feedback_false: Text | None = None
    # matching
    pairs: tuple[Pair, ...] = ()
    distractors: tuple[Text, ...] = ()
    # numeric
    tolerance: float | None = None
    unit: Text | None = None

    # Derived views the renderers share ----------------------------------------------
    @property
    def seed(self) -> str:
        return f"{self.bank}/{self.id}"

    @property
    def choices(self) -> tuple[Option, ...]:
        """Options as the student sees them everywhere (site, widget, print, keys, exports):
        shuffled in an order fixed by bank and question id, pinned options last. A
        true/false question has two, always True then False."""
        if self.type == "true-false":
            return (
                Option(text=self.true_text, correct=self.answer is True,
                       feedback=self.feedback_true),
                Option(text=self.false_text, correct=self.answer is False,
                       feedback=self.feedback_false),
            )
        return tuple(self.options[i] for i in self.option_order)

    @property
    def option_order(self) -> list[int]:
        """Author's option indexes in the order shown."""
        free = [i for i, o in enumerate(self.options) if not o.pinned]
        pinned = [i for i, o in enumerate(self.options) if o.pinned]
        return stable_shuffle(self.seed, free) + pinned

    @property
    def correct_indexes(self) -> list[int]:
        return [i for i, option in enumerate(self.choices) if option.correct]

    @property
    def match_choices(self) -> list[str]:
        """The choices a matching question offers: every match and distractor, once each,
        shuffled like options so the order never gives the answer away and stays the same
        in every output."""
        choices = list(dict.fromkeys([*(p.match for p in self.pairs), *self.distractors]))
        return stable_shuffle(self.seed + "/match", choices)

    @property
    def number(self) -> float:
        assert self.type == "numeric" and isinstance(self.answer, float | int)
        return float(self.answer)

    def grade(self, response: object) -> bool:
        """Whether a response is right: an option index (single, true-false), a set of
        indexes (multiple), a list of chosen matches in pair order (matching), a number."""
        if self.type in ("single", "true-false"):
            return response in self.correct_indexes and len(self.correct_indexes) == 1
        if self.type == "multiple":
            return isinstance(response, set | frozenset | list | tuple) and set(response) == set(
                self.correct_indexes
            )
        if self.type == "matching":
            return isinstance(response, list | tuple) and list(response) == [
                p.match for p in self.pairs
            ]
        if self.type == "numeric":
            try:
                value = float(response)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                return False
            tol = self.tolerance or 0.0
            return math.isfinite(value) and abs(value - self.number) <= tol + 1e-9
        return False

    def answer_text(self) -> str:
        """The correct answer in words (answer keys, exports)."""
        if self.type in ("single", "multiple", "true-false"):
            return "; ".join(o.text for o in self.choices if o.correct)
        if self.type == "matching":
            return "; ".join(f"{p.item} → {p.match}" for p in self.pairs)
        tol = f" (± {format_number(self.tolerance or 0)})" if self.tolerance else ""
        unit = f" {self.unit}" if self.unit else ""
        return f"{format_number(self.number)}{unit}{tol}"

    def texts(self) -> list[str]:
        """Every piece of student-facing text (for checks such as 'figures need a source')."""
        out = [self.prompt, self.explanation]
        for option in self.options:
            out += [option.text, option.feedback or ""]
        out += [self.feedback_true or "", self.feedback_false or ""]
        for pair in self.pairs:
            out += [pair.item, pair.match]
        out += list(self.distractors)
        return [t for t in out if t]


def stable_shuffle(seed: str, items: list[T]) -> list[T]:
    """items in an order that looks random but depends only on seed and each item's place:
    every build, printed sheet and export shows the same order, and editing an option's
    text does not move it. (sha256 rather than ``random``: its output is fixed by standard.)"""
    ranked = sorted(range(len(items)),
                    key=lambda i: hashlib.sha256(f"{seed}#{i}".encode()).digest())
    return [items[i] for i in ranked]


def format_number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))


_DIGIT = re.compile(r"\d")


class Bank(_Base):
    """A quiz: ``quizzes/<id>.yaml``."""

    id: Ident
    title: Text
    intro: Text | None = None
    sources: dict[Ident, Source] = Field(default_factory=dict)
    questions: tuple[Question, ...]
    path: str = Field(default="", exclude=True)

    def question(self, qid: str) -> Question:
        for question in self.questions:
            if question.id == qid:
                return question
        raise KeyError(qid)

    def source_of(self, question: Question) -> Source | None:
        return self.sources.get(question.source) if question.source else None

    @staticmethod
    def mentions_figure(question: Question) -> bool:
        return any(_DIGIT.search(t) for t in question.texts())
