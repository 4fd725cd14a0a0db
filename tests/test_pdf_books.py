"""The printed books (tipcourse.publish.pdf) on a fixture course: what each holds and leaves
out, and how the pages look (contents with page numbers, running page numbers, fonts, outline,
title, no blank pages, no page holding only a heading or a single line)."""

from __future__ import annotations

import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest

from tipcourse.course import Course
from tipcourse.publish import pdf

from helpers import FIXTURES, STUDENT_MARKER, TEACHER_MARKER, need

pytestmark = pytest.mark.browser

need(bool(shutil.which("pdftotext")),
     "poppler-utils (pdftotext, pdffonts, pdftoppm) is not installed", allow_module_level=True)

HINT_MARKER = "zqxhintk"  # inside a closed <details>: must print open
EXPLANATION_MARKER = "zqxexplk"  # every quiz explanation in the fixture bank
NOTE_MARKER = "zqxnotek"  # the fixture bank's teacher note


def copy_printbook(folder: Path) -> Path:
    root = folder / "book"
    shutil.copytree(FIXTURES / "printbook", root, ignore=shutil.ignore_patterns("_build"))
    return root


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    course = Course(copy_printbook(tmp_path_factory.mktemp("pdf")))
    assert pdf.main(course, ["student", "teacher"]) == 0
    return {e: course.pdf_dir() / name for e, name in pdf.PDF_NAMES.items()}


