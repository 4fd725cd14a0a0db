"""Build the course's editions into ``_build/``, atomically.

Each edition is built by Sphinx (driven directly, so that each edition has its own table
of contents and configuration) into a work folder that persists between builds (so a
no-change rebuild is quick), then copied, slimmed and checked in a fresh folder, and only
then swapped into ``_build/site/<edition>``. A failed build leaves the previous site
untouched.

Layout under ``_build/``::

    site/<lang>/student/  site/<lang>/teacher/   what users open (static files)
    pdf/<lang>/                      printable guides (tipcourse.publish.pdf)
    .work/<lang>/<edition>/{html,doctrees}  Sphinx's incremental state
    .jupyter_cache/<lang>/           executed notebooks, shared by both editions
    .locales/<lang>/                 the language's catalogues, compiled for Sphinx
    .lock-<lang>-<edition>           held while an edition builds

Two builds of one edition at once would share the work folder and swap sites under each
other, so each edition's build holds an exclusive ``flock`` on its lock file: a second build
waits for the first (and says so). The kernel drops the lock when a build dies, even by
``kill -9``.
"""

from __future__ import annotations

import io
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tipcourse.course import EDITIONS, Course, Edition, teacher_first
from tipcourse.errors import BuildError, SourceError
from tipcourse.languages import SOURCE_LANGUAGE, check_language, speaking

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
    lang: str = SOURCE_LANGUAGE


def sphinx_config(course: Course, edition: str, lang: str = SOURCE_LANGUAGE) -> dict[str, Any]:
    """The Sphinx configuration for one edition in one language: _config.yml plus what the
    edition and the language change."""
    from jupyter_book.config import get_final_config

    toc = course.work_dir(edition, lang) / "_toc.yml"
    toc.parent.mkdir(parents=True, exist_ok=True)
    course.write_edition_toc(edition, toc, lang)
    config, _meta = get_final_config(
        user_yaml=course.config_path,
        cli_config={"latex_individualpages": False},
        sourcedir=course.root,
    )
    config["external_toc_path"] = str(toc)
    config["extensions"] = [e for e in config["extensions"] if e not in UNUSED_EXTENSIONS]
    config.pop("comments_config", None)
    config.pop("use_jupyterbook_latex", None)
    config["tipcourse_edition"] = str(edition)
    config.update(language_settings(course, lang))
    if lang != SOURCE_LANGUAGE:
        _translate_titles(course, config, lang)
    config["nb_execution_cache_path"] = str(course.build_dir / ".jupyter_cache" / lang)
    config["exclude_patterns"] = list(config.get("exclude_patterns", []))
    config["exclude_patterns"].extend(course.edition_excludes(edition))
    options = dict(config.get("html_theme_options", {}))
    options.pop("analytics", None)
    if edition == Edition.STUDENT:
        # Launch buttons open the copy without solutions (tipcourse.publish.student_tree).
        from tipcourse.publish.student_tree import student_branch

        options["repository_branch"] = student_branch(course)
    options.update(
        use_download_button=False,
        use_fullscreen_button=False,
        navigation_with_keys=False,
        show_toc_level=2,
    )
    config["html_theme_options"] = options
    return config


def _translate_titles(course: Course, config: dict[str, Any], lang: str) -> None:
    """The course's title, author and footer (from ``_config.yml``) in ``lang``."""
    from tipcourse.course import CONFIG_TEXT
    from tipcourse.languages import translate_source

    own = course.config()
    words = translate_source(
        {"title": own.get("title"), "author": own.get("author"),
         "html": {"extra_footer": (own.get("html") or {}).get("extra_footer")}},
        course.root, course.config_path.name, lang, CONFIG_TEXT)
    if words["title"]:
        config["html_title"] = config["project"] = words["title"]
    if words["author"]:
        config["author"] = words["author"]
    footer = words["html"]["extra_footer"]
    if footer:
        options = dict(config.get("html_theme_options", {}))
        options["extra_footer"] = footer
        config["html_theme_options"] = options


