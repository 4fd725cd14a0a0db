"""Lesson plans as document nodes: one lesson's page, and the course-at-a-glance table.

Rendering is a function of the model only. Text fields are MyST Markdown, parsed by the
caller's ``parse_block`` / ``parse_inline`` (the Sphinx directive passes its own), so roles
such as ``{fact}`` work inside lesson plans. Pages of the book are linked with ``doc``
cross-references, so a renamed chapter is a build error rather than a dead link.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docutils import nodes
from sphinx import addnodes

from tipcourse.languages import N_
from tipcourse.lessons.loader import MATERIAL_PATHS, material_docname
from tipcourse.lessons.model import Lesson

ParseBlock = Callable[[str], list[nodes.Node]]
ParseInline = Callable[[str], list[nodes.Node]]

GROUPING_LABEL = {
    "whole class": N_("whole class"),
    "individual": N_("on their own"),
    "pairs": N_("in pairs"),
    "small groups": N_("in small groups"),
}

MATERIAL_LABEL = {
    "chapters": N_("Chapters"),
    "notebooks": N_("Notebooks"),
    "quizzes": N_("Quizzes"),
    "handouts": N_("Handouts (print before the lesson)"),
    "guide": N_("Teaching guide"),
    "supplies": N_("Bring"),
}
SHORT_LABEL = {"chapters": N_("Chapters"), "handouts": N_("Handouts")}
Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


def doc_link(docname: str, text: str | None = None) -> addnodes.pending_xref:
    """A link to another page; Sphinx fills in the page's title when ``text`` is None."""
    xref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget=f"/{docname}",
        refexplicit=text is not None, refwarn=True,
    )
    xref += nodes.inline(text or docname, text or docname)
    return xref


def _strong(label: str) -> nodes.strong:
    return nodes.strong(label, label)


def _section(section_id: str, title: str) -> nodes.section:
    section = nodes.section(ids=[section_id], names=[nodes.fully_normalize_name(title)])
    section += nodes.title(title, title)
    return section


def _para(*children: nodes.Node | str, classes: Sequence[str] = ()) -> nodes.paragraph:
    para = nodes.paragraph(classes=list(classes))
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    return para


def _labelled(label: str, body: list[nodes.Node], classes: Sequence[str] = ()) -> nodes.container:
    """A bold label followed by Markdown-rendered body blocks ("Teacher: ...")."""
    box = nodes.container(classes=list(classes))
    box += _para(nodes.strong(label, label))
    box.extend(body)
    return box


def material_items(
    lesson: Lesson, quiz_title: Callable[[str], str], quiz_doc: Callable[[str], str | None]
) -> list[tuple[str, list[nodes.Node]]]:
    """(kind, [link or text per item]) for each kind of material the lesson uses."""
    out: list[tuple[str, list[nodes.Node]]] = []
    for kind in [*MATERIAL_PATHS, "supplies"]:
        names: list[str] = getattr(lesson.materials, kind)
        if not names:
            continue
        items: list[nodes.Node] = []
        for name in names:
            if kind == "supplies":
                items.append(nodes.Text(name))
            elif kind == "quizzes":
                title = quiz_title(name)
                target = quiz_doc(name)
                items.append(doc_link(target, title) if target else nodes.Text(title))
            else:
                docname = material_docname(kind, name)
                assert docname is not None
                items.append(doc_link(docname))
        out.append((kind, items))
    return out


def _joined(items: list[nodes.Node], sep: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(sep))
        out.append(item)
    return out


