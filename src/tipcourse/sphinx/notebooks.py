"""Notebook pages: solution cells by edition, and alt text for chart images.

- Code cells tagged ``solution`` are dropped from the student edition's doctree as soon as
  a page is read, so neither the HTML, the search index nor the copied images hold them.
  In the teacher edition they get a visible "Solution" label (CSS class ``tc-solution``).
- myst-nb takes an image's alt text only from cell metadata; :class:`ChartAltPlugin` (a
  ``myst_nb.mime_renderers`` entry point) also reads it from the output's metadata, where
  ``tipcourse.charts.Chart`` puts it, so every chart on the site carries its own alt text.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

SOLUTION_TAG = "solution"


def _is_solution(node: nodes.Node) -> bool:
    if not isinstance(node, nodes.container):
        return False
    if f"tag_{SOLUTION_TAG}" in node.get("classes", []):
        return True
    tags = (node.get("cell_metadata") or {}).get("tags", [])
    return SOLUTION_TAG in tags


def strip_or_label_solutions(app: Sphinx, doctree: nodes.document) -> None:
    student = app.config.tipcourse_edition != "teacher"
    for cell in list(doctree.findall(_is_solution)):
        if student:
            cell.parent.remove(cell)
        else:
            cell["classes"].append("tc-solution")
            label = nodes.paragraph(classes=["tc-solution-label"])
            label += nodes.strong("Solution (teacher edition)", "Solution (teacher edition)")
            cell.insert(0, label)


class ChartAltPlugin:
    """Give ``image/png`` outputs the alt text stored in the output's metadata."""

    mime_priority_overrides: list[tuple[str, str, int | None]] = []

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[nodes.Element] | None:
        if data.mime_type != "image/png":
            return None
        alt = (data.output_metadata.get("image/png") or {}).get("alt")
        if not alt:
            return None
        # Render exactly as myst-nb would, then add the alt text.
        result = type(renderer).render_image(renderer, data)
        for node in result:
            if isinstance(node, nodes.image) and not node.get("alt"):
                node["alt"] = str(alt)
        return result


def setup(app: Sphinx) -> None:
    # Before Sphinx's collectors (priority 500) record the page's images and text.
    app.connect("doctree-read", strip_or_label_solutions, priority=100)