def language_settings(course: Course, lang: str) -> dict[str, Any]:
    """What a language changes in Sphinx's configuration: the catalogues it reads (compiled
    into the build folder, so the source tree stays clean) and how it extracts them."""
    return {
        "language": lang,
        "locale_dirs": [str(compiled_catalogues(course, lang))],
        "gettext_compact": False,
        "gettext_auto_build": False,
        "gettext_uuid": False,
        "gettext_location": True,
        "gettext_additional_targets": [],
        "project": str(course.config().get("title", "tipcourse")),
    }


def compiled_catalogues(course: Course, lang: str) -> Path:
    """Compile ``locales/<lang>/**/*.po`` into ``_build/.locales/<lang>/**/*.mo`` (only those
    whose ``.po`` changed) and return ``_build/.locales``, Sphinx's ``locale_dirs``."""
    from tipcourse.languages import SOURCE_LANGUAGE, locale_dir

    target = course.build_dir / ".locales"
    if lang == SOURCE_LANGUAGE:
        return target
    source = locale_dir(course.root) / lang / "LC_MESSAGES"
    for po in sorted(source.rglob("*.po")):
        mo = target / lang / "LC_MESSAGES" / po.relative_to(source).with_suffix(".mo")
        if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        write_mo(po, mo)
        # Sphinx finds catalogues by their .po: with it beside the .mo, a page is read
        # again when its translation changes.
        shutil.copy2(po, mo.with_suffix(".po"))
    return target


def write_mo(po: Path, mo: Path) -> None:
    """Compile one catalogue (written beside, then renamed: a build reading it never sees
    half a file); fuzzy translations are left out, as gettext does."""
    import os
    import tempfile

    from babel.messages.mofile import write_mo as babel_write_mo

    from tipcourse.languages import read_po_file

    catalog = read_po_file(po)
    mo.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=mo.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as out:
        babel_write_mo(out, catalog, use_fuzzy=False)
    os.replace(tmp, mo)


def run_sphinx(
    course: Course,
    edition: str,
    outdir: Path,
    doctreedir: Path,
    builder: str,
    force: bool,
    lang: str = SOURCE_LANGUAGE,
) -> list[str]:
    """Run Sphinx in this process; return the warnings it logged, one line each."""
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError
    from sphinx.util import console
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    console.nocolor()
    # Sphinx keeps each catalogue's translator for the life of the process, keyed by the
    # catalogue's name only: a second language built in this process would get the first's.
    from sphinx import locale

    locale.translators.clear()
    warning = io.StringIO()
    config = sphinx_config(course, edition, lang)
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
        raise BuildError(course.config_path.name, None, message, hint_for(message)) from None
    return [line for line in warning.getvalue().splitlines() if line.strip()]


def remove_stale_pages(outdir: Path, docnames: set[str]) -> None:
    """Delete pages left in the persistent output folder by pages that no longer exist (or
    left the edition's contents): Sphinx only ever adds to its output folder."""
    keep = docnames | {"search", "genindex", "py-modindex"}
    for page in outdir.rglob("*.html"):
        relative = page.relative_to(outdir)
        if relative.parts[0].startswith("_") or relative.parts[0] == "slides":
            continue  # _static, _images, _downloads: assets; slides: the lesson decks
        if relative.with_suffix("").as_posix() not in keep:
            page.unlink()


# Warnings that fail a build even with --no-strict: the offline promise (tipcourse.sphinx.offline).
ALWAYS_FATAL = ("from another host", "raw <script>")

# What to do about Sphinx's and myst's own common warnings (matched in the message).
HINTS = (
    ("toctree contains reference to nonexisting document", "fix the entry in _toc.yml"),
    ("document isn't included in any toctree", "add the page to _toc.yml or delete it"),
    ("Unknown directive type", "check the directive's name (after ```{)"),
    ("Unknown interpreted text role", "check the role's name (before `...`)"),
    ("cross-reference target not found", "fix the link target or add the page"),
    ("Non-consecutive header level", "use one more # than the heading above"),
    ("image file not readable", "put the image next to the page or fix its path"),
    ("undefined label", "add the (label)= line above the heading, or fix the name"),
    ("Duplicate explicit target name", "give each link target its own name"),
    ("Inline ", "close the inline markup (a missing ` or *)"),
    ("Could not import extension", "install it (pip install -e .) or remove it from "
     "sphinx: extra_extensions"),
    ("Unknown config value", "check the name under sphinx: config:"),
    ("no theme named", "install the theme or fix html_theme"),
)

