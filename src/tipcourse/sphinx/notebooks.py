"""Notebook pages: solution cells by edition, and alt text for chart images.

- Code cells tagged ``solution`` are dropped from the student edition's doctree as soon as
  a page is read, so neither the HTML, the search index nor the copied images hold them.
  In the teacher edition they get a visible "Solution" label (CSS class ``tc-solution``).
- myst-nb takes an image's alt text only from cell metadata; :class:`ChartAltPlugin` (a
  ``myst_nb.mime_renderers`` entry point) also reads it from the output's metadata, where
  ``tipcourse.charts.Chart`` puts it, so every chart on the site carries its own alt text.
- pandas writes a table with a named index as two header rows padded with empty ``<th>``
  cells, which screen readers announce as nameless headers (axe: empty-table-header). The
  two rows are merged into one, and any header cell still empty becomes a data cell.
- Every notebook page of the HTML site opens with a "Download this notebook (.ipynb)" link.
  It is a Sphinx download reference to the page's own source, so Sphinx copies the file to
  ``_downloads/`` once per build (a relative link: works from file://). In the student
  edition the copy is then rewritten by ``tipcourse.data.solutions.student_copy`` (the same
  function as ``tipcourse data strip-solutions``): no cell tagged ``solution``, and so none
  of their outputs. The teacher edition offers the full notebook.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import nbformat
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from tipcourse.course import Edition
from tipcourse.data.solutions import SOLUTION_TAG
from tipcourse.sphinx.i18n import labels


def _is_solution(node: nodes.Node) -> bool:
    if not isinstance(node, nodes.container):
        return False
    if f"tag_{SOLUTION_TAG}" in node.get("classes", []):
        return True
    tags = (node.get("cell_metadata") or {}).get("tags", [])
    return SOLUTION_TAG in tags


def strip_or_label_solutions(app: Sphinx, doctree: nodes.document) -> None:
    student = app.config.tipcourse_edition != Edition.TEACHER
    for cell in list(doctree.findall(_is_solution)):
        if student:
            cell.parent.remove(cell)
        else:
            cell["classes"].append("tc-solution")
            label = nodes.paragraph(classes=["tc-solution-label"])
            t = labels(app.env)
            said = t("Solution (teacher edition)")
            label += nodes.strong(said, said)
            cell.insert(0, label)


def _is_notebook(app: Sphinx, docname: str) -> bool:
    return str(app.env.doc2path(docname)).endswith(".ipynb")


def add_download_link(app: Sphinx, doctree: nodes.document) -> None:
    """Put the download link under the page's title (site only: not in the printed books)."""
    docname = app.env.docname
    if app.builder.name != "html" or not _is_notebook(app, docname):
        return
    teacher = app.config.tipcourse_edition == Edition.TEACHER
    t = labels(app.env)
    text = (t("Download this notebook with solutions (.ipynb)") if teacher
            else t("Download this notebook (.ipynb)"))
    link = addnodes.download_reference(
        "", "", nodes.Text(text), refdoc=docname, refexplicit=True,
        reftarget=Path(app.env.doc2path(docname)).name)
    para = nodes.paragraph("", "", link, classes=["tc-notebook-download"])
    para += nodes.Text(" " + t("to run it in Jupyter and try the controls."))
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, para)
    else:
        doctree.insert(0, para)


def write_student_downloads(app: Sphinx, exception: Exception | None) -> None:
    """In the student edition, replace each downloaded notebook by its student copy."""
    from tipcourse.data.solutions import student_copy

    if exception is not None or app.builder.name != "html":
        return
    if app.config.tipcourse_edition == Edition.TEACHER:
        return
    for src, (_docs, dest) in app.env.dlfiles.items():
        if not src.endswith(".ipynb"):
            continue
        nb = nbformat.read(Path(app.srcdir) / src, as_version=4)
        nbformat.write(student_copy(nb), Path(app.outdir) / "_downloads" / dest)


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


# pandas: "<tr ...><th></th><th>a</th>...</tr><tr><th>index name</th><th></th>...</tr>"
_SPLIT_HEADER = re.compile(
    r"<tr[^>]*>\s*<th></th>(?P<columns>.*?)</tr>\s*<tr>\s*<th>(?P<index>[^<]+)</th>"
    r"(?:\s*<th></th>)*\s*</tr>",
    re.S,
)


def accessible_table_html(html: str) -> str:
    """One header row naming the index and every column; no empty header cells."""
    html = _SPLIT_HEADER.sub(r"<tr>\n      <th>\g<index></th>\g<columns></tr>", html)
    return html.replace("<th></th>", "<td></td>")


def fix_dataframe_tables(app: Sphinx, doctree: nodes.document) -> None:
    for raw in list(doctree.findall(nodes.raw)):
        text = raw.astext()
        if raw.get("format") == "html" and 'class="dataframe"' in text:
            fixed = accessible_table_html(text)
            if fixed != text:
                raw.replace_self(nodes.raw(fixed, fixed, format="html"))


def setup(app: Sphinx) -> None:
    # Before Sphinx's collectors (priority 500) record the page's images and text.
    app.connect("doctree-read", strip_or_label_solutions, priority=100)
    # Also before Sphinx's download collector (priority 500), which registers the file.
    app.connect("doctree-read", add_download_link, priority=110)
    app.connect("doctree-read", fix_dataframe_tables)
    app.connect("build-finished", write_student_downloads)
