"""Where a figure or statement comes from: the one source model that quiz banks and headline
figures (``facts.yml``) share."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, field_validator

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Source(BaseModel):
    """A document (title, web address) and the place in it (``where``) that says it.

    ``short`` is the label a page shows where it cites the source inline.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Text
    short: Text | None = None
    url: Text | None = None
    where: Text | None = None
    # The label of the source's entry on the references page (book/references.md), where
    # the ``fact`` role's notes link.
    ref: Text | None = None

    @field_validator("url")
    @classmethod
    def _http(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("must be a web address starting with https://")
        return value

    def citation(self) -> str:
        text = self.title
        if self.where:
            text += f", {self.where}"
        return text