_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def hint_for(message: str) -> str | None:
    return next((hint for key, hint in HINTS if key in message), None)


def first_problem(
    course: Course, warnings: Iterable[str], only: tuple[str, ...] | None = None
) -> BuildError | None:
    """The first Sphinx warning (or, with ``only``, the first whose message contains one of
    those phrases) as a ``path:line: message`` error."""
    warnings = [w for w in warnings if only is None or any(p in w for p in only)]
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
        message = match["message"].strip()
        if message.startswith("Executing notebook failed"):
            failed = notebook_failure(course, path)
            if failed:
                return failed
        return BuildError(path, line, message, hint_for(message))
    for raw in warnings:
        return BuildError(course.config_path.name, None, raw.strip(), hint_for(raw))
    return None


def notebook_failure(course: Course, page: str) -> BuildError | None:
    """``notebooks/NAME.ipynb: cell N: ExceptionType: message`` from the traceback that
    myst-nb saved for a notebook that failed to run (its path is the hint)."""
    docname = str(Path(page).with_suffix("").as_posix())
    from tipcourse.languages import LANGUAGES

    logs = [course.work_dir(e, lang) / "html" / "reports" / f"{docname}.err.log"
            for e in EDITIONS for lang in LANGUAGES]
    logs = [p for p in logs if p.is_file()]
    if not logs:
        return None
    log = max(logs, key=lambda p: p.stat().st_mtime)  # this build's, not an older one's
    text = _ANSI.sub("", log.read_text(encoding="utf-8", errors="replace"))
    lines = [line for line in text.splitlines() if line.strip()]
    error = next((line.strip() for line in reversed(lines)
                  if re.match(r"^[A-Za-z_][\w.]*: ", line.strip())), None)
    if error is None:
        error = lines[-1].strip() if lines else "the notebook stopped with an error"
    cell = None
    source = re.search(r"-{10,}\n(?P<source>.*?)\n-{10,}", text, re.S)
    if source:
        from tipcourse.pages import read_notebook

        try:
            nb = read_notebook(course.root / page)
        except SourceError:
            nb = None
        wanted = source["source"].strip()
        for number, c in enumerate(nb.cells if nb else [], start=1):
            if c.cell_type == "code" and c.source.strip() == wanted:
                cell = number
                break
    where = f"cell {cell}: " if cell else ""
    shown = log.relative_to(course.root) if log.is_relative_to(course.root) else log
    return BuildError(page, None, f"{where}{error}", f"full traceback: {shown}")


