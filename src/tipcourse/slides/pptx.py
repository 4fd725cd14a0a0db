"""A deck as an editable PowerPoint file (python-pptx): the same slides as the HTML deck, in
the same order, with the teacher's text as speaker notes.

Each slide is drawn on the blank layout with plain text boxes, so a teacher can change any
of it in PowerPoint, Keynote, LibreOffice Impress or Google Slides. Sizes follow the HTML
deck (1280 x 720 px on a 13.33 x 7.5 in slide, so 1 px = 0.75 pt): body text 24 pt
(32 px), nothing under 21 pt (28 px). A quiz answer, which the HTML deck reveals on a key
press, is in the speaker notes; the step timer is the step's minutes on the slide. A deck in
another language tags its text with that language (spelling checks, read-aloud voices).
"""

from __future__ import annotations

import math
from io import BytesIO
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Pt

from tipcourse.slides.deck import Deck, Slide
from tipcourse.slides.text import Paragraph, Run, TextRenderer

NAVY = RGBColor(0x0B, 0x3D, 0x66)
TEAL = RGBColor(0x1F, 0x6F, 0x8B)
TEXT = RGBColor(0x1B, 0x1B, 0x1B)
FONT = "Arial"  # the deck's system-font stack, as the one font every slide program has
PX = 9525  # EMU per CSS pixel at 96 dpi: 1280 px = 13.33 in
# The run language of a translated deck (English decks keep the slide program's default).
LANGUAGE_IDS = {"es": MSO_LANGUAGE_ID.SPANISH, "fr": MSO_LANGUAGE_ID.FRENCH}


def _px(value: float) -> Emu:
    return Emu(int(value * PX))


def _style(font, size: float, color: RGBColor = TEXT, bold: bool = False,
           italic: bool = False) -> None:
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = color


def _box(slide, x: float, y: float, w: float, h: float, fit: bool = False):
    shape = slide.shapes.add_textbox(_px(x), _px(y), _px(w), _px(h))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE if fit else MSO_AUTO_SIZE.NONE
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, 0)
    return frame


def _write(frame, paragraphs: list[Paragraph], size: float = 24, color: RGBColor = TEXT,
           bold: bool = False, first: bool = True) -> None:
    """Add paragraphs of runs to a text frame (the frame's empty first paragraph is used)."""
    for para in paragraphs:
        p = frame.paragraphs[0] if first and not frame.paragraphs[0].runs else (
            frame.add_paragraph())
        first = False
        p.space_after = Pt(8)
        p.level = max(para.level - 1, 0)
        runs = list(para.runs)
        if para.marker:
            runs.insert(0, Run(f"{para.marker} "))
        for piece in runs:
            r = p.add_run()
            r.text = piece.text
            _style(r.font, size, color, bold or piece.bold, piece.italic)
            if piece.link:
                r.hyperlink.address = piece.link


def _height(text: str, size: float, width_px: float) -> float:
    """The height in px a bold line-wrapped text needs, estimated from an average glyph width
    of 0.55 em (slide programs wrap with their own font metrics, so this errs wide)."""
    per_line = max(int(width_px * 0.75 / (size * 0.55)), 1)
    lines = max(math.ceil(len(text) / per_line), 1)
    return lines * size * 1.2 / 0.75 + 8


def _plain(text: str, marker: str = "", level: int = 0) -> Paragraph:
    return Paragraph([Run(text)], level=level, marker=marker)


def _items(items: list[str], text: TextRenderer, numbered: bool = False) -> list[Paragraph]:
    out = []
    for n, item in enumerate(items, start=1):
        runs = [r for p in text.paragraphs(item) for r in p.runs]
        out.append(Paragraph(runs, level=1, marker=f"{n}." if numbered else "•"))
    return out


def _qr_png(url: str) -> BytesIO:
    import segno

    out = BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=10, border=2)
    out.seek(0)
    return out


