"""Quizzes: one YAML bank per quiz (``quizzes/<id>.yaml``), loaded into a typed model and
rendered for the site, for notebooks (ipywidgets), for print and for LMS exports.

In a notebook::

    from tipcourse.quiz import show
    show("forms-of-exploitation")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tipcourse.errors import QuizError
from tipcourse.quiz.loader import find_bank, load_bank, load_banks
from tipcourse.quiz.model import Bank, Question

if TYPE_CHECKING:
    from tipcourse.quiz.widget import QuizWidget

__all__ = ["Bank", "Question", "QuizError", "find_bank", "load_bank", "load_banks", "show"]


def show(bank_id: str, root: str | Path | None = None, display: bool = True) -> QuizWidget:
    """Show the quiz ``bank_id`` as widgets in a notebook and return it.

    ``root`` is the course folder; by default the one holding the current folder (a notebook
    in ``notebooks/`` finds the course above it)."""
    from tipcourse.course import find_root
    from tipcourse.quiz.widget import QuizWidget

    quiz = QuizWidget(find_bank(Path(root) if root else find_root(), bank_id))
    if display:
        from IPython.display import display as ipy_display

        ipy_display(quiz.widget)
    return quiz