@contextmanager
def edition_lock(course: Course, edition: str, lang: str = SOURCE_LANGUAGE) -> Iterator[None]:
    """Hold the build lock of one edition in one language; wait, saying so once, while
    another build holds it."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; builds are not guarded there
        yield
        return
    course.build_dir.mkdir(parents=True, exist_ok=True)
    with open(course.build_dir / f".lock-{lang}-{edition}", "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build of the {edition} edition ({lang})…",
                  file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def check_sources(course: Course) -> None:
    """Every page the edition will read: notebooks are valid JSON and nbformat, Markdown
    pages close every fenced block (or raise at path:line)."""
    from tipcourse.pages import check_page_source

    for entry in course.toc_entries():
        path = course.page_path(entry.docname)
        if path is not None:
            check_page_source(path, path.relative_to(course.root))


def build_edition(
    course: Course,
    edition: str,
    *,
    strict: bool = True,
    force: bool = False,
    lang: str = SOURCE_LANGUAGE,
) -> EditionBuild:
    """Build one edition in one language into ``_build/site/<lang>/<edition>``; raise
    BuildError and keep the old site if Sphinx reports anything (with ``strict``) or the
    built site has a broken link."""
    if edition not in EDITIONS:
        raise BuildError("--edition", None, f"unknown edition {edition!r}",
                         "use student or teacher")
    check_language(lang)
    course.check()
    check_sources(course)
    with edition_lock(course, edition, lang):
        restore_interrupted_swap(course.site_dir(edition, lang))
        return _build_locked(course, edition, lang, strict=strict, force=force)


def _build_locked(course: Course, edition: str, lang: str, *, strict: bool, force: bool
                  ) -> EditionBuild:
    from tipcourse.publish import guides, site

    work = course.work_dir(edition, lang)
    html = work / "html"
    with speaking(lang):  # notebooks run in the page's language
        warnings = run_sphinx(course, edition, html, work / "doctrees", "html", force, lang)
    problem = first_problem(course, warnings, only=None if strict else ALWAYS_FATAL)
    if problem:
        # Sphinx only re-reports a warning when the page is read again: force it next time.
        (work / "doctrees" / "environment.pickle").unlink(missing_ok=True)
        raise problem
    target = course.site_dir(edition, lang)
    stamp = work / "published"
    state = output_state(html)
    if (target / "index.html").is_file() and stamp.is_file() \
            and stamp.read_text(encoding="utf-8") == state:
        # Sphinx changed nothing since this output was published: only the printed guides
        # (printed on their own) may be newer.
        guides.place(course, edition, target, lang)
        if edition == Edition.STUDENT:
            site.write_language_index(course)
        return EditionBuild(edition, target, warnings, lang)
    staging = target.with_name(f".{edition}.new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(html, staging, ignore=shutil.ignore_patterns(".buildinfo", "_sources"))
    site.finish(staging, lang, edition)
    guides.place(course, edition, staging, lang)
    broken = site.broken_links(staging)
    if broken:
        shutil.rmtree(staging, ignore_errors=True)
        page, link = broken[0]
        raise site.link_error(course, page, link)
    swap_into_place(staging, target)
    stamp.write_text(state, encoding="utf-8")
    if edition == Edition.STUDENT:
        site.write_language_index(course)
    return EditionBuild(edition, target, warnings, lang)


def output_state(html: Path) -> str:
    """What Sphinx's output folder holds, in a few numbers: any page Sphinx writes, adds or
    removes changes it. (Assets are copied again on every build, such as ``pygments.css``
    and the notebooks' downloads: for those only their number and sizes count.)"""
    files = [p for p in html.rglob("*") if p.is_file() and p.name != ".buildinfo"]
    stats = [(p.stat(), p.relative_to(html).parts[0] in ("_static", "_downloads"))
             for p in files]
    newest = max((s.st_mtime_ns for s, asset in stats if not asset), default=0)
    return f"{len(stats)} {sum(s.st_size for s, _ in stats)} {newest}"


def restore_interrupted_swap(target: Path) -> None:
    """A build killed between the two renames of :func:`swap_into_place` leaves only the old
    site: put it back."""
    old = target.with_name(f".{target.name}.old")
    if not target.exists() and old.is_dir():
        old.rename(target)


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` so readers never see a half site: one atomic exchange
    of the two folders where the system has it (Linux), else two renames (a build killed
    between them leaves the old site in ``.<edition>.old``, which the next build puts back)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now the old site
        return
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with Linux's renameat2(RENAME_EXCHANGE); False where the
    system or file system cannot."""
    import ctypes
    import os

    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def build(
    course: Course,
    editions: Iterable[str] = EDITIONS,
    *,
    strict: bool = True,
    force: bool = False,
    languages: Iterable[str] = (SOURCE_LANGUAGE,),
) -> list[EditionBuild]:
    """Build the given editions in the given languages (per language, the teacher edition
    first: it executes every notebook, and the student edition then reads them from that
    language's cache). Languages build side by side, one process each, as far as the machine
    has processors: they share nothing but the data's cache."""
    import os

    languages = list(dict.fromkeys(languages))
    editions = tuple(editions)
    workers = min(len(languages), os.cpu_count() or 1)
    if workers < 2:
        return [b for lang in languages
                for b in build_language(course.root, editions, lang, strict, force)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # A fresh interpreter per worker: Sphinx and Jupyter keep state a fork would share.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        done = [pool.submit(build_language, course.root, editions, lang, strict, force)
                for lang in languages]
        return [b for future in done for b in future.result()]


def build_language(root: Path, editions: tuple[str, ...], lang: str, strict: bool,
                   force: bool) -> list[EditionBuild]:
    """Every edition asked for, in one language."""
    course = Course(root)
    return [build_edition(course, e, strict=strict, force=force, lang=lang)
            for e in teacher_first(editions)]
