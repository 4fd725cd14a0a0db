"""A deck as HTML: the reveal.js presentation for the teacher edition, and the page the
handout PDF is printed from.

Every file a deck needs sits in the site: reveal.js and its speaker-notes plugin (vendored
from npm by ``make setup``, copied into ``slides/_assets/``), the course's deck styles and
script. Paths are relative, so a deck opens from ``file://`` and from a USB stick; nothing
is requested from another host until the teacher clicks the video's play button.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tipcourse.slides.deck import Deck, Slide
from tipcourse.slides.text import TextRenderer, escape

STATIC = Path(__file__).parent / "static"
ASSETS = "_assets"
# (file in node_modules/reveal.js, name in the site): only what a deck loads.
REVEAL_FILES = (
    ("dist/reveal.css", "reveal.css"),
    ("dist/reveal.js", "reveal.js"),
    ("dist/plugin/notes.js", "notes.js"),
    ("LICENSE", "reveal.js-LICENSE.txt"),
)
OWN_FILES = ("deck.css", "deck.js")


class RevealMissing(Exception):
    """reveal.js is not installed (``npm ci`` has not run)."""


def find_reveal(root: Path) -> Path:
    """The reveal.js package folder: in ``TIPCOURSE_NODE_MODULES``, the course's
    node_modules, or the node_modules of the repository that holds this package (the
    same places the site's PurgeCSS is looked for)."""
    import tipcourse

    candidates = []
    if os.environ.get("TIPCOURSE_NODE_MODULES"):
        candidates.append(Path(os.environ["TIPCOURSE_NODE_MODULES"]))
    candidates += [root / "node_modules",
                   Path(tipcourse.__file__).resolve().parents[2] / "node_modules"]
    for folder in candidates:
        if (folder / "reveal.js" / "dist" / "reveal.js").is_file():
            return folder / "reveal.js"
    raise RevealMissing(f"{root / 'node_modules' / 'reveal.js'} not found")


def copy_assets(root: Path, slides_dir: Path) -> None:
    """Copy reveal.js and the deck's own files into ``slides/_assets/`` (once per site)."""
    reveal = find_reveal(root)
    target = slides_dir / ASSETS
    target.mkdir(parents=True, exist_ok=True)
    for source, name in REVEAL_FILES:
        _copy_if_changed(reveal / source, target / name)
    for name in OWN_FILES:
        _copy_if_changed(STATIC / name, target / name)


def _copy_if_changed(source: Path, target: Path) -> None:
    if target.is_file() and target.stat().st_size == source.stat().st_size and (
        target.read_bytes() == source.read_bytes()
    ):
        return
    shutil.copyfile(source, target)


# Slides -----------------------------------------------------------------------------------
def _label(slide: Slide) -> str:
    return f'<p class="slide-label">{escape(slide.label)}</p>' if slide.label else ""


def _notes(slide: Slide, text: TextRenderer) -> str:
    return (f'<aside class="notes">{text.html(slide.notes, notes=True)}</aside>'
            if slide.notes else "")


def _items(items: list[str], text: TextRenderer, tag: str = "ul") -> str:
    lis = "".join(f"<li>{text.inline_html(item)}</li>" for item in items)
    return f'<{tag} class="slide-list">{lis}</{tag}>'


def _timer(slide: Slide, sid: str) -> str:
    seconds = (slide.minutes or 0) * 60
    shown = f"{seconds // 60:02d}:{seconds % 60:02d}"
    return (
        f'<div class="timer" data-seconds="{seconds}">'
        f'<span class="timer-time" role="timer" id="{sid}-time" '
        f'aria-label="Time left for this step">{shown}</span> '
        f'<button type="button" class="timer-toggle" aria-describedby="{sid}-time">'
        "Start timer</button> "
        f'<button type="button" class="timer-reset">Reset</button>'
        '<span class="timer-keys">T start or pause, R reset</span>'
        '<span class="timer-status visually-hidden" aria-live="polite"></span>'
        "</div>"
    )


def _video(slide: Slide) -> str:
    from tipcourse.sphinx.video import host_of, qr_svg, youtube_embed

    url, embed = slide.url, youtube_embed(slide.url)
    host = host_of(url)
    if embed:
        action = (f'<button type="button" class="video-play" data-embed="{escape(embed)}">'
                  "Play the video</button>")
        note = (f"Nothing loads from {host} until you press play; the video then plays in "
                "YouTube's privacy-enhanced player.")
    else:
        action = (f'<a class="video-play" href="{escape(url)}" target="_blank" '
                  f'rel="noopener">Open the video on {escape(host)}'
                  '<span class="visually-hidden"> (opens in a new tab)</span></a>')
        note = f"The video opens on {host} when you click."
    return (
        '<div class="video-box">'
        f'<div class="video-stage">{action}</div>'
        f'<div class="video-qr-box">{qr_svg(url)}</div>'
        "</div>"
        f'<p class="video-address">{escape(url)}</p>'
        f'<p class="video-note">{escape(note)}</p>'
    )


def section_html(slide: Slide, index: int, text: TextRenderer) -> str:
    """One slide as a reveal.js ``<section>``."""
    sid = f"slide-{index}"
    text.take_sources()  # start the slide with no figures cited
    heading = "h1" if slide.kind == "title" else "h2"
    title = f'<{heading} id="{sid}-title">{text.inline_html(slide.title)}</{heading}>'
    body = ""
    if slide.kind == "title":
        body = (f'<p class="essential-question"><span class="eq-label">Our question:</span> '
                f"{text.inline_html(slide.text)}</p>"
                f'<p class="slide-meta">{escape(slide.meta)}</p>')
    elif slide.kind in ("note", "objectives"):
        body = _items(slide.items, text)
    elif slide.kind == "step":
        body = (f'<p class="slide-meta">{escape(slide.meta)}</p>'
                f'<div class="slide-body"><p class="students-label">What students do</p>'
                f"{text.html(slide.text)}</div>{_timer(slide, sid)}")
    elif slide.kind == "card":
        body = f'<div class="slide-body card-text">{text.html(slide.text)}</div>'
        if slide.meta:
            body += f'<p class="card-task">{text.inline_html(slide.meta)}</p>'
    elif slide.kind == "question":
        parts = []
        if slide.choices:
            lis = "".join(
                f'<li{" class=correct" if c.correct else ""}>'
                f'<span class="choice-text">{text.inline_html(c.text)}</span>'
                f'<span class="correct-mark"> (correct)</span></li>'
                for c in slide.choices
            )
            parts.append(f'<ol class="choices" type="A">{lis}</ol>')
        if slide.matches:
            lis = "".join(
                f"<li>{text.inline_html(item)}<span class=\"match\"> → "
                f"{text.inline_html(match)}</span></li>"
                for item, match in zip(slide.items, slide.matches, strict=True)
            )
            parts.append(f'<ol class="slide-list matches">{lis}</ol>')
        elif slide.items:
            parts.append(_items(slide.items, text, "ol"))
        if slide.text:
            parts.append(f'<p class="question-how">{text.inline_html(slide.text)}</p>')
        parts.append(f'<div class="answer fragment" data-answer>{text.html(slide.answer)}'
                     "</div>")
        body = "".join(parts)
    elif slide.kind == "video":
        body = f"<p>{text.inline_html(slide.text)}</p>{_video(slide)}"
    elif slide.kind == "ticket":
        body = ('<p class="ticket-how">On your own, on paper.</p>'
                + _items(slide.items, text, "ol"))
    sources = text.take_sources()
    if sources:
        line = "; ".join(sources)
        body += f'<p class="slide-sources">{escape(line[:1].upper() + line[1:])}.</p>'
    classes = f"slide slide-{slide.kind}"
    return (f'<section class="{classes}" id="{sid}" aria-labelledby="{sid}-title" '
            f'data-kind="{slide.kind}">{_label(slide)}{title}{body}{_notes(slide, text)}'
            "</section>")


def _head(title: str, styles: str) -> str:
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>{escape(title)}</title>\n{styles}</head>\n"
    )


