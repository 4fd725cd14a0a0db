"""Slimming a built site, so that a first visit stays light (under 600 KB).

Runs once per build on the copied site (``tipcourse.publish.site.finish``), after Sphinx and
before the site is checked and swapped into view. The templates (``tipcourse.sphinx.theme``)
already keep fontawesome.js and the search index off ordinary pages; what is left here needs
the whole built site to decide:

- PurgeCSS (npm, installed by ``make setup``; its CLI with ``purgecss.config.js`` beside this
  module) removes the CSS rules that no page or script of the site uses, from the themes' and
  extensions' stylesheets (not the course's own). The
  theme's stylesheet carries all of Bootstrap (about 400 KB); the course uses a fraction.
  PurgeCSS is a well-kept tool for exactly this; if it is missing the site still works, only
  heavier, and the build says so once.
- A local ``@import`` is replaced by the imported file (one request fewer, not chained).
- fontTools subsets the Font Awesome fonts to the icons the site shows (156 KB to a few KB).
- Files no page loads (fontawesome.js, source maps) are removed.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import tipcourse

# An icon and its aliases map to one code point:
#   .fa-bars:before,.fa-navicon:before{content:"\f0c9"}
_ICON_RULE = re.compile(r"((?:\.fa-[a-z0-9-]+:{1,2}before,?)+)\{content:\s*\"\\([0-9a-fA-F]+)\"")
_ICON_NAME = re.compile(r"\.fa-([a-z0-9-]+):")
_USED_ICON = re.compile(r"\bfa-([a-z0-9-]+)")

PURGECSS_CONFIG = Path(__file__).with_name("purgecss.config.js")

OWN_STATIC = Path(tipcourse.__file__).parent / "sphinx" / "static"

_warned: set[str] = set()


def _say_once(message: str) -> None:
    if message not in _warned:
        _warned.add(message)
        print(f"tipcourse: {message}", file=sys.stderr)


def slim_site(site: Path) -> None:
    """Trim a built site in place (see the module docstring)."""
    _remove_unused_files(site)
    _inline_css_imports(site)
    pages_and_scripts = _content_files(site)
    _subset_icon_fonts(site, pages_and_scripts)
    _purge_css(site)


def _remove_unused_files(site: Path) -> None:
    static = site / "_static"
    for path in static.glob("scripts/fontawesome.js*"):
        path.unlink()
    # Source maps of minified theme files: no page loads them, and after PurgeCSS the CSS
    # maps would be wrong anyway.
    for path in static.rglob("*.map"):
        path.unlink()
    for path in site.rglob("*"):
        if path.suffix in {".js", ".css"} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            if "sourceMappingURL=" in text:
                path.write_text(
                    re.sub(r"\n?(//|/\*)# sourceMappingURL=\S+( \*/)?", "", text), encoding="utf-8"
                )


_IMPORT = re.compile(r"""@import\s+(?:url\()?["']?([^"')\s]+)["']?\)?\s*;""")


_URL = re.compile(r"""url\(\s*(["']?)([^"')]+)\1\s*\)""")


def _rebase_urls(text: str, source_dir: Path, target_dir: Path) -> str:
    """Rewrite relative ``url(...)`` references of CSS moved from source_dir to target_dir."""

    def rebase(match: re.Match[str]) -> str:
        quote, ref = match[1], match[2]
        if ref.startswith(("data:", "/", "#")) or "//" in ref:
            return match[0]
        moved = os.path.relpath(source_dir / ref, target_dir).replace(os.sep, "/")
        return f"url({quote}{moved}{quote})"

    return _URL.sub(rebase, text)


def _inline_css_imports(site: Path) -> None:
    """Replace each local ``@import`` by the imported file's text. The theme's theme.css
    only imports basic.css: one more request, made only after theme.css has arrived (and
    axe-core's stylesheet preload resolves such imports against the page, not the sheet)."""
    for css in (site / "_static").rglob("*.css"):
        text = css.read_text(encoding="utf-8")

        def inline(match: re.Match[str], css: Path = css) -> str:
            target = (css.parent / match[1]).resolve()
            if "//" in match[1] or not target.is_file():
                return match[0]
            return _rebase_urls(target.read_text(encoding="utf-8"), target.parent, css.parent)

        new = _IMPORT.sub(inline, text)
        if new != text:
            css.write_text(new, encoding="utf-8")


def _content_files(site: Path) -> list[Path]:
    """Every page and script of the site: what decides which CSS rules and icons are used."""
    return sorted(p for p in site.rglob("*") if p.suffix in {".html", ".js"} and p.is_file())


# The theme's own icons (admonitions, download links, external links) are set in CSS
# custom properties, e.g. --pst-icon-download:"\f019" (or the character itself).
_THEME_ICON = re.compile(r"--pst-icon-[a-z-]+:\s*\"(\\[0-9a-fA-F]+|[^\"])\"")


def _code_point(value: str) -> int:
    return int(value[1:], 16) if value.startswith("\\") else ord(value)


def used_icon_code_points(css_files: Iterable[Path], content: Iterable[Path]) -> set[int]:
    """Code points of the Font Awesome icons that the site's pages and scripts name, and of
    the icons the theme's stylesheets draw themselves."""
    names: set[str] = set()
    for path in content:
        names.update(_USED_ICON.findall(path.read_text(encoding="utf-8", errors="replace")))
    points: set[int] = set()
    for css in css_files:
        text = css.read_text(encoding="utf-8", errors="replace")
        points.update(_code_point(value) for value in _THEME_ICON.findall(text))
        for selectors, code in _ICON_RULE.findall(text):
            if names.intersection(_ICON_NAME.findall(selectors)):
                points.add(int(code, 16))
    return points


def _subset_icon_fonts(site: Path, content: list[Path]) -> None:
    from fontTools import subset

    # fontTools logs every table it touches at INFO, and Sphinx leaves INFO logging on.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    fonts = sorted((site / "_static").rglob("webfonts/fa-*"))
    fonts = [f for f in fonts if f.suffix in {".woff2", ".ttf", ".woff"}]
    if not fonts:
        return
    points = used_icon_code_points((site / "_static").rglob("*.css"), content)
    for font_path in fonts:
        options = subset.Options()
        options.flavor = {".woff2": "woff2", ".woff": "woff"}.get(font_path.suffix)
        options.ignore_missing_unicodes = True
        font = subset.load_font(str(font_path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=points)
        subsetter.subset(font)
        subset.save_font(font, str(font_path), options)


def find_purgecss() -> Path | None:
    """PurgeCSS's package folder: ``TIPCOURSE_NODE_MODULES``, or node_modules in the
    repository that holds this package, or in the working directory."""
    candidates = []
    if os.environ.get("TIPCOURSE_NODE_MODULES"):
        candidates.append(Path(os.environ["TIPCOURSE_NODE_MODULES"]))
    candidates.append(Path(tipcourse.__file__).resolve().parents[2] / "node_modules")
    candidates.append(Path.cwd() / "node_modules")
    for folder in candidates:
        if (folder / "purgecss" / "package.json").is_file():
            return folder / "purgecss"
    return None


def _purge_css(site: Path) -> None:
    purgecss = find_purgecss()
    node = shutil.which("node")
    if purgecss is None or node is None:
        _say_once(
            "PurgeCSS (npm) not found, so the site's stylesheets are not trimmed: the site "
            "works but pages are heavier (run `make setup` to install it)"
        )
        return
    # Only the themes' and extensions' stylesheets: the course's own (tipcourse.sphinx's
    # static folder) are small, and their scripts may build class names at run time.
    ours = {p.name for p in OWN_STATIC.glob("*.css")}
    css = sorted(
        p.relative_to(site).as_posix()
        for p in (site / "_static").rglob("*.css")
        if p.name not in ours
    )
    result = subprocess.run(
        [node, str(purgecss / "bin" / "purgecss.js"), "--config", str(PURGECSS_CONFIG),
         "--output", ".", "--preserve-paths", "--css", *css],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        # The unpurged stylesheets are still in place, so the site is whole; say why once.
        reason = (result.stderr.strip().splitlines() or ["no message"])[-1]
        _say_once(f"PurgeCSS failed ({reason}); the site's stylesheets are not trimmed")
