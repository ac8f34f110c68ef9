"""Typed records: what the loaders produce and everything downstream consumes.

Records are frozen and reject unknown fields. Positions (``line``) are kept on
country records so later checks (e.g. SHACL, gap explanations) can point back at
the spreadsheet row a finding came from.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- reference data -------------------------------------------------------------------


class SourceRecord(Record):
    """A document or dataset that rows cite."""

    id: str
    title: str
    publisher: str = ""
    year: int | None = None
    url: str = ""


class GCMObjective(Record):
    number: int
    title: str
    short_label: str
    paragraph: int
    source: str


class GCMAction(Record):
    code: str  # "6.c"
    objective: int
    letter: str
    paragraph: int
    source: str


class GuidingPrinciple(Record):
    id: str
    letter: str
    label: str
    paragraph: int
    source: str


class SDGGoal(Record):
    code: str
    title: str
    uri: str
    source: str


class SDGTarget(Record):
    code: str
    goal: str
    title: str
    uri: str
    source: str


class SDGIndicator(Record):
    code: str
    target: str
    title: str
    unsd_code: str
    uri: str
    source: str


class SDGAlignment(Record):
    objective: int
    target: str
    source: str
    rationale: str


class MGIDomain(Record):
    id: str
    number: int
    label: str
    definition: str
    migof: str  # "principle/1" | "objective/2"
    source: str


class MiGOFItem(Record):
    id: str  # "principle/1"
    kind: str  # principle | objective
    number: int
    label: str
    source: str


class Reference(Record):
    """The global reference layer shared by every country."""

    sources: tuple[SourceRecord, ...]
    objectives: tuple[GCMObjective, ...]
    actions: tuple[GCMAction, ...]
    principles: tuple[GuidingPrinciple, ...]
    goals: tuple[SDGGoal, ...]
    targets: tuple[SDGTarget, ...]
    indicators: tuple[SDGIndicator, ...]
    alignments: tuple[SDGAlignment, ...]
    mgi_domains: tuple[MGIDomain, ...]
    migof: tuple[MiGOFItem, ...]


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
