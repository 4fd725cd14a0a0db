"""On the built site, a quoted figure is a number with a small superscript note marker; its
source, and anything a reader must know about it, sit in a numbered note at the end of the
page that links to the references page. No student page shows caveat or provenance text
inside a sentence, and how a figure was read appears in the teacher edition only."""

from __future__ import annotations

import re
from pathlib import Path

from tipcourse.data.facts import load_facts

PARAGRAPH = re.compile(r"<p[ >].*?</p>", re.S)
NOTES_SECTION = re.compile(r'<section[^>]*class="[^"]*tc-fact-notes-section.*?</section>', re.S)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def pages_with_facts(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if 'class="tc-fact ' in p.read_text()]


def test_student_sentences_carry_only_the_number_and_a_marker(course_sites) -> None:  # type: ignore[no-untyped-def]
    table = load_facts()
    site = course_sites["student"]
    pages = pages_with_facts(site)
    assert any(p.name == "06-reading-the-numbers.html" for p in pages)
    provenance = [s for f in table.values() for s in (f.caveat, f.note) if s]
    for path in pages:
        html = path.read_text()
        body = NOTES_SECTION.sub("", html)
        for para in PARAGRAPH.findall(body):
            if "tc-fact " not in para:
                continue
            words = text(para)
            assert "source:" not in words and "secondary source" not in words, (path, words)
            for fact in table.values():
                assert fact.source.short not in words, (path, words)
                assert not fact.limits or fact.limits.rstrip(".") not in words, (path, words)
        # How a figure was read is for teachers only.
        plain = text(html)
        for line in provenance:
            assert line.rstrip(".") not in plain, (path, line)
        # Each marker opens a note on the same page; each note links to the references page.
        markers = re.findall(r'class="[^"]*tc-fact-marker[^"]*"[^>]*href="#([^"]+)"|'
                             r'href="#([^"]+)"[^>]*class="[^"]*tc-fact-marker', html)
        targets = [a or b for a, b in markers]
        assert targets and len(targets) == html.count('class="tc-fact ')
        for target in targets:
            assert f'id="{target}"' in html, (path, target)
        notes = NOTES_SECTION.search(html)
        assert notes and "references.html#src-" in notes.group(0), path


def test_teacher_notes_say_how_a_figure_was_read(course_sites) -> None:  # type: ignore[no-untyped-def]
    table = load_facts()
    html = (course_sites["teacher"] / "book" / "references.html").read_text()
    assert 'id="src-course-method"' in html and "exported from the portal" in html
    caveats = {f.caveat.rstrip(".") for f in table.values() if f.caveat}
    found = set()
    for path in pages_with_facts(course_sites["teacher"]):
        plain = text(path.read_text())
        found |= {c for c in caveats if c in plain}
    assert found, "no teacher note shows how a secondary figure was read"


def test_a_note_number_never_runs_into_the_figure(course_sites) -> None:  # type: ignore[no-untyped-def]
    html = (course_sites["student"] / "book" / "06-reading-the-numbers.html").read_text()
    plain = text(html)
    assert "covers 156 [1] countries" in plain or "covers 156[1] countries" in plain
    assert "1561" not in plain
