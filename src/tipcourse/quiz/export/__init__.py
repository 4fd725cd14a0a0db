"""LMS exports of a bank: Moodle XML, GIFT (Moodle) and QTI 1.2 (as Canvas imports it).

Each format module has ``export(bank, lang) -> bytes`` and a file ``SUFFIX``. Texts are sent
as HTML with the quiz text escaped, so an LMS shows it exactly as written. ``bank`` is loaded
in ``lang``; the exporter's own words (the source line, true and false) are in ``lang`` too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tipcourse.languages import SOURCE_LANGUAGE
from tipcourse.quiz.export import gift, moodle, qti
from tipcourse.quiz.model import Bank

FORMATS: dict[str, tuple[str, Callable[[Bank, str], bytes]]] = {
    "moodle-xml": (moodle.SUFFIX, moodle.export),
    "gift": (gift.SUFFIX, gift.export),
    "qti": (qti.SUFFIX, qti.export),
}


def export_bank(bank: Bank, fmt: str, out_dir: Path, lang: str = SOURCE_LANGUAGE) -> Path:
    """Write ``bank`` (loaded in ``lang``) as ``out_dir/<bank><suffix>``."""
    suffix, write = FORMATS[fmt]
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{bank.id}{suffix}"
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(write(bank, lang))
    tmp.replace(target)
    return target