def _add_slide(prs: Presentation, slide: Slide, text: TextRenderer) -> None:
    page = prs.slides.add_slide(prs.slide_layouts[6])  # blank
    text.take_sources()  # start the slide with no figures cited
    band = page.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, _px(16))
    band.fill.solid()
    band.fill.fore_color.rgb = NAVY
    band.line.fill.background()

    top = 48
    if slide.label:
        _write(_box(page, 72, top, 1136, 44), [_plain(slide.label.upper())], 21, TEAL, True)
        top += 52
    title_size = {"title": 48, "question": 30}.get(slide.kind, 36)
    if slide.kind == "title":
        top += 80
    title_text = text.paragraphs(slide.title)
    title_height = _height(" ".join(p.text for p in title_text), title_size, 1136)
    _write(_box(page, 72, top, 1136, title_height, True), title_text, title_size, NAVY, True)
    top += title_height + 24

    body = _box(page, 72, top, 1136, 680 - top, fit=True)
    paragraphs: list[Paragraph] = []
    t = text.t
    if slide.kind == "title":
        paragraphs = [_plain(t("Our question:")), *text.paragraphs(slide.text),
                      _plain(slide.meta)]
        _write(body, paragraphs[:1], 21, TEAL, True)
        _write(body, paragraphs[1:2], 27, first=False)
        _write(body, paragraphs[2:], 24, NAVY, True, first=False)
        paragraphs = []
    elif slide.kind in ("note", "objectives"):
        paragraphs = _items(slide.items, text)
    elif slide.kind == "step":
        _write(body, [_plain(slide.meta)], 24, NAVY, True)
        _write(body, [_plain(t("What students do"))], 24, TEAL, True, first=False)
        _write(body, text.paragraphs(slide.text), first=False)
    elif slide.kind == "card":
        paragraphs = text.paragraphs(slide.text)
        if slide.meta:
            task = _box(page, 72, 560, 1136, 110, fit=True)
            _write(task, text.paragraphs(slide.meta), 21, RGBColor(0x3B, 0x3B, 0x3B))
            body = _box(page, 72, top, 1136, 540 - top, fit=True)
    elif slide.kind == "question":
        paragraphs = [
            Paragraph([r for p in text.paragraphs(c.text) for r in p.runs], level=1,
                      marker=f"{chr(ord('A') + i)}.")
            for i, c in enumerate(slide.choices)
        ]
        paragraphs += _items(slide.items, text, numbered=True)  # matches: in the notes
        if slide.text:
            paragraphs += text.paragraphs(slide.text)
    elif slide.kind == "video":
        body = _box(page, 72, top, 760, 680 - top, fit=True)
        _write(body, text.paragraphs(slide.text))
        link = Paragraph([Run(slide.url, link=slide.url)])
        _write(body, [link], 21, TEAL, first=False)
        page.shapes.add_picture(_qr_png(slide.url), _px(900), _px(top), _px(300), _px(300))
    elif slide.kind == "ticket":
        paragraphs = [_plain(t("On your own, on paper.")),
                      *_items(slide.items, text, numbered=True)]
    if paragraphs:
        _write(body, paragraphs)

    sources = text.take_sources()
    notes = text.plain(slide.notes, notes=True) if slide.notes else ""
    if sources:
        notes += ("\n\n" if notes else "") + t(
            "Sources of the figures on this slide: {sources}.").format(sources="; ".join(sources))
    if notes:
        page.notes_slide.notes_text_frame.text = notes


def _tag_language(prs: Presentation, language: MSO_LANGUAGE_ID) -> None:
    for page in prs.slides:
        frames = [shape.text_frame for shape in page.shapes if shape.has_text_frame]
        if page.has_notes_slide:
            frames.append(page.notes_slide.notes_text_frame)
        for frame in frames:
            for paragraph in frame.paragraphs:
                for run in paragraph.runs:
                    run.font.language_id = language


def write_pptx(deck: Deck, text: TextRenderer, target: Path) -> Path:
    """Write the deck as ``target`` (a .pptx) and return it."""
    prs = Presentation()
    prs.slide_width = _px(1280)
    prs.slide_height = _px(720)
    prs.core_properties.title = deck.title
    prs.core_properties.subject = text.t("Lesson slides")
    prs.core_properties.language = deck.lang
    for slide in deck.slides:
        _add_slide(prs, slide, text)
    language = LANGUAGE_IDS.get(deck.lang)
    if language is not None:
        _tag_language(prs, language)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    prs.save(str(temporary))
    temporary.replace(target)
    return target
