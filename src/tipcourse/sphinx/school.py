"""The school's settings on the course's pages: helplines, reporting contacts, names.

    ```{helplines}
    ```

lists the school's helplines for students (name, phone, website, who it is for, when it was
checked). Without any, students read "ask your teacher for local helplines", and the teacher
edition also shows a warning box until helplines are set. Chapters and teacher pages use the
same directive wherever a page says "talk to someone".

    ```{reporting-contacts}
    ```

lists the contacts for reporting trafficking or exploitation (teacher edition only), and

    {school}`name`   {school}`safeguarding-lead`   {school}`video-length`

put one setting into a sentence ("your school", the lead's role title, the video's length).

Every page using them depends on ``school.yml``; a broken file is a build warning at its
``path:line`` (and warnings are errors in the course build).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from tipcourse.errors import SchoolError
from tipcourse.languages import N_, babel_locale
from tipcourse.school import SCHOOL_FILE, Contact, School, load_school, school_path
from tipcourse.sphinx.i18n import labels, language, note_catalogue
from tipcourse.sphinx.teacher import is_teacher_edition

logger = logging.getLogger(__name__)

NO_HELPLINES = N_("Ask your teacher for local helplines.")
UNSET_WARNING = N_(
    "Your school's helplines have not been added to the course yet. Until they are, students "
    "read \"Ask your teacher for local helplines\" wherever the course points them to help. "
    "Find the national child helpline and the line for reporting trafficking from official "
    "sources, give them to the class yourself, and ask whoever looks after your school's copy "
    "of the course to add them."
)


def school_of(directive: SphinxDirective | SphinxRole) -> School | None:
    """The school settings for this page (recorded as a dependency); None after reporting a
    broken settings file."""
    root = Path(directive.env.srcdir)
    directive.env.note_dependency(str(school_path(root)))
    note_catalogue(directive.env, SCHOOL_FILE)
    try:
        return load_school(root, language(directive.env))
    except SchoolError as exc:
        where = nodes.Element()
        where.source, where.line = exc.path, exc.line
        message = exc.message + (f" ({exc.hint})" if exc.hint else "")
        logger.warning(message, location=where, type="tipcourse", subtype="school")
        return None


def _contact_item(contact: Contact) -> nodes.list_item:
    item = nodes.list_item(classes=["school-contact"])
    para = nodes.paragraph()
    para += nodes.strong(contact.name, contact.name)
    if contact.phone:
        para += nodes.Text(": ")
        tel = "".join(c for c in contact.phone if c.isdigit() or c == "+")
        para += nodes.reference(contact.phone, contact.phone, refuri=f"tel:{tel}")
    if contact.website:
        para += nodes.Text(", " if contact.phone else ": ")
        para += nodes.reference(contact.website, contact.website, refuri=contact.website)
    if contact.about:
        para += nodes.Text(f". {contact.about.rstrip('.')}.")
    item += para
    return item


def contact_list(contacts: list[Contact], classes: list[str], lang: str,
                 t: Callable[[str], str]) -> list[nodes.Node]:
    """The contacts as a list, with the date the oldest one was checked."""
    from babel.dates import format_date

    listing = nodes.bullet_list(classes=classes)
    for contact in contacts:
        listing += _contact_item(contact)
    oldest = min(c.checked for c in contacts)
    checked = t("Checked on {date}.").format(
        date=format_date(oldest, format="long", locale=babel_locale(lang)))
    return [listing, nodes.paragraph(checked, checked, classes=["school-checked"])]


class HelplinesDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        school = school_of(self)
        if school is None:
            return []
        t = labels(self.env)
        box = nodes.container(classes=["school-helplines"])
        if school.helplines:
            box.extend(contact_list(school.helplines, ["school-helpline-list"],
                                    language(self.env), t))
            return [box]
        box += nodes.paragraph(t(NO_HELPLINES), t(NO_HELPLINES), classes=["school-no-helplines"])
        out: list[nodes.Node] = [box]
        if is_teacher_edition(self):
            warning = nodes.warning(classes=["school-unset"])
            warning += nodes.paragraph(t(UNSET_WARNING), t(UNSET_WARNING))
            out.append(warning)
        return out


class ReportingContactsDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        if not is_teacher_edition(self):
            return []
        school = school_of(self)
        if school is None:
            return []
        if school.reporting:
            return contact_list(school.reporting, ["school-reporting-list"],
                                language(self.env), labels(self.env))
        t = labels(self.env)
        text = t(
            "No reporting contacts have been added for your school yet. Find the national "
            "line for reporting trafficking or exploitation from official sources, and ask "
            "your {safeguarding_lead} which local services the school uses."
        ).format(safeguarding_lead=school.safeguarding_lead)
        warning = nodes.warning(classes=["school-unset"])
        warning += nodes.paragraph(text, text)
        return [warning]


SETTINGS = {
    "name": lambda s, t=str: s.name or t("your school"),
    "safeguarding-lead": lambda s, t=str: s.safeguarding_lead,
    "video-length": lambda s, t=str: (t("{length} (minutes:seconds)").format(length=s.video.length)
                                  if s.video.length
                                  else t("the length you noted when you watched it")),
}


class SchoolRole(SphinxRole):
    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        key = self.text.strip()
        if key not in SETTINGS:
            msg = self.inliner.reporter.error(
                f"unknown school setting {key!r}; use one of: {', '.join(SETTINGS)}",
                line=self.lineno)
            return [], [msg]
        school = school_of(self)
        text = SETTINGS[key](school or School(), labels(self.env))
        return [nodes.inline(text, text, classes=["school-setting"])], []


def setup(app: Sphinx) -> None:
    app.add_directive("helplines", HelplinesDirective)
    app.add_directive("reporting-contacts", ReportingContactsDirective)
    app.add_role("school", SchoolRole())
