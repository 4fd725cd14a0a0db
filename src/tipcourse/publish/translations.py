"""Keep the translation catalogues in step with the English source.

``tipcourse translate`` extracts every translatable text into templates (``.pot``) under
``_build/gettext/``, then brings each language's catalogues (``locales/<lang>/LC_MESSAGES/``)
up to date with sphinx-intl: new text is added untranslated, changed text is kept but marked
fuzzy, and text that left the source is dropped. Three kinds of source are extracted:

- pages (chapters, notebooks' prose, the teaching guide): Sphinx's gettext builder, run on
  the teacher edition so that every page is included;
- YAML sources (quiz banks, lesson plans, facts, school settings): the fields each loader
  names as translatable (:mod:`tipcourse.languages`);
- the package's fixed text: strings marked with ``_()``/``N_()``/``t()`` in its code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tipcourse.course import Course, Edition
from tipcourse.languages import TRANSLATED, locale_dir


def pot_dir(course: Course) -> Path:
    return course.build_dir / "gettext"


def extract_pages(course: Course, target: Path) -> None:
    """Templates for every page, one per page (``book/01-what-is-trafficking.pot``…)."""
    from tipcourse.publish.build import run_sphinx

    work = course.build_dir / ".work" / "gettext"
    warnings = run_sphinx(course, Edition.TEACHER, target, work / "doctrees", "gettext",
                          force=True)
    from tipcourse.publish.build import first_problem

    problem = first_problem(course, warnings)
    if problem:
        raise problem


@dataclass
class Status:
    """How far one catalogue is translated."""

    domain: str
    translated: int
    fuzzy: int
    untranslated: int


def update(course: Course, languages: tuple[str, ...] = TRANSLATED) -> Path:
    """Extract the templates and update the catalogues of ``languages``."""
    from sphinx_intl import basic

    target = pot_dir(course)
    extract_pages(course, target)
    basic.update(str(locale_dir(course.root)), str(target), list(languages))
    return target
