"""Build the course's editions into ``_build/``, atomically.

Each edition is built by Sphinx (driven directly, because Jupyter Book 1 cannot switch the
edition from ``_config.yml``: jupyter-book issue 1290) into a work folder that persists
between builds (so a no-change rebuild is quick), then copied, slimmed and checked in a
fresh folder, and only then swapped into ``_build/site/<edition>``. A failed build leaves the
previous site untouched.

Layout under ``_build/``::

    site/student/  site/teacher/     what users open (static files)
    pdf/                             printable guides (tipcourse.publish.pdf)
    .work/<edition>/{html,doctrees}  Sphinx's incremental state
    .jupyter_cache/                  executed notebooks, shared by both editions
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tipcourse.course import Course
from tipcourse.errors import BuildError

EDITIONS = ("student", "teacher")

# Jupyter Book always loads these; the course uses none of them, and thebe and comments
# put third-party URLs into every page.
UNUSED_EXTENSIONS = {"sphinx_thebe", "sphinx_comments", "sphinx_jupyterbook_latex"}

# "path:line: WARNING: message" as Sphinx logs it (line optional).
_WARNING = re.compile(
    r"^(?P<path>[^\n]*?)(?::(?P<line>\d+))?: (?P<level>WARNING|ERROR|CRITICAL|SEVERE): "
    r"(?P<message>.*)$"
)


@dataclass
class EditionBuild:
    """The outcome of building one edition."""

    edition: str
    site: Path
    warnings: list[str] = field(default_factory=list)


def sphinx_config(course: Course, edition: str, builder: str = "html") -> dict[str, Any]:
    """The Sphinx configuration for one edition: _config.yml plus what the edition changes."""
    from jupyter_book.config import get_final_config

    toc = course.work_dir(edition) / "_toc.yml"
    toc.parent.mkdir(parents=True, exist_ok=True)
    course.write_edition_toc(edition, toc)
    config, _meta = get_final_config(
        user_yaml=course.config_path,
        cli_config={"latex_individualpages": False},
        sourcedir=course.root,
    )
    config["external_toc_path"] = str(toc)
    config["extensions"] = [e for e in config["extensions"] if e not in UNUSED_EXTENSIONS]
    config.pop("comments_config", None)
    config.pop("use_jupyterbook_latex", None)
    config["tipcourse_edition"] = edition
    config["nb_execution_cache_path"] = str(course.build_dir / ".jupyter_cache")
    config["exclude_patterns"] = list(config.get("exclude_patterns", []))
    if edition == "student":
        config["exclude_patterns"].append(f"{course.teacher_dir_name}/**")
    options = dict(config.get("html_theme_options", {}))
    options.pop("analytics", None)
    options.update(
        use_download_button=False,
        use_fullscreen_button=False,
        navigation_with_keys=False,
        show_toc_level=2,
    )
    config["html_theme_options"] = options
    title = config.get("html_title", "")
    config["html_title"] = f"{title} ({'teacher' if edition == 'teacher' else 'student'} edition)"
    return config


def _run_sphinx(
    course: Course,
    edition: str,
    outdir: Path,
    doctreedir: Path,
    builder: str,
    force: bool,
) -> list[str]:
    """Run Sphinx in this process; return the warnings it logged, one line each."""
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util import console
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    console.nocolor()
    warning = io.StringIO()
    config = sphinx_config(course, edition, builder)
    try:
        with patch_docutils(str(course.root)), docutils_namespace():
            app = Sphinx(
                srcdir=str(course.root),
                confdir=None,
                outdir=str(outdir),
                doctreedir=str(doctreedir),
                buildername=builder,
                confoverrides=config,
                status=io.StringIO(),
                warning=warning,
                freshenv=force,
                warningiserror=False,
                keep_going=True,
                verbosity=0,
            )
            if builder == "singlehtml":
                app.set_html_assets_policy("always")
            app.build(force_all=force)
            if builder == "html":
                remove_stale_pages(outdir, set(app.env.all_docs))
    except SphinxError as exc:
        # Extension errors carry no location; report them against the configuration.
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise BuildError(course.config_path.name, None, message) from None
    return [line for line in warning.getvalue().splitlines() if line.strip()]


def remove_stale_pages(outdir: Path, docnames: set[str]) -> None:
    """Delete pages left in the persistent output folder by pages that no longer exist (or
    left the edition's contents): Sphinx only ever adds to its output folder."""
    keep = docnames | {"search", "genindex", "py-modindex"}
    for page in outdir.rglob("*.html"):
        relative = page.relative_to(outdir)
        if relative.parts[0].startswith("_"):
            continue  # _static, _images, _downloads: assets, not pages
        if relative.with_suffix("").as_posix() not in keep:
            page.unlink()


def first_problem(course: Course, warnings: Iterable[str]) -> BuildError | None:
    """Turn the first Sphinx warning into a ``path:line: message`` error."""
    for raw in warnings:
        match = _WARNING.match(raw.strip())
        if not match:
            continue
        path = match["path"] or str(course.root)
        try:
            path = str(Path(path).resolve().relative_to(course.root))
        except ValueError:
            pass
        line = int(match["line"]) if match["line"] else None
        return BuildError(path, line, match["message"].strip())
    for raw in warnings:
        return BuildError(course.config_path.name, None, raw.strip())
    return None


def build_edition(
    course: Course,
    edition: str,
    *,
    strict: bool = True,
    force: bool = False,
) -> EditionBuild:
    """Build one edition into ``_build/site/<edition>``; raise BuildError and keep the old
    site if Sphinx reports anything (with ``strict``) or the built site has a broken link."""
    from tipcourse.publish import site

    if edition not in EDITIONS:
        raise BuildError("--edition", None, f"unknown edition {edition!r}",
                         "use student or teacher")
    course.check()
    work = course.work_dir(edition)
    html = work / "html"
    warnings = _run_sphinx(course, edition, html, work / "doctrees", "html", force)
    problem = first_problem(course, warnings)
    if strict and problem:
        # Sphinx only re-reports a warning when the page is read again: force it next time.
        (work / "doctrees" / "environment.pickle").unlink(missing_ok=True)
        raise problem
    target = course.site_dir(edition)
    staging = target.with_name(f".{edition}.new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(html, staging, ignore=shutil.ignore_patterns(".buildinfo", "_sources"))
    site.finish(staging, edition)
    broken = site.broken_links(staging)
    if broken:
        shutil.rmtree(staging, ignore_errors=True)
        page, link = broken[0]
        raise BuildError(page, None, f"broken link to {link}", "fix the link or add the page")
    swap_into_place(staging, target)
    return EditionBuild(edition, target, warnings)


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with two renames, so readers never see a half site."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def build(
    course: Course,
    editions: Iterable[str] = EDITIONS,
    *,
    strict: bool = True,
    force: bool = False,
) -> list[EditionBuild]:
    """Build the given editions (the teacher edition first: it executes every notebook, and
    the student edition then reads them from the shared cache)."""
    order = sorted(set(editions), key=lambda e: (e != "teacher", e))
    return [build_edition(course, e, strict=strict, force=force) for e in order]
