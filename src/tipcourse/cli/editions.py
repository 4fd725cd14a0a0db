"""The ``--edition`` choice shared by build and pdf."""

from __future__ import annotations

from tipcourse.publish.build import EDITIONS


def editions(choice: str) -> tuple[str, ...]:
    return EDITIONS if choice == "all" else (choice,)
