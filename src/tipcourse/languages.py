"""The course's languages and their translation catalogues.

English is the source. Every other language is a set of gettext catalogues (``.po`` files)
under ``locales/<lang>/LC_MESSAGES/``, one per source file:

- a page ``book/01-what-is-trafficking.md`` → ``book/01-what-is-trafficking.po`` (Sphinx's
  own gettext workflow: the build replaces each paragraph, heading and table cell);
- a YAML source ``quizzes/blue-heart.yaml`` → ``quizzes/blue-heart.yaml.po`` (the loader
  replaces each translatable field, see :func:`translate_fields`);
- the package's own fixed text (labels such as "Check answer") → ``tipcourse.po``.

Catalogues are read with Babel (Sphinx's own dependency), straight from the ``.po`` files:
nothing has to be compiled before the package can use them.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "es", "fr")
TRANSLATED = tuple(lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE)

# Each language's name in that language (the switcher shows these).
NAMES = {"en": "English", "es": "Español", "fr": "Français"}

# The package's catalogue of fixed text (labels, headings, chart words).
UI_DOMAIN = "tipcourse"


def locale_dir(root: Path) -> Path:
    """Where a course's catalogues live."""
    return root / "locales"


def catalogue_path(root: Path, lang: str, domain: str) -> Path:
    return locale_dir(root) / lang / "LC_MESSAGES" / f"{domain}.po"


def available_languages(root: Path) -> tuple[str, ...]:
    """English and every other language the course at ``root`` has catalogues for."""
    return tuple(lang for lang in LANGUAGES if lang == SOURCE_LANGUAGE
                 or any((locale_dir(root) / lang / "LC_MESSAGES").glob("**/*.po")))


def yaml_domain(relative: str | Path) -> str:
    """The catalogue of a YAML source: its path, ``.yaml`` kept (``lesson-01.yaml`` and the
    page ``lesson-01.md`` each have their own)."""
    return Path(relative).as_posix()


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        from tipcourse.errors import ConfigError

        raise ConfigError("--lang", None, f"unknown language {lang!r}",
                          f"use one of {', '.join(LANGUAGES)} or all")
    return lang


def read_po_file(path: Path) -> Any:
    """A ``.po`` file as Babel's catalogue; a syntax error is one SourceError at its line."""
    import re

    from babel.messages.pofile import read_po

    from tipcourse.errors import SourceError

    try:
        with path.open("rb") as handle:
            return read_po(handle, abort_invalid=True)
    except Exception as exc:  # Babel's PoFileError, ValueError, UnicodeError…
        line = getattr(exc, "lineno", None)  # counted from 0, and repeated in its message
        said = re.sub(r" on \d+$", "", str(exc))
        raise SourceError(path, line + 1 if isinstance(line, int) else None,
                          f"cannot read this catalogue: {said}",
                          "fix the .po syntax (msgid/msgstr pairs in double quotes)") from None


@dataclass
class Catalogue:
    """One ``.po`` file as a mapping of English text to its translation. Messages marked
    fuzzy (the English changed since they were translated) and empty ones are not used."""

    path: Path | None
    messages: dict[str, str] = field(default_factory=dict)

    def get(self, text: str) -> str:
        return self.messages.get(text, text)

    def __bool__(self) -> bool:
        return bool(self.messages)


def read_catalogue(path: Path) -> Catalogue:
    """The usable translations in a ``.po`` file (an empty catalogue when there is none)."""
    if not path.is_file():
        return Catalogue(None)
    catalog = read_po_file(path)
    messages = {m.id: m.string for m in catalog
                if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}
    return Catalogue(path, messages)


@functools.lru_cache(maxsize=64)
def _cached(path: Path, mtime: float) -> Catalogue:
    return read_catalogue(path)


def catalogue(root: Path | None, lang: str, domain: str) -> Catalogue:
    """The catalogue of one source in one language: the course's own, else (a notebook
    opened outside the course) the copy shipped with the package; empty for English."""
    if lang == SOURCE_LANGUAGE:
        return Catalogue(None)
    bases = [package_locale_dir()] if root is None else [locale_dir(root), package_locale_dir()]
    for base in bases:
        path = base / lang / "LC_MESSAGES" / f"{domain}.po"
        if path.is_file():
            return _cached(path, path.stat().st_mtime)
    return Catalogue(None)


