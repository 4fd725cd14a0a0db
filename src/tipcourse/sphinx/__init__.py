"""The course's Sphinx extension: directives and roles for teacher-only blocks, quizzes,
lessons, videos and facts, plus the theme trims that keep pages light and accessible.

Each concept lives in its own module with a ``setup(app)``; this module only wires them up.
The edition being built is ``app.config.tipcourse_edition`` ("student" or "teacher").
"""

from __future__ import annotations

import importlib
from typing import Any

from sphinx.application import Sphinx

from tipcourse import __version__
from tipcourse.course import Edition

# One module per concept; each exposes setup(app).
PARTS = [
    "tipcourse.sphinx.i18n",
    "tipcourse.sphinx.teacher",
    "tipcourse.sphinx.offline",
    "tipcourse.sphinx.theme",
    "tipcourse.sphinx.figures",
    "tipcourse.sphinx.facts",
    "tipcourse.sphinx.school",
    "tipcourse.sphinx.notebooks",
    "tipcourse.sphinx.lesson",
    "tipcourse.sphinx.video",
    "tipcourse.sphinx.quiz",
    "tipcourse.sphinx.print",
    "tipcourse.sphinx.release",
    "tipcourse.slides.sphinx",
]


def setup(app: Sphinx) -> dict[str, Any]:
    # The safe default: a build that names no edition must not publish the answer keys.
    app.add_config_value("tipcourse_edition", str(Edition.STUDENT), "env", [str])
    for name in PARTS:
        importlib.import_module(name).setup(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