def deck_html(deck: Deck, text: TextRenderer) -> str:
    """The reveal.js page of one deck (in ``slides/<lesson>/index.html``)."""
    assets = f"../{ASSETS}"
    styles = (f'<link rel="stylesheet" href="{assets}/reveal.css">\n'
              f'<link rel="stylesheet" href="{assets}/deck.css">\n')
    sections = "\n".join(section_html(s, i, text) for i, s in enumerate(deck.slides, 1))
    return (
        _head(f"{deck.title} (slides)", styles)
        + "<body>\n"
        f'<main class="deck" aria-label="{escape(deck.title)}, slides"><div class="reveal">'
        f'<div class="slides">\n{sections}\n</div></div></main>\n'
        f'<script src="{assets}/reveal.js"></script>\n'
        f'<script src="{assets}/notes.js"></script>\n'
        f'<script src="{assets}/deck.js"></script>\n'
        "</body>\n</html>\n"
    )


def handout_html(deck: Deck, text: TextRenderer, per_page: int = 6) -> str:
    """A printable page: the deck's slides, six to an A4 page, styles inlined."""
    css = (STATIC / "deck.css").read_text(encoding="utf-8")
    css += (STATIC / "handout.css").read_text(encoding="utf-8")
    pages = []
    slides = deck.slides
    total_pages = (len(slides) + per_page - 1) // per_page
    for p in range(total_pages):
        chunk = slides[p * per_page:(p + 1) * per_page]
        boxes = "".join(
            f'<div class="handout-slide"><div class="reveal"><div class="slides">'
            f"{section_html(s, p * per_page + i + 1, text)}</div></div></div>"
            for i, s in enumerate(chunk)
        )
        pages.append(
            f'<div class="handout-page"><p class="handout-head">{escape(deck.title)}'
            f'<span>page {p + 1} of {total_pages}</span></p>'
            f'<div class="handout-grid">{boxes}</div></div>'
        )
    return (_head(f"{deck.title}: slide handout", f"<style>{css}</style>\n")
            + f'<body class="handout"><main><h1 class="visually-hidden">{escape(deck.title)}'
            f"</h1>{''.join(pages)}</main></body>\n</html>\n")
