"""The printable guides: ``_build/pdf/teacher-guide.pdf`` and ``_build/pdf/student-workbook.pdf``.

Each book is the edition built by Sphinx's ``singlehtml`` builder (into
``_build/.work/<edition>/singlehtml``, with its own doctrees, so it never disturbs the site's
incremental state) and printed by Chromium through Playwright. Chromium gives what the guides
need and the alternatives lack: WeasyPrint hangs on the theme's flex layout and LaTeX needs a
TeX install. The print stylesheet and the title page and contents come from
``tipcourse.sphinx.print``.

What each book holds, and in what order (its own ``_toc.yml``):

- Teacher guide: the teaching guide first (course at a glance, safeguarding, lesson plans,
  the video lesson, assessment with the answer keys), because that is what a teacher plans
  from and safeguarding must be read before the first lesson; then the chapters as students
  see them plus the teacher notes, the data notebooks with their solutions, and the handouts
  last, where photocopy masters are easy to find and pull out.
- Student workbook: the chapters (each quiz printed as a sheet to fill in), the data
  notebooks (exercises without solutions), and the handouts themselves (student edition, so
  teacher blocks inside them are dropped; the teachers' page that lists them is left out).

The contents page needs page numbers that exist only after printing, so each book is printed
twice: the first print's named destinations (Chromium writes one per linked heading) give the
page of each contents entry; the numbers are filled in and the book printed again. The
numbers sit in fixed-width boxes, so filling them in does not move any page break; a check
after the second print confirms it (and prints a third time if ever it moved).

Reading the named destinations and finishing the file (outline titles, author, subject) use
pypdf (a pure-Python library), so ``make course`` needs no system tool besides Chromium.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from tipcourse.course import Course, Edition, teacher_first
from tipcourse.errors import BuildError
from tipcourse.languages import SOURCE_LANGUAGE, ui
from tipcourse.publish.browser import INSTALL_HINT, ChromiumMissing, chromium, in_own_thread
from tipcourse.sphinx.print import book_name

PDF_NAMES = {Edition.TEACHER: "teacher-guide.pdf", Edition.STUDENT: "student-workbook.pdf"}
PAPERS = {"a4": "A4", "letter": "Letter"}
# The width of the text on each paper in CSS pixels (96 per inch): the page less print.css's
# side margins (17 mm each).
TEXT_WIDTH = {"a4": round((210 - 34) / 25.4 * 96), "letter": round((8.5 - 34 / 25.4) * 96)}
HANDOUTS = "handouts"
# pdf.main's status when there is no Chromium: `tipcourse build --pdf` still succeeds then.
NO_CHROMIUM = 3


# The books' tables of contents ---------------------------------------------------------
def _parts(toc: dict[str, Any]) -> list[dict[str, Any]]:
    if "parts" in toc:
        return [dict(p) for p in toc["parts"] or []]
    return [{"chapters": list(toc.get("chapters") or [])}]


def print_toc(course: Course, edition: str) -> dict[str, Any]:
    """The table of contents of one printed book (see the module docstring for the order)."""
    toc = course.toc()
    guide: list[dict[str, Any]] = []
    content: list[dict[str, Any]] = []
    handouts: list[Any] = []
    for part in _parts(toc):
        kept: dict[str, list[Any]] = {"guide": [], "content": []}
        for chapter in part.get("chapters") or []:
            docname = str(chapter.get("file", "")) if isinstance(chapter, dict) else ""
            if not course.is_teacher_page(docname):
                kept["content"].append(chapter)
            elif Path(docname).name == HANDOUTS:
                # Students get the handouts themselves; the page listing them is for teachers.
                sections = list(chapter.get("sections") or [])
                handouts.extend([chapter] if edition == Edition.TEACHER or not sections
                                else sections)
            elif edition == Edition.TEACHER:
                kept["guide"].append(chapter)
        for key, target in (("guide", guide), ("content", content)):
            if kept[key]:
                target.append({**_caption(part), "chapters": kept[key]})
    parts = guide + content
    if handouts:
        parts.append({"caption": "Handouts", "chapters": handouts})
    out: dict[str, Any] = {"format": "jb-book", "root": str(toc["root"])}
    if parts:
        out["parts"] = parts
    return out


def _caption(part: dict[str, Any]) -> dict[str, Any]:
    return {"caption": part["caption"]} if part.get("caption") else {}


class PrintedBook(Course):
    """The course as the printed books see it: the book's own table of contents, and work
    folders of its own. The student workbook takes the handouts from the teaching guide's
    folder, so the whole-folder exclusion the student site uses is replaced by the table of
    contents (``only_build_toc_files``) and the student edition's directives."""

    def __init__(self, course: Course) -> None:
        super().__init__(course.root, teacher_dir_name=course.teacher_dir_name)
        self.source = course

    def edition_excludes(self, edition: str) -> list[str]:
        return []  # the book's table of contents decides

    def work_dir(self, edition: str, lang: str = SOURCE_LANGUAGE) -> Path:
        return self.source.work_dir(edition, lang) / "singlehtml"

    def edition_toc(self, edition: str) -> dict[str, Any]:
        return print_toc(self.source, edition)


