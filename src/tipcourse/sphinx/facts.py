"""The ``fact`` role: quote a headline figure from ``facts.yml`` with its source.

    Over {fact}`victims-2020-2023` victims were detected in 2020–2023.

renders the value in bold followed by a visible citation linking to the source; a figure
from secondary sources also shows its caveat. An unknown id is a build error (warnings are
errors in the course build). Plain docutils nodes, so the PDF and search index get the
citation too.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from tipcourse.course import Course
from tipcourse.data.facts import facts
from tipcourse.errors import FactError


class FactRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        fact_id = self.text.strip()
        path = Course(self.env.srcdir).facts_path
        # Sphinx re-reads the page when facts.yml changes.
        self.env.note_dependency(str(path))
        try:
            table = facts(path)
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
                                    f"tc-fact--{fact.id}"])
        box += nodes.strong(fact.value, fact.value)
        cite = nodes.inline(classes=["tc-fact-source"])
        label = "secondary source: " if fact.secondary else "source: "
        cite += nodes.Text(f" ({label}")
        link = nodes.reference(fact.source.short, fact.source.short, refuri=fact.source.url,
                               reftitle=fact.source.title)
        cite += link
        cite += nodes.Text(f", {fact.source.where}")
        if fact.secondary and fact.caveat:
            cite += nodes.Text(f". {fact.caveat.rstrip('.')}.")
        cite += nodes.Text(")")
        box += cite
        return [box], []


def setup(app: Sphinx) -> None:
    app.add_role("fact", FactRole())
