"""Tables that notebooks print (pandas) reach the site with a name on every header cell."""

from __future__ import annotations

import pandas as pd

from tipcourse.sphinx.notebooks import accessible_table_html


def test_named_index_header_rows_are_merged() -> None:
    frame = pd.DataFrame({"total": [5, 7], "countries": [2, 3]},
                         index=pd.Index([2021, 2022], name="year"))
    html = accessible_table_html(frame.to_html())
    head = html.split("<tbody>")[0]
    assert head.count("<tr") == 1
    assert "<th>year</th>" in head and "<th>total</th>" in head
    assert "<th></th>" not in html


def test_unnamed_index_keeps_its_corner_as_a_data_cell() -> None:
    html = accessible_table_html(pd.DataFrame({"a": [1]}).to_html())
    assert "<th></th>" not in html and "<td></td>" in html
