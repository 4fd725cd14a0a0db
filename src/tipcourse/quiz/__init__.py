"""Quizzes: one YAML bank per quiz (``quizzes/<id>.yaml``), loaded into a typed model and
rendered for the site, for notebooks (ipywidgets), for print and for LMS exports.

In a notebook::

    from tipcourse.quiz import show
    show("forms-of-exploitation")
"""

from __future__ import annotations

from pathlib import Path

from tipcourse.errors import QuizError
from tipcourse.quiz.loader import find_bank, load_bank, load_banks
from tipcourse.quiz.model import Bank, Question

__all__ = ["Bank", "Question", "QuizError", "find_bank", "load_bank", "load_banks", "show"]


def show(bank_id: str, root: str | Path | None = None) -> None:
    """Show the quiz ``bank_id`` as widgets in a notebook.

    The bank comes from the course folder holding the current folder (``quizzes/``, the
    one source) or, outside a course folder (a downloaded notebook, Colab), from the copy
    of the banks shipped inside the package. Returns nothing, so Jupyter shows it once."""
    from IPython.display import display

    from tipcourse.quiz.widget import QuizWidget

    display(QuizWidget(_find(bank_id, root)).widget)


def _find(bank_id: str, root: str | Path | None) -> Bank:
    """The bank in the notebook's language (``TIPCOURSE_LANG``, set by the build)."""
    from tipcourse.course import find_root
    from tipcourse.errors import ConfigError
    from tipcourse.languages import current_language

    lang = current_language()
    if root is None:
        try:
            root = find_root()
        except ConfigError:
            return load_bank(shipped_banks() / f"{bank_id}.yaml", lang=lang)
    return find_bank(Path(root), bank_id, lang)


def shipped_banks() -> Path:
    """The banks inside the installed package (``tipcourse/quiz/banks``, a link to
    ``quizzes/`` in the source tree, so the YAML there stays the one source)."""
    return Path(__file__).parent / "banks"