def build_single_page(course: Course, edition: str, force: bool = False,
                      lang: str = SOURCE_LANGUAGE) -> Path:
    """Build one edition in one language as a single HTML page for printing; return it."""
    from tipcourse.languages import speaking
    from tipcourse.publish.build import first_problem, run_sphinx

    book = PrintedBook(course)
    work = book.work_dir(edition, lang)
    html = work / "html"
    # As strict as the site: a warning here (a link the printed book cannot resolve) stops it.
    with speaking(lang):
        warnings = run_sphinx(book, edition, html, work / "doctrees", "singlehtml", force,
                              lang)
    problem = first_problem(course, warnings)
    if problem:
        (work / "doctrees" / "environment.pickle").unlink(missing_ok=True)
        raise problem
    root_doc = str(course.toc()["root"])
    page = html / f"{root_doc}.html"
    if not page.is_file():
        raise BuildError(course.toc_path.name, None, f"the single-page build wrote no {page.name}")
    return page


# Chromium ---------------------------------------------------------------------------------
# Open every disclosure and toggle: on paper nothing can be clicked open.
_PREPARE = """() => {
  for (const d of document.querySelectorAll('details')) d.open = true;
  for (const el of document.querySelectorAll('.toggle-hidden')) {
    el.classList.remove('toggle-hidden');
  }
  return document.fonts.ready.then(() => true);
}"""
# Chromium splits a three-line paragraph two and one even with widows: 2 (it does not move a
# paragraph whole when it cannot honour orphans and widows), which leaves one line alone on a
# page. So paragraphs too short to split well are kept whole, measured in the print layout.
_KEEP_SHORT = """() => {
  const blocks = document.querySelectorAll('.bd-article p, .bd-article dd, .bd-article li');
  for (const el of blocks) {
    if (el.tagName === 'LI' && el.querySelector('p, ul, ol')) continue;
    const line = parseFloat(getComputedStyle(el).lineHeight) || 16;
    if (el.getBoundingClientRect().height < line * 3.6) el.style.breakInside = 'avoid';
  }
}"""
_FILL_PAGES = """(pages) => {
  for (const span of document.querySelectorAll('.tc-toc-page')) {
    const n = pages[span.dataset.target];
    span.textContent = n ? String(n) : '';
  }
}"""
_TARGETS = "() => [...document.querySelectorAll('.tc-toc-page')].map(s => s.dataset.target)"
# The text of every printed heading, in document order: the outline's titles.
_HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.getClientRects().length > 0)
  .map(h => {
    const copy = h.cloneNode(true);
    for (const link of copy.querySelectorAll('.headerlink')) link.remove();
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  })"""


def destination_pages(pdf: bytes) -> dict[str, int]:
    """Page number (1-based) of each named destination Chromium wrote."""
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    pages: dict[str, int] = {}
    for name, dest in reader.named_destinations.items():
        try:
            pages[name.lstrip("/")] = reader.get_destination_page_number(dest) + 1
        except Exception:  # noqa: BLE001 - a destination pypdf cannot place is left unnumbered
            continue
    return pages


@dataclass
class Printer:
    """One Chromium for every book of a run."""

    browser: Any

    def print_page(
        self, page_path: Path, paper: str = "a4", author: str = "", subject: str = ""
    ) -> bytes:
        """Print the single page to PDF bytes, with the contents' page numbers filled in."""
        page = self.browser.new_page()
        try:
            # Offline and private: nothing may load from another host. (Only web addresses
            # are intercepted: routing every local file through the driver costs seconds.)
            for pattern in ("http://**", "https://**", "ws://**", "wss://**"):
                page.route(pattern, lambda route: route.abort())
            # Lay the page out as it prints (print styles, the paper's text width), so that
            # what _KEEP_SHORT measures is what Chromium will break.
            page.emulate_media(media="print")
            page.set_viewport_size({"width": TEXT_WIDTH[paper], "height": 1000})
            page.goto(page_path.resolve().as_uri(), wait_until="load")
            page.evaluate(_PREPARE)
            page.evaluate(_KEEP_SHORT)
            targets = page.evaluate(_TARGETS)
            options = {
                "format": PAPERS[paper],
                "print_background": True,
                "outline": True,
                "tagged": True,
            }
            # The first print only has to tell the pages: no tags or outline (slower to make).
            pdf = page.pdf(**{**options, "outline": False, "tagged": False})
            pages = destination_pages(pdf)
            for _ in range(3):
                wanted = {t: pages.get(t) for t in targets}
                page.evaluate(_FILL_PAGES, wanted)
                pdf = page.pdf(**options)
                pages = destination_pages(pdf)
                if {t: pages.get(t) for t in targets} == wanted:
                    break
            return finish_pdf(pdf, author, subject, page.evaluate(_HEADINGS))
        finally:
            page.close()


