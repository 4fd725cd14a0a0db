"""The notebook quiz (ipywidgets): it builds for every bank, and a scripted student who
answers through the widgets gets the grade the bank says (no kernel needed)."""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as w
import pytest

from tipcourse.quiz import load_banks, show
from tipcourse.quiz.model import Question
from tipcourse.quiz.widget import QuestionWidget, QuizWidget

from helpers import write_po

ROOT = Path(__file__).resolve().parents[1]
BANKS = {b.id: b for b in load_banks(ROOT)}


def answer(item: QuestionWidget, right: bool) -> None:
    """Set the widgets as a student would, rightly or wrongly."""
    q: Question = item.question
    if q.type in ("single", "true-false"):
        texts = [o.text for o in q.choices]
        pick = q.correct_indexes[0] if right else next(
            i for i in range(len(texts)) if i not in q.correct_indexes)
        item.inputs[0].value = texts[pick]
    elif q.type == "multiple":
        for i, box in enumerate(item.inputs):
            box.value = (i in q.correct_indexes) if right else (i not in q.correct_indexes)
    elif q.type == "matching":
        matches = [p.match for p in q.pairs]
        if not right:
            wrong = next(c for c in q.match_choices if c != matches[0])
            matches[0] = wrong
        for dropdown, match in zip(item.inputs, matches, strict=True):
            dropdown.value = match
    else:
        value = q.number if right else q.number + (q.tolerance or 0) + 1
        item.inputs[0].value = f"{value:g}".replace(".", ",") if right else f"{value:g}"


@pytest.mark.parametrize("bank_id", BANKS)
def test_widget_quiz_grades_scripted_answers(bank_id: str) -> None:
    quiz = QuizWidget(BANKS[bank_id])
    assert isinstance(quiz.widget, w.VBox)
    assert len(quiz.questions) == len(BANKS[bank_id].questions)
    # Right on even questions, wrong on odd ones, each checked with its button.
    for i, item in enumerate(quiz.questions):
        answer(item, right=i % 2 == 0)
        item.check.click()
        verdict = "Correct." if i % 2 == 0 else "Not quite."
        assert verdict in item.feedback.value, (item.question.id, item.feedback.value)
        assert escape(item.question.explanation) in item.feedback.value
    expected = (len(quiz.questions) + 1) // 2
    assert quiz.right == expected
    assert f"Score: {expected} of {len(quiz.questions)} correct" in quiz.score.value
    quiz.retry.click()
    assert quiz.score.value == "" and quiz.checked == 0
    assert all(item.feedback.value == "" for item in quiz.questions)


def test_checking_without_an_answer_asks_for_one() -> None:
    quiz = QuizWidget(BANKS["blue-heart"])
    quiz.questions[0].check.click()
    assert "Give an answer first." in quiz.questions[0].feedback.value
    assert quiz.checked == 0


@pytest.fixture
def shown(monkeypatch) -> list:  # noqa: ANN001
    """What ``show()`` hands to Jupyter's display, in order."""
    calls: list = []
    monkeypatch.setattr("IPython.display.display", lambda *objs: calls.extend(objs))
    return calls


def test_widget_text_is_escaped(tmp_path: Path, shown: list) -> None:
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "x.yaml").write_text(
        "id: x\ntitle: X\nquestions:\n  - id: q\n    type: true-false\n"
        "    prompt: '<img src=x onerror=alert(1)>'\n    answer: true\n    explanation: E\n"
        "    source: s\nsources:\n  s: {title: S}\n"
    )
    show("x", root=tmp_path)
    prompt = shown[0].children[1].children[0].value
    assert "&lt;img src=x onerror=alert(1)&gt;" in prompt and "<img" not in prompt


def test_show_finds_the_course_from_a_notebook_folder(monkeypatch, shown: list) -> None:  # noqa: ANN001
    monkeypatch.delenv("TIPCOURSE_ROOT", raising=False)
    monkeypatch.chdir(ROOT / "notebooks")
    assert show("reading-the-data") is None  # Jupyter would show a returned widget again
    assert len(shown) == 1 and isinstance(shown[0], w.VBox)


def test_show_works_outside_the_course_folder(tmp_path: Path, monkeypatch, shown: list) -> None:  # noqa: ANN001
    """A downloaded notebook or Colab: the banks shipped inside the package are used."""
    monkeypatch.delenv("TIPCOURSE_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    show("online-safety")
    assert len(shown) == 1
    title = shown[0].children[0].value
    assert BANKS["online-safety"].title in title.replace("&#x27;", "'")


# Languages ------------------------------------------------------------------------------
SPANISH_UI = {
    "Check answer": "Comprobar respuesta", "Correct.": "Correcto.", "Not quite.": "No del todo.",
    "True": "Verdadero", "False": "Falso", "Start again": "Empezar de nuevo",
    "Check yourself: {quiz}": "Ponte a prueba: {quiz}", "Question {number}.": "Pregunta {number}.",
    "Source: {citation}": "Fuente: {citation}",
    "Score: {right} of {total} correct ({checked} checked).":
        "Puntuación: {right} de {total} correctas ({checked} comprobadas).",
}




def test_the_widget_speaks_the_notebooks_language(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import tipcourse.languages
    from tipcourse.quiz.loader import parse_bank

    write_po(tmp_path / "locales/es/LC_MESSAGES/tipcourse.po", SPANISH_UI)
    monkeypatch.setattr(tipcourse.languages, "package_locale_dir", lambda: tmp_path / "locales")
    bank = parse_bank(
        "id: x\ntitle: X\nquestions:\n  - id: q\n    type: true-false\n"
        "    prompt: P\n    answer: true\n    explanation: E\n"
        "    source: s\nsources:\n  s: {title: S}\n", Path("quizzes/x.yaml"))
    english = QuizWidget(bank)
    monkeypatch.setenv("TIPCOURSE_LANG", "es")  # as the build sets it while notebooks run
    quiz = QuizWidget(bank)
    item = quiz.questions[0]
    assert item.check.description == "Comprobar respuesta"
    assert list(item.inputs[0].options) == ["Verdadero", "Falso"]
    assert "Ponte a prueba: X" in quiz.widget.children[0].value
    assert "Pregunta 1." in item.box.children[0].value
    item.inputs[0].value = "Verdadero"
    item.check.click()
    assert "Correcto." in item.feedback.value and "Fuente: S" in item.feedback.value
    assert "Correct." not in item.feedback.value and "Source" not in item.feedback.value
    assert quiz.score.value == "<p><b>Puntuación: 1 de 1 correctas (1 comprobadas).</b></p>"
    # The English widget of the same bank, built before, is unchanged.
    first = english.questions[0]
    assert first.check.description == "Check answer"
    assert list(first.inputs[0].options) == ["True", "False"]
    first.inputs[0].value = "False"
    first.check.click()
    assert "<p><b>Not quite.</b></p>" in first.feedback.value
    assert "<p><i>Source: S</i></p>" in first.feedback.value
