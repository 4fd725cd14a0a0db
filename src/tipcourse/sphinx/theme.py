"""Theme adjustments: the course's own stylesheet and templates."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

HERE = Path(__file__).parent


def _add_paths(app: Sphinx, config: Config) -> None:
    config.html_static_path = [*config.html_static_path, str(HERE / "static")]
    config.templates_path = [str(HERE / "templates"), *config.templates_path]


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _add_paths)
    app.add_css_file("tipcourse.css")
