"""The notebook renderer: a bank as an ipywidgets quiz (``show("forms-of-exploitation")``).

Each question is a small box of standard widgets (radio buttons, check boxes, drop-downs, a
number box), a *Check* button and an output line; a score line and a *Start again* button
close the quiz. Grading uses the model's ``Question.grade`` (the same rules as the site).
Texts go into ``HTML`` widgets escaped, so quiz text is never taken as markup. The widget's
own words are in the notebook's language (``current_language()``, which the build sets while
notebooks run), as the bank is.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as w

from tipcourse.languages import ui
from tipcourse.quiz.export.words import option_text
from tipcourse.quiz.model import Bank, Question


class QuestionWidget:
    """One question: ``box`` is the widget to show; ``response()`` is what the student chose."""

    def __init__(self, bank: Bank, number: int, question: Question, on_check: Any,
                 lang: str | None = None) -> None:
        self.bank = bank
        self.question = q = question
        self.t = t = ui(lang)
        self.result: bool | None = None
        head = escape(t("Question {number}.").format(number=number))
        prompt = w.HTML(f"<b>{head}</b> {escape(q.prompt)}")
        self.inputs: list[Any] = []
        # The options as shown (a true-false question's "True" and "False" translated).
        self.labels = [option_text(q, i, lang) for i in range(len(q.choices))]
        if q.type in ("single", "true-false"):
            self.inputs = [w.RadioButtons(options=self.labels, value=None,
                                          layout=w.Layout(width="auto"))]
        elif q.type == "multiple":
            self.inputs = [w.Checkbox(value=False, description=o.text, indent=False)
                           for o in q.choices]
        elif q.type == "matching":
            choices = [(t("Choose…"), None)] + [(c, c) for c in q.match_choices]
            self.inputs = [w.Dropdown(options=choices, value=None, description=p.item,
                                      style={"description_width": "initial"})
                           for p in q.pairs]
        else:
            label = t("Answer ({unit})").format(unit=q.unit) if q.unit else t("Answer")
            self.inputs = [w.Text(value="", description=label,
                                  style={"description_width": "initial"})]
        self.check = w.Button(description=t("Check answer"))
        self.feedback = w.HTML()
        self.check.on_click(lambda _b: (self.grade(), on_check()))
        self.box = w.VBox([prompt, *self.inputs, self.check, self.feedback])

    def response(self) -> Any:
        q = self.question
        if q.type in ("single", "true-false"):
            value = self.inputs[0].value
            return None if value is None else self.labels.index(value)
        if q.type == "multiple":
            chosen = {i for i, box in enumerate(self.inputs) if box.value}
            return chosen or None
        if q.type == "matching":
            picks = [d.value for d in self.inputs]
            return None if None in picks else picks
        text = self.inputs[0].value.strip().replace(",", ".")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            return text

    def grade(self) -> None:
        q, t = self.question, self.t
        answer = self.response()
        if answer is None:
            self.result = None
            first = t("Give an answer first.")
            self.feedback.value = f"<p>{escape(first)}</p>"
            return
        self.result = q.grade(answer)
        verdict = t("Correct.") if self.result else t("Not quite.")
        parts = [f"<p><b>{escape(verdict)}</b></p>"]
        if q.type in ("single", "true-false", "multiple"):
            chosen = [answer] if isinstance(answer, int) else sorted(answer)
            for i in chosen:
                if q.choices[i].feedback:
                    parts.append(f"<p>{escape(q.choices[i].feedback or '')}</p>")
        parts.append(f"<p>{escape(q.explanation)}</p>")
        source = self.bank.source_of(q)
        if source:
            cite = t("Source: {citation}").format(citation=source.citation())
            parts.append(f"<p><i>{escape(cite)}</i></p>")
        self.feedback.value = "".join(parts)

    def clear(self) -> None:
        for widget in self.inputs:
            if isinstance(widget, w.Checkbox):
                widget.value = False
            elif isinstance(widget, w.Text):
                widget.value = ""
            else:
                widget.value = None
        self.feedback.value = ""
        self.result = None


class QuizWidget:
    """A whole bank; ``widget`` is what a notebook displays."""

    def __init__(self, bank: Bank, lang: str | None = None) -> None:
        """``bank`` loaded in ``lang`` (default: the notebook's language)."""
        self.bank = bank
        self.t = t = ui(lang)
        self.questions = [QuestionWidget(bank, i, q, self.update_score, lang)
                          for i, q in enumerate(bank.questions, 1)]
        self.score = w.HTML()
        self.retry = w.Button(description=t("Start again"))
        self.retry.on_click(lambda _b: self.reset())
        heading = t("Check yourself: {quiz}").format(quiz=bank.title)
        title = w.HTML(f"<h3>{escape(heading)}</h3>")
        self.widget = w.VBox([title, *(q.box for q in self.questions), self.score, self.retry])

    @property
    def right(self) -> int:
        return sum(1 for q in self.questions if q.result)

    @property
    def checked(self) -> int:
        return sum(1 for q in self.questions if q.result is not None)

    def update_score(self) -> None:
        score = self.t("Score: {right} of {total} correct ({checked} checked).").format(
            right=self.right, total=len(self.questions), checked=self.checked)
        self.score.value = f"<p><b>{escape(score)}</b></p>"

    def reset(self) -> None:
        for question in self.questions:
            question.clear()
        self.score.value = ""

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
