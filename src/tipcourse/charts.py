"""One chart style for the whole course.

Every chart: a colour-blind-safe palette (Okabe–Ito) with markers as well as colours, text
large enough to read on a projector from the back of a classroom, a title that states the
finding, the source on the chart itself, alt text that travels with the image (the site
reads it from the output's metadata), and the numbers as a table underneath.

Charts are drawn on a plain ``matplotlib.figure.Figure`` (not pyplot), so nothing is shown
twice in Jupyter and no global state leaks between charts.

A chart speaks the current language (``TIPCOURSE_LANG``, set while the site is built): its
fixed words, and every title, label, note and category that has a translation in the
package's catalogue, are translated as it is drawn.
"""

from __future__ import annotations

import base64
import io
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from tipcourse.languages import N_, number, ui

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000",
           "#F0E442"]
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
HATCHES = ["", "//", "..", "xx", "\\\\", "oo", "--", "++"]
SOURCE = N_("Source: UNODC GLOTIP data portal (export of 14/04/2025); course calculation.")
NO_DATA = N_("no data")
STYLE = {
    "font.size": 14,
    "axes.titlesize": 17,
    "axes.titleweight": "bold",
    "axes.labelsize": 14,
    "xtick.labelsize": 13,
    "ytick.labelsize": 13,
    "legend.fontsize": 13,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
SIZE = (9.0, 5.2)
DPI = 90


@dataclass
class Chart:
    """A drawn chart with everything needed to show it accessibly."""

    figure: Figure
    title: str
    alt: str
    table: pd.DataFrame
    source: str = SOURCE
    notes: list[str] = field(default_factory=list)

    def png(self) -> bytes:
        buffer = io.BytesIO()
        FigureCanvasAgg(self.figure).print_png(buffer, metadata={"Software": None})
        return buffer.getvalue()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None
                          ) -> tuple[dict[str, Any], dict[str, Any]]:
        data = {
            "image/png": base64.b64encode(self.png()).decode("ascii"),
            "text/plain": f"Chart: {self.title}\nAlt text: {self.alt}",
        }
        return data, {"image/png": {"alt": self.alt}}

    def show(self, table: bool = True) -> None:
        """Display the chart, then its numbers as a table (the data-table fallback)."""
        from IPython.display import display

        display(self)
        if table:
            display(self.table)


def _figure() -> tuple[Figure, Any]:
    import matplotlib

    with matplotlib.rc_context(STYLE):
        fig = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
        ax = fig.add_subplot()
    return fig, ax


def _finish(fig: Figure, ax: Any, title: str, source: str, notes: Sequence[str]) -> None:
    import matplotlib

    with matplotlib.rc_context(STYLE):
        # Wrapped by hand: matplotlib's own wrapping ignores the layout engine.
        ax.set_title(textwrap.fill(title, 56), loc="left")
        ax.grid(axis="y" if ax.get_ylabel() else "x", alpha=0.3)
        lines = [source, *notes]
        # Keep room under the axes for the source line(s), inside the image.
        bottom = 0.015 + 0.045 * len(lines)
        fig.get_layout_engine().set(rect=(0, bottom, 1, 1 - bottom))
        fig.text(0.01, 0.012, "\n".join(lines), ha="left", va="bottom", fontsize=11,
                 color="#333333")


def _translated(table: pd.DataFrame, t: Any) -> pd.DataFrame:
    """The table with its column and row labels in the current language."""
    def label(value: Any) -> Any:
        return t(value) if isinstance(value, str) else value

    return table.rename(columns=label, index=label)


def _words(t: Any, values: Mapping[str, Any] | None) -> Any:
    """``t`` that also fills a text's ``{placeholders}`` from ``values`` after translating it
    (a word among the values, such as a region's name, is translated too)."""
    if not values:
        return t
    filled = {key: t(value) if isinstance(value, str) else value
              for key, value in values.items()}
    return lambda text: t(text).format(**filled)


def _fmt(value: float, unit: str, missing: str = NO_DATA) -> str:
    if pd.isna(value):
        return missing
    if unit == "%":
        return f"{number(value, decimals=1)}%"
    return number(value)


