"""The release line in the site's footer (version, edition, licences) and the printed guides'
verso (the page after the title page: version, licences, how to credit the course); the facts
come from ``tipcourse.release``."""

from __future__ import annotations

import html

from sphinx.application import Sphinx
from sphinx.config import Config

from tipcourse.release import OWNERS_TERMS, Licence, attribution, licences, version


def _link(licence: Licence) -> str:
    name = html.escape(licence.name)
    return f'<a href="{html.escape(licence.url)}">{name}</a>' if licence.url else name


def footer_html(edition: str, repository_url: str = "") -> str:
    """The release line of the site's footer: version, edition, licences."""
    content, code = licences(repository_url)
    return (
        f'<p class="tc-release">Version {html.escape(version())}, {html.escape(edition)} '
        f"edition. {content.covers.capitalize()}: {_link(content)}. "
        f"{code.covers.capitalize()}: {_link(code)}. {html.escape(OWNERS_TERMS)}</p>"
    )


def verso_html(title: str, author: str, repository_url: str = "") -> str:
    """The page after a printed guide's title page: version, licences, how to credit."""
    content, code = licences(repository_url)
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


def repository(config: Config) -> str:
    """The repository's address (``repository.url``) as Jupyter Book passes it to the theme."""
    return str((config.html_theme_options or {}).get("repository_url") or "")


def _footer(app: Sphinx, config: Config) -> None:
    options = dict(config.html_theme_options or {})
    extra = str(options.get("extra_footer") or "")
    if 'class="tc-release"' in extra:
        return  # several builds in one process share the configuration's lists
    extra = f"<p>{extra}</p>" if extra and not extra.lstrip().startswith("<") else extra
    options["extra_footer"] = extra + footer_html(config.tipcourse_edition, repository(config))
    config.html_theme_options = options


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _footer)
