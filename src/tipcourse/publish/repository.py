"""The course repository's public address: one setting, ``repository.url`` in ``_config.yml``.

Jupyter Book's launch buttons (Binder, Colab, a school's JupyterHub) read it from there, the
deploy workflow compares it with the repository it runs in, and the site footer links to the
code licence in it. A notebook opened on Colab cannot read the setting (nothing but the
notebook is there), so its first cell names the address in its install hint: ``tipcourse
check`` fails when a hint names another address, and ``tipcourse repository URL`` changes the
setting and every hint together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tipcourse.course import Course, line_of
from tipcourse.errors import ConfigError

# The address this course was written with; a school publishing its copy sets its own.
PLACEHOLDER = "https://github.com/tipcourse/tipcourse"
# The install hint in a notebook's first code cell: %pip install "tipcourse @ git+<address>"
_HINT = re.compile(r'tipcourse @ git\+(?P<url>[^"\\\s]+)')


@dataclass(frozen=True)
class Hint:
    notebook: Path
    url: str


def repository_url(course: Course) -> str:
    """``repository.url`` from ``_config.yml``, or a ConfigError naming the line."""
    config = course.config()
    section = config.get("repository")
    url = section.get("url") if hasattr(section, "get") else None
    if not isinstance(url, str) or not url.startswith("https://"):
        line = line_of(section, "url") if hasattr(section, "get") else line_of(config,
                                                                                 "repository")
        raise ConfigError(course.config_path, line, "repository.url is not an https:// address",
                          "set it to your copy of the course, e.g. https://github.com/SCHOOL/REPO")
    return url.rstrip("/")


def install_hints(course: Course) -> list[Hint]:
    """Every install hint in the course's notebooks, in file order."""
    hints = []
    for notebook in sorted((course.root / "notebooks").glob("*.ipynb")):
        for match in _HINT.finditer(notebook.read_text(encoding="utf-8")):
            hints.append(Hint(notebook, match["url"]))
    return hints


def check_repository(course: Course) -> str:
    """Every install hint names the setting; a warning (not a failure) while the setting is
    still the address the course was written with, or when none is set (a course without
    launch buttons, such as a first draft)."""
    section = course.config().get("repository")
    if not hasattr(section, "get") or section.get("url") is None:
        if not install_hints(course):
            return ("warning: no repository.url in _config.yml: notebook pages show no "
                    "launch buttons (set it with: tipcourse repository URL)")
    url = repository_url(course)
    for hint in install_hints(course):
        if hint.url != url:
            raise ConfigError(hint.notebook, None,
                              f"the install hint names {hint.url}, but repository.url is {url}",
                              f"run: tipcourse repository {url}")
    if url == PLACEHOLDER:
        return (f"warning: repository.url in _config.yml is still {PLACEHOLDER}: launch "
                "buttons and the notebooks' install hint point there (set your own copy's "
                "address with: tipcourse repository URL)")
    return f"repository: {url}"


def set_repository(course: Course, url: str) -> list[Path]:
    """Write ``url`` into ``_config.yml`` and every notebook's install hint; return the files
    changed. Only the address is replaced, so comments and formatting stay as they were."""
    if not url.startswith("https://") or any(c in url for c in ' "\\'):
        raise ConfigError("URL", None, f"{url!r} is not an https:// address",
                          "give the address of the repository, e.g. https://github.com/SCHOOL/REPO")
    url = url.rstrip("/")
    repository_url(course)  # the file must hold a valid setting to change
    config = course.config_path
    text = config.read_text(encoding="utf-8")
    block = re.compile(r"^(repository:\s*\n(?:[ \t]+.*\n)*?[ \t]+url:[ \t]*)(\S+)", re.M)
    new_text, count = block.subn(lambda m: m[1] + url, text, count=1)
    if count != 1:
        raise ConfigError(config, None, "no repository: url: line to change", "add one")
    changed = []
    if new_text != text:
        config.write_text(new_text, encoding="utf-8")
        changed.append(config)
    for notebook in sorted({hint.notebook for hint in install_hints(course)}):
        before = notebook.read_text(encoding="utf-8")
        after = _HINT.sub(lambda m: f"tipcourse @ git+{url}", before)
        if after != before:
            notebook.write_text(after, encoding="utf-8")
            changed.append(notebook)
    return changed


CHECKS = [check_repository]
