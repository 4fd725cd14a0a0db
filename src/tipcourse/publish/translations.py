"""Keep the translation catalogues in step with the English source.

``tipcourse translate`` extracts every translatable text into templates (``.pot``) under
``_build/gettext/``, then brings each language's catalogues (``locales/<lang>/LC_MESSAGES/``)
up to date with sphinx-intl: new text is added untranslated, changed text is kept but marked
fuzzy, and text that left the source is dropped. Three kinds of source are extracted:

- pages (chapters, notebooks' prose, the teaching guide): Sphinx's gettext builder, run on
  the teacher edition so that every page is included;
- YAML sources (quiz banks, lesson plans, facts, school settings): the fields each loader
  names as translatable (:mod:`tipcourse.languages`);
- drawn illustrations (``book/figures/*.svg``): their title, description and labels;
- the package's fixed text: strings marked with ``_()``/``N_()``/``t()`` in its code, and
  the charts' titles, labels and notes written in the notebooks' code.
"""

from __future__ import annotations

from pathlib import Path

from tipcourse.course import Course, Edition
from tipcourse.languages import (
    TRANSLATED,
    UI_DOMAIN,
    FieldPath,
    locale_dir,
    normalize,
    text_fields,
    yaml_domain,
)


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


def yaml_sources(course: Course) -> list[tuple[Path, tuple[FieldPath, ...]]]:
    """Every YAML source with reader-facing text, and the fields that hold it."""
    from tipcourse.course import CONFIG_TEXT, TOC_TEXT
    from tipcourse.data.facts import FACT_TEXT
    from tipcourse.lessons.loader import LESSON_TEXT, lessons_dir
    from tipcourse.quiz.loader import BANK_TEXT, bank_paths
    from tipcourse.school import SCHOOL_TEXT, school_path

    found: list[tuple[Path, tuple[FieldPath, ...]]] = [(course.config_path, CONFIG_TEXT),
                                                       (course.toc_path, TOC_TEXT)]
    found += [(path, BANK_TEXT) for path in bank_paths(course.root)]
    found += [(path, LESSON_TEXT) for path in sorted(lessons_dir(course).glob("*.yaml"))]
    found += [(path, FACT_TEXT) for path in [course.facts_path] if path.is_file()]
    found += [(path, SCHOOL_TEXT) for path in [school_path(course.root)] if path.is_file()]
    return found


def extract_yaml(course: Course, target: Path) -> list[Path]:
    """A template per YAML source (``quizzes/blue-heart.yaml.pot``…), each message with
    the line it comes from."""
    from babel.messages.catalog import Catalog

    from tipcourse.yamlio import line_of, read_yaml

    written = []
    for path, fields in yaml_sources(course):
        relative = path.relative_to(course.root).as_posix()
        catalog = Catalog(project=str(course.config().get("title", "tipcourse")),
                          fuzzy=False)
        for container, key, text in text_fields(read_yaml(path), fields):
            catalog.add(normalize(text), locations=[(relative, line_of(container, key) or 0)])
        out = target / f"{yaml_domain(relative)}.pot"
        write_template(catalog, out)
        written.append(out)
    return written


def illustrations(course: Course) -> list[Path]:
    """The drawn illustrations pages inline (``<folder>/figures/*.svg``)."""
    return sorted(course.root.glob("*/figures/*.svg"))


def extract_illustrations(course: Course, target: Path) -> list[Path]:
    """A template per illustration (``book/figures/blue-heart.svg.pot``): its title, text
    alternative and labels."""
    from babel.messages.catalog import Catalog

    from tipcourse.illustrations import svg_words

    written = []
    for path in illustrations(course):
        relative = path.relative_to(course.root).as_posix()
        catalog = Catalog(project=str(course.config().get("title", "tipcourse")), fuzzy=False)
        for line, text in svg_words(path.read_text(encoding="utf-8")):
            catalog.add(text, locations=[(relative, line)])
        out = target / f"{yaml_domain(relative)}.pot"
        write_template(catalog, out)
        written.append(out)
    return written


# The charts' texts a notebook writes in its code (tipcourse.charts translates them as it
# draws): the title and axis label (second and third arguments) and these keywords.
CHART_CALLS = {"line_chart", "bar_chart"}
CHART_TEXT_KEYWORDS = {"title", "ylabel", "xlabel", "notes"}


def notebook_chart_texts(course: Course) -> list[tuple[str, str, int]]:
    """``(text, notebook, cell)`` for every chart text written in the notebooks' code."""
    import ast

    from tipcourse.pages import read_notebook

    found = []
    for path in sorted((course.root / "notebooks").glob("*.ipynb")):
        relative = path.relative_to(course.root).as_posix()
        for number, cell in enumerate(read_notebook(path).cells, start=1):
            if cell.cell_type != "code":
                continue
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                continue  # IPython magics: no chart there
            for call in ast.walk(tree):
                if not isinstance(call, ast.Call):
                    continue
                name = getattr(call.func, "attr", getattr(call.func, "id", ""))
                if name not in CHART_CALLS:
                    continue
                texts = list(call.args[1:3])
                texts += [k.value for k in call.keywords if k.arg in CHART_TEXT_KEYWORDS]
                for node in texts:
                    items = node.elts if isinstance(node, ast.List) else [node]
                    found += [(item.value, relative, number) for item in items
                              if isinstance(item, ast.Constant) and isinstance(item.value, str)]
    return found


def extract_package(target: Path, course: Course | None = None) -> Path:
    """The template of the package's fixed text: every string passed to ``_()``, ``N_()`` or
    ``t()`` in its code, and the charts' texts the course's notebooks write."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    package = Path(__file__).resolve().parents[1]
    catalog = Catalog(project="tipcourse", fuzzy=False)
    keywords = {"_": None, "N_": None, "t": None}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(package), method_map=[("**.py", "python")], keywords=keywords):
        if isinstance(message, str) and message:
            catalog.add(message, locations=[(f"src/tipcourse/{filename}", lineno)])
    for text, notebook, cell in notebook_chart_texts(course) if course else []:
        catalog.add(text, locations=[(notebook, cell)])
    out = target / f"{UI_DOMAIN}.pot"
    write_template(catalog, out)
    return out


def write_template(catalog: object, out: Path) -> None:
    from babel.messages.pofile import write_po

    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        write_po(handle, catalog, width=76, omit_header=False)  # type: ignore[arg-type]


def update(course: Course, languages: tuple[str, ...] = TRANSLATED) -> Path:
    """Extract the templates and update the catalogues of ``languages``."""
    import shutil

    from sphinx_intl import basic

    target = pot_dir(course)
    shutil.rmtree(target, ignore_errors=True)
    extract_pages(course, target)
    extract_yaml(course, target)
    extract_illustrations(course, target)
    extract_package(target, course)
    basic.update(str(locale_dir(course.root)), str(target), list(languages))
    return target
