"""The student site as one zip, for a classroom without internet (``tipcourse dist``).

``_build/dist/tipcourse-student-<version>.zip`` holds one folder: the student edition in every
built language, laid out as in ``_build/site/`` (``<lang>/student/``, so the language switcher
works inside the zip) under a page choosing the language (open ``index.html``; every page
works from ``file://``), each language's student workbook PDF beside its landing page, the
notebooks' student copies (no solution cells) in ``notebooks/``, and the licences. A copy of
the zip goes beside the language index in ``_build/site/``, and each landing page's download
block (``<div id="tc-course-download">`` in ``index.md``) is filled with a link to it; inside
the zip the same block says that this is the offline copy. Browsers refuse web fonts to pages opened
from ``file://`` (the page's origin is null, and fonts need CORS), so inside the zip each
stylesheet carries its fonts as ``data:`` addresses and the pages do not preload them.

Python's ``zipfile`` writes the archive: no library adds anything a zip of a folder needs.
"""

from __future__ import annotations

import base64
import html
import os
import re
import shutil
import zipfile
from pathlib import Path

import nbformat

from tipcourse import release
from tipcourse.course import Course, Edition
from tipcourse.data.solutions import student_copy
from tipcourse.errors import BuildError
from tipcourse.languages import LANGUAGES, ui
from tipcourse.publish.landing import fill, filled, megabytes
from tipcourse.publish.site import LANGUAGE_INDEX, write_language_index

WORKBOOK = "student-workbook.pdf"
# The landing page's block that this module fills (empty until a zip exists).
BLOCK = re.compile(r'<div id="tc-course-download"[^>]*>.*?</div>', re.S)


def zip_name() -> str:
    return f"tipcourse-student-{release.version()}"


def dist_path(course: Course) -> Path:
    return course.build_dir / "dist" / f"{zip_name()}.zip"


def _block(inner: str) -> str:
    return f'<div id="tc-course-download" class="tc-course-download">{inner}</div>'


def download_block(zip_file: str, size: int, lang: str) -> str:
    """The landing page's link to the zip (beside the language index, two folders up)."""
    t = ui(lang)
    link = (f'<a href="../../{html.escape(zip_file)}" download>'
            f"{html.escape(t('Download the whole course'))}</a>")
    said = html.escape(t("{link} (a zip file, {size}) to use it on a computer without "
                         "internet. Unzip it, then open {index} in the folder. The notebooks "
                         "and the workbook are inside."))
    said = said.format(link=link, size=megabytes(size), index="<code>index.html</code>")
    return _block(f"<p><strong>{html.escape(t('Without internet.'))}</strong> {said}</p>")


def offline_block(lang: str) -> str:
    """The same block inside the zip: this copy is the download."""
    t = ui(lang)
    name = html.escape(t("student workbook"))
    workbook = f'<a href="{WORKBOOK}">{name}</a>'
    said = html.escape(t("This is the offline copy of the course, version {version}. The "
                         "{workbook} is in this folder, and the notebooks are in the "
                         "{notebooks} folder, two folders up."))
    said = said.format(version=html.escape(release.version()), workbook=workbook,
                       notebooks="<code>notebooks</code>")
    return _block(f"<p><strong>{html.escape(t('Without internet.'))}</strong> {said}</p>")


_FONT = re.compile(r"""url\((['"]?)([^)'"?#]+\.woff2)([?#][^)'"]*)?\1\)""")


def inline_fonts(stylesheet: Path) -> str:
    """The stylesheet with every local .woff2 font it names written into it as a data: URL."""

    def data_url(match: re.Match[str]) -> str:
        font = (stylesheet.parent / match[2]).resolve()
        if not font.is_file():
            return match[0]
        encoded = base64.b64encode(font.read_bytes()).decode("ascii")
        return f'url("data:font/woff2;base64,{encoded}")'

    return _FONT.sub(data_url, stylesheet.read_text(encoding="utf-8"))


