"""Read ``quizzes/<id>.yaml`` into a :class:`~tipcourse.quiz.model.Bank`, or raise QuizError.

The YAML is read with ruamel (round-trip mode keeps every key's line), checked here for the
mistakes an author makes (with the line at fault and what to do about it), then validated by
the pydantic model. Anything pydantic still rejects is reported at the line its path points to.
No other exception escapes for bad input: a property-based test feeds this random banks.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from tipcourse.errors import QuizError
from tipcourse.languages import N_, SOURCE_LANGUAGE, FieldPath, translate_source, ui
from tipcourse.quiz.model import QUESTION_TYPES, Bank
from tipcourse.yamlio import line_of, parse_yaml, validate

BANK_KEYS = ("id", "title", "intro", "sources", "questions")
SOURCE_KEYS = ("title", "url", "where")
OPTION_KEYS = ("text", "correct", "feedback", "pinned")
PAIR_KEYS = ("item", "match")
COMMON_KEYS = ("id", "type", "prompt", "explanation", "source", "teacher_note", "section")
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "single": ("options",),
    "multiple": ("options",),
    "true-false": ("answer", "feedback_true", "feedback_false"),
    "matching": ("pairs", "distractors"),
    "numeric": ("answer", "tolerance", "unit"),
}
ALL_QUESTION_KEYS = tuple(dict.fromkeys(COMMON_KEYS + sum(TYPE_KEYS.values(), ())))
# The fields that hold reader-facing text: what a translation replaces (tipcourse.languages).
BANK_TEXT: tuple[FieldPath, ...] = (
    ("title",), ("intro",), ("sources", "*", "where"),
    *(("questions", "*", key) for key in ("prompt", "explanation", "teacher_note",
                                          "feedback_true", "feedback_false", "unit",
                                          "distractors")),
    ("questions", "*", "options", "*", "text"), ("questions", "*", "options", "*", "feedback"),
    ("questions", "*", "pairs", "*", "item"), ("questions", "*", "pairs", "*", "match"),
)
MIN_MATCH_PAIRS = 3
TRUE, FALSE = N_("True"), N_("False")  # Moodle's matching question needs at least three answers


class _Checker:
    """Checks one parsed bank, raising QuizError at the first problem (with its line)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: Any, key: Any, message: str, hint: str | None = None) -> None:
        raise QuizError(self.path, line_of(node, key) if node is not None else None, message, hint)

    # Generic shape checks -------------------------------------------------------------
    def mapping(self, node: Any, parent: Any, key: Any, what: str) -> Mapping[Any, Any]:
        if not isinstance(node, Mapping):
            self.fail(parent, key, f"{what} must be a mapping of 'key: value' lines",
                      "indent its fields under it")
        return node

    def sequence(self, node: Any, parent: Any, key: Any, what: str) -> Sequence[Any]:
        if not isinstance(node, list):
            self.fail(parent, key, f"'{key}' must be a list of {what}",
                      "start each entry on its own line with '- '")
        return node

    def known_keys(self, node: Mapping[Any, Any], allowed: Sequence[str], what: str,
                   also_known: Sequence[str] = ()) -> None:
        for key in node:
            if isinstance(key, str) and key in allowed:
                continue
            name = str(key)
            if isinstance(key, str) and key in also_known:
                self.fail(node, key, f"'{name}' does not belong to {what}",
                          f"{what} takes: {', '.join(allowed)}")
            near = difflib.get_close_matches(name, [*allowed, *also_known], n=1, cutoff=0.6)
            hint = f"did you mean '{near[0]}'?" if near else f"known keys: {', '.join(allowed)}"
            self.fail(node, key, f"unknown key '{name}' in {what}", hint)

    def text(self, node: Mapping[Any, Any], key: str, what: str, required: bool = True) -> None:
        if key not in node or node[key] is None:
            if required:
                self.fail(node, None, f"{what} has no '{key}'", f"add '{key}: ...'")
            return
        value = node[key]
        if not isinstance(value, str):
            self.fail(node, key, f"'{key}' must be text, not {type(value).__name__}",
                      "put the text in quotes")
        if not value.strip():
            self.fail(node, key, f"empty text in '{key}'", f"write the {key} or remove the key")

    def ident(self, node: Mapping[Any, Any], key: str, what: str) -> str:
        self.text(node, key, what)
        value = str(node[key]).strip()
        if not all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in value) or (
            value.startswith("-")
        ):
            self.fail(node, key, f"{key} '{value}' is not a valid id",
                      "use lower-case letters, digits and '-', like 'farm-passports'")
        return value

    # The bank -------------------------------------------------------------------------
    def bank(self, data: Any) -> None:
        if data is None:
            raise QuizError(self.path, 1, "the bank is empty", "see quizzes/SCHEMA.md")
        if not isinstance(data, Mapping):
            raise QuizError(self.path, line_of(data) or 1, "a bank must be a mapping",
                            "start with 'id:', 'title:' and 'questions:'")
        self.known_keys(data, BANK_KEYS, "the bank", ALL_QUESTION_KEYS)
        bank_id = self.ident(data, "id", "the bank")
        if bank_id != self.path.stem:
            self.fail(data, "id", f"id '{bank_id}' does not match the file name",
                      f"use 'id: {self.path.stem}' or rename the file")
        self.text(data, "title", "the bank")
        self.text(data, "intro", "the bank", required=False)
        sources = data.get("sources") or {}
        if "sources" in data:
            sources = self.mapping(data["sources"], data, "sources", "'sources'")
            for name, source in sources.items():
                self.mapping(source, sources, name, f"source '{name}'")
                self.known_keys(source, SOURCE_KEYS, f"source '{name}'")
                self.text(source, "title", f"source '{name}'")
                self.text(source, "url", f"source '{name}'", required=False)
                url = source.get("url")
                if isinstance(url, str) and not url.startswith(("https://", "http://")):
                    self.fail(source, "url", f"source '{name}' has a url that is not a web address",
                              "start it with https://")
                self.text(source, "where", f"source '{name}'", required=False)
        if "questions" not in data or data["questions"] is None:
            self.fail(data, None, "the bank has no 'questions'", "add a list of questions")
        questions = self.sequence(data["questions"], data, "questions", "questions")
        if not questions:
            self.fail(data, "questions", "the bank has no questions", "add at least one")
        seen: dict[str, int | None] = {}
        for index, question in enumerate(questions):
            self.mapping(question, questions, index, f"question {index + 1}")
            qid = self.question(question, index, sources)
            if qid in seen:
                self.fail(question, "id", f"duplicate question id '{qid}'",
                          f"the first is on line {seen[qid]}; give each question its own id")
            seen[qid] = line_of(question, "id")

    def question(self, q: Mapping[Any, Any], index: int, sources: Mapping[Any, Any]) -> str:
        what = f"question {index + 1}"
        if "type" not in q:
            self.fail(q, None, f"{what} has no 'type'",
                      f"add 'type:' with one of {', '.join(QUESTION_TYPES)}")
        kind = q["type"]
        if not isinstance(kind, str) or kind not in QUESTION_TYPES:
            near = difflib.get_close_matches(str(kind), QUESTION_TYPES, n=1, cutoff=0.5)
            hint = (f"did you mean '{near[0]}'?" if near
                    else f"use one of {', '.join(QUESTION_TYPES)}")
            self.fail(q, "type", f"unknown question type '{kind}'", hint)
        allowed = COMMON_KEYS + TYPE_KEYS[kind]
        self.known_keys(q, allowed, f"a {kind} question", ALL_QUESTION_KEYS)
        qid = self.ident(q, "id", what)
        what = f"question '{qid}'"
        self.text(q, "prompt", what)
        self.text(q, "explanation", what)
        self.text(q, "teacher_note", what, required=False)
        if q.get("section") is not None:
            self.ident(q, "section", what)
        if q.get("source") is not None:
            source = q["source"]
            if not isinstance(source, str) or source not in sources:
                known = [str(s) for s in sources]
                near = difflib.get_close_matches(str(source), known, n=1, cutoff=0.6)
                hint = (f"did you mean '{near[0]}'?" if near
                        else "add it under 'sources:' at the top of the bank")
                self.fail(q, "source", f"unknown source '{source}'", hint)
        getattr(self, "q_" + kind.replace("-", "_"))(q, what)
        return qid

    def q_single(self, q: Mapping[Any, Any], what: str) -> None:
        correct = self.options(q, what)
        if correct > 1:
            self.fail(q, "options", f"single-choice {what} has {correct} correct answers",
                      "mark exactly one option 'correct: true', or use 'type: multiple'")

    def q_multiple(self, q: Mapping[Any, Any], what: str) -> None:
        self.options(q, what)

    def options(self, q: Mapping[Any, Any], what: str) -> int:
        if "options" not in q:
            self.fail(q, None, f"{what} has no 'options'", "add a list of options")
        options = self.sequence(q["options"], q, "options", "options")
        if len(options) < 2:
            self.fail(q, "options", f"{what} needs at least two options", "add another option")
        texts: set[str] = set()
        correct = 0
        for i, option in enumerate(options):
            option = self.mapping(option, options, i, f"option {i + 1}")
            self.known_keys(option, OPTION_KEYS, "an option")
            self.text(option, "text", f"option {i + 1}")
            self.text(option, "feedback", f"option {i + 1}", required=False)
            flag = option.get("correct", False)
            if not isinstance(flag, bool):
                self.fail(option, "correct", "'correct' must be true or false",
                          "write 'correct: true' or leave it out")
            correct += flag
            if not isinstance(option.get("pinned", False), bool):
                self.fail(option, "pinned", "'pinned' must be true or false",
                          "write 'pinned: true' to keep this option last, or leave it out")
            if option["text"].strip() in texts:
                self.fail(options, i, f"{what} lists the option '{option['text']}' twice",
                          "make every option different")
            texts.add(option["text"].strip())
        if correct == 0:
            self.fail(q, "options", f"{what} has no correct answer",
                      "mark the right option with 'correct: true'")
        return correct

    def q_true_false(self, q: Mapping[Any, Any], what: str) -> None:
        if "answer" not in q:
            self.fail(q, None, f"{what} has no correct answer",
                      "add 'answer: true' or 'answer: false'")
        if not isinstance(q["answer"], bool):
            self.fail(q, "answer", "a true-false answer must be true or false",
                      "write 'answer: true' or 'answer: false'")
        self.text(q, "feedback_true", what, required=False)
        self.text(q, "feedback_false", what, required=False)

    def q_matching(self, q: Mapping[Any, Any], what: str) -> None:
        if "pairs" not in q:
            self.fail(q, None, f"{what} has no 'pairs'", "add a list of 'item:' and 'match:'")
        pairs = self.sequence(q["pairs"], q, "pairs", "pairs")
        if len(pairs) < MIN_MATCH_PAIRS:
            self.fail(q, "pairs", f"{what} needs at least {MIN_MATCH_PAIRS} pairs",
                      "add pairs (LMS matching questions need three)")
        items: set[str] = set()
        for i, pair in enumerate(pairs):
            pair = self.mapping(pair, pairs, i, f"pair {i + 1}")
            self.known_keys(pair, PAIR_KEYS, "a pair")
            self.text(pair, "item", f"pair {i + 1}")
            self.text(pair, "match", f"pair {i + 1}")
            if pair["item"].strip() in items:
                self.fail(pairs, i, f"{what} lists the item '{pair['item']}' twice",
                          "make every item different")
            items.add(pair["item"].strip())
        if "distractors" in q:
            distractors = self.sequence(q["distractors"], q, "distractors", "extra choices")
            matches = {str(p["match"]).strip() for p in pairs}
            for i, extra in enumerate(distractors):
                if not isinstance(extra, str) or not extra.strip():
                    self.fail(distractors, i, "empty text in 'distractors'", "write the choice")
                if extra.strip() in matches:
                    self.fail(distractors, i, f"distractor '{extra}' is also a right match",
                              "remove it from 'distractors'")

    def q_numeric(self, q: Mapping[Any, Any], what: str) -> None:
        if "answer" not in q:
            self.fail(q, None, f"{what} has no correct answer", "add 'answer: <number>'")
        if not _is_number(q["answer"]):
            self.fail(q, "answer", "a numeric answer must be a finite number",
                      "write digits only, like 'answer: 25' (no % or commas)")
        if "tolerance" not in q or q["tolerance"] is None:
            self.fail(q, None, f"numeric {what} has no tolerance",
                      "add 'tolerance: 0' for an exact answer, or how far off still counts")
        if not _is_number(q["tolerance"]) or q["tolerance"] < 0:
            self.fail(q, "tolerance", "tolerance must be a number of zero or more",
                      "write e.g. 'tolerance: 1'")
        self.text(q, "unit", what, required=False)


