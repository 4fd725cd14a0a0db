"""Load UNODC's GLOTIP data-portal export as one tidy table.

Where the file comes from, in order:

1. ``TIPCOURSE_DATA_DIR``: a folder holding ``data_glotip.xlsx`` (or ``data_glotip_*.xlsx``);
2. else UNODC's official address, fetched once with pooch (checksum verified, progress bar)
   into the user cache folder.

The export is checked against the sha256 of the release the course was written for; another
release is refused with a message saying how to accept it (``TIPCOURSE_DATA_SHA256`` or
``tipcourse data fetch --accept SHA256``), because the notebooks' figures would change.

Reading the spreadsheet takes seconds, so the tidy table is cached in the user cache folder,
keyed by the file's checksum: a warm load reads only that. The cache is a pandas pickle, not
Parquet: Parquet would need pyarrow (about 170 MB), most of a student's install; the file is
the package's own output in the user's own folder, and one that cannot be read is rebuilt.

Every problem with the input (missing file, other layout, checksum, no network) is raised as
one :class:`~tipcourse.errors.DataError` line.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any

import pandas as pd

from tipcourse.errors import DataError

URL = "https://dataunodc.un.org/sites/dataunodc.un.org/files/data_glotip.xlsx"
FILENAME = "data_glotip.xlsx"
# The file exported from the portal on 14/04/2025 (data for 2003–2022); the date is the
# export date printed in the file, not a confirmed release date.
SHA256 = "24c34b95dfefb520445ef0f8d039727cad6febf0ab36807d5fc0aeee128c413e"
RELEASE = "14/04/2025"
# Bump when the tidy table changes shape, so old caches are not reused.
TIDY_VERSION = 2

# Source header -> tidy column name. The export's header is on row 3 (after a banner).
COLUMNS = {
    "Iso3_code": "iso3",
    "Country": "country",
    "Region": "region",
    "Subregion": "subregion",
    "Indicator": "indicator",
    "Dimension": "dimension",
    "Category": "category",
    "Sex": "sex",
    "Age": "age",
    "Year": "year",
    "Unit of measurement": "unit",
    "txtVALUE": "value",
    "Source": "source",
}
CATEGORICAL = ["iso3", "country", "region", "subregion", "indicator", "dimension", "category",
               "sex", "age", "unit", "source"]
SUPPRESSED = "<5"
# How far down to look for the header row.
HEADER_SEARCH_ROWS = 20


def cache_dir() -> Path:
    """Where the download and the Parquet copy live (never inside the course folder)."""
    if os.environ.get("TIPCOURSE_CACHE_DIR"):
        return Path(os.environ["TIPCOURSE_CACHE_DIR"])
    import pooch

    return Path(pooch.os_cache("tipcourse"))


def accepted_sha256() -> str:
    """The checksum a data file must have: the known release, or one the user accepted."""
    if os.environ.get("TIPCOURSE_DATA_SHA256"):
        return os.environ["TIPCOURSE_DATA_SHA256"].strip().lower()
    accepted = cache_dir() / "accepted-sha256.txt"
    if accepted.is_file():
        return accepted.read_text().strip().lower()
    return SHA256


def accept_sha256(sha256: str) -> Path:
    """Record that another UNODC release is accepted (``tipcourse data fetch --accept``)."""
    sha256 = sha256.strip().lower()
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise DataError("--accept", None, f"not a sha256 checksum: {sha256!r}",
                        "give the 64 hex digits printed in the error message")
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "accepted-sha256.txt"
    path.write_text(sha256 + "\n")
    return path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _mismatch(path: Path | str, actual: str, expected: str) -> DataError:
    return DataError(
        path, None,
        f"checksum {actual} is not the expected {expected}: UNODC has probably published "
        "another release of the data, and the notebooks' figures may change",
        f"to use it anyway, run `tipcourse data fetch --accept {actual}` "
        f"or set TIPCOURSE_DATA_SHA256={actual}",
    )


def local_file(folder: Path) -> Path:
    """The export inside TIPCOURSE_DATA_DIR."""
    if not folder.is_dir():
        raise DataError(folder, None, "TIPCOURSE_DATA_DIR is not a folder",
                        "point it at the folder holding data_glotip.xlsx, or unset it to download")
    exact = folder / FILENAME
    if exact.is_file():
        return exact
    dated = sorted(folder.glob("data_glotip*.xlsx"))
    if dated:
        return dated[-1]
    raise DataError(folder, None, "no data_glotip.xlsx in TIPCOURSE_DATA_DIR",
                    f"download it from {URL} into that folder, or unset the variable")


def fetch(url: str | None = None, progress: bool = True) -> Path:
    """Download the export from UNODC (once) into the cache; verify its checksum."""
    import pooch
    import requests

    url = url or os.environ.get("TIPCOURSE_DATA_URL") or URL
    expected = accepted_sha256()
    folder = cache_dir()
    target = folder / FILENAME
    if target.is_file() and file_sha256(target) == expected:
        return target
    # pooch logs "Downloading data from …" itself; the progress bar already says so, and a
    # failed download is reported below in one line.
    pooch.get_logger().setLevel("WARNING")
    try:
        got = pooch.retrieve(url, known_hash=None, fname=FILENAME, path=folder,
                             progressbar=progress and _has_tqdm())
    except requests.exceptions.RequestException as exc:
        # The "path" is the file name: a URL would be shown as a local path.
        raise DataError(FILENAME, None,
                        f"could not download it from {url} ({type(exc).__name__})",
                        "check the network, or set TIPCOURSE_DATA_DIR to a folder holding "
                        "data_glotip.xlsx") from None
    except OSError as exc:
        raise DataError(folder, None, f"could not save the data: {exc.strerror or exc}",
                        "set TIPCOURSE_CACHE_DIR to a writable folder") from None
    path = Path(got)
    actual = file_sha256(path)
    if actual != expected:
        # Keep the file for inspection under another name; it is not the accepted release.
        path.replace(path.with_name(f"data_glotip-{actual[:12]}.xlsx"))
        raise _mismatch(f"{FILENAME} (from {url})", actual, expected)
    return path


def _has_tqdm() -> bool:
    try:
        import tqdm  # noqa: F401
    except ImportError:
        return False
    return True


def source_file() -> Path:
    """The verified export: from TIPCOURSE_DATA_DIR if set, else the (cached) download."""
    if os.environ.get("TIPCOURSE_DATA_DIR"):
        path = local_file(Path(os.environ["TIPCOURSE_DATA_DIR"]))
        actual = file_sha256(path)
        expected = accepted_sha256()
        if actual != expected:
            raise _mismatch(path, actual, expected)
        return path
    return fetch()


def _find_header(raw: pd.DataFrame, path: Path) -> int:
    first = list(COLUMNS)[0]
    for i in range(min(HEADER_SEARCH_ROWS, len(raw))):
        if str(raw.iat[i, 0]).strip() == first:
            return i
    raise DataError(path, None,
                    f"no header row starting with '{first}' in the first {HEADER_SEARCH_ROWS} rows",
                    "this is not a GLOTIP data-portal export (Excel layout changed?)")


def read_export(path: Path | str) -> pd.DataFrame:
    """Parse a GLOTIP export (xlsx) into the tidy table. Raises DataError on a bad layout."""
    path = Path(path)
    if not path.is_file():
        raise DataError(path, None, "file not found", "check TIPCOURSE_DATA_DIR")
    try:
        raw = pd.read_excel(path, header=None, dtype=str, engine="calamine",
                            keep_default_na=False, na_values=[""])
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise DataError(path, None, f"cannot read the spreadsheet ({type(exc).__name__})",
                        "download the file again; it should be UNODC's data_glotip.xlsx") from None
    if raw.empty:
        raise DataError(path, None, "the spreadsheet is empty", "download the file again")
    head = _find_header(raw, path)
    header = [str(h).strip() for h in raw.iloc[head]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DataError(path, head + 1, f"missing column(s): {', '.join(missing)}",
                        "the export's layout changed; the loader needs updating")
    body = raw.iloc[head + 1:].copy()
    body.columns = header
    body = body[list(COLUMNS)].rename(columns=COLUMNS)
    body = body.dropna(how="all")
    # Excel row numbers, for messages.
    excel_rows = body.index.to_numpy() + 1
    return _tidy(body, path, excel_rows)


def _tidy(body: pd.DataFrame, path: Path, excel_rows: Any) -> pd.DataFrame:
    text = body["value"].astype("string").str.strip()
    suppressed = text.eq(SUPPRESSED).fillna(False).to_numpy(dtype=bool)
    cleaned = text.str.replace(",", "", regex=False).str.replace("\u00a0", "", regex=False)
    cleaned = cleaned.str.replace(" ", "", regex=False)
    numbers = pd.to_numeric(cleaned.where(~suppressed), errors="coerce")
    bad = numbers.isna().to_numpy() & ~suppressed & text.notna().to_numpy()
    if bad.any():
        i = int(bad.argmax())
        raise DataError(path, int(excel_rows[i]), f"value {text.iloc[i]!r} is not a number",
                        "expected counts like 1,234 or <5")
    years = pd.to_numeric(body["year"], errors="coerce")
    if years.isna().any():
        i = int(years.isna().to_numpy().argmax())
        raise DataError(path, int(excel_rows[i]), f"year {body['year'].iloc[i]!r} is not a year",
                        "expected a four-digit year")
    # The default string dtype (not "string"), so a Parquet round trip gives the same table.
    out = pd.DataFrame({c: body[c].astype(str).where(body[c].notna()).str.strip()
                        for c in CATEGORICAL})
    out["year"] = years.astype("int16").to_numpy()
    out["value"] = numbers.astype("float64").to_numpy()
    out["suppressed"] = suppressed
    for column in CATEGORICAL:
        out[column] = out[column].astype("category")
    ordered = ["iso3", "country", "region", "subregion", "indicator", "dimension", "category",
               "sex", "age", "year", "value", "suppressed", "unit", "source"]
    return out[ordered].reset_index(drop=True)


def _cache_path(sha256: str) -> Path:
    return cache_dir() / f"glotip-{sha256[:16]}-v{TIDY_VERSION}.pkl"


def load_glotip(path: Path | str | None = None, *, use_cache: bool = True) -> pd.DataFrame:
    """The GLOTIP export as a tidy DataFrame (one row per country, indicator, breakdown, year).

    Columns: iso3, country, region, subregion, indicator, dimension, category, sex, age
    (categories), year (int), value (float; missing where suppressed), suppressed (bool:
    UNODC printed ``<5``), unit, source.
    """
    source = Path(path) if path is not None else source_file()
    sha = file_sha256(source)
    cached = _cache_path(sha)
    if use_cache and cached.is_file():
        try:
            return pd.read_pickle(cached)
        except Exception:  # a damaged cache is rebuilt, not reported
            cached.unlink(missing_ok=True)
    table = read_export(source)
    if use_cache:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            # Two builds (two languages) may write it at once: each its own temporary file.
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            table.to_pickle(tmp)
            tmp.replace(cached)
        except OSError:
            pass  # a read-only cache only costs speed
    return table


def bench_load() -> dict[str, float]:
    """Seconds for a cold load (parse the spreadsheet) and a warm one (read the cache)."""
    source = source_file()
    _cache_path(file_sha256(source)).unlink(missing_ok=True)
    start = time.perf_counter()
    table = load_glotip(source)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    load_glotip(source)
    warm = time.perf_counter() - start
    return {"cold_s": round(cold, 3), "warm_s": round(warm, 3), "rows": float(len(table))}
