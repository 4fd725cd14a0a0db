"""One version number (pyproject.toml) and both licences, shown wherever a copy of the course
goes: the command, the package's metadata, every page's footer in both editions."""

from __future__ import annotations

import tomllib
from importlib.metadata import metadata
from pathlib import Path

import pytest

from tipcourse import __version__
from tipcourse.cli import main

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]


def test_the_version_is_the_one_in_pyproject(capsys: pytest.CaptureFixture[str]) -> None:
    assert __version__ == PYPROJECT["version"]
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"tipcourse {PYPROJECT['version']}"


def test_the_package_names_both_licences_and_ships_their_files() -> None:
    assert PYPROJECT["license"] == "MIT AND CC-BY-4.0"
    for name in ("LICENSE", "LICENSE-CONTENT.md", "LICENSES/CC-BY-4.0.txt"):
        assert any((REPO / name).match(pattern) or name == pattern
                   for pattern in PYPROJECT["license-files"]), name
        assert (REPO / name).is_file()
    assert "MIT License" in (REPO / "LICENSE").read_text()
    assert "Attribution 4.0 International" in (REPO / "LICENSES/CC-BY-4.0.txt").read_text()
    content = (REPO / "LICENSE-CONTENT.md").read_text()
    assert "https://creativecommons.org/licenses/by/4.0/" in content
    assert "Attribution line" in content
    assert metadata("tipcourse")["License-Expression"] == "MIT AND CC-BY-4.0"


def test_the_readme_names_both_licences() -> None:
    readme = (REPO / "README.md").read_text()
    assert "[CC BY 4.0](LICENSE-CONTENT.md)" in readme and "[MIT](LICENSE)" in readme


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_every_page_footer_shows_version_edition_and_licences(
    course_sites: dict[str, Path], edition: str
) -> None:
    site = course_sites[edition]
    # Every page in the theme's layout (not the bare 404 page or the slide decks).
    pages = [p for p in site.rglob("*.html")
             if 'class="bd-footer-content' in p.read_text(encoding="utf-8")]
    assert len(pages) > 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert f"Version {__version__}, {edition} edition." in text, page
        assert 'href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>' in text
        assert "/blob/HEAD/LICENSE\">MIT</a>" in text


def test_the_references_page_keeps_data_under_its_owners_terms(
    course_sites: dict[str, Path],
) -> None:
    page = (course_sites["student"] / "book" / "references.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in page
    assert "stay under their owners" in page