def _is_number(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)
            and math.isfinite(value))



def parse_bank(text: str, path: Path, lang: str = SOURCE_LANGUAGE,
               root: Path | None = None) -> Bank:
    """Validate a bank's YAML text (``path`` names it in errors and gives its expected id),
    in ``lang`` (the catalogue of the course at ``root``, else the package's)."""
    data = parse_yaml(text, path, QuizError, "fix the syntax: check indentation and quotes")
    _Checker(path).bank(data)
    data = translate_source(data, root, f"quizzes/{Path(path).name}", lang, BANK_TEXT)
    bank = validate(Bank, data, path, QuizError, "see quizzes/SCHEMA.md",
                    extra={"path": str(path)})
    t = ui(lang)
    questions = [
        q.model_copy(update={
            "line": line_of(data["questions"], i), "bank": bank.id,
            "true_text": t(TRUE), "false_text": t(FALSE),
            "options": tuple(
                o.model_copy(update={"line": line_of(data["questions"][i]["options"], j)})
                for j, o in enumerate(q.options)
            ),
        })
        for i, q in enumerate(bank.questions)
    ]
    bank = bank.model_copy(update={"questions": tuple(questions)})
    for question in bank.questions:
        if question.source is None and Bank.mentions_figure(question):
            raise QuizError(path, question.line,
                            f"question '{question.id}' gives a figure but no source",
                            "add 'source: <id>' naming an entry under 'sources:'")
    return bank