def render_lesson(
    lesson: Lesson,
    parse_block: ParseBlock,
    parse_inline: ParseInline,
    quiz_title: Callable[[str], str],
    quiz_doc: Callable[[str], str | None],
    slides_link: nodes.Node | None = None,
    t: Translate = _same,
) -> list[nodes.Node]:
    """The body of a lesson page: summary (with the link to the lesson's slides, where
    there are slides), objectives, materials, timed steps, differentiation and assessment."""
    prefix = lesson.id
    out: list[nodes.Node] = []

    summary = nodes.container(classes=["lesson-summary"])
    summary += _para(_strong(t("Length:") + " "),
                     t("{minutes} minutes in {steps} steps").format(
                         minutes=lesson.minutes, steps=len(lesson.steps)))
    summary += _para(_strong(t("Essential question:") + " "),
                     *parse_inline(lesson.essential_question))
    out.append(summary)
    if slides_link is not None:
        out.append(_para(_strong(t("Slides:") + " "), slides_link, classes=["lesson-slides"]))

    note = nodes.admonition(classes=["lesson-content-note", "attention"])
    note += nodes.title(t("Content note"), t("Content note"))
    note.extend(parse_block(lesson.content_note))
    out.append(note)

    objectives = _section(f"{prefix}-objectives", t("Objectives"))
    objectives += _para(t("By the end of the lesson, students can:"))
    olist = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".",
                                  classes=["lesson-objectives"])
    for objective in lesson.objectives:
        item = nodes.list_item(ids=[f"{prefix}-objective-{objective.id}"])
        item += _para(*parse_inline(objective.text))
        olist += item
    objectives += olist
    out.append(objectives)

    materials = _section(f"{prefix}-materials", t("Materials"))
    mlist = nodes.bullet_list(classes=["lesson-materials"])
    for kind, items in material_items(lesson, quiz_title, quiz_doc):
        entry = nodes.list_item()
        entry += _para(_strong(t("{label}:").format(label=t(MATERIAL_LABEL[kind])) + " "),
                       *_joined(items))
        mlist += entry
    materials += mlist
    out.append(materials)

    steps = _section(f"{prefix}-steps", t("Step by step"))
    for number, (step, (start, end)) in enumerate(
        zip(lesson.steps, lesson.step_times(), strict=True), start=1
    ):
        title = f"{number}. {step.title}"
        block = _section(f"{prefix}-step-{number}", title)
        block["classes"].append("lesson-step")
        timing = _para(
            _strong(t("{start}–{end} min").format(start=start, end=end)),
            " " + t("({minutes} minutes), {grouping}").format(
                minutes=step.minutes, grouping=t(GROUPING_LABEL[step.grouping])),
            classes=["lesson-step-time"],
        )
        if step.content_note:
            timing += nodes.Text(", ")
            badge = t("includes the content note")
            timing += nodes.inline(badge, badge, classes=["lesson-badge"])
        block += timing
        block += _labelled(t("The teacher"), parse_block(step.teacher), ["lesson-teacher"])
        block += _labelled(t("Students"), parse_block(step.students), ["lesson-students"])
        steps += block
    out.append(steps)

    diff = _section(f"{prefix}-differentiation", t("Differentiation"))
    dlist = nodes.bullet_list()
    for label, text in (
        (t("Younger students (13–14)"), lesson.differentiation.younger),
        (t("Older students (16–18)"), lesson.differentiation.older),
        (t("Students learning English"), lesson.differentiation.eal),
    ):
        entry = nodes.list_item()
        entry += _para(_strong(t("{label}:").format(label=label) + " "), *parse_inline(text))
        dlist += entry
    diff += dlist
    out.append(diff)

    assess = _section(f"{prefix}-assessment", t("Assessment"))
    alist = nodes.bullet_list(classes=["lesson-assessment"])
    number = {o.id: n for n, o in enumerate(lesson.objectives, start=1)}
    for item in lesson.assessment:
        entry = nodes.list_item()
        which = sorted(number[i] for i in item.objectives)
        listed = ", ".join(str(n) for n in which[:-1])
        if listed:
            shows = t("shows objectives {listed} and {last}").format(listed=listed,
                                                                      last=which[-1])
        else:
            shows = t("shows objective {number}").format(number=which[-1])
        entry += _para(*parse_inline(item.what), nodes.emphasis(f" ({shows})", f" ({shows})"))
        alist += entry
    assess += alist
    out.append(assess)

    if lesson.extensions:
        extra = _section(f"{prefix}-extensions", t("Extensions"))
        extra += _para(t("Optional work beyond the lesson's minutes: for a longer period, "
                         "homework, or students who finish early."))
        for number_, extension in enumerate(lesson.extensions, start=1):
            block = _section(f"{prefix}-extension-{number_}", extension.title)
            block["classes"].append("lesson-extension")
            timing = _para(_strong(t("{minutes} minutes").format(minutes=extension.minutes)),
                           classes=["lesson-step-time"])
            if extension.notebooks:
                timing += nodes.Text(", " + t("with") + " ")
                timing.extend(_joined([doc_link(f"notebooks/{name}")
                                       for name in extension.notebooks]))
            block += timing
            block.extend(parse_block(extension.text))
            extra += block
        out.append(extra)
    return out


def _cell(*children: nodes.Node) -> nodes.entry:
    entry = nodes.entry()
    entry.extend(children)
    return entry


def render_schedule(
    lessons: list[Lesson],
    parse_inline: ParseInline,
    page_of: Callable[[Lesson], str],
    quiz_title: Callable[[str], str],
    quiz_doc: Callable[[str], str | None],
    t: Translate = _same,
) -> list[nodes.Node]:
    """The course at a glance: one short row per lesson (lesson, minutes, essential question,
    chapters and handouts); objectives and the full materials are on each lesson's page."""
    headers = [t("Lesson"), t("Minutes"), t("Essential question"), t("Chapters and handouts")]
    table = nodes.table(classes=["lesson-schedule"])
    title = t("The course at a glance")
    table += nodes.title(title, title)
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in (24, 8, 38, 30):
        group += nodes.colspec(colwidth=width)
    thead = nodes.thead()
    row = nodes.row()
    for header in headers:
        row += _cell(_para(header))
    thead += row
    group += thead
    tbody = nodes.tbody()
    for lesson in lessons:
        row = nodes.row()
        row += _cell(_para(doc_link(page_of(lesson), f"{lesson.number}. {lesson.title}")))
        row += _cell(_para(str(lesson.minutes)))
        row += _cell(_para(*parse_inline(lesson.essential_question)))
        mlist = nodes.bullet_list()
        for kind, items in material_items(lesson, quiz_title, quiz_doc):
            if kind not in SHORT_LABEL:
                continue
            item = nodes.list_item()
            item += _para(_strong(t("{label}:").format(label=t(SHORT_LABEL[kind])) + " "),
                          *_joined(items))
            mlist += item
        row += _cell(mlist)
        tbody += row
    group += tbody
    total = sum(lesson.minutes for lesson in lessons)
    text = (t("1 lesson, {total} minutes in all.") if len(lessons) == 1
            else t("{count} lessons, {total} minutes in all.")).format(count=len(lessons),
                                                                         total=total)
    summary = _para(text + " " + t("Each lesson's page gives its objectives, everything to "
                                   "bring, and every step."),
                    classes=["lesson-schedule-total"])
    return [table, summary]
