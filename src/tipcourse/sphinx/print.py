"""The printed editions: what the single-page build (``singlehtml``) adds for the PDFs.

``tipcourse.publish.pdf`` builds each edition with Sphinx's ``singlehtml`` builder and prints
the page with Chromium. Only for that builder, this part

- adds ``print.css`` (page size and margins, running "Page N of M", chapters on new pages,
  no split figures or tables, links printed as text, the site's navigation hidden);
- turns the root page's heading into a title page (course title, which book this is, author);
- adds a table of contents of every document, grouped by the parts of ``_toc.yml``, whose page
  numbers ``tipcourse.publish.pdf`` fills in after a first print (``span.tc-toc-page``, keyed by the
  id of the section each entry links to);
- puts a QR code (segno) after key links: the video address and links inside blocks with the
  class ``video`` or ``print-qr``, so a phone can open them from paper.

The HTML site (builder ``html``) is not touched.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import segno
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from tipcourse import release
from tipcourse.languages import N_
from tipcourse.sphinx.i18n import labels
from tipcourse.sphinx.release import repository, verso_html
from tipcourse.sphinx.video import video_embed

BUILDER = "singlehtml"

# What each edition's book is called on its title page and in the PDF's title.
BOOK_NAMES = {"teacher": N_("Teacher guide"), "student": N_("Student workbook")}
# Classes of blocks whose links get a QR code in print.
QR_CLASSES = {"video", "print-qr"}


def book_name(edition: str) -> str:
    return BOOK_NAMES.get(edition, N_("Course"))


# Where _assemble leaves the root page's title for the page's <title>.
TITLE_ATTR = "tipcourse_print_title"


def course_title(app: Sphinx) -> str:
    """The course's title: Jupyter Book puts _config.yml's title in html_title and leaves
    Sphinx's project unset."""
    return str(app.config.html_title or app.config.project or "")


def _is_print(app: Sphinx) -> bool:
    return app.builder is not None and app.builder.name == BUILDER


def _add_stylesheet(app: Sphinx) -> None:
    if not _is_print(app):
        return
    # The other parts add their styles only to the pages that use them, keyed by page name;
    # the single page holds every page, so it gets all of them.
    static = Path(__file__).parent / "static"
    for css in sorted(static.glob("*.css")):
        if not css.name.startswith(("print", "tipcourse")):
            app.add_css_file(css.name)
    app.add_css_file("print.css", media="print")


def _text(node: nodes.Node) -> str:
    return " ".join(node.astext().split())


def _outside(node: nodes.Node, kind: type[nodes.Node]) -> Iterator[nodes.Node]:
    """Each node of kind under node that is not inside an inlined document."""
    for child in node.children:
        if isinstance(child, kind):
            yield child
        if isinstance(child, nodes.Element) and not isinstance(child, addnodes.start_of_file):
            yield from _outside(child, kind)


def _part_captions(app: Sphinx) -> list[str]:
    """Captions of the root page's toctrees, in order ("" where a toctree has none)."""
    root = app.env.get_doctree(app.config.root_doc)
    return [str(t.get("caption") or "") for t in root.findall(addnodes.toctree)]


def _toc_entry(sof: addnodes.start_of_file, classes: str) -> list[str]:
    """A contents entry for an inlined document, linked to its first section."""
    section = next(iter(sof.findall(nodes.section)), None)
    if section is None or not section["ids"] or not section.children:
        return []
    title = html.escape(_text(section[0]))
    # The document's own anchor: section ids can repeat across documents in one page.
    target = html.escape(f"document-{sof['docname']}")
    return [
        f'<li class="{classes}"><a href="#{target}"><span class="tc-toc-title">{title}</span>'
        f'<span class="tc-toc-page" data-target="{target}"></span></a></li>'
    ]


