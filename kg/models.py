"""Typed records: what the loaders produce and everything downstream consumes.

Records are frozen and reject unknown fields. Positions (``line``) are kept on
country records so later checks (e.g. SHACL, gap explanations) can point back at
the spreadsheet row a finding came from.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

# The reference records are the converter's own models (one per shipped file), so the
# files have one schema whether they are written by ingest/ or read by the build.
from ingest.models import (
    Alignment,
    GcmAction,
    GcmObjective,
    GcmPrinciple,
    MgiDomain,
    MigofItem,
    SdgGoal,
    SdgIndicator,
    SdgTarget,
    Source,
)


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- reference data -------------------------------------------------------------------


class SourceRecord(Record):
    """A document a country's rows cite (declared in its ``country.yaml``)."""

    id: str
    title: str
    publisher: str = ""
    year: int | None = None
    url: str = ""


class Reference(Record):
    """The global reference layer shared by every country."""

    sources: tuple[Source, ...]
    objectives: tuple[GcmObjective, ...]
    actions: tuple[GcmAction, ...]
    principles: tuple[GcmPrinciple, ...]
    goals: tuple[SdgGoal, ...]
    targets: tuple[SdgTarget, ...]
    indicators: tuple[SdgIndicator, ...]
    alignments: tuple[Alignment, ...]
    mgi_domains: tuple[MgiDomain, ...]
    migof: tuple[MigofItem, ...]


# --- a country --------------------------------------------------------------------------


class Actor(Record):
    id: str
    name: str
    type: str
    acronym: str = ""
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    name_bn: str = ""
    established: str = ""  # ISO date or year
    source: str | None = None
    line: int = 0


class Instrument(Record):
    id: str
    title: str
    type: str
    year: int | None = None
    issued_by: str | None = None
    objectives: tuple[str, ...] = ()  # "6" or "6.c"
    categories: tuple[str, ...] = ()
    source: str | None = None
    url: str = ""
    line: int = 0


class Responsibility(Record):
    """Actor × objective (or lettered action) × role, with its basis and evidence."""

    id: str
    actor: str
    objective: int
    action: str | None = None  # "6.c" for an action-level row
    role: str
    category: str | None = None
    basis: str | None = None
    source: str | None = None
    evidence: str = ""
    locator: str = ""
    status: str
    line: int = 0


class Membership(Record):
    body: str
    member: str
    role: str
    source: str | None = None
    evidence: str = ""
    locator: str = ""
    line: int = 0


class Country(Record):
    iso3: str
    name: str
    categories_in_scope: tuple[str, ...]
    sources: tuple[SourceRecord, ...]
    actors: tuple[Actor, ...]
    responsibilities: tuple[Responsibility, ...]
    instruments: tuple[Instrument, ...] = ()
    memberships: tuple[Membership, ...] = ()
