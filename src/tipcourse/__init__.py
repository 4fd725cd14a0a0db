"""tipcourse: a classroom course on trafficking in persons, built as software."""

from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# The one version number lives in pyproject.toml; the installed metadata carries it.
try:
    __version__ = version("tipcourse")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

PACKAGE_DIR = Path(__file__).parent
