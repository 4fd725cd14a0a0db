"""Every YAML loader, fed random and hostile text: it returns a model or raises one
``SourceError`` whose message is one line; never another exception, never a hang (each
example has a hypothesis deadline)."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from tipcourse.course import Course
from tipcourse.errors import SourceError

REPO = Path(__file__).resolve().parent.parent
WORK = Path(tempfile.mkdtemp(prefix="tipcourse-fuzz-"))

HOSTILE = [
    # alias bombs of several shapes
    "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
              + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]),
    "\n".join(["a0: &a0 {k: v, l: w}"]
              + [f"a{i}: &a{i} {{{', '.join(f'k{j}: *a{i - 1}' for j in range(9))}}}"
                 for i in range(1, 9)]),
    "questions: &q [*q, *q]\n",
    "a: &a {<<: *a}\n",
    "base: &b {id: x}\nquestions: [{<<: *b}, {<<: *b}]\n",
    # nesting and size
    "[" * 3000 + "]" * 3000,
    "{a: " * 2000 + "1" + "}" * 2000,
    "- " * 2000 + "x",
    "title: " + "x" * 200_000,
    "# " + "x" * 1_200_000,
    # tags, numbers, odd scalars
    "!!python/object/apply:os.system ['echo hacked']",
    "title: !!binary aGVsbG8=\n",
    "minutes: !!int\n",
    "minutes: 1e400\nid: .nan\n",
    "minutes: 0x7fffffffffffffffffffffffffffffff\n",
    "title: !custom {a: 1}\n",
    "? [a, b]\n: c\n",
    "? {a: 1}\n: 2\n",
    "a: 1\na: 2\n",
    "\ufeffid: x\n",
    "id: \x00\x07\n",
    "\tid: x\n",
    "id: 'unterminated\n",
    "---\nid: a\n---\nid: b\n",
    "%YAML 9.9\n---\nid: x\n",
    "facts: {x: {value: 1, source: &s {title: t}, status: V}, y: {value: *s, source: *s}}\n",
    "steps: [{minutes: true}, {minutes: .inf}]\nminutes: [1]\n",
]


def _sample(name: str) -> str:
    return (REPO / name).read_text(encoding="utf-8")


SAMPLES = [_sample("quizzes/defining-trafficking.yaml"),
           _sample("teacher_guide/lessons/lesson-01.yaml"), _sample("book/facts.yml")]

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=20))
trees = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5),
                               st.dictionaries(st.text(max_size=10), children, max_size=5)),
    max_leaves=30,
)


def _dump(data: Any) -> str:
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, stream)
    return stream.getvalue()


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A real source with a slice replaced by random text or a hostile snippet."""
    text = draw(st.sampled_from(SAMPLES))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 200)))
    insert = draw(st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE)))
    return text[:start] + insert + text[end:]


yaml_texts = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=300),
    trees.map(_dump),
    mutated(),
)


def _quiz(text: str) -> Any:
    from tipcourse.quiz.loader import parse_bank

    return parse_bank(text, WORK / "quizzes" / "bank.yaml")


def _lesson(text: str) -> Any:
    from tipcourse.lessons.loader import load_lesson

    lessons = WORK / "course" / "teacher_guide" / "lessons"
    lessons.mkdir(parents=True, exist_ok=True)
    (lessons / "lesson-01.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    return load_lesson(Course(WORK / "course"), "lesson-01")


def _facts(text: str) -> Any:
    from tipcourse.data.facts import load_facts

    path = WORK / "facts.yml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return load_facts(path)


def _config(text: str) -> Any:
    root = WORK / "config"
    root.mkdir(exist_ok=True)
    (root / "_config.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
    return Course(root).config()


def _school(text: str) -> Any:
    from tipcourse.school import load_school

    root = WORK / "school"
    root.mkdir(exist_ok=True)
    (root / "school.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
    return load_school(root)


LOADERS: dict[str, Callable[[str], Any]] = {
    "quizzes": _quiz, "lessons": _lesson, "facts": _facts, "config": _config,
    "school": _school,
}


@pytest.mark.parametrize("kind", sorted(LOADERS))
@settings(max_examples=80, deadline=timedelta(seconds=3),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=yaml_texts)
def test_loader_returns_a_model_or_one_source_error(kind: str, text: str) -> None:
    try:
        LOADERS[kind](text)
    except SourceError as exc:
        assert "\n" not in exc.one_line()
