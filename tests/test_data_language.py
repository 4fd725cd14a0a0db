"""What the data notebooks print, in the notebook's language: a comparison's sentence, the
"too few to compare" label, table labels and the report-against-ours paragraph come out in
Spanish with a Spanish catalogue, while the tables keep their English keys and English
output stays as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import tipcourse.languages
from tipcourse.data import crosscheck
from tipcourse.data import tables as t

SPANISH = {
    "too few to compare": "demasiado pocos para comparar",
    "forced labour": "trabajo forzoso",
    "girls": "niñas",
    "victims detected for {form}": "víctimas detectadas con fines de {form}",
    "In the {countries} countries that reported a number every year, {what} rose from "
    "{first} in {first_year} to {last} in {last_year} ({change}%).":
        "En los {countries} países que informaron cada año, las {what} subieron de {first} "
        "en {first_year} a {last} en {last_year} ({change} %).",
    "**The report's figure:** {value} ({what}; source: [{source}]({url}), {where}).":
        "**La cifra del informe:** {value} ({what}; fuente: [{source}]({url}), {where}).",
    "**Our calculation:** {value} {where} ({label}).":
        "**Nuestro cálculo:** {value} {where} ({label}).",
    "in the {countries} countries with a real number":
        "en los {countries} países con un número real",
    "**Why they differ:** {reason}.": "**Por qué difieren:** {reason}.",
}


@pytest.fixture
def spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locales/es/LC_MESSAGES/tipcourse.po"
    path.parent.mkdir(parents=True)
    out = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    for english, text in SPANISH.items():
        out.append(f"msgid {json.dumps(english, ensure_ascii=False)}\n"
                   f"msgstr {json.dumps(text, ensure_ascii=False)}\n")
    path.write_text("\n".join(out), encoding="utf-8")
    monkeypatch.setattr(tipcourse.languages, "package_locale_dir", lambda: tmp_path / "locales")


COMPARISON = t.Comparison("victims detected for forced labour", 2019, 2022, 12345.0, 23456.0,
                          53, 4, "forced labour")


def test_english_sentences_and_labels_are_as_before(spanish: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIPCOURSE_LANG", raising=False)
    assert COMPARISON.sentence() == (
        "In the 53 countries that reported a number every year, victims detected for forced "
        "labour rose from 12,345 in 2019 to 23,456 in 2022 (+90.0%).")
    assert t.TOO_FEW == "too few to compare"
    assert t.label("girls") == "girls"


def test_the_notebooks_language_is_printed(spanish: None,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIPCOURSE_LANG", "es")
    assert COMPARISON.sentence() == (
        "En los 53 países que informaron cada año, las víctimas detectadas con fines de "
        "trabajo forzoso subieron de 12.345 en 2019 a 23.456 en 2022 (+90,0 %).")
    assert f"Oceania: {t.TOO_FEW}" == "Oceania: demasiado pocos para comparar"
    table = pd.DataFrame({"forced labour": [31.5]}, index=pd.Index(["girls"], name="group"))
    shown = t.labelled(table)
    assert list(shown.columns) == ["trabajo forzoso"] and list(shown.index) == ["niñas"]
    assert list(table.columns) == ["forced labour"]  # code still reads the English keys


def test_the_report_and_our_figure_side_by_side_in_spanish(
    spanish: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    pair = crosscheck.Pair("victims-2022", crosscheck.PAIRS[0].label, lambda df: 1.0,
                           "victims", 0.0, crosscheck.PAIRS[0].why_different, lambda df: 7)
    monkeypatch.setitem(crosscheck.BY_ID, "victims-2022", pair)
    english = crosscheck.text("victims-2022", pd.DataFrame(), "en")
    assert english.startswith("**The report's figure:** ")
    assert "**Our calculation:** 1 in the 7 countries with a real number (sum of the 2022" \
        in english
    spanish_text = crosscheck.text("victims-2022", pd.DataFrame(), "es")
    assert spanish_text.startswith("**La cifra del informe:** ")
    assert "**Nuestro cálculo:** 1 en los 7 países con un número real" in spanish_text
    assert "**Por qué difieren:**" in spanish_text
    assert "The report's figure" not in spanish_text and "Our calculation" not in spanish_text
