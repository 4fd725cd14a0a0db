"""The student site as one zip, for a classroom without internet (``tipcourse dist``).

``_build/dist/tipcourse-student-<version>.zip`` holds one folder: the built student edition
(open ``index.html``; every page works from ``file://``), the notebooks' student copies (no
solution cells) in ``notebooks/``, the student workbook PDF and the licences. A copy of the zip
goes into the built student site, and the landing page's download block
(``<div id="tc-course-download">`` in ``index.md``) is filled with a link to it; inside the zip
the same block says that this is the offline copy. Browsers refuse web fonts to pages opened
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
from tipcourse.course import Course
from tipcourse.data.solutions import student_copy
from tipcourse.errors import BuildError
from tipcourse.publish.landing import fill, filled, megabytes

WORKBOOK = "student-workbook.pdf"
# The landing page's block that this module fills (empty until a zip exists).
BLOCK = re.compile(r'<div id="tc-course-download"[^>]*>.*?</div>', re.S)


def zip_name() -> str:
    return f"tipcourse-student-{release.version()}"


def dist_path(course: Course) -> Path:
    return course.build_dir / "dist" / f"{zip_name()}.zip"


def _block(inner: str) -> str:
    return f'<div id="tc-course-download" class="tc-course-download">{inner}</div>'


def download_block(zip_file: str, size: int) -> str:
    """The landing page's link to the zip, on the published site."""
    return _block(
        f'<p><strong>Without internet.</strong> <a href="{html.escape(zip_file)}" download>'
        f"Download the whole course</a> (a zip file, {megabytes(size)}) to use it on a "
        "computer without internet. Unzip it, then open <code>index.html</code> in the folder. "
        "The notebooks and the workbook are inside.</p>"
    )


def offline_block() -> str:
    """The same block inside the zip: this copy is the download."""
    return _block(
        "<p><strong>Without internet.</strong> This is the offline copy of the course, "
        f"version {html.escape(release.version())}. "
        f'The <a href="{WORKBOOK}">student workbook</a> is in this folder, and the notebooks '
        "are in the <code>notebooks</code> folder.</p>"
    )


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
    # The footer names the edition (tipcourse.sphinx.release) and teacher pages ask robots
    # to stay away (tipcourse.sphinx.teacher): never package the other edition.
    teacher = 'name="robots" content="noindex"' in index
    if teacher or "student edition" not in index or (site / course.teacher_dir_name).exists():
        raise BuildError(site, None, "this folder is not the student edition",
                         "run: tipcourse build --edition student")


def build_zip(course: Course) -> Path:
    """Write the zip into ``_build/dist/`` (atomically) and publish a copy in the student site;
    return the zip's path."""
    site = course.site_dir("student")
    _check_student_site(course, site)
    workbook = course.pdf_dir / WORKBOOK
    if not workbook.is_file():
        raise BuildError(workbook, None, "the student workbook is not printed",
                         "run: tipcourse pdf --edition student")
    folder = zip_name()
    target = dist_path(course)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.tmp")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(site.rglob("*")):
            relative = path.relative_to(site)
            if not path.is_file() or (len(relative.parts) == 1 and path.suffix in {".zip", ".pdf"}):
                continue  # the published copy of an earlier zip; the workbook comes below
            arcname = f"{folder}/{relative.as_posix()}"
            if relative.as_posix() == "index.html":
                archive.writestr(arcname, _PRELOAD.sub("", filled(path, BLOCK, offline_block())))
            elif path.suffix == ".html":
                archive.writestr(arcname, offline_page(path))
            elif path.suffix == ".css":
                archive.writestr(arcname, inline_fonts(path))
            else:
                archive.write(path, arcname)
        for notebook in sorted((course.root / "notebooks").glob("*.ipynb")):
            copy = student_copy(nbformat.read(notebook, as_version=4))
            archive.writestr(f"{folder}/notebooks/{notebook.name}", nbformat.writes(copy))
        archive.write(workbook, f"{folder}/{WORKBOOK}")
        for name in release.LICENCE_FILES:
            if (course.root / name).is_file():
                archive.write(course.root / name, f"{folder}/{name}")
    os.replace(partial, target)
    publish_in_site(site, target)
    return target


def publish_in_site(site: Path, zip_file: Path) -> None:
    """Put the zip beside the student site's landing page and link to it from there."""
    for old in site.glob("tipcourse-student-*.zip"):
        old.unlink()
    shutil.copy2(zip_file, site / zip_file.name)
    fill(site / "index.html", BLOCK, download_block(zip_file.name, zip_file.stat().st_size))


def bench(course: Course) -> dict[str, float]:
    """The zip's size in MB (for ``make bench``); builds it from the current site and PDF."""
    return {"student_zip_mb": round(build_zip(course).stat().st_size / 1_000_000, 1)}