def pages_text(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")[:-1]


def body_lines(page: str) -> list[str]:
    """A page's text lines without the running header and the page number."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return [line for line in lines
            if not re.fullmatch(r"Page \d+ of \d+", line) and " · " not in line]


def test_both_books_are_written(books: dict[str, Path]) -> None:
    assert books["teacher"].name == "teacher-guide.pdf"
    assert books["student"].name == "student-workbook.pdf"
    for path in books.values():
        assert path.read_bytes().startswith(b"%PDF")
        assert not list(path.parent.glob(".*.tmp"))


def test_student_workbook_has_no_teacher_content(books: dict[str, Path]) -> None:
    text = "\n".join(pages_text(books["student"]))
    assert TEACHER_MARKER not in text
    assert EXPLANATION_MARKER not in text
    assert NOTE_MARKER not in text
    assert "Teaching guide" not in text
    assert "Assessment" not in text


def test_student_workbook_has_chapters_quiz_sheets_and_handouts(books: dict[str, Path]) -> None:
    text = "\n".join(pages_text(books["student"]))
    assert STUDENT_MARKER in text
    assert "Which of these is a colour?" in text  # quiz sheet questions
    assert "Name:" in text
    assert "Cut out the cards" in text and "Quiz sheet" in text  # the handouts
    assert HINT_MARKER in text  # <details> printed open


def test_teacher_guide_has_guide_keys_and_notes(books: dict[str, Path]) -> None:
    text = " ".join("\n".join(pages_text(books["teacher"])).split())
    for where in ("in the guide", "in a chapter", "in the assessment page", "in the handouts page",
                  "in the handouts index"):
        assert f"{TEACHER_MARKER} {where}" in text
    assert EXPLANATION_MARKER in text  # the answer key
    assert NOTE_MARKER in text
    assert STUDENT_MARKER in text


def first_body_line(page: str) -> str:
    lines = body_lines(page)
    return lines[0] if lines else ""


def contents(pages: list[str]) -> list[tuple[str, int]]:
    """(title, page) for each contents entry, read from the printed contents page."""
    start = next(i for i, p in enumerate(pages) if "Contents" in body_lines(p))
    entries = re.findall(r"^\s*(\S.*?)\s*[._·…\s]{3,}\s*(\d+)\s*$", pages[start], re.M)
    return [(title.strip(" ._"), int(number)) for title, number in entries]


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_contents_page_numbers_lead_to_each_chapter(books: dict[str, Path], edition: str) -> None:
    pages = pages_text(books[edition])
    entries = contents(pages)
    assert len(entries) >= 4
    for title, number in entries:
        # Each chapter starts on a new page, its title first.
        assert first_body_line(pages[number - 1]) == title, (title, number)


def test_teacher_guide_puts_the_guide_first_and_handouts_last(books: dict[str, Path]) -> None:
    titles = [title for title, _ in contents(pages_text(books["teacher"]))]
    assert titles.index("Teaching guide") < titles.index("The first chapter")
    assert titles.index("Assessment") < titles.index("The first chapter")
    assert titles[-3:] == ["Handouts", "Word cards", "Quiz sheet"]  # and the pages it lists


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_running_page_numbers(books: dict[str, Path], edition: str) -> None:
    pages = pages_text(books[edition])
    total = len(pages)
    assert "Page 1 of" not in pages[0]  # the title page carries none
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in page


def test_links_print_their_address_and_key_links_a_qr_code(books: dict[str, Path]) -> None:
    text = "\n".join(pages_text(books["student"]))
    assert "the example site (https://example.org/report)" in text
    page = books["student"].parents[3] / "_build/.work/en/student/singlehtml/html/index.html"
    html = page.read_text()
    assert 'alt="QR code for https://example.org/full-report"' in html
    assert 'alt="QR code for https://example.org/report"' not in html
    # The video prints its address and QR code in the teacher guide.
    teacher = "\n".join(pages_text(books["teacher"]))
    assert "Scan the code or type the address to watch" in teacher


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_fonts_are_embedded(books: dict[str, Path], edition: str) -> None:
    out = subprocess.run(["pdffonts", str(books[edition])], check=True, capture_output=True,
                         text=True).stdout.splitlines()[2:]
    assert out, "no fonts: is the text selectable?"
    for line in out:
        # the columns end with: emb sub uni object-number generation
        assert line.split()[-5] == "yes", line


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_title_language_tags_and_outline(books: dict[str, Path], edition: str) -> None:
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(books[edition].read_bytes()))
    name = pdf.PDF_NAMES[edition]
    expected = "Teacher guide" if name.startswith("teacher") else "Student workbook"
    assert reader.metadata is not None
    assert reader.metadata.title == f"Print fixture course: {expected}"
    assert reader.metadata.author == "Test authors"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])  # tagged PDF

    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    for chapter in ("The first chapter", "The second chapter", "A long chapter", "Word cards"):
        assert chapter in titles
    assert not any(t[: len(t) // 2] * 2 == t for t in titles if t)  # no "TitleTitle"


def ink_rows(image: Path) -> int:
    """Rows with ink in a page image's body (without the running header and page number)."""
    from PIL import Image

    with Image.open(image) as im:
        gray = im.convert("L")
        width, height = gray.size
        data = gray.load()
        return sum(
            any(data[x, y] < 160 for x in range(0, width, 2))
            for y in range(int(height * 0.06), int(height * 0.93))
        )


def page_blocks(path: Path) -> list[list[tuple[str, float]]]:
    """Per page, the text blocks of the body as (first line's text, line height), with the
    number of lines: poppler's -bbox-layout, minus the running header and footer."""
    import xml.etree.ElementTree as ET

    out = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in ET.fromstring(out).iter("{http://www.w3.org/1999/xhtml}page"):
        height = float(page.get("height", "842"))
        blocks = []
        for block in page.iterfind(".//x:block", ns):
            lines = block.findall("x:line", ns)
            top = float(block.get("yMin", "0"))
            if not lines or top < height * 0.06 or top > height * 0.93:
                continue
            words = [[w.text or "" for w in line.findall("x:word", ns)] for line in lines]
            first = lines[0]
            blocks.append((
                [" ".join(w) for w in words],
                float(first.get("yMax", "0")) - float(first.get("yMin", "0")),
            ))
        pages.append(blocks)
    return pages


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_no_blank_page_and_no_page_with_a_lone_heading_or_line(
    books: dict[str, Path], edition: str, tmp_path: Path
) -> None:
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", str(books[edition]),
                    str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    pages = page_blocks(books[edition])
    assert len(images) == len(pages)
    body = sorted(h for blocks in pages for _, h in blocks)[len(pages)]  # a body line's height
    for number, (image, blocks) in enumerate(zip(images, pages, strict=True), start=1):
        assert ink_rows(image) > 0, f"page {number} is blank"
        if number == 1:
            continue  # the title page
        lines = [line for block, _ in blocks for line in block]
        assert len(lines) >= 2, f"page {number} holds only {lines!r}"
        if number == 2:
            continue  # follows the title page
        (first_lines, height), previous = blocks[0], pages[number - 2]
        ended = not previous or re.search(r"[.!?:)\"”’]$", previous[-1][0][-1])
        # A paragraph's last line carried over alone: one body-sized line at the page's top,
        # going on mid-sentence (lower case) from a previous page that left a sentence open.
        carried = first_lines[0][:1].islower() and not ended
        assert not (len(first_lines) == 1 and height <= body * 1.2 and carried), (
            f"page {number} starts with a lone line: {first_lines[0]!r}"
        )


def test_letter_paper(tmp_path: Path) -> None:
    course = Course(copy_printbook(tmp_path))
    assert pdf.main(course, ["student"], paper="letter") == 0
    info = subprocess.run(["pdfinfo", str(course.pdf_dir() / "student-workbook.pdf")],
                          check=True, capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+612(\.\d+)? x 792(\.\d+)? pts \(letter\)", info), info
