"""``tipcourse check`` for the data part: facts.yml is sourced, pages cite only known facts,
and every notebook has its learning goals and solution cells tagged for the editions."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import nbformat

from tipcourse.course import Course
from tipcourse.data.facts import course_facts
from tipcourse.data.solutions import is_solution
from tipcourse.errors import FactError, SourceError

# {fact}`id` in MyST; :fact:`id` in reStructuredText-style roles.
FACT_ROLE = re.compile(r"\{fact\}`([^`]+)`|:fact:`([^`]+)`")


def check_facts(course: Course) -> str:
    facts = course_facts(course)
    secondary = sum(1 for f in facts.values() if f.secondary)
    return f"facts: {len(facts)} sourced ({len(facts) - secondary} verified, {secondary} secondary)"


def check_fact_citations(course: Course) -> str:
    """Every {fact}`id` on a page must name a fact in facts.yml."""
    known = course_facts(course)
    cited = 0
    for entry in course.toc_entries():
        path = course.page_path(entry.docname)
        if path is None:
            continue
        if path.suffix == ".ipynb":
            nb = nbformat.read(path, as_version=4)
            chunks = [(c.source, None) for c in nb.cells if c.cell_type == "markdown"]
        else:
            chunks = [(line, n) for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)]
        for text, line in chunks:
            for match in FACT_ROLE.finditer(text):
                fact_id = (match[1] or match[2]).strip()
                cited += 1
                if fact_id not in known:
                    raise FactError(path, line, f"unknown fact '{fact_id}'",
                                    "use an id from book/facts.yml or add the fact")
    return f"fact citations: {cited} on pages, all known"


# Every chart's alt text names its kind first, so a screen reader user knows what follows.
CHART_KINDS = ("Line chart.", "Bar chart.")
THINK_PROMPT = "Think about the data"


def check_notebook(path: Path) -> None:
    """One data notebook: learning goals, two or more "Think about the data" prompts, three or
    more tagged solutions, outputs committed (charts with alt text), one stream per cell."""
    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    if "learning goals" not in text.lower():
        raise SourceError(path, None, "no 'Learning goals' section",
                          "add a markdown heading 'Learning goals' near the top")
    if text.count(THINK_PROMPT) < 2:
        raise SourceError(path, None, f"{text.count(THINK_PROMPT)} '{THINK_PROMPT}' prompts",
                          "ask at least two questions about what the data shows")
    solutions = [c for c in nb.cells if is_solution(c)]
    if len(solutions) < 3:
        raise SourceError(path, None, f"{len(solutions)} solution cells tagged 'solution'",
                          "every notebook needs 3+ exercises, each with a tagged solution")
    code = [c for c in nb.cells if c.cell_type == "code"]
    for index, cell in enumerate(code, 1):
        # The kernel may split a long print in two; the regression test compares merged ones.
        names = [o.name for o in cell.outputs if o.output_type == "stream"]
        if len(names) != len(set(names)):
            raise SourceError(path, None, f"code cell {index} splits its printed output",
                              "re-run the notebook and save it with the streams merged")
    images = [o for c in code for o in c.outputs if "image/png" in o.get("data", {})]
    if not images:
        raise SourceError(path, None, "no chart in the saved outputs",
                          "run the notebook and save it with its outputs")
    for out in images:
        alt = str(out.get("metadata", {}).get("image/png", {}).get("alt", ""))
        if not alt.startswith(CHART_KINDS):
            raise SourceError(path, None, f"a chart's alt text starts {alt[:30]!r}",
                              "draw charts with tipcourse.charts, which writes the alt text")


def check_notebooks(course: Course) -> str:
    """Every data notebook under notebooks/ keeps the rules of check_notebook."""
    count = 0
    for entry in course.toc_entries():
        path = course.page_path(entry.docname)
        if path is None or path.suffix != ".ipynb" or not entry.docname.startswith("notebooks/"):
            continue
        check_notebook(path)
        count += 1
    return f"data notebooks: {count} with goals, prompts, tagged solutions and charts"


CHECKS: list[Callable[[Course], str]] = [check_facts, check_fact_citations, check_notebooks]
