"""UNODC GLOTIP data and the course's headline figures.

``load_glotip()`` gives the tidy table; ``tipcourse.data.tables`` the honest-comparison
helpers; ``tipcourse.data.facts`` the sourced figures in ``facts.yml``. Heavy imports
(pandas) happen only when the data is used, so the Sphinx role stays quick to load.
"""

from __future__ import annotations

from typing import Any

__all__ = ["load_glotip", "bench_load", "load_facts", "get_fact"]


def __getattr__(name: str) -> Any:
    if name in ("load_glotip", "bench_load"):
        from tipcourse.data import glotip

        return getattr(glotip, name)
    if name in ("load_facts", "get_fact"):
        from tipcourse.data import facts

        return getattr(facts, name)
    raise AttributeError(name)
