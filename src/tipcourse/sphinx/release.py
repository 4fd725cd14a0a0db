"""The release line in the site's footer (version, edition, licences) and the printed guides'
verso (the page after the title page: version, licences, how to credit the course); the facts
come from ``tipcourse.release``."""

from __future__ import annotations

import html
from collections.abc import Callable

from sphinx.application import Sphinx
from sphinx.config import Config

from tipcourse.languages import N_, ui
from tipcourse.release import OWNERS_TERMS, Licence, attribution, licences, version


def _link(licence: Licence) -> str:
    name = html.escape(licence.name)
    return f'<a href="{html.escape(licence.url)}">{name}</a>' if licence.url else name


EDITION_NAMES = {"student": N_("Student edition"), "teacher": N_("Teacher edition")}


def footer_html(edition: str, repository_url: str = "", t: Callable[[str], str] = str) -> str:
    """The release line of the site's footer: version, edition, licences."""
    content, code = licences(repository_url)
    said = t("Version {version}, {edition}.").format(
        version=version(), edition=t(EDITION_NAMES.get(edition, edition)).lower())
    return (
        f'<p class="tc-release">{html.escape(said)} '
        f"{html.escape(_capital(t(content.covers)))}: {_link(content)}. "
        f"{html.escape(_capital(t(code.covers)))}: {_link(code)}. "
        f"{html.escape(t(OWNERS_TERMS))}</p>"
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def verso_html(title: str, author: str, repository_url: str = "",
               t: Callable[[str], str] = str) -> str:
    """The page after a printed guide's title page: version, licences, how to credit."""
    content, code = licences(repository_url)
    code_where = f" ({code.url})" if code.url else ""
    licensed = t("The {content} are licensed under the Creative Commons Attribution 4.0 "
                 "International licence ({name}): {url}. The {code} is under the {code_name} "
                 "licence{where}.").format(content=t(content.covers), name=content.name,
                                           url=content.url, code=t(code.covers),
                                           code_name=code.name, where=code_where)
    credit = t("To share or adapt this course, credit it like this: {line}").format(
        line=attribution(title, author, t))
    return "".join([
        '<div class="tc-verso" style="break-after: page">',
        "<p>" + html.escape(t("{title}, version {version}.").format(title=title,
                                                                      version=version()))
        + "</p>",
        f"<p>{html.escape(licensed)}</p>",
        f"<p>{html.escape(t(OWNERS_TERMS))}</p>",
        f"<p>{html.escape(credit)}</p>",
        "</div>",
    ])


def repository(config: Config) -> str:
    """The repository's address (``repository.url``) as Jupyter Book passes it to the theme."""
    return str((config.html_theme_options or {}).get("repository_url") or "")


def _footer(app: Sphinx, config: Config) -> None:
    options = dict(config.html_theme_options or {})
    extra = str(options.get("extra_footer") or "")
    if 'class="tc-release"' in extra:
        return  # several builds in one process share the configuration's lists
    extra = f"<p>{extra}</p>" if extra and not extra.lstrip().startswith("<") else extra
    options["extra_footer"] = extra + footer_html(config.tipcourse_edition, repository(config),
                                                  ui(config.language or "en"))
    config.html_theme_options = options


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _footer)
