"""``tipcourse check`` for quizzes: every bank loads and teaches well, and every quiz a page
names exists.

The teaching rules (:func:`bank_problems`) work on the loaded model, so a test can feed them
any bank: every wrong option explains itself, shuffling leaves no favourite answer position,
prompts are short and unlike each other, and a bank fits the lesson step that uses it.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterable

from tipcourse.course import Course
from tipcourse.errors import QuizError, SourceError
from tipcourse.quiz.loader import bank_paths, find_bank, load_banks
from tipcourse.quiz.model import Bank, Question

# ```{quiz} id  /  :::{answer-key} id  /  show("id")
_DIRECTIVE = re.compile(r"^\s*(?:`{3,}|:{3,})\{(quiz|answer-key|quiz-sheet)\}\s*(\S*)")
_SHOW = re.compile(r"""\bshow\(\s*["']([^"']+)["']""")

MAX_PROMPT_WORDS = 40
# Prompts this alike (difflib ratio, case and spacing ignored) ask the same thing twice.
SIMILAR = 0.8
# Seconds a student in grade 8 needs to read, answer and read the feedback (30–45 s a
# question; matching has several items).
SECONDS = {"true-false": 30, "single": 40, "multiple": 45, "numeric": 45, "matching": 60}
LETTERS = "ABCDEFGHIJ"


def seconds(bank: Bank) -> int:
    return sum(SECONDS[q.type] for q in bank.questions)


def _words(text: str) -> int:
    return len(text.split())


def _wrong_without_feedback(q: Question) -> tuple[str, int | None] | None:
    if q.type in ("single", "multiple"):
        for option in q.options:
            if not option.correct and not option.feedback:
                return option.text, option.line
    if q.type == "true-false":
        missing = q.feedback_true if q.answer is False else q.feedback_false
        if not missing:
            return ("True" if q.answer is False else "False"), q.line
    return None


def bank_problems(bank: Bank) -> list[QuizError]:
    """What in one bank works against learning, each as ``path:line: message (hint)``."""
    problems: list[QuizError] = []
    for q in bank.questions:
        missing = _wrong_without_feedback(q)
        if missing:
            text, line = missing
            key = "feedback_true/feedback_false" if q.type == "true-false" else "feedback"
            problems.append(QuizError(
                bank.path, line, f"question '{q.id}': the wrong option '{text}' has no feedback",
                f"add '{key}:' with one sentence on why it is wrong"))
        if _words(q.prompt) >= MAX_PROMPT_WORDS:
            problems.append(QuizError(
                bank.path, q.line,
                f"question '{q.id}': the prompt has {_words(q.prompt)} words",
                f"keep it under {MAX_PROMPT_WORDS}: move background into the intro or cut it"))
    singles = [q for q in bank.questions if q.type == "single"]
    if len(singles) >= 2:
        places = Counter(q.correct_indexes[0] for q in singles)
        place, count = places.most_common(1)[0]
        if count > len(singles) / 2:
            last = [q for q in singles if q.correct_indexes[0] == place][-1]
            problems.append(QuizError(
                bank.path, last.line,
                f"the right answer is option {LETTERS[place]} in {count} of {len(singles)} "
                "single-answer questions after shuffling",
                "add or remove an option in one of them, or rename its id, to reshuffle it"))
    return problems


def similar_prompts(banks: Iterable[Bank]) -> list[QuizError]:
    """Pairs of questions, in any bank, whose prompts are nearly the same."""
    seen: list[tuple[Bank, Question, str]] = []
    problems = []
    for bank in banks:
        for q in bank.questions:
            text = " ".join(q.prompt.casefold().split())
            for other_bank, other, other_text in seen:
                if difflib.SequenceMatcher(None, text, other_text).ratio() >= SIMILAR:
                    problems.append(QuizError(
                        bank.path, q.line,
                        f"question '{q.id}' asks what '{other.id}' asks "
                        f"({other_bank.path}:{other.line})",
                        "ask something else, or remove one of them"))
            seen.append((bank, q, text))
    return problems


def _minutes(seconds: int) -> str:
    return f"{seconds / 60:.1f}".rstrip("0").rstrip(".")


def _quiz_steps(course: Course) -> dict[str, list[str]]:
    """bank id -> "lesson-03 step 'Quiz, forms of exploitation': 7 min" for each lesson
    that lists the bank and has a step named after a quiz."""
    from tipcourse.lessons.loader import load_lessons

    out: dict[str, list[str]] = {}
    for lesson in load_lessons(course):
        steps = [s for s in lesson.steps if "quiz" in s.title.casefold()]
        for bank_id in lesson.materials.quizzes:
            for step in steps:
                out.setdefault(bank_id, []).append(
                    f"{lesson.id} step '{step.title}': {step.minutes} min")
    return out


def timing_lines(course: Course, banks: list[Bank]) -> list[str]:
    try:
        steps = _quiz_steps(course)
    except (SourceError, ImportError, AttributeError):
        steps = {}  # the lesson check reports broken lessons; show the estimates alone
    lines = []
    for bank in banks:
        line = (f"  {bank.id}: {len(bank.questions)} questions, about "
                f"{_minutes(seconds(bank))} min")
        if steps.get(bank.id):
            line += " (" + "; ".join(steps[bank.id]) + ")"
        lines.append(line)
    return lines


def check_banks(course: Course) -> str:
    banks = list(load_banks(course.root))
    problems = [p for bank in banks for p in bank_problems(bank)] + similar_prompts(banks)
    if problems:
        raise problems[0]
    count = sum(len(b.questions) for b in banks)
    return "\n".join([f"quizzes: {len(banks)} banks, {count} questions valid",
                      *timing_lines(course, banks)])


_HEADING = re.compile(r"^#{2,6}\s+(.+?)\s*#*\s*$")


def heading_ids(text: str) -> set[str]:
    """The ids Sphinx gives a Markdown page's headings (docutils' make_id of the title)."""
    from docutils.nodes import make_id

    return {make_id(m[1]) for line in text.splitlines() if (m := _HEADING.match(line))}


def _check_sections(course: Course, shown: str, text: str, bank_id: str) -> None:
    """Each question's ``section`` is a heading of the page its quiz sits on."""
    ids = heading_ids(text)
    for q in find_bank(course.root, bank_id).questions:
        if q.section and q.section not in ids:
            near = difflib.get_close_matches(q.section, sorted(ids), n=1, cutoff=0.5)
            hint = f"did you mean '{near[0]}'?" if near else "use the id of a heading there"
            raise QuizError(f"quizzes/{bank_id}.yaml", q.line,
                            f"question '{q.id}': section '{q.section}' is not a heading of "
                            f"{shown}", hint)