def _contents_html(app: Sphinx, doctree: nodes.document) -> str:
    """The table of contents: one entry per inlined document, grouped by part."""
    captions = _part_captions(app)
    wrappers = [
        c for c in _outside(doctree, nodes.compound) if "toctree-wrapper" in c["classes"]
    ]
    rows: list[str] = []
    for index, wrapper in enumerate(wrappers):
        entries: list[str] = []
        for sof in _outside(wrapper, addnodes.start_of_file):
            entries += _toc_entry(sof, "tc-toc-entry")
            # The documents a chapter lists (lesson plans, handouts), one level in.
            for inner in _outside(sof, addnodes.start_of_file):
                entries += _toc_entry(inner, "tc-toc-entry tc-toc-sub")
        if not entries:
            continue
        caption = captions[index] if index < len(captions) else ""
        if caption:
            rows.append(f'<li class="tc-toc-part"><span>{html.escape(caption)}</span></li>')
        rows.extend(entries)
    t = labels(app.env)
    contents = html.escape(t("Contents"))
    return (
        '<nav class="tc-contents" aria-labelledby="tc-contents-title">'
        f'<h2 id="tc-contents-title">{contents}</h2>'
        f'<ol class="tc-toc">{"".join(rows)}</ol></nav>'
    )


def _title_page_html(app: Sphinx, title: str, target: str) -> str:
    config = app.config
    edition = config.tipcourse_edition
    t = labels(app.env)
    note = {
        "teacher": html.escape(t("Teacher edition, with lesson plans, answer keys and "
                                 "solutions. Not for handing out to students.")),
        "student": html.escape(t("Name:")) + " ______________________________ &nbsp; "
        + html.escape(t("Class:")) + " ____________",
    }.get(edition, "")
    lines = [
        '<div class="tc-title-page">',
        f'<h1 id="{html.escape(target)}" class="tc-title">{html.escape(title)}</h1>',
        f'<p class="tc-book">{html.escape(t(book_name(edition)))}</p>',
        '<p class="tc-version">'
        + html.escape(t("Version {version}").format(version=release.version())) + "</p>",
    ]
    if config.author:
        lines.append(f'<p class="tc-author">{html.escape(str(config.author))}</p>')
    if note:
        lines.append(f'<p class="tc-edition-note">{note}</p>')
    if config.copyright:
        lines.append(f'<p class="tc-copyright">© {html.escape(str(config.copyright))}</p>')
    lines.append("</div>")
    lines.append(verso_html(title, str(config.author or ""), repository(config), t))
    # The running header names the book; @page rules cannot read it from the document.
    header = css_string(f"{title} · {t(book_name(edition))}")
    # "Page N of M" in the book's language: the words around CSS's page counters.
    before, _, rest = t("Page {page} of {pages}").partition("{page}")
    middle, _, after = rest.partition("{pages}")
    footer = (f"{css_string(before)} counter(page) {css_string(middle)} counter(pages) "
              f"{css_string(after)}")
    lines.append(
        f"<style>@page {{ @top-center {{ content: {header}; }} "
        f"@bottom-center {{ content: {footer}; }} }}"
        "@page :first { @top-center { content: none; } @bottom-center { content: none; } }"
        "</style>"
    )
    return "".join(lines)


