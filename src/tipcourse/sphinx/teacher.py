"""The ``teacher`` directive: material for the teacher edition only.

In the student edition the directive produces no node at all, so its content never reaches
the HTML, the search index or any other output. (Source copies are switched off by the build:
``html_copy_source = False``.)

    ```{teacher}
    :title: Before the lesson

    Text only teachers see.
    ```
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def is_teacher_edition(directive: SphinxDirective) -> bool:
    return directive.env.config.tipcourse_edition == "teacher"


class TeacherDirective(SphinxDirective):
    has_content = True
    option_spec = {"title": directives.unchanged, "class": directives.class_option}

    def run(self) -> list[nodes.Node]:
        if not is_teacher_edition(self):
            return []
        title = self.options.get("title", "For the teacher")
        box = nodes.admonition(classes=["teacher-note", *self.options.get("class", [])])
        box += nodes.title(title, title)
        self.state.nested_parse(self.content, self.content_offset, box)
        return [box]


def setup(app: Sphinx) -> None:
    app.add_directive("teacher", TeacherDirective)
