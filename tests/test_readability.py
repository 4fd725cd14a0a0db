"""The reading check in ``tipcourse check``: each chapter's grade is printed, a chapter above
grade 8 or a paragraph over 75 words fails with ``path:line``, and only the prose a student
reads is measured (not teacher blocks, code, tables or citations)."""

from __future__ import annotations

import re
import shutil
from itertools import cycle, islice
from pathlib import Path

import pytest

from tipcourse.checks import all_checks
from tipcourse.cli import main
from tipcourse.course import Course
from tipcourse.readability import (
    GRADE_LIMIT,
    WORD_LIMIT,
    ReadingLevelError,
    check_reading,
    paragraphs,
    read_chapter,
)

ROOT = Path(__file__).resolve().parents[1]
MINIBOOK = Path(__file__).parent / "fixtures" / "minibook"

EASY = """# 1. An easy chapter

```{admonition} Content note
:class: content-note

This page is short. You can stop at any time.
```

We read a short page. It has small words. Each line is plain.

- A list item is a short line.
- So is this one.
"""

# Long words and long sentences: well above grade 8.
HARD = """# 2. A hard chapter

Intergovernmental organizations systematically institutionalize comprehensive
multidisciplinary accountability mechanisms, notwithstanding considerable jurisdictional
heterogeneity, administrative fragmentation and insufficiently harmonized evidentiary
requirements across international boundaries.
"""


def long_paragraph(words: int) -> str:
    """Exactly `words` words in short, easy sentences."""
    return " ".join(islice(cycle("We read a short page and it is fine.".split()), words)) + ".\n"


def make_course(tmp_path: Path, chapters: dict[str, str]) -> Course:
    root = tmp_path / "course"
    shutil.copytree(MINIBOOK, root)
    toc = ["format: jb-book", "root: index", "chapters:"]
    for name, text in chapters.items():
        (root / "book" / name).write_text(text, encoding="utf-8")
        toc.append(f"  - file: book/{Path(name).stem}")
    (root / "_toc.yml").write_text("\n".join(toc) + "\n", encoding="utf-8")
    return Course(root)


def test_prints_the_grade_of_each_chapter(tmp_path: Path) -> None:
    course = make_course(tmp_path, {"01-easy.md": EASY, "02-also-easy.md": EASY})
    report = check_reading(course)
    assert re.search(r"book/01-easy\.md: grade -?\d+\.\d", report)
    assert re.search(r"book/02-also-easy\.md: grade -?\d+\.\d", report)


def test_a_chapter_above_grade_8_fails_with_its_path_and_title_line(tmp_path: Path) -> None:
    course = make_course(tmp_path, {"01-easy.md": EASY, "02-hard.md": "\n" + HARD})
    with pytest.raises(ReadingLevelError) as caught:
        check_reading(course)
    lines = caught.value.one_line().splitlines()
    assert len(lines) == 1
    assert re.match(r"^.*book/02-hard\.md:2: reads at grade \d+\.\d, above 8 ", lines[0])
    assert read_chapter(course.root / "book" / "02-hard.md").grade > GRADE_LIMIT


def test_every_long_paragraph_is_reported_with_its_line(tmp_path: Path) -> None:
    text = EASY + "\n" + long_paragraph(80) + "\nA short one.\n\n" + long_paragraph(90)
    course = make_course(tmp_path, {"01-long.md": text})
    first = EASY.count("\n") + 2
    second = first + 4
    with pytest.raises(ReadingLevelError) as caught:
        check_reading(course)
    lines = caught.value.one_line().splitlines()
    assert [re.sub(r"^.*book/", "book/", ln).split(" (")[0] for ln in lines] == [
        f"book/01-long.md:{first}: paragraph of 80 words, over {WORD_LIMIT}",
        f"book/01-long.md:{second}: paragraph of 90 words, over {WORD_LIMIT}",
    ]


def test_tipcourse_check_fails_on_a_hard_chapter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    course = make_course(tmp_path, {"01-hard.md": HARD})
    monkeypatch.chdir(course.root)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert re.search(r"book/01-hard\.md:1: reads at grade", err)


def test_teacher_blocks_code_tables_and_citations_are_not_measured() -> None:
    text = """# Title

Students read this ({ref}`Palermo Protocol, Art. 3(b) <src-palermo>`). A {term}`child <Child>`
counts, and so does {fact}`children-share-2022`.

```{teacher}
:title: Notes

Teachers read this.
```

````{list-table}
* - cell
````

```python
print("code")
```

```{dropdown} Open me
:open:

Inside a dropdown.
```

> A quoted example.

| a | table |
"""
    found = [(p.line, p.text) for p in paragraphs(text, {"children-share-2022": "38%"})]
    assert found == [
        (3, "Students read this. A child counts, and so does 38%."),
        (23, "Inside a dropdown."),
        (26, "A quoted example."),
    ]


def test_list_items_are_paragraphs_of_their_own() -> None:
    found = paragraphs("Intro:\n\n- one item;\n  continued here\n- two\n1. three\n")
    assert [(p.line, p.text) for p in found] == [
        (1, "Intro:"), (3, "one item; continued here"), (5, "two"), (6, "three"),
    ]


def test_the_course_chapters_pass() -> None:
    course = Course(ROOT)
    report = check_reading(course)
    shown = re.findall(r"(book/\d\d-[\w-]+\.md): grade (-?\d+\.\d)", report)
    assert len(shown) >= 6
    assert all(float(grade) <= GRADE_LIMIT for _, grade in shown)
    assert check_reading in all_checks(), "tipcourse check runs the reading check"
