"""School settings (school.yml): validated with path:line errors like every other source; the
school's helplines on pages that point students to help, with a fallback for students and a
warning for teachers while none are set."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tipcourse.course import Course
from tipcourse.errors import SchoolError
from tipcourse.publish.build import build_edition
from tipcourse.school import check_school, load_school

from helpers import copy_minibook

REPO = Path(__file__).resolve().parent.parent

GOOD = """\
name: Riverside School
safeguarding_lead: head of pastoral care
paper: letter
video:
  address: https://www.youtube.com/watch?v=AbCdEf12345
  length: "8:30"
  pauses:
    - at: "1:10"
      prompt: act
    - at: "8:30"
      prompt: end
helplines:
  - name: Youth helpline
    phone: "0800 000 111"
    about: free, for anyone under 18
    checked: 2026-09-01
  - name: Online safety centre
    website: https://help.example.org/
    checked: 2026-10-15
reporting:
  - name: National reporting line
    website: https://report.example.org/
    checked: 2026-10-01
"""


def school_error(tmp_path: Path, text: str) -> SchoolError:
    (tmp_path / "school.yml").write_text(text, encoding="utf-8")
    with pytest.raises(SchoolError) as info:
        load_school(tmp_path)
    return info.value


def line_with(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_valid_settings_load(tmp_path: Path) -> None:
    (tmp_path / "school.yml").write_text(GOOD, encoding="utf-8")
    school = load_school(tmp_path)
    assert school.name == "Riverside School" and school.paper == "letter"
    assert [p.at for p in school.video.pauses] == ["1:10", "8:30"]
    assert school.helplines[0].checked == dt.date(2026, 9, 1)


def test_no_file_means_defaults(tmp_path: Path) -> None:
    school = load_school(tmp_path)
    assert school.helplines == [] and school.video.address is None
    assert school.safeguarding_lead == "designated safeguarding lead"


def test_the_shipped_settings_are_valid_and_invent_no_contacts() -> None:
    school = load_school(REPO)
    assert school.helplines == [] and school.reporting == []
    assert school.video.address is None and school.video.pauses == []
    assert "not set yet: helplines" in check_school(Course(REPO))


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("paper: letter", "paper: a5", "paper: a5", "paper: should be 'a4' or 'letter'"),
        ("  length: \"8:30\"", "  lenght: \"8:30\"", "lenght", "unknown key 'lenght' in video"),
        ("    checked: 2026-09-01", "    checked: last week", "last week",
         "helplines[1].checked"),
        ("    website: https://help.example.org/", "    website: help.example.org",
         "help.example.org", "should be an address starting with https://"),
        ("    phone: \"0800 000 111\"\n", "", "name: Youth helpline",
         "give a phone number or a website"),
        ("    - at: \"1:10\"", "    - at: \"1:75\"", "1:75", "video.pauses[1].at"),
        ("      prompt: act", "      prompt: warning-signs", "warning-signs",
         "should be 'act', 'means', 'purpose', 'help' or 'end'"),
        ("    - at: \"8:30\"", "    - at: \"9:00\"", "9:00", "after the video's end (8:30)"),
        ("    - at: \"8:30\"", "    - at: \"0:30\"", "0:30", "not after the one before it"),
    ],
)
def test_errors_point_at_the_line(tmp_path: Path, old: str, new: str, needle: str,
                                  message: str) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    err = school_error(tmp_path, text)
    assert err.line == line_with(text, needle), err.one_line()
    assert message in err.message, err.one_line()
    assert err.one_line().startswith(f"{tmp_path / 'school.yml'}:{err.line}: ")


def test_tipcourse_check_reports_bad_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tipcourse import cli

    root = copy_minibook(tmp_path)
    (root / "school.yml").write_text(
        "name: X\nhelplines:\n  - name: Line\n    checked: 2026-01-01\n", encoding="utf-8")
    monkeypatch.setenv("TIPCOURSE_ROOT", str(root))
    monkeypatch.chdir(root)
    assert cli.main(["check"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("school.yml:3: helplines[1]: give a phone number or a website"), err


CHAPTER = "# A chapter\n\nIf something worries you, talk to someone.\n\n```{helplines}\n```\n"


def helpline_book(tmp_path: Path, school: str | None) -> Course:
    root = copy_minibook(tmp_path)
    (root / "book/chapter.md").write_text(CHAPTER, encoding="utf-8")
    (root / "teacher_guide/index.md").write_text(
        "# Teacher guide\n\nThe {school}`safeguarding-lead` at {school}`name`.\n\n"
        "```{helplines}\n```\n\n```{reporting-contacts}\n```\n", encoding="utf-8")
    if school is not None:
        (root / "school.yml").write_text(school, encoding="utf-8")
    return Course(root)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.fixture(scope="module")
def unset(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    course = helpline_book(tmp_path_factory.mktemp("unset"), None)
    return {e: build_edition(course, e).site for e in ("student", "teacher")}


def test_without_helplines_students_are_told_to_ask_their_teacher(unset: dict[str, Path]) -> None:
    text = text_of((unset["student"] / "book/chapter.html").read_text(encoding="utf-8"))
    assert "Ask your teacher for local helplines." in text
    assert "have not been added" not in text  # the warning is for teachers only


def test_without_helplines_teachers_see_a_warning(unset: dict[str, Path]) -> None:
    for page in ("book/chapter.html", "teacher_guide/index.html"):
        html = (unset["teacher"] / page).read_text(encoding="utf-8")
        assert "Ask your teacher for local helplines." in text_of(html)
        assert re.search(r'class="[^"]*school-unset[^"]*warning', html), page
        assert "helplines have not been added to the course yet" in text_of(html)
    text = text_of((unset["teacher"] / "teacher_guide/index.html").read_text(encoding="utf-8"))
    assert "The designated safeguarding lead at your school." in text
    assert "No reporting contacts have been added" in text


def test_the_schools_helplines_are_shown(tmp_path: Path) -> None:
    course = helpline_book(tmp_path, GOOD)
    student = build_edition(course, "student").site
    html = (student / "book/chapter.html").read_text(encoding="utf-8")
    text = text_of(html)
    assert "Youth helpline: 0800 000 111" in text and "free, for anyone under 18" in text
    assert 'href="tel:0800000111"' in html and 'href="https://help.example.org/"' in html
    assert "Checked on 1 September 2026." in text
    assert "Ask your teacher" not in text and "school-unset" not in html
    assert "report.example.org" not in html  # reporting contacts are for staff
    teacher = build_edition(course, "teacher").site
    text = text_of((teacher / "teacher_guide/index.html").read_text(encoding="utf-8"))
    assert "The head of pastoral care at Riverside School." in text
    assert "National reporting line" in text and "school-unset" not in text
