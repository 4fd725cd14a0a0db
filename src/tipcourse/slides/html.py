"""A deck as HTML: the reveal.js presentation for the teacher edition, and the page the
handout PDF is printed from.

Every file a deck needs sits in the site: reveal.js and its speaker-notes plugin (vendored
from npm by ``make setup``, copied into ``slides/_assets/``), the course's deck styles and
script. Paths are relative, so a deck opens from ``file://`` and from a USB stick; nothing
is requested from another host until the teacher clicks the video's play button.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from tipcourse.languages import N_
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
# What deck.js writes on the page (the timer's button and messages, the video frame's
# title, reveal.js's help): each deck carries them in its language.
SCRIPT_WORDS = (
    N_("Start timer"), N_("Pause timer"), N_("Timer paused at {time}"), N_("Time is up"),
    N_("Timer started"), N_("Timer reset to {time}"), N_("Video"),
    N_("Start or pause the step timer"), N_("Reset the step timer"),
)


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


def _timer(slide: Slide, sid: str, t: Callable[[str], str]) -> str:
    seconds = (slide.minutes or 0) * 60
    shown = f"{seconds // 60:02d}:{seconds % 60:02d}"
    time_left, start = escape(t("Time left for this step")), escape(t("Start timer"))
    reset, keys = escape(t("Reset")), escape(t("T start or pause, R reset"))
    return (
        f'<div class="timer" data-seconds="{seconds}">'
        f'<span class="timer-time" role="timer" id="{sid}-time" '
        f'aria-label="{time_left}">{shown}</span> '
        f'<button type="button" class="timer-toggle" aria-describedby="{sid}-time">'
        f"{start}</button> "
        f'<button type="button" class="timer-reset">{reset}</button>'
        f'<span class="timer-keys">{keys}</span>'
        '<span class="timer-status visually-hidden" aria-live="polite"></span>'
        "</div>"
    )


def _video(slide: Slide, t: Callable[[str], str]) -> str:
    from tipcourse.sphinx.video import host_of, qr_svg, youtube_embed

    url, embed = slide.url, youtube_embed(slide.url)
    host = host_of(url)
    if embed:
        play = escape(t("Play the video"))
        action = (f'<button type="button" class="video-play" data-embed="{escape(embed)}">'
                  f"{play}</button>")
        note = t("Nothing loads from {host} until you press play; the video then plays in "
                 "YouTube's privacy-enhanced player.").format(host=host)
    else:
        open_on = escape(t("Open the video on {host}").format(host=host))
        new_tab = escape(t("(opens in a new tab)"))
        action = (f'<a class="video-play" href="{escape(url)}" target="_blank" '
                  f'rel="noopener">{open_on}<span class="visually-hidden"> {new_tab}'
                  "</span></a>")
        note = t("The video opens on {host} when you click.").format(host=host)
    qr = t("QR code for {url}").format(url=url)
    return (
        '<div class="video-box">'
        f'<div class="video-stage">{action}</div>'
        f'<div class="video-qr-box">{qr_svg(url, qr)}</div>'
        "</div>"
        f'<p class="video-address">{escape(url)}</p>'
        f'<p class="video-note">{escape(note)}</p>'
    )


def section_html(slide: Slide, index: int, text: TextRenderer) -> str:
    """One slide as a reveal.js ``<section>``."""
    sid = f"slide-{index}"
    t = text.t
    text.take_sources()  # start the slide with no figures cited
    heading = "h1" if slide.kind == "title" else "h2"
    title = f'<{heading} id="{sid}-title">{text.inline_html(slide.title)}</{heading}>'
    body = ""
    if slide.kind == "title":
        ours = escape(t("Our question:"))
        body = (f'<p class="essential-question"><span class="eq-label">{ours}</span> '
                f"{text.inline_html(slide.text)}</p>"
                f'<p class="slide-meta">{escape(slide.meta)}</p>')
    elif slide.kind in ("note", "objectives"):
        body = _items(slide.items, text)
    elif slide.kind == "step":
        students = escape(t("What students do"))
        body = (f'<p class="slide-meta">{escape(slide.meta)}</p>'
                f'<div class="slide-body"><p class="students-label">{students}</p>'
                f"{text.html(slide.text)}</div>{_timer(slide, sid, t)}")
    elif slide.kind == "card":
        body = f'<div class="slide-body card-text">{text.html(slide.text)}</div>'
        if slide.meta:
            body += f'<p class="card-task">{text.inline_html(slide.meta)}</p>'
    elif slide.kind == "question":
        parts = []
        correct = escape(t("(correct)"))
        if slide.choices:
            lis = "".join(
                f'<li{" class=correct" if c.correct else ""}>'
                f'<span class="choice-text">{text.inline_html(c.text)}</span>'
                f'<span class="correct-mark"> {correct}</span></li>'
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
        body = f"<p>{text.inline_html(slide.text)}</p>{_video(slide, t)}"
    elif slide.kind == "ticket":
        how = escape(t("On your own, on paper."))
        body = (f'<p class="ticket-how">{how}</p>'
                + _items(slide.items, text, "ol"))
    sources = text.take_sources()
    if sources:
        line = "; ".join(sources)
        body += f'<p class="slide-sources">{escape(line[:1].upper() + line[1:])}.</p>'
    classes = f"slide slide-{slide.kind}"
    return (f'<section class="{classes}" id="{sid}" aria-labelledby="{sid}-title" '
            f'data-kind="{slide.kind}">{_label(slide)}{title}{body}{_notes(slide, text)}'
            "</section>")


def _head(title: str, styles: str, lang: str) -> str:
    return (
        f'<!doctype html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f"<title>{escape(title)}</title>\n{styles}</head>\n"
    )


def deck_html(deck: Deck, text: TextRenderer) -> str:
    """The reveal.js page of one deck (in ``slides/<lesson>/index.html``)."""
    assets = f"../{ASSETS}"
    styles = (f'<link rel="stylesheet" href="{assets}/reveal.css">\n'
              f'<link rel="stylesheet" href="{assets}/deck.css">\n')
    t = text.t
    sections = "\n".join(section_html(s, i, text) for i, s in enumerate(deck.slides, 1))
    words = {w: t(w) for w in SCRIPT_WORDS if t(w) != w}
    script_words = ""  # English needs none: deck.js is written in it
    if words:
        data = json.dumps(words, ensure_ascii=False).replace("</", "<\\/")
        script_words = f'<script type="application/json" id="deck-labels">{data}</script>\n'
    label = escape(t("{title}, slides").format(title=deck.title))
    return (
        _head(t("{title} (slides)").format(title=deck.title), styles, deck.lang)
        + "<body>\n"
        f'<main class="deck" aria-label="{label}"><div class="reveal">'
        f'<div class="slides">\n{sections}\n</div></div></main>\n'
        + script_words
        + f'<script src="{assets}/reveal.js"></script>\n'
        f'<script src="{assets}/notes.js"></script>\n'
        f'<script src="{assets}/deck.js"></script>\n'
        "</body>\n</html>\n"
    )


def handout_html(deck: Deck, text: TextRenderer, per_page: int = 6) -> str:
    """A printable page: the deck's slides, six to an A4 page, styles inlined."""
    css = (STATIC / "deck.css").read_text(encoding="utf-8")
    css += (STATIC / "handout.css").read_text(encoding="utf-8")
    t = text.t
    pages = []
    slides = deck.slides
    total_pages = (len(slides) + per_page - 1) // per_page
    for p in range(total_pages):
        chunk = slides[p * per_page:(p + 1) * per_page]
        page_of = t("page {number} of {total}").format(number=p + 1, total=total_pages)
        boxes = "".join(
            f'<div class="handout-slide"><div class="reveal"><div class="slides">'
            f"{section_html(s, p * per_page + i + 1, text)}</div></div></div>"
            for i, s in enumerate(chunk)
        )
        pages.append(
            f'<div class="handout-page"><p class="handout-head">{escape(deck.title)}'
            f"<span>{escape(page_of)}</span></p>"
            f'<div class="handout-grid">{boxes}</div></div>'
        )
    title = t("{title}: slide handout").format(title=deck.title)
    return (_head(title, f"<style>{css}</style>\n", deck.lang)
            + f'<body class="handout"><main><h1 class="visually-hidden">{escape(deck.title)}'
            f"</h1>{''.join(pages)}</main></body>\n</html>\n")
