"""``tipcourse check``: validate every course source without building.

Each check is a function of the course that raises a SourceError on the first problem and
returns a short summary of what it validated. Each model package lists its own in CHECKS.
"""

from __future__ import annotations

from collections.abc import Callable

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from tipcourse.course import Course
from tipcourse.errors import ConfigError
from tipcourse.pages import check_page_source

Check = Callable[[Course], str]


def check_config(course: Course) -> str:
    course.check()
    return f"config and contents: {sum(1 for _ in course.toc_entries())} pages listed"


def check_pages(course: Course) -> str:
    """Every page listed must be readable: front matter parses, every fenced block is closed,
    notebooks are valid nbformat."""
    count = 0
    for entry in course.toc_entries():
        path = course.page_path(entry.docname)
        assert path is not None  # check_config ran first
        count += 1
        check_page_source(path, path.relative_to(course.root))
        if path.suffix == ".ipynb":
            continue
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---", 4)
            if end == -1:
                raise ConfigError(path, 1, "front matter is not closed", "add a line '---'")
            try:
                YAML(typ="safe", pure=True).load(text[4:end])
            except MarkedYAMLError as exc:
                mark = exc.problem_mark
                line = mark.line + 2 if mark else 1
                raise ConfigError(path, line, f"invalid front matter: {exc.problem}",
                                  "fix the YAML between the '---' lines") from None
        if not any(line.startswith("# ") for line in text.splitlines()):
            raise ConfigError(path, 1, "page has no title", "start the page with '# Title'")
    return f"pages: {count} readable"


CHECKS: list[Check] = [check_config, check_pages]


def all_checks() -> list[Check]:
    """The course's own checks, then each model's (quizzes, lessons, data and facts), then the
    school settings, the chapters' reading level and content rules."""
    from tipcourse import catalogues, chapters, readability, school
    from tipcourse.data import checks as data_checks
    from tipcourse.lessons import checks as lesson_checks
    from tipcourse.publish import repository
    from tipcourse.quiz import checks as quiz_checks

    return [*CHECKS, *quiz_checks.CHECKS, *lesson_checks.CHECKS, *data_checks.CHECKS,
            *school.CHECKS, *readability.CHECKS, *chapters.CHECKS, *repository.CHECKS,
            *catalogues.CHECKS]


def check_course(course: Course) -> list[str]:
    """Run every check; raise the first SourceError, else return one summary line per check."""
    return [check(course) for check in all_checks()]
