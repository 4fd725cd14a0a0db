"""The ``fact`` role: quote a headline figure from ``facts.yml`` with its source.

    Over {fact}`victims-2020-2023` victims were detected in 2020–2023.

renders the value in bold followed by a small superscript note number in brackets. The
number links to a numbered note in a "Sources" section at the end of the page; the note
names the source (linked to its entry on the references page, or to the source itself
where the course has no references page) and what a reader must know about the figure
(``limits``). How a figure was read (``caveat``, ``note``) is added to the note in the
teacher edition only, so a student's sentence never carries provenance text. An unknown id
is a build error (warnings are errors in the course build). Plain docutils nodes, so the
PDF and the search index get the notes too.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from tipcourse.course import Course, Edition
from tipcourse.data.facts import FACTS_SOURCE, Fact, facts
from tipcourse.errors import FactError
from tipcourse.languages import N_
from tipcourse.sphinx.i18n import labels, language, note_catalogue

NOTES_TITLE = N_("Sources of the figures on this page")


class FactRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        fact_id = self.text.strip()
        path = Course(self.env.srcdir).facts_path
        # Sphinx re-reads the page when facts.yml changes.
        self.env.note_dependency(str(path))
        note_catalogue(self.env, FACTS_SOURCE)
        try:
            table = facts(path, language(self.env))
        except FactError as exc:
            msg = self.inliner.reporter.error(exc.one_line(), line=self.lineno)
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        if fact_id not in table:
            msg = self.inliner.reporter.error(
                f"unknown fact '{fact_id}' (use an id from book/facts.yml)",
                line=self.lineno,
            )
            return [self.inliner.problematic(self.rawtext, self.rawtext, msg)], [msg]
        fact = table[fact_id]
        box = nodes.inline(classes=["tc-fact", f"tc-fact-{fact.status.lower()}",
                                    f"tc-fact--{fact.id}"], tc_fact=fact.id)
        box += nodes.strong(fact.value, fact.value)
        return [box], []


def _slug(docname: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", docname.lower()).strip("-")


def _note(fact: Fact, teacher: bool, t: Callable[[str], str]) -> list[nodes.Node]:
    """The parts of one numbered note (the source link is resolved after reading)."""
    parts: list[nodes.Node] = []
    link = nodes.reference(fact.source.short, fact.source.short, refuri=fact.source.url,
                           classes=["tc-fact-ref"], tc_ref=fact.source.ref or "")
    parts += [link, nodes.Text(f", {fact.source.where}.")]
    if fact.secondary:
        parts.append(nodes.Text(" " + t("A secondary source: see the references page.")))
    if fact.limits:
        parts.append(nodes.Text(f" {fact.limits.rstrip('.')}."))
    if teacher:
        for extra in (fact.caveat, fact.note):
            if extra:
                said = t("For the teacher:") + " "
                label = nodes.emphasis(said, said)
                parts += [nodes.Text(" "), label, nodes.Text(f"{extra.rstrip('.')}.")]
    return parts


def number_facts(app: Sphinx, doctree: nodes.document) -> None:
    """Give every figure on the page a superscript note number and list the notes at the end."""
    uses = list(doctree.findall(lambda n: isinstance(n, nodes.inline) and n.get("tc_fact")))
    if not uses:
        return
    table = facts(Course(app.srcdir).facts_path, language(app.env))
    teacher = app.config.tipcourse_edition == Edition.TEACHER
    prefix = f"tc-note-{_slug(app.env.docname)}"
    notes = nodes.enumerated_list(classes=["tc-fact-notes"], enumtype="arabic")
    for number, use in enumerate(uses, start=1):
        fact = table[use["tc_fact"]]
        marker = nodes.superscript(classes=["tc-fact-source"])
        ref = nodes.reference("", "", refid=f"{prefix}-{number}", reftitle=fact.source.short,
                              classes=["tc-fact-marker"])
        # Brackets keep the note number apart from the figure when the text is read aloud,
        # copied or printed ("156[1]", never "1561").
        ref += nodes.Text(f"[{number}]")
        marker += ref
        marker["ids"].append(f"{prefix}-use-{number}")
        use += marker
        item = nodes.list_item(ids=[f"{prefix}-{number}"])
        para = nodes.paragraph()
        para += _note(fact, teacher, labels(app.env))
        item += para
        notes += item
    section = nodes.section(ids=[f"{prefix}-sources"], classes=["tc-fact-notes-section"])
    title = labels(app.env)(NOTES_TITLE)
    section += nodes.title(title, title)
    section += notes
    top = next(iter(doctree.findall(nodes.section)), None)
    (top if top is not None else doctree).append(section)


def link_notes_to_references(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point each note at the source's entry on the references page when that page exists."""
    std = app.env.domains["std"]
    for ref in doctree.findall(lambda n: isinstance(n, nodes.reference) and n.get("tc_ref")):
        # A label before a paragraph (not a heading) is an "anonymous" label in Sphinx.
        target = std.labels.get(ref["tc_ref"]) or std.anonlabels.get(ref["tc_ref"])
        if not target:
            continue
        page, anchor = target[0], target[1]
        try:
            uri = app.builder.get_relative_uri(docname, page)
        except Exception:  # builders without relative pages keep the source's own address
            continue
        # A single-page build (the PDFs) addresses pages as "#document-…": use the anchor.
        ref["refuri"] = f"#{anchor}" if uri.startswith("#") else f"{uri}#{anchor}"


def setup(app: Sphinx) -> None:
    app.add_role("fact", FactRole())
    app.connect("doctree-read", number_facts)
    app.connect("doctree-resolved", link_notes_to_references)
