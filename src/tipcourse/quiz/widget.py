"""The notebook renderer: a bank as an ipywidgets quiz (``show("forms-of-exploitation")``).

Each question is a small box of standard widgets (radio buttons, check boxes, drop-downs, a
number box), a *Check* button and an output line; a score line and a *Start again* button
close the quiz. Grading uses the model's ``Question.grade`` (the same rules as the site).
Texts go into ``HTML`` widgets escaped, so quiz text is never taken as markup.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as w

from tipcourse.quiz.model import Bank, Question


class QuestionWidget:
    """One question: ``box`` is the widget to show; ``response()`` is what the student chose."""

    def __init__(self, bank: Bank, number: int, question: Question, on_check: Any) -> None:
        self.bank = bank
        self.question = q = question
        self.result: bool | None = None
        prompt = w.HTML(f"<b>Question {number}.</b> {escape(q.prompt)}")
        self.inputs: list[Any] = []
        if q.type in ("single", "true-false"):
            self.inputs = [w.RadioButtons(options=[o.text for o in q.choices], value=None,
                                          layout=w.Layout(width="auto"))]
        elif q.type == "multiple":
            self.inputs = [w.Checkbox(value=False, description=o.text, indent=False)
                           for o in q.choices]
        elif q.type == "matching":
            choices = [("Choose…", None)] + [(c, c) for c in q.match_choices]
            self.inputs = [w.Dropdown(options=choices, value=None, description=p.item,
                                      style={"description_width": "initial"})
                           for p in q.pairs]
        else:
            unit = f" ({q.unit})" if q.unit else ""
            self.inputs = [w.Text(value="", description=f"Answer{unit}",
                                  style={"description_width": "initial"})]
        self.check = w.Button(description="Check answer")
        self.feedback = w.HTML()
        self.check.on_click(lambda _b: (self.grade(), on_check()))
        self.box = w.VBox([prompt, *self.inputs, self.check, self.feedback])

    def response(self) -> Any:
        q = self.question
        if q.type in ("single", "true-false"):
            value = self.inputs[0].value
            return None if value is None else [o.text for o in q.choices].index(value)
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
        q = self.question
        answer = self.response()
        if answer is None:
            self.result = None
            self.feedback.value = "<p>Give an answer first.</p>"
            return
        self.result = q.grade(answer)
        parts = ["<p><b>Correct.</b></p>" if self.result else "<p><b>Not quite.</b></p>"]
        if q.type in ("single", "true-false", "multiple"):
            chosen = [answer] if isinstance(answer, int) else sorted(answer)
            for i in chosen:
                if q.choices[i].feedback:
                    parts.append(f"<p>{escape(q.choices[i].feedback or '')}</p>")
        parts.append(f"<p>{escape(q.explanation)}</p>")
        source = self.bank.source_of(q)
        if source:
            parts.append(f"<p><i>Source: {escape(source.citation())}</i></p>")
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

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.questions = [QuestionWidget(bank, i, q, self.update_score)
                          for i, q in enumerate(bank.questions, 1)]
        self.score = w.HTML()
        self.retry = w.Button(description="Start again")
        self.retry.on_click(lambda _b: self.reset())
        title = w.HTML(f"<h3>Check yourself: {escape(bank.title)}</h3>")
        self.widget = w.VBox([title, *(q.box for q in self.questions), self.score, self.retry])

    @property
    def right(self) -> int:
        return sum(1 for q in self.questions if q.result)

    @property
    def checked(self) -> int:
        return sum(1 for q in self.questions if q.result is not None)

    def update_score(self) -> None:
        self.score.value = (f"<p><b>Score: {self.right} of {len(self.questions)} correct "
                            f"({self.checked} checked).</b></p>")

    def reset(self) -> None:
        for question in self.questions:
            question.clear()
        self.score.value = ""

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
