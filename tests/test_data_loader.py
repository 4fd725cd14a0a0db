"""The GLOTIP loader on small made-up spreadsheets in UNODC's layout (never the UNODC file)."""

from __future__ import annotations

import http.server
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tipcourse.cli import main as cli_main
from tipcourse.data import glotip, tables
from tipcourse.errors import DataError

FIX = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own cache; no real data folder or accepted release leaks in."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("TIPCOURSE_CACHE_DIR", str(cache))
    for var in ("TIPCOURSE_DATA_DIR", "TIPCOURSE_DATA_SHA256", "TIPCOURSE_DATA_URL"):
        monkeypatch.delenv(var, raising=False)
    return cache


def data_dir(tmp_path: Path, fixture: str, monkeypatch: pytest.MonkeyPatch,
             accept: bool = True) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(FIX / fixture, folder / "data_glotip.xlsx")
    monkeypatch.setenv("TIPCOURSE_DATA_DIR", str(folder))
    if accept:
        monkeypatch.setenv("TIPCOURSE_DATA_SHA256", glotip.file_sha256(folder / "data_glotip.xlsx"))
    return folder


def test_tidy_table_has_numbers_and_flags_suppressed_cells() -> None:
    df = glotip.read_export(FIX / "glotip_small.xlsx")
    assert list(df.columns) == ["iso3", "country", "region", "subregion", "indicator",
                                "dimension", "category", "sex", "age", "year", "value",
                                "suppressed", "unit", "source"]
    alpha = df[(df.country == "Alphaland") & (df.indicator == tables.VICTIMS)
               & (df.dimension == "Total") & (df.sex == "Total")]
    # Thousands separators are removed: "16,390" is sixteen thousand, not 16.39.
    assert alpha.set_index("year")["value"].to_dict() == {2021: 1234.0, 2022: 16390.0}
    beta = df[(df.country == "Betaland") & (df.year == 2021) & (df.indicator == tables.VICTIMS)]
    assert beta["suppressed"].tolist() == [True]
    assert beta["value"].isna().all()
    assert int(df["suppressed"].sum()) == 2
    assert str(df["country"].dtype) == "category" and str(df["year"].dtype) == "int16"


@pytest.mark.parametrize("name", ["glotip_header_row5.xlsx", "glotip_no_banner.xlsx"])
def test_header_is_found_wherever_the_banner_ends(name: str) -> None:
    small = glotip.read_export(FIX / "glotip_small.xlsx")
    other = glotip.read_export(FIX / name)
    assert other.equals(small)


@pytest.mark.parametrize(("name", "expected"), [
    ("glotip_missing_column.xlsx", "missing column(s): txtVALUE"),
    ("glotip_bad_value.xlsx", "value 'n/a' is not a number"),
    ("glotip_bad_year.xlsx", "year 'later' is not a year"),
    ("not_glotip.xlsx", "no header row starting with 'Iso3_code'"),
    ("damaged.xlsx", "cannot read the spreadsheet"),
    ("absent.xlsx", "file not found"),
])
def test_bad_layouts_give_one_clear_line(name: str, expected: str) -> None:
    with pytest.raises(DataError) as info:
        glotip.read_export(FIX / name)
    line = info.value.one_line()
    assert expected in line and "\n" not in line
    assert name in line


def test_bad_value_names_its_excel_row() -> None:
    with pytest.raises(DataError) as info:
        glotip.read_export(FIX / "glotip_bad_value.xlsx")
    # Banner (2 rows) + header + 3 good rows: the bad value is on Excel row 7.
    assert info.value.line == 7


def test_data_dir_load_and_warm_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      isolated: Path) -> None:
    data_dir(tmp_path, "glotip_small.xlsx", monkeypatch)
    first = glotip.load_glotip()
    cached = list(isolated.glob("glotip-*.pkl"))
    assert len(cached) == 1
    second = glotip.load_glotip()
    assert second.equals(first)
    assert str(second["region"].dtype) == "category"


def test_another_release_is_refused_with_how_to_accept(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    folder = data_dir(tmp_path, "glotip_small.xlsx", monkeypatch, accept=False)
    with pytest.raises(DataError) as info:
        glotip.load_glotip()
    actual = glotip.file_sha256(folder / "data_glotip.xlsx")
    line = info.value.one_line()
    assert "another release" in line and f"--accept {actual}" in line
    # Accepting it as the message says makes the load work.
    assert cli_main(["data", "fetch", "--accept", actual]) == 0
    assert len(glotip.load_glotip()) > 0


def test_missing_data_dir_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TIPCOURSE_DATA_DIR", str(tmp_path / "nowhere"))
    assert cli_main(["data", "info"]) == 1
    err = capsys.readouterr().err.strip()
    assert "TIPCOURSE_DATA_DIR is not a folder" in err and "\n" not in err


def test_empty_data_dir_says_where_to_get_the_file(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIPCOURSE_DATA_DIR", str(tmp_path))
    with pytest.raises(DataError, match="no data_glotip.xlsx"):
        glotip.load_glotip()


@pytest.fixture()
def local_server(tmp_path: Path) -> Iterator[str]:
    """Serve tests/fixtures/data on 127.0.0.1 (tests may not reach any other host)."""
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(  # noqa: E731
        *a, directory=str(FIX), **k)
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None  # type: ignore
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_download_is_verified_and_cached(local_server: str, monkeypatch: pytest.MonkeyPatch,
                                         isolated: Path) -> None:
    monkeypatch.setenv("TIPCOURSE_DATA_URL", f"{local_server}/glotip_small.xlsx")
    monkeypatch.setenv("TIPCOURSE_DATA_SHA256", glotip.file_sha256(FIX / "glotip_small.xlsx"))
    df = glotip.load_glotip()
    assert (isolated / "data_glotip.xlsx").is_file()
    assert df["value"].max() == 16390


def test_download_with_wrong_checksum_is_refused(local_server: str,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 isolated: Path) -> None:
    monkeypatch.setenv("TIPCOURSE_DATA_URL", f"{local_server}/glotip_small.xlsx")
    with pytest.raises(DataError) as info:
        glotip.load_glotip()
    assert "UNODC has probably published another release" in info.value.one_line()
    # The refused file is not kept under the name a later load would trust.
    assert not (isolated / "data_glotip.xlsx").exists()


def test_no_network_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("TIPCOURSE_DATA_URL", f"http://127.0.0.1:{port}/data_glotip.xlsx")
    with pytest.raises(DataError) as info:
        glotip.load_glotip()
    line = info.value.one_line()
    assert "could not download" in line and "TIPCOURSE_DATA_DIR" in line


def test_accept_refuses_a_non_checksum() -> None:
    with pytest.raises(DataError, match="not a sha256"):
        glotip.accept_sha256("latest")
