"""tipcourse: a classroom course on trafficking in persons, built as software."""

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# The one version number lives in pyproject.toml; the installed metadata carries it.
try:
    __version__ = version("tipcourse")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

PACKAGE_DIR = Path(__file__).parent

# jsonschema loads rfc3987-syntax when it is installed (jupyter-events asks for it), and that
# compiles 38 grammars on import: 1.5 s in every process that reads a notebook. Nothing here
# checks IRI formats, so it is kept from loading (jsonschema then skips that format).
import sys  # noqa: E402

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