def check_references(course: Course) -> str:
    """Every ```{quiz} id``` (and answer-key, quiz-sheet, notebook show("id")) names a bank,
    and the sections a quiz's questions name are headings of its page."""
    have = {p.stem for p in bank_paths(course.root)}
    used = 0
    for entry in course.toc_entries():
        path = course.page_path(entry.docname)
        if path is None:
            continue
        shown = path.relative_to(course.root)
        if path.suffix == ".ipynb":
            try:
                cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
            except (ValueError, AttributeError):
                continue  # the page check reports broken notebooks
            lines = ["".join(c.get("source", "")) for c in cells if isinstance(c, dict)]
            found = [(None, m) for text in lines for m in _SHOW.findall(text)]
        else:
            found = []
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                match = _DIRECTIVE.match(line)
                if match:
                    if not match[2]:
                        raise QuizError(shown, number, f"{{{match[1]}}} names no quiz",
                                        f"write the bank id, e.g. {{{match[1]}}} blue-heart")
                    found.append((number, match[2]))
                    if match[1] == "quiz" and match[2] in have:
                        _check_sections(course, str(shown), path.read_text(encoding="utf-8"),
                                        match[2])
        for line, bank_id in found:
            used += 1
            if bank_id not in have:
                try:
                    find_bank(course.root, bank_id)
                except QuizError as exc:
                    raise QuizError(shown, line, f"quiz '{bank_id}' does not exist",
                                    f"use one of: {', '.join(sorted(have)) or 'none yet'}"
                                    ) from exc
    return f"quizzes: {used} uses in pages all name a bank"


CHECKS = [check_banks, check_references]
