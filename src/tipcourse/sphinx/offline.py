"""The offline promise, checked as each page is read: nothing on a page loads from another host.

A classroom copy of the course must work without the internet and tell no other site who
reads it. So an image, script, stylesheet, frame, video, audio, object or any other resource
that a page would fetch from another host is a build error at the page's ``path:line``,
whether it comes from Markdown (``![t](https://…)``), raw HTML in a page or a notebook's
output. Links a reader clicks stay allowed. Raw ``<script>`` in course pages is refused too
(a script can load anything; a ``<script type="application/json">`` data block runs
nothing and passes), unless ``tipcourse_allow_raw_script`` is set in
``sphinx.config``. The ``video`` directive's player loads nothing until clicked: it is its
own node, not raw HTML, and passes.

The build (``tipcourse.publish.build``) fails on these warnings even with ``--no-strict``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

# tag -> attributes whose value the browser fetches on its own.
RESOURCE_ATTRS: dict[str, tuple[str, ...]] = {
    "img": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "source": ("src", "srcset"),
    "track": ("src",),
    "object": ("data",),
    "embed": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "body": ("background",),
    "table": ("background",),
}
# <link rel=...> values that make the browser fetch the address.
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch",
                "modulepreload", "manifest", "preconnect", "dns-prefetch", "prerender"}
_CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(?P<url>[^'")\s]+)""", re.I)


def is_remote(url: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        return True
    return urlsplit(url).scheme.lower() in {"http", "https", "ftp"}


def _host(url: str) -> str:
    return urlsplit(url.strip() if "//" in url else "//" + url).netloc or url


class _Resources(HTMLParser):
    """(line in the HTML, problem) for every remote resource and every <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value or "" for name, value in attrs}
        if tag == "script" and _runs(values.get("type", "")):
            self.found.append((line, "script"))
        names = RESOURCE_ATTRS.get(tag, ())
        if tag == "link" and set(values.get("rel", "").lower().split()) & LOADING_RELS:
            names = ("href",)
        for name in names:
            for url in _urls(values.get(name, ""), srcset=name == "srcset"):
                if is_remote(url):
                    self.found.append((line, f"<{tag} {name}> loads {url} from another host "
                                             f"({_host(url)})"))
        for match in _CSS_URL.finditer(values.get("style", "")):
            if is_remote(match["url"]):
                self.found.append((line, f"a style loads {match['url']} from another host"))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            for match in _CSS_URL.finditer(data):
                if is_remote(match["url"]):
                    self.found.append((self.getpos()[0],
                                       f"a style loads {match['url']} from another host"))


# Script types a browser runs or acts on; any other type (application/json, the quiz
# directive's data) makes the element a data block that runs and loads nothing.
_RUNNING_TYPES = {"", "module", "importmap", "speculationrules", "text/javascript",
                  "application/javascript", "application/ecmascript", "text/ecmascript",
                  "application/x-javascript", "text/jscript", "text/livescript"}


def _runs(script_type: str) -> bool:
    return script_type.split(";")[0].strip().lower() in _RUNNING_TYPES


def _urls(value: str, srcset: bool) -> list[str]:
    if not value:
        return []
    if srcset:
        return [part.strip().split()[0] for part in value.split(",") if part.strip()]
    return [value]


def remote_resources(html: str) -> list[tuple[int, str]]:
    """(1-based line within ``html``, what it loads) for each remote resource and script."""
    parser = _Resources()
    parser.feed(html)
    parser.close()
    return parser.found


def _line(node: nodes.Node) -> int | None:
    while node is not None:
        if getattr(node, "line", None):
            return node.line
        node = node.parent
    return None


def _warn(app: Sphinx, node: nodes.Node, line: int | None, message: str, hint: str) -> None:
    where = nodes.Element()
    where.source = node.source or app.env.doc2path(app.env.docname)
    where.line = line
    logger.warning(f"{message} ({hint})", location=where, type="tipcourse", subtype="offline")


def check_page(app: Sphinx, doctree: nodes.document) -> None:
    keep_offline = "keep the file in the course and link it by its path, or link the page for "\
                   "readers to click"
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        if is_remote(uri):
            _warn(app, image, _line(image),
                  f"image loads {uri} from another host ({_host(uri)})", keep_offline)
    allow_script = app.config.tipcourse_allow_raw_script
    for raw in doctree.findall(nodes.raw):
        if "html" not in raw.get("format", "").split():
            continue
        own = getattr(raw, "line", None)  # raw HTML from the page; else a directive's output
        start = own or _line(raw)
        for offset, problem in remote_resources(raw.astext()):
            line = own + offset - 1 if own else start
            if problem == "script":
                if not allow_script:
                    _warn(app, raw, line, "raw <script> in a course page",
                          "move the behaviour into the course's extension, or set "
                          "tipcourse_allow_raw_script: true under sphinx: config:")
                continue
            _warn(app, raw, line, problem, keep_offline)


def setup(app: Sphinx) -> None:
    app.add_config_value("tipcourse_allow_raw_script", False, "env", [bool])
    app.connect("doctree-read", check_page)
