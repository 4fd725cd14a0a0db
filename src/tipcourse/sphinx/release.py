"""The release line in the site's footer (version, edition, licences) and on the printed
guides' title page and its verso; the words come from ``tipcourse.publish.release``."""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

from tipcourse.publish import release


def repository(config: Config) -> tuple[str, str]:
    """The repository's address and branch as Jupyter Book passes them to the theme."""
    options = config.html_theme_options or {}
    return str(options.get("repository_url") or ""), str(options.get("repository_branch")
                                                        or "main")


def _footer(app: Sphinx, config: Config) -> None:
    options = dict(config.html_theme_options or {})
    extra = str(options.get("extra_footer") or "")
    if 'class="tc-release"' in extra:
        return  # several builds in one process share the configuration's lists
    extra = f"<p>{extra}</p>" if extra and not extra.lstrip().startswith("<") else extra
    url, branch = repository(config)
    options["extra_footer"] = extra + release.footer_html(config.tipcourse_edition, url, branch)
    config.html_theme_options = options


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _footer)