def css_string(text: str) -> str:
    """text as a quoted CSS string that is also safe inside a <style> element."""
    escaped = "".join(c if c.isalnum() or c in " .,:;!?'()-" else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


def qr_html(url: str) -> str:
    """A QR code for url as an inline SVG image, with the address printed under it."""
    qr = segno.make(url, error="m")
    image = qr.svg_data_uri(scale=3, border=2, dark="#000", light="#fff")
    escaped = html.escape(url)
    return (
        f'<div class="tc-qr"><img src="{image}" alt="QR code for {escaped}" '
        f'width="{qr.symbol_size(scale=3, border=2)[0]}">'
        f'<span class="tc-qr-url">{escaped}</span></div>'
    )


def _with_ancestors(
    node: nodes.Element, kind: type[nodes.Node], above: tuple[nodes.Element, ...] = ()
) -> Iterator[tuple[nodes.Node, tuple[nodes.Element, ...]]]:
    """Each node of kind under node with its ancestors, outermost first. (Walked from the
    top: the documents singlehtml inlines keep parent links into their own doctrees.)"""
    path = (*above, node)
    for child in node.children:
        if isinstance(child, kind):
            yield child, path
        if isinstance(child, nodes.Element):
            yield from _with_ancestors(child, kind, path)


def _wants_qr(app: Sphinx, url: str, ancestors: tuple[nodes.Element, ...]) -> bool:
    if any(isinstance(parent, video_embed) for parent in ancestors):
        return False  # the video directive prints its own address and QR code
    if any(QR_CLASSES & set(parent.get("classes", [])) for parent in ancestors):
        return True
    video = getattr(app.config, "tipcourse_video_url", None)
    return bool(video and url == video)


def _links(app: Sphinx, doctree: nodes.document) -> None:
    """Print each external link's address after its text, and QR codes after key links."""
    done: set[tuple[int, str]] = set()
    for ref, ancestors in list(_with_ancestors(doctree, nodes.reference)):
        url = ref.get("refuri", "")
        if not url.startswith(("http://", "https://")):
            continue
        if _text(ref).rstrip("/") != url.rstrip("/"):
            ref["classes"].append("tc-show-url")
        if not _wants_qr(app, url, ancestors):
            continue
        # The code goes after the outermost paragraph-like block holding the link.
        blocks = [i for i, a in enumerate(ancestors) if isinstance(a, nodes.TextElement)]
        if not blocks or blocks[0] == 0:
            continue
        block, holder = ancestors[blocks[0]], ancestors[blocks[0] - 1]
        if (id(block), url) in done:
            continue
        done.add((id(block), url))
        holder.insert(holder.index(block) + 1, nodes.raw("", qr_html(url), format="html"))


def _assemble(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Add the title page and contents to the assembled single page."""
    if not _is_print(app) or docname != app.config.root_doc:
        return
    _links(app, doctree)
    root = next(iter(doctree.findall(nodes.section)), None)
    if root is None:
        return
    title = course_title(app)
    target = "tc-title"
    if root.children and isinstance(root[0], nodes.title):
        title = _text(root[0]) or title
        target = root["ids"][0] if root["ids"] else target
        root["ids"] = []
        root.remove(root[0])
    setattr(app.builder, TITLE_ATTR, title)
    front = nodes.raw("", _title_page_html(app, title, target), format="html")
    contents = nodes.raw("", _contents_html(app, doctree), format="html")
    _keep_for_paper(app, root)
    # Title page, contents, then what is left of the root page's own text.
    root.insert(0, front)
    root.insert(1, contents)
    root["classes"].append("tc-root")


def _keep_for_paper(app: Sphinx, root: nodes.section) -> None:
    """Leave out the root page's own text, which is the site's landing page (buttons, chapter
    cards, a welcome for students): the title page and contents take its place. The student
    workbook keeps its note on care; the teacher guide opens with the teaching guide."""
    notes = []
    if app.config.tipcourse_edition != "teacher":
        notes = [n for n in _outside(root, nodes.Element) if "content-note" in n["classes"]]
    wrappers = [c for c in _outside(root, nodes.compound) if "toctree-wrapper" in c["classes"]]
    for child in list(root.children):
        if not isinstance(child, nodes.title):
            root.remove(child)
    for node in [*notes, *wrappers]:
        node.parent = None
        root.append(node)


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Name the PDF after the course and the book (Chromium takes its title from <title>)."""
    if _is_print(app) and pagename == app.config.root_doc:
        title = getattr(app.builder, TITLE_ATTR, None) or course_title(app)
        t = labels(app.env)
        context["title"] = f"{title}: {t(book_name(app.config.tipcourse_edition))}"
        context["titlesuffix"] = ""


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _add_stylesheet)
    app.connect("doctree-resolved", _assemble)
    app.connect("html-page-context", _page_context)
