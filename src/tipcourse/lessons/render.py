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

from tipcourse.lessons.loader import MATERIAL_PATHS, material_docname
from tipcourse.lessons.model import Lesson

ParseBlock = Callable[[str], list[nodes.Node]]
ParseInline = Callable[[str], list[nodes.Node]]

GROUPING_LABEL = {
    "whole class": "whole class",
    "individual": "on their own",
    "pairs": "in pairs",
    "small groups": "in small groups",
}

MATERIAL_LABEL = {
    "chapters": "Chapters",
    "notebooks": "Notebooks",
    "quizzes": "Quizzes",
    "handouts": "Handouts (print before the lesson)",
    "guide": "Teaching guide",
    "supplies": "Bring",
}


def doc_link(docname: str, text: str | None = None) -> addnodes.pending_xref:
    """A link to another page; Sphinx fills in the page's title when ``text`` is None."""
    xref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget=f"/{docname}",
        refexplicit=text is not None, refwarn=True,
    )
    xref += nodes.inline(text or docname, text or docname)
    return xref


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
    """(label, [link or text per item]) for each kind of material the lesson uses."""
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
        out.append((MATERIAL_LABEL[kind], items))
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
) -> list[nodes.Node]:
    """The body of a lesson page: summary (with the link to the lesson's slides, where
    there are slides), objectives, materials, timed steps, differentiation and assessment."""
    prefix = lesson.id
    out: list[nodes.Node] = []

    summary = nodes.container(classes=["lesson-summary"])
    summary += _para(nodes.strong("Length: ", "Length: "),
                     f"{lesson.minutes} minutes in {len(lesson.steps)} steps")
    summary += _para(nodes.strong("Essential question: ", "Essential question: "),
                     *parse_inline(lesson.essential_question))
    out.append(summary)
    if slides_link is not None:
        out.append(_para(nodes.strong("Slides: ", "Slides: "), slides_link,
                         classes=["lesson-slides"]))

    note = nodes.admonition(classes=["lesson-content-note", "attention"])
    note += nodes.title("Content note", "Content note")
    note.extend(parse_block(lesson.content_note))
    out.append(note)

    objectives = _section(f"{prefix}-objectives", "Objectives")
    objectives += _para("By the end of the lesson, students can:")
    olist = nodes.enumerated_list(enumtype="arabic", prefix="", suffix=".",
                                  classes=["lesson-objectives"])
    for objective in lesson.objectives:
        item = nodes.list_item(ids=[f"{prefix}-objective-{objective.id}"])
        item += _para(*parse_inline(objective.text))
        olist += item
    objectives += olist
    out.append(objectives)

    materials = _section(f"{prefix}-materials", "Materials")
    mlist = nodes.bullet_list(classes=["lesson-materials"])
    for label, items in material_items(lesson, quiz_title, quiz_doc):
        entry = nodes.list_item()
        entry += _para(nodes.strong(f"{label}: ", f"{label}: "), *_joined(items))
        mlist += entry
    materials += mlist
    out.append(materials)

    steps = _section(f"{prefix}-steps", "Step by step")
    for number, (step, (start, end)) in enumerate(
        zip(lesson.steps, lesson.step_times(), strict=True), start=1
    ):
        title = f"{number}. {step.title}"
        block = _section(f"{prefix}-step-{number}", title)
        block["classes"].append("lesson-step")
        timing = _para(
            nodes.strong(f"{start}–{end} min", f"{start}–{end} min"),
            f" ({step.minutes} minutes), {GROUPING_LABEL[step.grouping]}",
            classes=["lesson-step-time"],
        )
        if step.content_note:
            timing += nodes.Text(", ")
            timing += nodes.inline("includes the content note", "includes the content note",
                                   classes=["lesson-badge"])
        block += timing
        block += _labelled("The teacher", parse_block(step.teacher), ["lesson-teacher"])
        block += _labelled("Students", parse_block(step.students), ["lesson-students"])
        steps += block
    out.append(steps)

    diff = _section(f"{prefix}-differentiation", "Differentiation")
    dlist = nodes.bullet_list()
    for label, text in (
        ("Younger students (13–14)", lesson.differentiation.younger),
        ("Older students (16–18)", lesson.differentiation.older),
        ("Students learning English", lesson.differentiation.eal),
    ):
        entry = nodes.list_item()
        entry += _para(nodes.strong(f"{label}: ", f"{label}: "), *parse_inline(text))
        dlist += entry
    diff += dlist
    out.append(diff)

    assess = _section(f"{prefix}-assessment", "Assessment")
    alist = nodes.bullet_list(classes=["lesson-assessment"])
    number = {o.id: n for n, o in enumerate(lesson.objectives, start=1)}
    for item in lesson.assessment:
        entry = nodes.list_item()
        which = sorted(number[i] for i in item.objectives)
        label = "objective" if len(which) == 1 else "objectives"
        listed = ", ".join(str(n) for n in which[:-1])
        listed = f"{listed} and {which[-1]}" if listed else str(which[-1])
        entry += _para(*parse_inline(item.what),
                       nodes.emphasis(f" (shows {label} {listed})", f" (shows {label} {listed})"))
        alist += entry
    assess += alist
    out.append(assess)

    if lesson.extensions:
        extra = _section(f"{prefix}-extensions", "Extensions")
        extra += _para("Optional work beyond the lesson's minutes: for a longer period, "
                       "homework, or students who finish early.")
        for number_, extension in enumerate(lesson.extensions, start=1):
            block = _section(f"{prefix}-extension-{number_}", extension.title)
            block["classes"].append("lesson-extension")
            timing = _para(nodes.strong(f"{extension.minutes} minutes",
                                        f"{extension.minutes} minutes"),
                           classes=["lesson-step-time"])
            if extension.notebooks:
                timing += nodes.Text(", with ")
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
) -> list[nodes.Node]:
    """The course at a glance: one short row per lesson (lesson, minutes, essential question,
    chapters and handouts); objectives and the full materials are on each lesson's page."""
    headers = ["Lesson", "Minutes", "Essential question", "Chapters and handouts"]
    table = nodes.table(classes=["lesson-schedule"])
    title = "The course at a glance"
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
        for label, items in material_items(lesson, quiz_title, quiz_doc):
            if label not in (MATERIAL_LABEL["chapters"], MATERIAL_LABEL["handouts"]):
                continue
            item = nodes.list_item()
            short = label.split(" (")[0]
            item += _para(nodes.strong(f"{short}: ", f"{short}: "), *_joined(items))
            mlist += item
        row += _cell(mlist)
        tbody += row
    group += tbody
    total = sum(lesson.minutes for lesson in lessons)
    count = f"{len(lessons)} lesson" + ("s" if len(lessons) != 1 else "")
    summary = _para(f"{count}, {total} minutes in all. Each lesson's page gives its objectives, "
                    "everything to bring, and every step.",
                    classes=["lesson-schedule-total"])
    return [table, summary]
