"""What ingesting a document produces: its metadata, mentions, candidate relations and practice.

Frozen dataclasses (turned into the JSON of ``migkg ingest-doc --json`` by
:func:`dataclasses.asdict`); ids are the compact ids of the graph
(``mkgid:BGD/actor/bmet``, ``mkgid:gcm/objective/6``, ``sdg:10.7``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

ENTITY_TYPES = ("Actor", "GCMObjective", "GuidingPrinciple", "SDGTarget", "MigrationCategory", "PolicyInstrument", "Country")


@dataclass(frozen=True)
class DocumentMeta:
    id: str
    title: str
    path: str
    format: str
    sha256: str
    chars: int
    sentences: int
    country: str | None = None
    url: str = ""
    publisher: str = ""
    date: str = ""
    kind: str = ""
    licence: str = ""


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int
    sentence: str
    entity_id: str
    entity_label: str
    entity_type: str
    score: float
    how: str = ""  # name | variant | alias | acronym | defined-acronym | fuzzy | pattern | anaphor | tag
    sentence_start: int = 0


@dataclass(frozen=True)
class Relation:
    """A candidate statement found by a pattern; status ``extracted`` until a reviewer decides."""

    id: str
    kind: str  # responsibility | membership | implements
    subject: str  # the actor's entity id
    predicate: str  # chair | co-chair | member | secretariat | lead | support | implemented
    object: str  # coordination body, GCM objective or practice id
    object_label: str
    role: str
    sentence: str
    start: int
    end: int
    pattern: str
    score: float
    status: str = "extracted"
    objective: int | None = None


@dataclass(frozen=True)
class Practice:
    """A GCM Repository of Practices entry read from its page."""

    id: str
    title: str
    dates: str = ""
    start_year: int | None = None
    end_year: int | None = None
    practice_type: str = ""
    geographic_scope: dict = field(default_factory=dict)
    implementing_organisations: list[str] = field(default_factory=list)
    partner_organisations: list[str] = field(default_factory=list)
    summary: str = ""
    benefit_and_impact: str = ""
    key_lessons: str = ""
    innovation: str = ""
    date_submitted: str = ""
    tagged: dict = field(default_factory=dict)  # section -> listed items as written on the page
    actors: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    principles: list[str] = field(default_factory=list)
    sdg_targets: list[str] = field(default_factory=list)
    links_from: dict = field(default_factory=dict)  # entity id -> "tag" (the page lists it) or "mention" (found in its text)


@dataclass(frozen=True)
class IngestResult:
    document: DocumentMeta
    mentions: list[Mention]
    relations: list[Relation]
    practice: Practice | None = None

    def to_json(self) -> dict:
        data = asdict(self)
        if data["practice"] is None:
            del data["practice"]
        return data

    def entities(self, entity_type: str | None = None) -> set[str]:
        return {m.entity_id for m in self.mentions if entity_type is None or m.entity_type == entity_type}
