"""``tipcourse check`` for quizzes: every bank loads, and every quiz a page names exists."""

from __future__ import annotations

import json
import re

from tipcourse.course import Course
from tipcourse.errors import QuizError
from tipcourse.quiz.loader import bank_paths, find_bank, load_banks

# ```{quiz} id  /  :::{answer-key} id  /  show("id")
_DIRECTIVE = re.compile(r"^\s*(?:`{3,}|:{3,})\{(quiz|answer-key|quiz-sheet)\}\s*(\S*)")
_SHOW = re.compile(r"""\bshow\(\s*["']([^"']+)["']""")


def check_banks(course: Course) -> str:
    banks = list(load_banks(course.root))
    count = sum(len(b.questions) for b in banks)
    return f"quizzes: {len(banks)} banks, {count} questions valid"


def check_references(course: Course) -> str:
    """Every ```{quiz} id``` (and answer-key, quiz-sheet, notebook show("id")) names a bank."""
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
