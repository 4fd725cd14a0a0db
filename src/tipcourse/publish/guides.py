"""The printed guides on the site: the PDFs in ``_build/pdf/`` copied beside the landing page
and linked from its printing card (``<div id="tc-print-guides">`` in ``index.md``).

The student site gets the student workbook only; the teacher site gets the workbook and the
teacher guide. Where a PDF is not printed yet the card says how to get the printed copies
instead of linking, so no link is ever broken. A site build places whatever is printed before
its link check and swap; printing places the new PDFs into the sites already built.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from tipcourse.course import Course, Edition
from tipcourse.languages import N_, SOURCE_LANGUAGE, ui
from tipcourse.publish.landing import fill, megabytes
from tipcourse.publish.pdf import PDF_NAMES

BLOCK = re.compile(r'<div id="tc-print-guides"[^>]*>.*?</div>', re.S)
TITLES = {Edition.STUDENT: N_("The student workbook"), Edition.TEACHER: N_("The teacher guide")}


def guides_for(edition: str) -> list[str]:
    """The editions whose PDF belongs on this edition's site: never the teacher guide on the
    student site."""
    return [Edition.STUDENT, Edition.TEACHER] if edition == Edition.TEACHER else [Edition.STUDENT]


def card_block(edition: str, printed: dict[str, int], lang: str = SOURCE_LANGUAGE) -> str:
    """The printing card's block: a link to each printed PDF of this edition (with its size),
    or how to get the printed copies when none is printed."""
    t = ui(lang)
    links = [
        f'<a href="{html.escape(PDF_NAMES[guide])}">{html.escape(t(TITLES[guide]))}</a> '
        f"(PDF, {megabytes(printed[guide])})"
        for guide in guides_for(edition) if guide in printed
    ]
    if links:
        inner = "<p>" + "<br>".join(links) + "</p>"
    elif edition == Edition.TEACHER:
        inner = "<p>" + html.escape(t("The PDFs are not on this copy of the site: ask the "
                                      "person who looks after it for them.")) + "</p>"
    else:
        inner = "<p>" + html.escape(t("Ask your teacher for a printed copy of the student "
                                      "workbook.")) + "</p>"
    return f'<div id="tc-print-guides" class="tc-print-guides">{inner}</div>'


def place(course: Course, edition: str, site: Path, lang: str = SOURCE_LANGUAGE) -> None:
    """Copy this edition's printed PDFs (in the site's language) into ``site`` and fill its
    landing page's printing card; remove PDFs that do not belong there."""
    printed: dict[str, int] = {}
    for guide, name in PDF_NAMES.items():
        source = course.pdf_dir(lang) / name
        if guide in guides_for(edition) and source.is_file():
            shutil.copy2(source, site / name)
            printed[guide] = source.stat().st_size
        else:
            (site / name).unlink(missing_ok=True)
    index = site / "index.html"
    if index.is_file():
        fill(index, BLOCK, card_block(edition, printed, lang))


def place_in_built_sites(course: Course, lang: str = SOURCE_LANGUAGE) -> None:
    """After printing: the PDFs into every edition's site in that language that is built."""
    for edition in PDF_NAMES:
        site = course.site_dir(edition, lang)
        if (site / "index.html").is_file():
            place(course, edition, site, lang)
