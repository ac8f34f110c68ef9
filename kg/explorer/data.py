"""The explorer's view of the graph: one networkx projection, gap results per country, and tables.

Everything here reads the projection (:func:`kg.projection.project`, or the same graph read back
from Neo4j), never the files, so every page shows the same thing whichever store it reads. The gap
analysis and the coverage matrix are :mod:`kg.gaps`'s own; this module only arranges their results
for display.

>>> from kg.gaps import example_graph
>>> ex = Explorer(example_graph(actors=["mol ministry", "ngo civil_society"], rows=["mol 6 lead", "ngo 3 support"]))
>>> ex.countries()
[('XYZ', 'Tinyland')]
>>> [(row["objective"], row["status"]) for row in worst_first(ex.gaps("XYZ"))][:3]
[(3, 'gap'), (7, 'gap'), (10, 'gap')]
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable, Mapping

import networkx as nx

from kg import namespaces as ns
from kg.gaps import (
    ROLE_ORDER,
    SEVERITY,
    CountryGaps,
    CountryIndex,
    CoverageMatrix,
    ObjectiveResult,
    ReferenceIndex,
    analyse_index,
    coverage_matrix,
    index_country,
    reference_index,
)
from kg.paths import DEFAULT_DATA_DIR
from kg.vocab import GOVERNMENT_TYPES

DATA_DIR_ENV = "MIGKG_DATA_DIR"
"""Environment variable naming the data folder the explorer reads (default: the shipped ``data/``)."""

STATUS_RANK = {"gap": 0, "partial": 1, "covered": 2}
STATUS_COLOUR = {"gap": "#d62728", "partial": "#ff9f1c", "covered": "#2ca02c"}

ROLE_COLOUR = {
    "lead": "#08306b",
    "co-lead": "#6a3d9a",
    "support": "#1f9e89",
    "consulted": "#b8860b",
    "informed": "#9e9e9e",
}
"""Edge and cell colour of each role (lead darkest); unknown roles are grey."""

ACTOR_GROUPS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("government", GOVERNMENT_TYPES, "#4c78a8"),
    ("coordination body", ("coordination_body",), "#9467bd"),
    ("international / development partner", ("international_organization", "development_partner"), "#7f7f7f"),
    ("society (civil society, academia, private sector, media)", ("civil_society", "academia", "private_sector", "media"), "#17becf"),
)
"""Actor types grouped for colour and layout, in ring order."""

ACTOR_TYPE_ORDER: tuple[str, ...] = tuple(t for _, types, _ in ACTOR_GROUPS for t in types)

FLAG_TEXT = {
    "uncovered": "no actor is responsible",
    "no_lead": "responsibility shared, nobody accountable (no lead)",
    "contested_lead": "several actors each claim the lead",
    "uncoordinated": "government actors share it without a common coordination body",
    "single_actor": "only one actor",
    "no_civil_society": "no civil society, academia, private sector or media",
    "unsourced": "a row cites no source",
    "category_uncovered": "no responsibility row for this category",
}
"""A plain-language gloss of each flag (docs/gaps.md has the definitions)."""


def data_dir() -> Path:
    """The data folder: ``$MIGKG_DATA_DIR`` when set, else the shipped ``data/``."""
    value = os.environ.get(DATA_DIR_ENV, "").strip()
    return Path(value) if value else DEFAULT_DATA_DIR


def actor_group(actor_type: str) -> tuple[int, str, str]:
    """(ring position, group label, colour) of an actor type.

    >>> actor_group("department")[1], actor_group("media")[2]
    ('government', '#17becf')
    """
    for i, (label, types, colour) in enumerate(ACTOR_GROUPS):
        if actor_type in types:
            return i, label, colour
    return len(ACTOR_GROUPS), "other", "#bbbbbb"


def role_rank(role: str) -> int:
    return ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)


def node_key(iso3: str, kind: str, local_id: str) -> str:
    """``node_key("BGD", "actor", "mofa")`` → ``mkgid:BGD/actor/mofa`` (the projection's node key)."""
    return ns.compact(ns.scoped_iri(iso3, kind, local_id))


def objective_key(number: int) -> str:
    return ns.compact(ns.objective_iri(int(number)))


@dataclass(frozen=True)
class StoreInfo:
    """Which store the explorer reads, for the "which store" line on every page."""

    kind: str  # "embedded" or "neo4j"
    description: str  # one line for people


@dataclass(eq=False)
class Explorer:
    """The projection with per-country gap results computed once (thread-safe, lazily)."""

    graph: nx.MultiDiGraph
    store: StoreInfo = field(default_factory=lambda: StoreInfo("embedded", "embedded store"))
    kg: object | None = None  # the built KnowledgeGraph, when the graph came from the files
    _cache: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @cached_property
    def reference(self) -> ReferenceIndex:
        return reference_index(self.graph)

    def _memo(self, key: tuple, make):
        with self._lock:
            if key in self._cache:
                return self._cache[key]
        value = make()
        with self._lock:
            return self._cache.setdefault(key, value)

    def countries(self) -> list[tuple[str, str]]:
        """(ISO3, name) of every country in the graph, by ISO3."""
        return [(iso3, str(self.graph.nodes[ns.compact(ns.country_iri(iso3))].get("label", iso3))) for iso3 in self.reference.countries]

    def country_name(self, iso3: str) -> str:
        return dict(self.countries()).get(iso3, iso3)

    def index(self, iso3: str) -> CountryIndex:
        return self._memo(("index", iso3), lambda: index_country(self.graph, iso3, self.reference))

    def gaps(self, iso3: str) -> CountryGaps:
        return self._memo(("gaps", iso3), lambda: analyse_index(self.index(iso3)))

    def matrix(self, iso3: str) -> CoverageMatrix:
        return self._memo(("matrix", iso3), lambda: coverage_matrix(self.graph, iso3, self.reference))

    def all_gaps(self) -> list[CountryGaps]:
        return [self.gaps(iso3) for iso3 in self.reference.countries]

    def nodes_of(self, kind: str, country: str | None = None) -> tuple[str, ...]:
        """Keys of the nodes of one ``kind`` (projection class name), of one country or global (``""``);
        ``country=None``: of every country and global. Indexed in one pass over the graph, then cached."""

        def build() -> dict:
            index: dict[tuple[str, str], list[str]] = {}
            for key, data in self.graph.nodes(data=True):
                index.setdefault((str(data.get("kind", "")), str(data.get("country") or "")), []).append(key)
            return {k: tuple(v) for k, v in index.items()}

        index = self._memo(("nodes_of",), build)
        if country is not None:
            return index.get((kind, country), ())
        return tuple(k for (kd, _), keys in index.items() if kd == kind for k in keys)

    def node(self, key: str) -> Mapping:
        return self.graph.nodes[key] if key in self.graph else {}

    def label(self, key: str) -> str:
        data = self.node(key)
        return str(data.get("label") or key)

    def responsibility(self, iso3: str, rid: str) -> Mapping:
        """The projection's attributes of one responsibility row (evidence, basis, locator, status…)."""
        return self.node(node_key(iso3, "responsibility", rid))

    def source(self, iso3: str, sid: str) -> Mapping:
        """A source a country's rows cite (title, url, publisher, year), or ``{}``."""
        return self.node(node_key(iso3, "source", sid)) if sid else {}

    def actor_label(self, iso3: str, actor_id: str, short: bool = False) -> str:
        """``MoEWOE`` (short) or ``Ministry of … (MoEWOE)``."""
        data = self.node(node_key(iso3, "actor", actor_id))
        name, acronym = str(data.get("label") or actor_id), str(data.get("acronym") or "")
        if short:
            return acronym or name
        return f"{name} ({acronym})" if acronym and acronym != name else name


def load(path: Path | None = None, countries: list[str] | None = None) -> Explorer:
    """Build the graph from the files (the embedded store) and wrap it."""
    from kg.build import build
    from kg.projection import project

    folder = path or data_dir()
    kg = build(folder, countries=countries)
    where = "the shipped data/" if folder.resolve() == DEFAULT_DATA_DIR.resolve() else str(folder)
    store = StoreInfo("embedded", f"embedded store (no server): built from {where} with pyoxigraph and networkx")
    return Explorer(project(kg), store, kg)


# --- tables ---------------------------------------------------------------------------------------


def objective_sort_key(o: ObjectiveResult) -> tuple:
    """Worst first: status (gap, partial, covered), then more gap/partial flags, more warnings, number."""
    serious = sum(1 for f in o.flags if f.severity in ("gap", "partial"))
    warnings = sum(1 for f in o.flags if f.severity == "warning")
    return (STATUS_RANK.get(o.status, 3), -serious, -warnings, o.number)


def flag_summary(o: ObjectiveResult) -> str:
    return ", ".join(f.type for f in o.flags) or "–"


def worst_first(result: CountryGaps) -> list[dict]:
    """The 23 objectives, worst gaps first, with what is wrong in plain words."""
    rows = []
    for o in sorted(result.objectives, key=objective_sort_key):
        rows.append({
            "objective": o.number,
            "title": o.short_label or o.title,
            "status": o.status,
            "actors": len(o.actors),
            "rows": o.rows,
            "flags": flag_summary(o),
            "what is wrong": "; ".join(FLAG_TEXT.get(f.type, f.type) for f in o.flags if f.severity != "warning") or "–",
        })
    return rows


def objective_table(result: CountryGaps, statuses: Iterable[str] = (), flags: Iterable[str] = ()) -> list[dict]:
    """The gap report's objective table (number order), optionally only some statuses or flag types."""
    statuses, flags = set(statuses), set(flags)
    out = []
    for o in result.objectives:
        if statuses and o.status not in statuses:
            continue
        if flags and not flags & {f.type for f in o.flags}:
            continue
        out.append({
            "objective": o.number, "title": o.short_label or o.title, "status": o.status, "actors": len(o.actors),
            "rows": o.rows, "flags": flag_summary(o),
        })
    return out


def category_table(result: CountryGaps) -> list[dict]:
    return [
        {
            "category": c.id, "label": c.label, "status": "gap" if c.flags else "covered",
            "covered through": ", ".join(c.covered_through) or "–", "rows": c.rows,
            "explanation": "; ".join(f.explanation for f in c.flags) or "–",
        }
        for c in result.categories
    ]


def sdg_table(result: CountryGaps, only_at_risk: bool = False) -> list[dict]:
    statuses = result.statuses()
    return [
        {
            "target": t.code, "title": t.title, "at risk": "yes" if t.at_risk else "no",
            "aligned GCM objectives": ", ".join(f"{n} ({statuses.get(n, '?')})" for n in t.objectives),
        }
        for t in result.sdg_targets
        if t.at_risk or not only_at_risk
    ]


def country_counts(ex: Explorer) -> list[dict]:
    """Per country: actors, responsibilities (and how many cite a source), instruments, coordination bodies."""
    out = []
    for iso3, name in ex.countries():
        idx = ex.index(iso3)
        instruments = len(ex.nodes_of("PolicyInstrument", iso3))
        out.append({
            "country": name, "iso3": iso3, "actors": len(idx.actors), "responsibilities": len(idx.rows),
            "responsibilities sourced": sum(1 for r in idx.rows if r.source), "instruments": instruments,
            "coordination bodies": sum(1 for a in idx.actors.values() if a.type == "coordination_body"),
        })
    return out


def ranking_table(results: list[CountryGaps]) -> list[dict]:
    """``migkg gaps --all``: objectives ranked by how many countries leave them with status gap."""
    from kg.gaps import rank_objectives

    return [
        {
            "rank": r.rank, "objective": r.number, "title": r.title, "gap in": len(r.gap),
            "countries with gap": ", ".join(r.gap) or "–", "partial": len(r.partial), "covered": len(r.covered),
        }
        for r in rank_objectives(results)
    ]


# --- the coverage matrix ----------------------------------------------------------------------------

MATRIX_SORTS = ("objective", "worst first", "most actors", "fewest actors")


@dataclass(frozen=True)
class MatrixView:
    """The coverage matrix as displayed: rows (dicts), the actor columns and their full names."""

    rows: list[dict]
    actor_columns: list[str]  # column names (acronym, made unique)
    actor_help: dict[str, str]  # column -> "Full name (type)"
    actor_ids: dict[str, str]  # column -> actor id


def matrix_view(
    matrix: CoverageMatrix,
    result: CountryGaps,
    actor_types: Iterable[str] = (),
    statuses: Iterable[str] = (),
    sort: str = "objective",
    acronyms: Mapping[str, str] | None = None,
) -> MatrixView:
    """Objectives × actors with the gap flags of each row; filter by actor type and status, sort.

    >>> from kg.gaps import example_graph
    >>> ex = Explorer(example_graph(actors=["mol ministry", "ngo civil_society"], rows=["mol 6 lead", "ngo 6 consulted", "ngo 3 support"]))
    >>> view = matrix_view(ex.matrix("XYZ"), ex.gaps("XYZ"), actor_types=["ministry"], statuses=["covered"])
    >>> view.actor_columns, [(r["#"], r["status"], r["mol"]) for r in view.rows]
    (['mol'], [(6, 'covered', 'lead')])
    """
    types = set(actor_types)
    wanted = set(statuses)
    acronyms = acronyms or {}
    actors = [a for a in matrix.actors if not types or a.type in types]
    columns: list[str] = []
    help_text: dict[str, str] = {}
    ids: dict[str, str] = {}
    for a in actors:
        col = acronyms.get(a.id) or a.id
        if col in ids or col in ("#", "objective", "status", "flags", "actors"):
            col = f"{col} ({a.id})"
        columns.append(col)
        help_text[col] = f"{a.name} ({a.type.replace('_', ' ')})"
        ids[col] = a.id
    flags = {o.number: o for o in result.objectives}
    rows = []
    for o, cells in matrix.rows:
        if wanted and o.status not in wanted:
            continue
        row = {"#": o.number, "objective": o.short_label or o.title, "status": o.status, "flags": flag_summary(flags[o.number]), "actors": len(cells)}
        for col in columns:
            row[col] = ";".join(cells.get(ids[col], ()))
        rows.append(row)
    order = {
        "objective": lambda r: r["#"],
        "worst first": lambda r: objective_sort_key(flags[r["#"]]),
        "most actors": lambda r: (-r["actors"], r["#"]),
        "fewest actors": lambda r: (r["actors"], r["#"]),
    }.get(sort, lambda r: r["#"])
    rows.sort(key=order)
    return MatrixView(rows, columns, help_text, ids)


def matrix_column_table(view: MatrixView, matrix: CoverageMatrix) -> list[dict]:
    """The actor columns shown: column name, actor id, full name and type."""
    actors = {a.id: a for a in matrix.actors}
    return [{"column": col, "actor": view.actor_ids[col], "name": actors[view.actor_ids[col]].name,
             "type": actors[view.actor_ids[col]].type.replace("_", " ")} for col in view.actor_columns]


def country_gap_table(results: list[CountryGaps]) -> list[dict]:
    """One row per country: its name and code, and its gap summary (as ``migkg gaps --all``)."""
    keys = ("gap", "partial", "covered", "categories_uncovered", "sdg_targets_at_risk")
    return [{"country": f"{r.name} ({r.iso3})", **{k: r.summary()[k] for k in keys}} for r in results]


def top_role(cell: str) -> str:
    """The strongest role in a matrix cell (``"support;lead"`` → ``lead``), ``""`` for an empty cell."""
    roles = [r for r in cell.split(";") if r]
    return min(roles, key=role_rank) if roles else ""


def flag_severity(flag_type: str) -> str:
    return SEVERITY.get(flag_type, "warning")
