"""The real course, both editions, every page: nothing requested from another host when a
page loads, no axe-core violation (best practices included), no broken local link, and the
student edition works from a folder (file://) as on a USB stick."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipcourse.publish.site import broken_links

from browser import open_page

EDITIONS = ["student", "teacher"]


def pages(site: Path) -> list[str]:
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] not in {"_static", "_images"}
    )


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_local_link_resolves(course_sites: dict[str, Path], edition: str) -> None:
    assert broken_links(course_sites[edition]) == []


@pytest.mark.browser
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_is_offline_and_accessible(
    course_sites: dict[str, Path], edition: str, chromium_browser, serve_site
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    site = course_sites[edition]
    base = serve_site(site)
    axe = Axe()
    external: list[str] = []
    violations: list[str] = []
    errors: list[str] = []
    all_pages = pages(site)
    assert len(all_pages) >= 3
    for name in all_pages:
        with open_page(chromium_browser, base + name) as (page, visit):
            external += [f"{name}: {url}" for url in visit.external_requests]
            errors += [f"{name}: {text}" for text in visit.console_errors]
            result = axe.run(page)
            for v in result.response["violations"]:
                targets = "; ".join(", ".join(n["target"]) for n in v["nodes"][:3])
                violations.append(f"{name}: {v['id']} ({v['impact']}) at {targets}")
    assert external == [], "pages asked another host for something:\n" + "\n".join(external)
    assert violations == [], "axe-core found:\n" + "\n".join(violations)
    assert errors == [], "console errors:\n" + "\n".join(errors)


@pytest.mark.browser
def test_student_edition_navigates_from_a_folder(course_sites: dict[str, Path],
                                                 chromium_browser) -> None:
    site = course_sites["student"]
    with open_page(chromium_browser, (site / "index.html").as_uri()) as (page, visit):
        next_link = page.locator("a.right-next").first
        target = next_link.get_attribute("href")
        assert target
        next_link.click()
        page.wait_for_load_state()
        assert page.url.startswith("file://")
        assert page.url.endswith(target.split("#")[0].lstrip("./"))
        assert page.locator("main h1 >> visible=true").count() == 1
        # And back home through the sidebar's first link.
        page.locator("a.right-next").first.click()
        page.wait_for_load_state()
        assert page.locator("main h1 >> visible=true").count() == 1
        assert visit.external_requests == []


def _student_text(site: Path) -> str:
    """Every page, script and notebook of a site, whitespace folded."""
    parts = [p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
             if p.suffix in {".html", ".js", ".ipynb", ".txt", ".json"} and p.is_file()]
    text = " ".join(" ".join(parts).split())
    # The site prints typographic quotes where the sources have straight ones.
    return text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"',
                                         "\u201d": '"'}))


def test_no_teacher_material_of_the_real_course_reaches_the_student_site(
    course_sites: dict[str, Path],
) -> None:
    import html

    import nbformat

    from tipcourse.lessons.loader import load_lessons
    from tipcourse.quiz import load_banks

    student = _student_text(course_sites["student"])
    unescaped = html.unescape(student)
    course = course_sites["student"].parents[2]
    leaks: list[str] = []
    for bank in load_banks(course):
        for question in bank.questions:
            if question.teacher_note:
                note = " ".join(str(question.teacher_note).split())[:80]
                if note in student or note in unescaped:
                    leaks.append(f"teacher note of {bank.id}/{question.id}")
    from tipcourse.course import Course

    teacher = html.unescape(_student_text(course_sites["teacher"]))
    for lesson in load_lessons(Course(course)):
        # The same text is what the teacher edition shows: the search below can succeed.
        assert " ".join(lesson.essential_question.split()) in teacher
        for teacher_text in (lesson.essential_question, lesson.content_note[:60]):
            if " ".join(teacher_text.split()) in unescaped:
                leaks.append(f"{lesson.id}: {teacher_text!r}")
    for path in sorted((course / "notebooks").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if "solution" in cell.metadata.get("tags", []):
                first = next((line.strip() for line in cell.source.splitlines()
                              if len(line.strip()) > 25 and not line.startswith("#")), "")
                if first and (first in student or first in unescaped):
                    leaks.append(f"solution in {path.name}: {first[:60]}")
    assert not (course_sites["student"] / "teacher_guide").exists()
    assert leaks == []