def translate_source(data: Any, root: Path | None, source: str, lang: str,
                     paths: Iterable[FieldPath]) -> Any:
    """A YAML source's data (``source``: its path in the course, e.g. ``quizzes/x.yaml``) with
    its text fields in ``lang``; unchanged for English or where a text has no translation."""
    if lang == SOURCE_LANGUAGE:
        return data
    found = catalogue(root, lang, yaml_domain(source))
    return translate_fields(data, paths, found.get) if found else data


# Translating YAML sources --------------------------------------------------------------
# A loader names the fields of its source that hold reader-facing text, as paths of keys
# with "*" for every item of a list or every value of a mapping. Extraction and translation
# walk the same paths, so what is extracted is exactly what is replaced.

FieldPath = tuple[str, ...]


def text_fields(data: Any, paths: Iterable[FieldPath]) -> Iterator[tuple[Any, Any, str]]:
    """``(container, key, text)`` for every string found at one of ``paths`` in ``data``."""
    for path in paths:
        yield from _walk(data, path)


def _walk(node: Any, path: FieldPath) -> Iterator[tuple[Any, Any, str]]:
    if not path:
        return
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        keys = list(node) if head == "*" else ([head] if head in node else [])
        items = [(k, node[k]) for k in keys]
    elif isinstance(node, list) and head == "*":
        items = list(enumerate(node))
    else:
        return
    for key, value in items:
        if rest:
            yield from _walk(value, rest)
        elif isinstance(value, str) and value.strip():
            yield node, key, value
        elif isinstance(value, list):  # a list of strings (objectives, materials…)
            for index, item in enumerate(value):
                if isinstance(item, str) and item.strip():
                    yield value, index, item


def translate_fields(data: Any, paths: Iterable[FieldPath], translate: Callable[[str], str]
                     ) -> Any:
    """Replace, in place, the text at ``paths`` by its translation; return ``data``."""
    for container, key, text in list(text_fields(data, paths)):
        translated = translate(normalize(text))
        if translated != normalize(text):
            container[key] = translated
    return data


def normalize(text: str) -> str:
    """The message id of a YAML text: folded block scalars keep a final newline that is no
    part of the text."""
    return text.strip()


# The package's fixed text ---------------------------------------------------------------

def package_locale_dir() -> Path:
    return Path(__file__).parent / "locales"


def current_language() -> str:
    """The language notebooks and scripts speak: ``TIPCOURSE_LANG`` (the build sets it while
    notebooks run), else English."""
    lang = os.environ.get("TIPCOURSE_LANG", SOURCE_LANGUAGE)
    return lang if lang in LANGUAGES else SOURCE_LANGUAGE


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Within the block, notebooks (their kernels inherit the environment) and charts speak
    ``lang``."""
    before = os.environ.get("TIPCOURSE_LANG")
    os.environ["TIPCOURSE_LANG"] = lang
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TIPCOURSE_LANG", None)
        else:
            os.environ["TIPCOURSE_LANG"] = before


def ui_catalogue_path(lang: str, root: Path | None = None) -> Path:
    """The catalogue of the package's fixed text: a course's own (``locales/<lang>/
    LC_MESSAGES/tipcourse.po`` in the course at ``root``), else the package's."""
    if root is not None:
        own = catalogue_path(root, lang, UI_DOMAIN)
        if own.is_file():
            return own
    return package_locale_dir() / lang / "LC_MESSAGES" / f"{UI_DOMAIN}.po"


def ui(lang: str | None = None, root: Path | None = None) -> Callable[[str], str]:
    """A function translating the package's fixed text into ``lang`` (default: the current
    language), from the catalogue of the course at ``root`` where it has one."""
    lang = lang or current_language()
    if lang == SOURCE_LANGUAGE:
        return _identity
    path = ui_catalogue_path(lang, root)
    if not path.is_file():
        return _identity
    return _cached(path, path.stat().st_mtime).get


def babel_locale(lang: str) -> str:
    """The locale dates and numbers are written in: English as the UN writes it (day month
    year), the others as their language does."""
    return "en_GB" if lang == SOURCE_LANGUAGE else lang


def number(value: float, lang: str | None = None, decimals: int = 0, sign: bool = False
           ) -> str:
    """A figure with the thousands separator and decimal mark of ``lang`` (default: the
    current language; English: ``12,345.6``)."""
    lang = lang or current_language()
    if lang == SOURCE_LANGUAGE:
        return f"{value:{'+' if sign else ''},.{decimals}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    if sign:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(value, pattern, locale=lang)


def _identity(text: str) -> str:
    return text


def N_(text: str) -> str:  # noqa: N802 - the gettext convention for "mark, do not translate"
    """Mark ``text`` for extraction where it is translated later (module-level labels)."""
    return text
