"""tipcourse: a classroom course on trafficking in persons, built as software."""

from pathlib import Path

__version__ = "0.1.0"

PACKAGE_DIR = Path(__file__).parent
