"""The exporters' own words in the export's language."""

from __future__ import annotations

from tipcourse.languages import N_, SOURCE_LANGUAGE, ui
from tipcourse.quiz.model import Question

# The options of a true-false question, as the quiz model names them.
TRUE_FALSE = (N_("True"), N_("False"))


def option_text(q: Question, index: int, lang: str = SOURCE_LANGUAGE) -> str:
    """An option as students read it: the words "True" and "False" in ``lang``."""
    text = q.choices[index].text
    return ui(lang)(text) if q.type == "true-false" and text in TRUE_FALSE else text
