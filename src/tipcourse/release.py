"""What a release of the course says about itself: its version and its licences.

The version is the one in ``pyproject.toml`` (read from the installed package's metadata);
the licences are the files at the repository's root. The site's footer and the printed
guides' title page and its verso (``tipcourse.sphinx.release``), ``tipcourse --version`` and
the offline zip (``tipcourse.publish.dist``) all take their words from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tipcourse import __version__
from tipcourse.languages import N_

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


def licences(repository_url: str = "") -> tuple[Licence, Licence]:
    """The content licence and the code licence; the code licence links to ``LICENSE`` on the
    repository's default branch (``blob/HEAD``: the student edition's launch buttons use
    another branch) when its address is known."""
    code_url = f"{repository_url.rstrip('/')}/blob/HEAD/LICENSE" if repository_url else ""
    return (
        Licence("CC BY 4.0", N_("course text, notebooks' prose, quiz banks and illustrations"),
                CONTENT_LICENCE_URL),
        Licence("MIT", N_("code"), code_url),
    )


def attribution(title: str, author: str, t: Callable[[str], str] = str) -> str:
    """The line people should use when they share or adapt the course."""
    return t('"{title}", version {version}, by {author}, licensed under CC BY 4.0 '
             "({url}).").format(title=title, version=version(), author=author,
                                url=CONTENT_LICENCE_URL)


OWNERS_TERMS = N_("Data and quoted UN and UNODC material stay under their owners' terms.")
