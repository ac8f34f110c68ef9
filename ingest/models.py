"""Typed records for the reference data.

One model per output file. Field names and their order are the CSV columns fixed by
docs/reference-data.md, so a model is also the file's schema.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

SDG_BASE = "http://metadata.un.org/sdg/"

_SLUG = r"^[a-z0-9][a-z0-9_-]*$"
_GOAL = r"^(?:[1-9]|1[0-7])$"
_TARGET = r"^(?:[1-9]|1[0-7])\.(?:[1-9][0-9]?|[a-z])$"
_INDICATOR = r"^(?:[1-9]|1[0-7])\.(?:[1-9][0-9]?|[a-z])\.[1-9][0-9]?$"
_UNSD = r"^C[0-9]{2}[0-9a-z]{2}[0-9]{2}$"
_TEXT = r"^\S(?:.*\S)?$"  # non-empty, no leading/trailing whitespace


class Record(BaseModel):
    """Base of every record: immutable, and unknown fields are an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class SdgGoal(Record):
    code: str = Field(pattern=_GOAL)
    title: str = Field(pattern=_TEXT)
    uri: str = Field(pattern=r"^http://metadata\.un\.org/sdg/(?:[1-9]|1[0-7])$")
    source: str = Field(pattern=_SLUG)


class SdgTarget(Record):
    code: str = Field(pattern=_TARGET)
    goal: str = Field(pattern=_GOAL)
    title: str = Field(pattern=_TEXT)
    uri: str = Field(pattern=r"^http://metadata\.un\.org/sdg/[0-9]+\.[0-9a-z]+$")
    source: str = Field(pattern=_SLUG)


class SdgIndicator(Record):
    code: str = Field(pattern=_INDICATOR)
    target: str = Field(pattern=_TARGET)
    title: str = Field(pattern=_TEXT)
    unsd_code: str = Field(pattern=_UNSD)
    uri: str = Field(pattern=r"^http://metadata\.un\.org/sdg/C[0-9]{2}[0-9a-z]{2}[0-9]{2}$")
    source: str = Field(pattern=_SLUG)


class GcmObjective(Record):
    number: int = Field(ge=1, le=23)
    title: str = Field(pattern=_TEXT)
    short_label: str = Field(pattern=_TEXT)
    paragraph: int = Field(ge=17, le=39)
    source: str = Field(pattern=_SLUG)


class GcmPrinciple(Record):
    id: str = Field(pattern=_SLUG)
    letter: str = Field(pattern=r"^[a-j]$")
    label: str = Field(pattern=_TEXT)
    paragraph: int = Field(ge=15, le=15)
    source: str = Field(pattern=_SLUG)


class GcmAction(Record):
    code: str = Field(pattern=r"^(?:[1-9]|1[0-9]|2[0-3])\.[a-z]$")
    objective: int = Field(ge=1, le=23)
    letter: str = Field(pattern=r"^[a-z]$")
    paragraph: int = Field(ge=17, le=39)
    source: str = Field(pattern=_SLUG)


class Source(Record):
    """One entry of ``sources.yaml``."""

    id: str = Field(pattern=_SLUG)
    title: str = Field(pattern=_TEXT)
    publisher: str = Field(pattern=_TEXT)
    year: int | None = Field(default=None, ge=1900, le=2100)
    url: str = Field(pattern=r"^https?://\S+$")
    retrieved: dt.date
    licence: str = Field(pattern=_TEXT)
    notes: str = Field(pattern=_TEXT)


# Curated files (hand-made, shipped, validated by the converter).


class Alignment(Record):
    objective: int = Field(ge=1, le=23)
    target: str = Field(pattern=_TARGET)
    source: str = Field(pattern=_SLUG)
    rationale: str = Field(pattern=_TEXT, min_length=20)


class MgiDomain(Record):
    id: str = Field(pattern=_SLUG)
    number: int = Field(ge=1, le=6)
    label: str = Field(pattern=_TEXT)
    definition: str = Field(pattern=_TEXT)
    migof: str = Field(pattern=r"^(?:principle|objective)/[1-3]$")
    source: str = Field(pattern=_SLUG)


class MigofItem(Record):
    id: str = Field(pattern=r"^(?:principle|objective)/[1-3]$")
    kind: str = Field(pattern=r"^(?:principle|objective)$")
    number: int = Field(ge=1, le=3)
    label: str = Field(pattern=_TEXT)
    source: str = Field(pattern=_SLUG)


def columns(model: type[Record]) -> tuple[str, ...]:
    """The CSV header of ``model``: its field names in declaration order."""
    return tuple(model.model_fields)
