"""The course's figures: drawn illustrations and charts computed from the data at build time.

    ```{illustration} figures/act-means-purpose.svg
    The three elements of trafficking in persons.
    ```

    ```{data-chart} adding-up
    ```

``illustration`` inlines one of the course's hand-written SVG files (``book/figures/``), so
that it takes the page's colours (``tc-i-*`` classes, styled in ``tipcourse.css`` for light
mode, dark mode and paper) and its typeface, and costs no extra request. The SVG's ``<desc>``
is its text alternative (``:alt:`` overrides it); the content becomes the caption.

``data-chart`` draws a chart from the GLOTIP data with the course's one chart style
(``tipcourse.charts``) while the page is built, so the figure on the page can never drift from
the data; the numbers follow in a table under the chart. The charts are named in ``CHARTS``.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from tipcourse.illustrations import translate_svg
from tipcourse.languages import catalogue, number, speaking, yaml_domain
from tipcourse.sphinx.i18n import labels, language, note_catalogue

logger = logging.getLogger(__name__)

_DESC = re.compile(r"<desc>(.*?)</desc>", re.S)
_DROP = re.compile(r"<\?xml.*?\?>|<!--.*?-->|<title>.*?</title>|<desc>.*?</desc>", re.S)
_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
_SPACE = re.compile(r">\s+<")


def inline_svg(text: str, alt: str) -> str:
    """An SVG file's markup, ready to sit inside an HTML page as one named image."""
    body = _SPACE.sub("><", _DROP.sub("", text)).strip()
    start = body.index("<svg")
    head_end = body.index(">", start)
    head = _SIZE.sub("", body[start:head_end])
    head = head.replace(' xmlns="http://www.w3.org/2000/svg"', "")
    label = html.escape(" ".join(alt.split()), quote=True)
    return f'{head} role="img" aria-label="{label}" focusable="false">{body[head_end + 1:]}'


def svg_description(text: str) -> str:
    match = _DESC.search(text)
    return html.unescape(" ".join(match.group(1).split())) if match else ""


class Illustration(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec = {"alt": directives.unchanged, "name": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        relative, path = self.env.relfn2path(self.arguments[0], self.env.docname)
        file = Path(path)
        if not file.is_file() or file.suffix != ".svg":
            raise self.error(f"{self.arguments[0]}: no such SVG file; the path is relative "
                             "to this page")
        self.env.note_dependency(relative)
        text = file.read_text(encoding="utf-8")
        source = Path(path).resolve().relative_to(Path(self.env.srcdir).resolve()).as_posix()
        note_catalogue(self.env, source)
        found = catalogue(Path(self.env.srcdir), language(self.env), yaml_domain(source))
        if found:
            text = translate_svg(text, found.get)
        alt = self.options.get("alt") or svg_description(text)
        if not alt:
            raise self.error(f"{self.arguments[0]}: give the illustration a text alternative "
                             "(a <desc> in the SVG or the :alt: option)")
        figure = nodes.figure(classes=["tc-illustration"])
        figure += nodes.raw("", inline_svg(text, alt), format="html")
        if self.content:
            words = " ".join(self.content)
            # With a source and its raw text, Sphinx extracts and translates the caption.
            caption = nodes.caption(words)
            caption.source, caption.line = self.state_machine.get_source_and_line(self.lineno)
            inline, messages = self.state.inline_text(words, self.lineno)
            caption += inline
            figure += caption
            figure += messages
        self.add_name(figure)
        return [figure]


# --- charts drawn from the data -----------------------------------------------------------


def adding_up(t: Callable[[str], str]) -> Any:
    """Detected victims per year: the sum over whoever reported, against the same countries
    every year. The gap is the lesson of chapter 6: a naive total moves with the list of
    countries, not only with the number of victims."""
    import pandas as pd

    from tipcourse.charts import line_chart
    from tipcourse.data import load_glotip
    from tipcourse.data.tables import naive_totals, panel_totals

    df = load_glotip()
    years = list(range(2016, 2023))
    naive = naive_totals(df).reindex(years)
    panel = panel_totals(df, years)
    count = int(panel["countries"].iloc[0])
    table = pd.DataFrame({
        t("Every country that reported that year"): naive["total"],
        t("The same {count} countries every year").format(count=count): panel["total"],
    }, index=pd.Index(years, name=t("year")))
    return line_chart(
        table,
        t("Adding up whoever reported gives a different story from the same countries each "
          "year"),
        t("Detected victims"),
        notes=[t("Countries reporting a total: {least} to {most} a year.").format(
            least=int(naive["countries"].min()), most=int(naive["countries"].max()))],
    )


CHARTS: dict[str, Callable[[Callable[[str], str]], Any]] = {"adding-up": adding_up}


def _table_html(chart: Any, lang: str, t: Callable[[str], str]) -> str:
    frame = chart.table
    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in frame.columns)
    rows = []
    for index, row in frame.iterrows():
        cells = "".join(
            f"<td>{'' if v != v else number(round(v), lang)}</td>"
            for v in row)
        rows.append(f'<tr><th scope="row">{html.escape(str(index))}</th>{cells}</tr>')
    name = html.escape(str(frame.index.name or ""))
    summary = html.escape(t("The numbers behind the chart"))
    return (
        f'<details class="tc-chart-data"><summary>{summary}</summary>'
        '<div class="pst-scrollable-table-container"><table class="table">'
        f'<thead><tr><th scope="col">{name}</th>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div></details>'
    )


class DataChart(SphinxDirective):
    required_arguments = 1
    has_content = True
    option_spec = {"name": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        if name not in CHARTS:
            raise self.error(f"no chart called {name!r}; the charts are: {', '.join(CHARTS)}")
        lang = language(self.env)
        try:
            with speaking(lang):
                chart = CHARTS[name](labels(self.env))
        except Exception as err:  # the data's own error says what to do
            raise self.error(f"chart {name!r} could not be drawn from the data: {err}") from err
        png = chart.png()
        width, height = (int(v) for v in chart.figure.get_size_inches() * chart.figure.dpi)
        image = (
            f'<img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" '
            f'alt="{html.escape(chart.alt, quote=True)}" width="{width}" height="{height}" '
            'loading="lazy" decoding="async">'
        )
        figure = nodes.figure(classes=["tc-chart"])
        figure += nodes.raw("", image, format="html")
        text = " ".join(self.content) or chart.title
        caption = nodes.caption(text)
        if self.content:  # the page's words: Sphinx extracts and translates them
            caption.source, caption.line = self.state_machine.get_source_and_line(self.lineno)
        inline, messages = self.state.inline_text(text, self.lineno)
        caption += inline
        figure += caption
        self.add_name(figure)
        table = _table_html(chart, lang, labels(self.env))
        return [figure, *messages, nodes.raw("", table, format="html")]


def setup(app: Sphinx) -> None:
    app.add_directive("illustration", Illustration)
    app.add_directive("data-chart", DataChart)
