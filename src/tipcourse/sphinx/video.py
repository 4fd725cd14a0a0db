"""The ``video`` directive: a click-to-load video with a local poster, and a print fallback.

    ```{video}
    :title: The video that accompanies E4J's teaching guide
    ```

The address, title and length come from the school settings (``video:`` in ``school.yml``,
see ``tipcourse.school``); without an address the directive links to the introduction of
UNODC's Education for Justice teaching guide, which the video accompanies. Privacy and
offline use decide the design:

- Until the reader clicks, nothing is requested from another host: the poster is inline
  SVG drawn here, there is no remote thumbnail, no preconnect, no player script.
- A YouTube address becomes a privacy-enhanced (youtube-nocookie.com) player that a small
  local script swaps in on click. Any other address (such as the default teaching-guide
  page, which has no embeddable player) is an ordinary link that opens in a new tab.
- In print the poster gives way to the address and a QR code, generated at build time with
  segno and inlined as SVG.

Other builders get the title and the link as plain text.

    ```{video-pauses}
    ```

is the table of pause points for the video lesson: one row per pause the teacher recorded in
the school settings (time and prompt), or, until then, one row per prompt with a blank for the
time. The prompts (act, means, purpose, who could help, the ending) fit any part of any
video, so no time is ever guessed here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import segno
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator

from tipcourse.languages import N_
from tipcourse.school import PAUSE_PROMPTS, School
from tipcourse.sphinx.i18n import labels
from tipcourse.sphinx.school import school_of

logger = logging.getLogger(__name__)

DEFAULT_VIDEO_URL = (
    "https://www.unodc.org/e4j/en/secondary/teaching-guide-human-trafficking/introduction.html"
)
DEFAULT_TITLE = N_("The video that accompanies E4J's teaching guide on human trafficking")

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def youtube_embed(url: str) -> str | None:
    """The privacy-enhanced embed address for a YouTube video address, else None."""
    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    query = parse_qs(parts.query)
    video_id = None
    if host == "youtu.be":
        video_id = parts.path.strip("/").split("/")[0]
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        segments = [s for s in parts.path.split("/") if s]
        if segments[:1] == ["watch"]:
            video_id = (query.get("v") or [""])[0]
        elif len(segments) >= 2 and segments[0] in {"embed", "shorts", "live", "v"}:
            video_id = segments[1]
    if not video_id or not _YOUTUBE_ID.match(video_id):
        return None
    start = (query.get("start") or query.get("t") or [""])[0].rstrip("s")
    params = "autoplay=1&rel=0" + (f"&start={start}" if start.isdigit() else "")
    return f"https://www.youtube-nocookie.com/embed/{video_id}?{params}"


def qr_svg(url: str, label: str | None = None) -> str:
    """The address as an inline SVG QR code (no file, no remote service); ``label``: its
    name for screen readers (default "QR code for <url>")."""
    label = label or f"QR code for {url}"
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=2, omitsize=True, svgclass="video-qr", title=label
    )
    return svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(label)}" ', 1)


def _attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;")
            .replace("<", "&lt;").replace(">", "&gt;"))


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower().removeprefix("www.")


# Drawn here so the poster needs no image from anywhere: a calm frame and one button.
_POSTER = """<svg class="video-poster" viewBox="0 0 160 90" aria-hidden="true" \
focusable="false" preserveAspectRatio="xMidYMid slice">
<defs><linearGradient id="video-poster-bg" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="#0b3d66"/><stop offset="1" stop-color="#1f6f8b"/></linearGradient>
</defs>
<rect width="160" height="90" fill="url(#video-poster-bg)"/>
<circle cx="22" cy="76" r="30" fill="#ffffff" fill-opacity="0.06"/>
<circle cx="140" cy="12" r="24" fill="#ffffff" fill-opacity="0.06"/>
<circle cx="80" cy="45" r="17" fill="#ffffff" fill-opacity="0.94"/>
{icon}
</svg>"""
_PLAY = '<path d="M75 36 L91 45 L75 54 Z" fill="#0b3d66"/>'
_OPEN = ('<path d="M73 52 L87 38 M79 38 H87 V46" stroke="#0b3d66" stroke-width="3" '
         'fill="none" stroke-linecap="round" stroke-linejoin="round"/>')


class video_embed(nodes.General, nodes.Element):  # noqa: N801 (docutils node naming)
    """A click-to-load video; its children are the plain-text fallback for other builders."""


class VideoDirective(SphinxDirective):
    has_content = False
    option_spec = {"title": directives.unchanged, "url": directives.uri}

    def run(self) -> list[nodes.Node]:
        school = school_of(self)
        if school is None:
            return []
        video = school.video
        url = (self.options.get("url") or video.address or DEFAULT_VIDEO_URL).strip()
        t = labels(self.env)
        title = video.title or self.options.get("title") or t(DEFAULT_TITLE)
        if urlsplit(url).scheme not in {"http", "https"}:
            logger.warning(
                f"video address {url!r} is not an http(s) address (use https://...)",
                location=self.get_location(),
            )
            return []
        length = (t("Length: {length} (minutes:seconds).").format(length=video.length)
                  if video.length else "")
        node = video_embed(url=url, title=title, embed=youtube_embed(url), qr=qr_svg(url),
                           length=length)
        self.set_source_info(node)
        fallback = nodes.paragraph()
        fallback += nodes.strong(title, title)
        fallback += nodes.Text(": ")
        fallback += nodes.reference(url, url, refuri=url)
        node += fallback
        return [node]


def visit_video_html(self: HTML5Translator, node: video_embed) -> None:
    url, title, embed = node["url"], node["title"], node["embed"]
    host = host_of(url)
    t = labels(self.builder.env)
    play, new_tab = t("Play the video"), t("opens in a new tab")
    scan = t("Scan the code or type the address to watch:")
    if embed:
        action = (f'<a class="video-open" href="{_attr(url)}" data-embed="{_attr(embed)}" '
                  f'data-title="{_attr(title)}">'
                  f'<span class="video-button">{self.encode(play)}</span></a>')
        note = t("Nothing loads from {host} until you press play; the video then plays in "
                 "YouTube's privacy-enhanced player (youtube-nocookie.com).").format(host=host)
        icon = _PLAY
    else:
        opens = t("Open the video page on {host}").format(host=host)
        action = (f'<a class="video-open" href="{_attr(url)}" target="_blank" rel="noopener">'
                  f'<span class="video-button">{self.encode(opens)}'
                  f'<span class="video-sr"> ({self.encode(new_tab)})</span>'
                  '</span></a>')
        note = t("The link opens {host}. Check before the lesson that the video plays on the "
                 "classroom computer.").format(host=host)
        icon = _OPEN
    length = node.get("length", "")
    length_html = f'<span class="video-length">{self.encode(length)}</span> ' if length else ""
    # figcaption last: HTML allows it only as a figure's first or last child.
    self.body.append(
        f'<figure class="video-embed">'
        f'<div class="video-stage">{_POSTER.format(icon=icon)}{action}</div>'
        f'<div class="video-print">{node["qr"]}'
        f'<p>{self.encode(scan)} '
        f'{self.encode(url)}</p></div>'
        f'<figcaption><span class="video-title">{self.encode(title)}</span> '
        f'{length_html}<span class="video-note">{self.encode(note)}</span> '
        f'<a class="video-link" href="{_attr(url)}">{self.encode(url)}</a></figcaption>'
        "</figure>\n"
    )
    raise nodes.SkipNode


def _entry(text: str, strong: bool = False) -> nodes.entry:
    entry = nodes.entry()
    para = nodes.paragraph()
    para += nodes.strong(text, text) if strong else nodes.Text(text)
    entry += para
    return entry


def pause_table(school: School, t: Callable[[str], str]) -> nodes.table:
    """The pause points: the teacher's recorded times, or every prompt with a blank time."""
    video = school.video
    rows: list[tuple[str, str, str]]
    if video.pauses:
        rows = [(p.at, *map(t, PAUSE_PROMPTS[p.prompt])) for p in video.pauses]
        caption = t("Pause points")
    else:
        rows = [("______", *map(t, PAUSE_PROMPTS[key]))
                for key in ("act", "means", "purpose", "help", "end")]
        caption = t("Pause points (write the times when you preview the video)")
    if video.length:
        caption += "; " + t("the video is {length} long").format(length=video.length)
    table = nodes.table(classes=["video-pauses"])
    table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=3)
    table += group
    for width in (12, 20, 68):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    row = nodes.row()
    for text in (t("At"), t("Look for"), t("Ask")):
        row += _entry(text)
    head += row
    group += head
    body = nodes.tbody()
    for at, label, prompt in rows:
        row = nodes.row()
        row += _entry(at)
        row += _entry(label, strong=True)
        row += _entry(prompt)
        body += row
    group += body
    return table


class VideoPausesDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        school = school_of(self)
        return ([pause_table(school, labels(self.env))] if school is not None else [])


def _pass(self: object, node: nodes.Node) -> None:
    pass


def _add_assets(app: Sphinx, pagename: str, templatename: str, context: dict,
                doctree: nodes.document | None) -> None:
    # Only pages with a video get its script and styles.
    if doctree is not None and next(iter(doctree.findall(video_embed)), None) is not None:
        app.add_css_file("video-embed.css")
        app.add_js_file("video-embed.js", defer="defer")


def setup(app: Sphinx) -> None:
    app.add_node(
        video_embed,
        html=(visit_video_html, _pass),
        latex=(_pass, _pass),
        text=(_pass, _pass),
        man=(_pass, _pass),
        texinfo=(_pass, _pass),
    )
    app.add_directive("video", VideoDirective)
    app.add_directive("video-pauses", VideoPausesDirective)
    app.connect("html-page-context", _add_assets)