def load_bank(path: str | Path, root: str | Path | None = None,
              lang: str = SOURCE_LANGUAGE) -> Bank:
    """Load one bank file in ``lang``; with ``root``, errors name the file relative to the
    course."""
    path = Path(path)
    if root is not None:
        try:
            path = path.resolve().relative_to(Path(root).resolve())
        except ValueError:
            pass
        else:
            return _load(Path(root) / path, path, lang, Path(root))
    return _load(path, path, lang, None)


def _load(path: Path, shown: Path, lang: str, root: Path | None) -> Bank:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QuizError(shown, None, "quiz bank not found",
                        f"create quizzes/{path.stem}.yaml or check the id") from None
    except UnicodeDecodeError as exc:
        raise QuizError(shown, None, f"not UTF-8 text ({exc.reason})", "save it as UTF-8") from None
    return parse_bank(text, shown, lang, root)


def find_bank(root: str | Path, bank_id: str, lang: str = SOURCE_LANGUAGE) -> Bank:
    """The bank ``quizzes/<bank_id>.yaml`` of the course at ``root``."""
    if not bank_id or "/" in bank_id or "\\" in bank_id or bank_id.startswith("."):
        raise QuizError("quizzes", None, f"'{bank_id}' is not a quiz id",
                        "give the bank's file name without .yaml")
    return load_bank(Path(root) / "quizzes" / f"{bank_id}.yaml", root, lang)


def bank_paths(root: str | Path) -> list[Path]:
    return sorted((Path(root) / "quizzes").glob("*.yaml"))


def load_banks(root: str | Path, lang: str = SOURCE_LANGUAGE) -> Iterator[Bank]:
    """Every bank of the course at ``root`` (quizzes/*.yaml) in ``lang``, in file-name order."""
    for path in bank_paths(root):
        yield load_bank(path, root, lang)
