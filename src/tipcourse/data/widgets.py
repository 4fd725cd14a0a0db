"""``explore()``: ipywidgets controls under a chart that is already on the page.

The notebook draws the default view as an ordinary output (that is what the static site
shows, since a static page has no kernel). ``explore`` then adds ``interact`` controls
whose own output stays empty until a student changes a control, so Jupyter does not show
the default chart twice and the saved notebook holds no second copy of it. Its words are in
the notebook's language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def explore(func: Callable[..., Any], **controls: Any) -> Any:
    from html import escape

    import ipywidgets as widgets
    from IPython.display import display

    from tipcourse.languages import ui

    first = {"done": False}

    def update(**values: Any) -> None:
        if not first["done"]:  # the call interactive() makes at once, with the defaults
            first["done"] = True
            return
        func(**values)

    box = widgets.interactive(update, **controls)
    t = ui()
    lead, how = escape(t("Explore:")), escape(t("change a control to draw a new chart below."))
    display(widgets.HTML(f"<b>{lead}</b> {how}"), box)
    return None