_PRELOAD = re.compile(r'<link rel="preload"[^>]*\.woff2"[^>]*>[ \t]*\n?')


def offline_page(page: Path) -> str:
    """A page of the zip: no font preloads (the stylesheets carry the fonts)."""
    return _PRELOAD.sub("", page.read_text(encoding="utf-8"))


def _check_student_site(course: Course, site: Path) -> None:
    if not (site / "index.html").is_file():
        raise BuildError(site, None, "the student edition is not built",
                         "run: tipcourse build --edition student")
    index = (site / "index.html").read_text(encoding="utf-8")
    # Teacher pages ask robots to stay away (tipcourse.sphinx.teacher) and carry the teaching
    # guide: never package the other edition.
    teacher = 'name="robots" content="noindex"' in index
    if teacher or (site / course.teacher_dir_name).exists():
        raise BuildError(site, None, "this folder is not the student edition",
                         "run: tipcourse build --edition student")


def student_sites(course: Course) -> dict[str, Path]:
    """The student edition of every language that is built."""
    return {lang: course.site_dir(Edition.STUDENT, lang) for lang in LANGUAGES
            if (course.site_dir(Edition.STUDENT, lang) / "index.html").is_file()}


def build_zip(course: Course) -> Path:
    """Write the zip into ``_build/dist/`` (atomically) and publish a copy beside the sites;
    return the zip's path."""
    sites = student_sites(course)
    if not sites:
        raise BuildError(course.site_dir(Edition.STUDENT), None,
                         "the student edition is not built",
                         "run: tipcourse build --edition student")
    for lang, site in sites.items():
        _check_student_site(course, site)
        if not (site / WORKBOOK).is_file():
            raise BuildError(course.pdf_dir(lang) / WORKBOOK, None,
                             "the student workbook is not printed",
                             f"run: tipcourse pdf --edition student --lang {lang}")
    folder = zip_name()
    target = dist_path(course)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.tmp")
    write_language_index(course)
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.write(course.sites_dir / LANGUAGE_INDEX, f"{folder}/{LANGUAGE_INDEX}")
        for lang, site in sites.items():
            for path in sorted(site.rglob("*")):
                relative = path.relative_to(site)
                if not path.is_file() or path.suffix == ".zip":
                    continue
                arcname = f"{folder}/{lang}/{Edition.STUDENT}/{relative.as_posix()}"
                if relative.as_posix() == "index.html":
                    page = filled(path, BLOCK, offline_block(lang))
                    archive.writestr(arcname, _PRELOAD.sub("", page))
                elif path.suffix == ".html":
                    archive.writestr(arcname, offline_page(path))
                elif path.suffix == ".css":
                    archive.writestr(arcname, inline_fonts(path))
                else:
                    archive.write(path, arcname)
        for notebook in sorted((course.root / "notebooks").glob("*.ipynb")):
            copy = student_copy(nbformat.read(notebook, as_version=4))
            archive.writestr(f"{folder}/notebooks/{notebook.name}", nbformat.writes(copy))
        for name in release.LICENCE_FILES:
            if (course.root / name).is_file():
                archive.write(course.root / name, f"{folder}/{name}")
    os.replace(partial, target)
    publish_in_site(course, sites, target)
    return target


def publish_in_site(course: Course, sites: dict[str, Path], zip_file: Path) -> None:
    """Put the zip beside the language index (``_build/site/``) and link to it from each
    language's landing page."""
    for old in course.sites_dir.glob("tipcourse-student-*.zip"):
        old.unlink()
    shutil.copy2(zip_file, course.sites_dir / zip_file.name)
    size = zip_file.stat().st_size
    for lang, site in sites.items():
        fill(site / "index.html", BLOCK, download_block(zip_file.name, size, lang))


def bench(course: Course) -> dict[str, float]:
    """The zip's size in MB (for ``make bench``); builds it from the current site and PDF."""
    return {"student_zip_mb": round(build_zip(course).stat().st_size / 1_000_000, 1)}