@contextmanager
def printer() -> Iterator[Printer]:
    """A Printer on the package's Chromium; ChromiumMissing if there is none."""
    with chromium() as browser:
        yield Printer(browser)


def finish_pdf(
    data: bytes, author: str = "", subject: str = "", headings: list[str] | None = None
) -> bytes:
    """Chromium's PDF with two touches: the author and subject in the document information,
    and the outline's titles as the headings say them. (Chromium 156 builds a bookmark's
    title from the heading's lines without the spaces between them, and repeats the first
    line when the heading follows a forced page break, as every chapter's does.) headings
    are the printed headings' texts in document order, one per bookmark; without them (or
    if the counts differ) only the repeated first halves are removed.

    The changes are appended as an incremental update, so Chromium's file (tags, fonts,
    links, outline) is kept byte for byte. pypdf reads the few objects involved and writes
    each one; only the short cross-reference section and trailer are written here, because
    pypdf's own incremental writer (``PdfWriter(..., incremental=True)``) first copies and
    hashes every object of the file: 15 s for the 150-page teacher guide on the course's
    2-core machine, against half a second for this."""
    import re

    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, NameObject, NumberObject, TextStringObject

    reader = PdfReader(BytesIO(data))
    tail = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data[-64:])
    if not tail or not data[int(tail[1]):].startswith(b"xref"):
        return data  # not a classic cross-reference table: leave the file as Chromium made it
    changed: dict[tuple[int, int], DictionaryObject] = {}
    items = []  # the bookmarks in document order (depth first)
    outlines = reader.trailer["/Root"].get_object().get("/Outlines")
    pending = [outlines.get_object().get("/First")] if outlines is not None else []
    while pending:
        ref = pending.pop()
        if ref is None or not hasattr(ref, "idnum"):
            continue
        item = ref.get_object()
        items.append((ref, item))
        pending.extend([item.get("/Next"), item.get("/First")])  # the child comes first
    use_headings = headings is not None and len(headings) == len(items)
    for index, (ref, item) in enumerate(items):
        title = str(item.get("/Title", ""))
        half = len(title) // 2
        if use_headings and headings is not None:
            better = headings[index]
        elif half and len(title) % 2 == 0 and title[:half] == title[half:]:
            better = title[:half]
        else:
            continue
        if better and better != title:
            item[NameObject("/Title")] = TextStringObject(better)
            changed[(ref.idnum, ref.generation)] = item
    info_ref = reader.trailer.get("/Info")
    if info_ref is not None and (author or subject):
        info = info_ref.get_object()
        for key, value in (("/Author", author), ("/Subject", subject)):
            if value:
                info[NameObject(key)] = TextStringObject(value)
        changed[(info_ref.idnum, info_ref.generation)] = info
    if not changed:
        return data
    out = BytesIO()
    out.write(data if data.endswith(b"\n") else data + b"\n")
    offsets: dict[tuple[int, int], int] = {}
    for (num, gen), obj in sorted(changed.items()):
        offsets[(num, gen)] = out.tell()
        out.write(f"{num} {gen} obj\n".encode())
        obj.write_to_stream(out)
        out.write(b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n")
    for (num, gen), offset in sorted(offsets.items()):
        out.write(f"{num} 1\n{offset:010d} {gen:05d} n \n".encode())
    size = max(int(reader.trailer.get("/Size", 0)), max(n for n, _ in changed) + 1)
    trailer = DictionaryObject({
        NameObject("/Size"): NumberObject(size),
        NameObject("/Root"): reader.trailer.raw_get("/Root"),
        NameObject("/Prev"): NumberObject(int(tail[1])),
    })
    if info_ref is not None:
        trailer[NameObject("/Info")] = info_ref
    out.write(b"trailer\n")
    trailer.write_to_stream(out)
    out.write(f"\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def write_atomically(data: bytes, target: Path) -> None:
    """Write target through a temporary file and a rename: readers never see half a PDF."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, target)


def print_book(course: Course, printer: Printer, edition: str, paper: str = "a4",
               lang: str = SOURCE_LANGUAGE) -> Path:
    """Build and print one book in one language into _build/pdf/<lang>/; return its path."""
    page = build_single_page(course, edition, lang=lang)
    target = course.pdf_dir(lang) / PDF_NAMES[edition]
    config = course.config()
    subject = ui(lang)(book_name(edition))
    data = printer.print_page(page, paper, str(config.get("author") or ""),
                              f"{config.get('title') or ''}: {subject}".strip(": "))
    write_atomically(data, target)
    return target


def main(course: Course, editions: Iterable[str], paper: str = "a4",
         languages: Iterable[str] = (SOURCE_LANGUAGE,)) -> int:
    """Print the books for the given editions; 0 when all were written, else non-zero with
    one line on stderr (NO_CHROMIUM when there is no browser to print with)."""
    from playwright.sync_api import Error as PlaywrightError

    if paper not in PAPERS:
        print(f"tipcourse pdf: unknown paper {paper!r} (use a4 or letter)", file=sys.stderr)
        return 1

    def print_all() -> None:
        with printer() as chromium:
            for lang in languages:
                for edition in teacher_first(editions):
                    start = time.perf_counter()
                    target = print_book(course, chromium, edition, paper, lang)
                    took = time.perf_counter() - start
                    print(f"printed {edition} edition ({lang}) in {took:.1f} s: "
                          f"{target.relative_to(course.root)}")

    try:
        in_own_thread(print_all)
        from tipcourse.publish import guides

        for lang in languages:
            guides.place_in_built_sites(course, lang)
    except ChromiumMissing as exc:
        print(f"tipcourse pdf: {exc}; the PDFs need Chromium: {INSTALL_HINT}", file=sys.stderr)
        return NO_CHROMIUM
    except BuildError as exc:
        print(exc.one_line(), file=sys.stderr)
        return 1
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"tipcourse pdf: Chromium failed while printing ({first})", file=sys.stderr)
        return 1
    return 0


def bench(course: Course | None = None, paper: str = "a4",
          lang: str = SOURCE_LANGUAGE) -> dict[str, float]:
    """Seconds to build and print each book (for ``make bench``), keyed by file name."""
    course = course or Course.here()
    times: dict[str, float] = {}

    def print_all() -> None:
        with printer() as chromium:
            for edition in teacher_first(PDF_NAMES):
                start = time.perf_counter()
                print_book(course, chromium, edition, paper, lang)
                times[PDF_NAMES[edition]] = round(time.perf_counter() - start, 2)

    in_own_thread(print_all)
    return times