def line_chart(
    table: pd.DataFrame,
    title: str,
    ylabel: str,
    *,
    unit: str = "",
    source: str = SOURCE,
    notes: Sequence[str] = (),
    values: Mapping[str, Any] | None = None,
) -> Chart:
    """One line per column of ``table`` (index: years), each with its own marker. Title,
    label and notes may hold ``{placeholders}`` filled from ``values`` once translated."""
    import matplotlib

    t = ui()
    table = _translated(table, t)
    w = _words(t, values)
    title, ylabel, source, notes = w(title), w(ylabel), t(source), [w(n) for n in notes]
    fig, ax = _figure()
    with matplotlib.rc_context(STYLE):
        for i, column in enumerate(table.columns):
            ax.plot(table.index, table[column], color=PALETTE[i % len(PALETTE)],
                    marker=MARKERS[i % len(MARKERS)], linewidth=2.5, markersize=8,
                    label=str(column))
        ax.set_ylabel(ylabel)
        ax.set_xticks(list(table.index))
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(
            matplotlib.ticker.FuncFormatter(
                lambda v, _: f"{number(v)}{'%' if unit == '%' else ''}"))
        if len(table.columns) > 1:
            # Outside the plot, so it never covers a line or a value label.
            ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16),
                      ncols=len(table.columns))
    _finish(fig, ax, title, source, notes)
    parts = []
    for column in table.columns:
        values = ", ".join(f"{year}: {_fmt(v, unit)}" for year, v in table[column].items())
        parts.append(f"{column}: {values}" if len(table.columns) > 1 else values)
    alt = t("Line chart. {title}. {ylabel} by year.").format(title=title, ylabel=ylabel) \
        + " " + "; ".join(parts) + "."
    return Chart(fig, title, alt, table, source, list(notes))


def bar_chart(
    table: pd.DataFrame | pd.Series,
    title: str,
    xlabel: str,
    *,
    unit: str = "",
    source: str = SOURCE,
    notes: Sequence[str] = (),
    missing: str = NO_DATA,
    values: Mapping[str, Any] | None = None,
) -> Chart:
    """Horizontal bars: one bar per row; several columns become grouped bars with
    different colours and hatching. Values are written at the end of each bar; an empty
    value gets no bar and the ``missing`` label (e.g. "too few to compare")."""
    import matplotlib

    t = ui()
    frame = _translated(table.to_frame() if isinstance(table, pd.Series) else table, t)
    w = _words(t, values)
    title, xlabel, source, notes = w(title), w(xlabel), t(source), [w(n) for n in notes]
    missing = t(missing)
    fig, ax = _figure()
    rows = list(frame.index)[::-1]  # first row at the top
    n = len(frame.columns)
    height = 0.8 / n
    empty = frame.isna().all(axis=1).to_dict()
    with matplotlib.rc_context(STYLE):
        for i, column in enumerate(frame.columns):
            values = [frame.loc[r, column] for r in rows]
            drawn = [0 if pd.isna(v) else v for v in values]
            positions = [k + (n - 1 - i) * height - 0.4 + height / 2 for k in range(len(rows))]
            bars = ax.barh(positions, drawn, height=height * 0.95,
                           color=PALETTE[i % len(PALETTE)], hatch=HATCHES[i % len(HATCHES)],
                           edgecolor="white", label=str(column))
            # A row with no values at all is labelled once, on its first bar.
            labels = ["" if i and empty[r] else _fmt(v, unit, missing)
                      for r, v in zip(rows, values, strict=True)]
            ax.bar_label(bars, labels=labels, padding=4, fontsize=12)
        ax.set_yticks(range(len(rows)), [str(r) for r in rows])
        ax.set_xlabel(xlabel)
        ax.margins(x=0.15)
        if n > 1:
            ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=n)
    _finish(fig, ax, title, source, notes)
    parts = []
    for row in frame.index:
        if n > 1 and empty[row]:
            parts.append(f"{row}: {missing}")
            continue
        values = ", ".join(
            (f"{c} " if n > 1 else "") + _fmt(frame.loc[row, c], unit, missing)
            for c in frame.columns)
        parts.append(f"{row}: {values}")
    alt = t("Bar chart. {title}. {xlabel}:").format(title=title, xlabel=xlabel) \
        + " " + "; ".join(parts) + "."
    return Chart(fig, title, alt, frame, source, list(notes))
