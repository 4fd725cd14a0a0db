"""What a release of the course says about itself: its version and its licences.

The version is the one in ``pyproject.toml`` (read from the installed package's metadata);
the licences are the files at the repository's root. The site's footer, the printed guides'
title page and its verso, ``tipcourse --version`` and the offline zip all take their words
from here, so they never disagree.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from tipcourse import __version__

CONTENT_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
# Files every copy of the course carries (the zip, the package's metadata).
LICENCE_FILES = ("LICENSE", "LICENSE-CONTENT.md", "LICENSES/CC-BY-4.0.txt")


@dataclass(frozen=True)
class Licence:
    name: str
    covers: str
    url: str


def version() -> str:
    return __version__


def licences(repository_url: str = "", branch: str = "main") -> tuple[Licence, Licence]:
    """The content licence and the code licence; the code licence links to ``LICENSE`` in
    the repository when its address is known."""
    code_url = f"{repository_url.rstrip('/')}/blob/{branch}/LICENSE" if repository_url else ""
    return (
        Licence("CC BY 4.0", "course text, notebooks' prose, quiz banks and illustrations",
                CONTENT_LICENCE_URL),
        Licence("MIT", "code", code_url),
    )


def attribution(title: str, author: str) -> str:
    """The line people should use when they share or adapt the course."""
    return (f'"{title}", version {version()}, by {author}, licensed under CC BY 4.0 '
            f"({CONTENT_LICENCE_URL}).")


OWNERS_TERMS = ("Data and quoted UN and UNODC material stay under their owners' terms.")


def _link(licence: Licence) -> str:
    name = html.escape(licence.name)
    return f'<a href="{html.escape(licence.url)}">{name}</a>' if licence.url else name


def footer_html(edition: str, repository_url: str = "", branch: str = "main") -> str:
    """The release line of the site's footer: version, edition, licences."""
    content, code = licences(repository_url, branch)
    return (
        f'<p class="tc-release">Version {html.escape(version())}, {html.escape(edition)} '
        f"edition. {content.covers.capitalize()}: {_link(content)}. "
        f"{code.covers.capitalize()}: {_link(code)}. {html.escape(OWNERS_TERMS)}</p>"
    )


def verso_html(title: str, author: str, repository_url: str = "", branch: str = "main") -> str:
    """The page after a printed guide's title page: version, licences, how to credit."""
    content, code = licences(repository_url, branch)
    code_where = f" ({html.escape(code.url)})" if code.url else ""
    return "".join([
        '<div class="tc-verso" style="break-after: page">',
        f"<p>{html.escape(title)}, version {html.escape(version())}.</p>",
        f"<p>The {html.escape(content.covers)} are licensed under the Creative Commons "
        f"Attribution 4.0 International licence ({content.name}): "
        f"{html.escape(content.url)}. The {code.covers} is under the {code.name} "
        f"licence{code_where}.</p>",
        f"<p>{html.escape(OWNERS_TERMS)}</p>",
        f"<p>To share or adapt this course, credit it like this: "
        f"{html.escape(attribution(title, author))}</p>",
        "</div>",
    ])
