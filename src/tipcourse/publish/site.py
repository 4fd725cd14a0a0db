"""Finishing a built edition: post-processing that runs once per build on the copied site,
and the checks that the site is whole (every local link and asset resolves)."""

from __future__ import annotations

import os
import re
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tipcourse.course import Course
from tipcourse.errors import BuildError


def finish(site: Path, lang: str = "en", edition: str = "student") -> None:
    """Post-process a freshly built edition in place (before it is swapped into view)."""
    from tipcourse.publish import slim

    slim.slim_site(site)
    write_not_found_page(site, lang, f"/{lang}/{edition}/index.html")


NOT_FOUND = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{heading}</title>
<style>
body {{ font-family: system-ui, sans-serif; line-height: 1.5; max-width: 36rem;
       margin: 4rem auto; padding: 0 1rem; color: #1f2328; }}
a {{ color: #0b5cad; }}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<p>{explained}</p>
<p><a href="{home}">{back}</a></p>
</main>
</body>
</html>
"""


def write_not_found_page(site: Path, lang: str = "en", home: str = "/index.html") -> None:
    """``404.html`` for servers that show a site's own "not found" page (``tipcourse serve``,
    GitHub Pages, Netlify), in the site's language, unless the course has its own. Its link
    is from the host's root (``home``), as a 404 page is shown at any address."""
    import html

    from tipcourse.languages import ui

    page = site / "404.html"
    if page.exists():
        return
    t = ui(lang)
    index = site / "index.html"
    title = t("this course")
    if index.is_file():
        found = re.search(r"<title>(.*?)</title>", index.read_text(encoding="utf-8"), re.S)
        if found:
            title = "“" + html.unescape(found[1].split("&#8212;")[0].split(" — ")[0].strip()) + "”"
    explained = t("There is no page at this address in {title}. The link may be old, or the "
                  "address may have a typing mistake.").format(title=title)
    page.write_text(NOT_FOUND.format(
        lang=lang, heading=html.escape(t("Page not found")), explained=html.escape(explained),
        home=html.escape(home), back=html.escape(t("Go to the first page of the course"))),
        encoding="utf-8")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (
                (name == "href" and tag in {"a", "link", "area"})
                or (name == "src" and tag in {"img", "script", "iframe", "source", "video"})
            ):
                self.links.append(value)


def page_links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    return parser.links


def broken_links(site: Path) -> list[tuple[str, str]]:
    """(page, link) for every relative link or asset in the site that points at no file."""
    broken: list[tuple[str, str]] = []
    for page in sorted(site.rglob("*.html")):
        if page.relative_to(site).parts[0] in {"_static", "_images"}:
            continue  # theme template fragments, not pages
        for link in page_links(page):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("#", "mailto:", "javascript:")):
                continue
            if not parts.path:
                continue
            if parts.path.startswith("/"):  # from the host's root (the 404 page)
                # The host serves _build/site/: /<lang>/<edition>/… is this site.
                segments = unquote(parts.path).lstrip("/").split("/")
                if len(segments) > 2 and segments[1] in ("student", "teacher"):
                    segments = segments[2:]
                target = (site.joinpath(*segments)).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_relative_to(site.resolve()):
                continue  # another language's site (the switcher), built on its own
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((str(page.relative_to(site)), link))
    return broken


def link_error(course: Course, page: str, link: str) -> BuildError:
    """A broken link in the built ``page`` reported at the source that holds it: the Markdown
    page (or notebook) it was built from, or the lesson plan a ``{lesson}`` on it renders,
    at the first line naming the link."""
    from tipcourse.lessons.loader import lessons_dir

    docname = Path(page).with_suffix("").as_posix()
    source = course.page_path(docname)
    hint = "fix the link or add the page"
    if source is None:
        return BuildError(page, None, f"broken link to {link}", hint)
    candidates = [source]
    if source.suffix == ".md":
        text = source.read_text(encoding="utf-8", errors="replace")
        for lesson_id in re.findall(r"^[`:~]{3,}\s*\{lesson\}\s+(\S+)", text, re.M):
            candidates.append(lessons_dir(course) / f"{lesson_id}.yaml")
    needles = _link_needles(link)
    for candidate in candidates:
        if not candidate.is_file():
            continue
        lines = candidate.read_text(encoding="utf-8", errors="replace").splitlines()
        for number, line in enumerate(lines, start=1):
            if any(needle in line for needle in needles):
                shown = candidate.relative_to(course.root)
                return BuildError(shown, number, f"broken link to {link}", hint)
    return BuildError(source.relative_to(course.root), None, f"broken link to {link}", hint)


def _link_needles(link: str) -> list[str]:
    """How a built link may be written in its source: as built, or with .md/.ipynb for .html,
    without its ../ prefixes."""
    path = unquote(urlsplit(link).path)
    bare = re.sub(r"^(\.\./)+|^\./", "", path)
    needles = [link, path, bare]
    if bare.endswith(".html"):
        stem = bare[: -len(".html")]
        needles += [stem + ".md", stem + ".ipynb", f"({stem})", f"<{stem}>"]
    return [n for n in dict.fromkeys(needles) if n]


LANGUAGE_INDEX = "index.html"


def write_language_index(course: Course, languages: tuple[str, ...] | None = None) -> Path:
    """``_build/site/index.html``: the way into the student edition of every built language
    (each language's name and the course's title in that language). The teacher editions
    are not listed: they are not for publishing."""
    import html

    from tipcourse.course import Edition
    from tipcourse.languages import LANGUAGES, NAMES, catalogue

    title = str(course.config().get("title") or "")
    items = []
    for lang in languages or LANGUAGES:
        if not (course.site_dir(Edition.STUDENT, lang) / "index.html").is_file():
            continue
        named = catalogue(course.root, lang, course.config_path.name).get(title)
        items.append(
            f'<li lang="{lang}"><a href="{lang}/{Edition.STUDENT}/index.html" hreflang="{lang}">'
            f"<strong>{html.escape(NAMES[lang])}</strong><span>{html.escape(named)}</span></a>"
            "</li>"
        )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body {{ margin: 0; font: 1.1rem/1.5 system-ui, sans-serif; color: #1b1b1f; background: #fff; }}
main {{ max-width: 34rem; margin: 12vh auto; padding: 0 1.25rem; }}
h1 {{ font-size: 1.5rem; color: #1d4f91; }}
ul {{ list-style: none; padding: 0; }}
li a {{ display: block; margin: 0 0 0.8rem; padding: 0.9rem 1.1rem; border: 2px solid #1d4f91;
  border-radius: 0.75rem; color: #1d4f91; text-decoration: none; }}
li a:hover, li a:focus {{ background: #e8eef7; }}
li strong, li span {{ display: block; }}
li span {{ color: #333; }}
@media (prefers-color-scheme: dark) {{
  body {{ background: #14161a; color: #e8e8ea; }}
  h1, li a {{ color: #9cc2ff; border-color: #9cc2ff; }}
  li a:hover, li a:focus {{ background: #1f2a3a; }}
  li span {{ color: #d0d0d4; }}
}}
</style>
</head>
<body>
<main>
<h1>{html.escape(title)}</h1>
<ul>
{chr(10).join(items)}
</ul>
</main>
</body>
</html>
"""
    target = course.sites_dir / LANGUAGE_INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    # Builds of two languages may write it at once: each through its own temporary file.
    handle, partial = tempfile.mkstemp(dir=target.parent, prefix=".index.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(page)
    os.chmod(partial, 0o644)
    os.replace(partial, target)
    write_not_found_page(course.sites_dir)  # a host's own 404 at the root leads here
    return target
