"""The labelled-property-graph mapping: networkx projection ⇄ Neo4j batches (pure functions).

:func:`node_batches` and :func:`rel_batches` turn a projection
(:func:`kg.projection.project`) into ``{group: [rows]}`` ready for ``UNWIND``;
:func:`graph_from_rows` turns rows read back from Neo4j into the same
projection, so every analysis of the projection (the gap rules, the coverage
matrix) gives the same answer from either store. docs/neo4j.md shows the
mapping as a diagram.

* Every node keeps ``uri`` (its IRI) as its unique key; its first label is the
  projection's ``kind`` (``Actor``, ``GCMObjective``, ``Responsibility`` …);
  actors add their type (``Ministry``, ``CoordinationBody`` …) and government
  actors ``GovernmentActor``. Properties are the projection's attributes plus a
  display ``name``.
* Relationship types are the projection's relations in upper case, with clearer
  names where the projection is terse (``source`` → ``CITES``); the n-ary
  responsibility's ``actor`` edge is turned round into
  ``(:Actor)-[:HOLDS]->(:Responsibility)``. One derived shortcut,
  ``(:Actor)-[:RESPONSIBLE_FOR {role, action, status, responsibility}]->(:GCMObjective)``,
  is written per responsibility row, in step with it, for browsing.
* Bookkeeping properties start with ``_``: ``_dataset`` (what the sync owns and may
  prune), ``_scope`` (``""`` for the shared reference layer, the ISO3 code for a
  country's nodes), ``_hash`` (content hash: a node or relationship is written only
  when it differs), ``_key`` (a relationship's identity) and ``_order`` (position in
  the projection, so the graph read back iterates in the same order).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("mkgid:country/XYZ", kind="Country", label="Tinyland", code="XYZ")
>>> g.add_node("mkgid:XYZ/actor/mol", kind="Actor", label="Ministry of Labour", code="mol", country="XYZ", actor_type="ministry", acronym="MoL", government=True)
>>> g.add_edge("mkgid:XYZ/actor/mol", "mkgid:country/XYZ", key="in_country", rel="in_country")
'in_country'
>>> nodes = node_batches(g)
>>> [group.labels for group in nodes]
[('Country',), ('Actor', 'Ministry', 'GovernmentActor')]
>>> row = nodes[NodeGroup(("Actor", "Ministry", "GovernmentActor"))][0]
>>> row["uri"], row["props"]["name"], row["props"]["_scope"]
('https://w3id.org/migration-kg/id/XYZ/actor/mol', 'MoL', 'XYZ')
>>> [(group.type, group.start, group.end) for group in rel_batches(g)]
[('IN_COUNTRY', 'Actor', 'Country')]
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Mapping, Sequence

import networkx as nx

from kg import namespaces as ns
from kg.vocab import GOVERNMENT_TYPES

DATASET = "migration-kg"
"""Value of ``_dataset`` on every node and relationship the sync writes (and may prune)."""

NODE_LABELS: tuple[str, ...] = (
    "MigrationCategory", "Source", "GCMObjective", "GCMAction", "GuidingPrinciple", "SDGGoal", "SDGTarget",
    "SDGIndicator", "Country", "Actor", "PolicyInstrument", "Responsibility", "Practice",
)
"""The primary label of each node kind of the projection (each carries a ``uri`` uniqueness constraint)."""

ACTOR_TYPES: tuple[str, ...] = (
    "ministry", "division", "department", "agency", "local_government", "coordination_body",
    "international_organization", "civil_society", "private_sector", "development_partner", "academia", "media",
)
GOVERNMENT_LABEL = "GovernmentActor"


def type_label(actor_type: str) -> str:
    """The label of an actor type, the ontology's class name.

    >>> type_label("local_government"), type_label("ministry")
    ('LocalGovernment', 'Ministry')
    """
    return "".join(part.capitalize() for part in actor_type.split("_"))


ACTOR_LABELS: tuple[str, ...] = tuple(type_label(t) for t in ACTOR_TYPES) + (GOVERNMENT_LABEL,)
"""Secondary labels an ``Actor`` node may carry."""

REL_TYPES: dict[str, tuple[str, bool]] = {
    "broader": ("BROADER", False),
    "action_of": ("ACTION_OF", False),
    "has_target": ("HAS_TARGET", False),
    "has_indicator": ("HAS_INDICATOR", False),
    "aligns_with": ("ALIGNS_WITH", False),
    "in_scope": ("IN_SCOPE", False),
    "in_country": ("IN_COUNTRY", False),
    "part_of": ("PART_OF", False),
    "issued_by": ("ISSUED_BY", False),
    "addresses": ("ADDRESSES", False),
    "covers": ("COVERS", False),
    "source": ("CITES", False),
    "actor": ("HOLDS", True),  # projection: responsibility -> actor; Neo4j: (actor)-[:HOLDS]->(responsibility)
    "objective": ("FOR_OBJECTIVE", False),
    "action": ("FOR_ACTION", False),
    "category": ("IN_CATEGORY", False),
    "basis": ("BASED_ON", False),
    "member_of": ("MEMBER_OF", False),
    "mentions": ("MENTIONS", False),
    "implemented_by": ("IMPLEMENTED_BY", False),
    "upholds": ("UPHOLDS", False),
    "contributes_to": ("CONTRIBUTES_TO", False),
}
"""Projection relation -> (Neo4j relationship type, whether the direction is turned round)."""

REL_ENDPOINTS: dict[str, tuple[tuple[str, str], ...]] = {
    "BROADER": (("MigrationCategory", "MigrationCategory"),),
    "ACTION_OF": (("GCMAction", "GCMObjective"),),
    "HAS_TARGET": (("SDGGoal", "SDGTarget"),),
    "HAS_INDICATOR": (("SDGTarget", "SDGIndicator"),),
    "ALIGNS_WITH": (("GCMObjective", "SDGTarget"),),
    "IN_SCOPE": (("Country", "MigrationCategory"),),
    "IN_COUNTRY": (("Actor", "Country"),),
    "PART_OF": (("Actor", "Actor"),),
    "ISSUED_BY": (("PolicyInstrument", "Actor"),),
    "ADDRESSES": (("PolicyInstrument", "GCMObjective"), ("PolicyInstrument", "GCMAction"), ("Practice", "GCMObjective")),
    "COVERS": (("PolicyInstrument", "MigrationCategory"),),
    "CITES": (("PolicyInstrument", "Source"), ("Responsibility", "Source"), ("Practice", "Source")),
    "HOLDS": (("Actor", "Responsibility"),),
    "FOR_OBJECTIVE": (("Responsibility", "GCMObjective"),),
    "FOR_ACTION": (("Responsibility", "GCMAction"),),
    "IN_CATEGORY": (("Responsibility", "MigrationCategory"),),
    "BASED_ON": (("Responsibility", "PolicyInstrument"),),
    "MEMBER_OF": (("Actor", "Actor"),),
    "RESPONSIBLE_FOR": (("Actor", "GCMObjective"),),
    "MENTIONS": tuple(("Source", kind) for kind in (
        "Actor", "GCMObjective", "GuidingPrinciple", "SDGTarget", "MigrationCategory", "PolicyInstrument", "Country",
    )),
    "IMPLEMENTED_BY": (("Practice", "Actor"),),
    "UPHOLDS": (("Practice", "GuidingPrinciple"),),
    "CONTRIBUTES_TO": (("Practice", "SDGTarget"),),
}
"""Start and end labels of each relationship type, as :mod:`kg.projection` builds them."""

SHORTCUT = "RESPONSIBLE_FOR"
"""The derived ``(:Actor)-[:RESPONSIBLE_FOR]->(:GCMObjective)``, one per responsibility row."""

REL_FROM_TYPE: dict[str, tuple[str, bool]] = {t: (rel, rev) for rel, (t, rev) in REL_TYPES.items()}
ALL_REL_TYPES: tuple[str, ...] = tuple(t for t, _ in REL_TYPES.values()) + (SHORTCUT,)

SHORTCUT_PROPERTIES = ("responsibility", "role", "action", "status", "category")
DISPLAY = "name"
"""A short caption (acronym, objective number and label, code) that Neo4j Browser shows on each node."""

INTERNAL_KEYS = ("uri", DISPLAY, "_dataset", "_scope", "_hash", "_key", "_order")


@dataclass(frozen=True, order=True)
class NodeGroup:
    """Nodes written by one statement: the same labels (the first one is merged on ``uri``)."""

    labels: tuple[str, ...]

    @property
    def primary(self) -> str:
        return self.labels[0]

    @property
    def extra(self) -> tuple[str, ...]:
        return self.labels[1:]


@dataclass(frozen=True, order=True)
class RelGroup:
    """Relationships written by one statement: one type between two primary labels."""

    type: str
    start: str
    end: str


# --- IRIs ---------------------------------------------------------------------------------


def expand(key: str) -> str:
    """The full IRI of a projection key (the inverse of :func:`kg.namespaces.compact`).

    >>> expand("mkgid:BGD/actor/mofa"), expand("sdg:10.7")
    ('https://w3id.org/migration-kg/id/BGD/actor/mofa', 'http://metadata.un.org/sdg/10.7')
    """
    prefix, sep, local = key.partition(":")
    if sep and prefix in ns.PREFIXES and not local.startswith("//"):
        return ns.PREFIXES[prefix] + local
    return key


# --- projection -> rows ---------------------------------------------------------------------


def labels_of(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The labels of a projection node: its kind, then (actors) its type and ``GovernmentActor``.

    >>> labels_of({"kind": "Actor", "actor_type": "department", "government": True})
    ('Actor', 'Department', 'GovernmentActor')
    >>> labels_of({"kind": "SDGTarget"})
    ('SDGTarget',)
    """
    kind = str(data["kind"])
    if kind not in NODE_LABELS:
        raise ValueError(f"node kind {kind!r} has no Neo4j label in kg.neo4j_mapping; known: {', '.join(NODE_LABELS)}")
    if kind != "Actor":
        return (kind,)
    labels = [kind]
    if data.get("actor_type"):
        if data["actor_type"] not in ACTOR_TYPES:
            raise ValueError(f"actor type {data['actor_type']!r} has no Neo4j label in kg.neo4j_mapping; known: {', '.join(ACTOR_TYPES)}")
        labels.append(type_label(str(data["actor_type"])))
    if data.get("government") or data.get("actor_type") in GOVERNMENT_TYPES:
        labels.append(GOVERNMENT_LABEL)
    return tuple(labels)


def scope_of(data: Mapping[str, Any]) -> str:
    """``""`` for the shared reference layer, the ISO3 code for a country's own nodes."""
    if data.get("kind") == "Country":
        return str(data.get("code", ""))
    return str(data.get("country") or "")


def display_name(data: Mapping[str, Any]) -> str:
    """The caption shown in Neo4j Browser.

    >>> display_name({"kind": "GCMObjective", "number": 6, "short_label": "Recruitment and decent work"})
    'O6 Recruitment and decent work'
    >>> display_name({"kind": "Actor", "acronym": "", "label": "Union Parishads", "code": "union_parishads"})
    'Union Parishads'
    """
    kind = data.get("kind")
    if kind == "Actor":
        return str(data.get("acronym") or data.get("label") or data.get("code", ""))
    if kind == "GCMObjective":
        return f"O{data.get('number')} {data.get('short_label') or ''}".strip()
    if kind in ("Country", "Responsibility"):
        return str(data.get("label") or data.get("code", ""))
    return str(data.get("code") or data.get("label") or "")


def content_hash(labels: Sequence[str], props: Mapping[str, Any]) -> str:
    """A stable hash of labels and properties (``_hash`` itself excluded).

    >>> content_hash(["A"], {"x": 1, "y": "b"}) == content_hash(["A"], {"y": "b", "x": 1})
    True
    >>> content_hash(["A"], {"x": 1}) == content_hash(["A"], {"x": "1"})
    False
    """
    payload = json.dumps([list(labels), {k: v for k, v in props.items() if k != "_hash"}], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def _clean(attrs: Mapping[str, Any], drop: Iterable[str] = ()) -> dict[str, Any]:
    """Properties Neo4j can store: no None, no key in ``drop``."""
    dropped = set(drop)
    return {k: v for k, v in attrs.items() if k not in dropped and v is not None}


def node_batches(graph: nx.MultiDiGraph, dataset: str = DATASET) -> dict[NodeGroup, list[dict]]:
    """``{NodeGroup: [{"uri", "hash", "props"}]}`` in projection order (groups in first-seen order)."""
    groups: dict[NodeGroup, list[dict]] = {}
    order: dict[str, int] = {}
    for node, data in graph.nodes(data=True):
        labels = labels_of(data)
        scope = scope_of(data)
        position = order.get(scope, 0)
        order[scope] = position + 1
        uri = expand(node)
        props = {
            **_clean(data, drop=("kind",)),
            "uri": uri, DISPLAY: display_name(data), "_dataset": dataset, "_scope": scope, "_order": position,
        }
        props["_hash"] = content_hash(labels, props)
        groups.setdefault(NodeGroup(labels), []).append({"uri": uri, "hash": props["_hash"], "props": props})
    return groups


def rel_key(start: str, rel_type: str, end: str, extra: str = "") -> str:
    """A relationship's identity: its endpoints and type (and, for shortcuts, the responsibility)."""
    return " ".join(p for p in (start, rel_type, end, extra) if p)


def rel_batches(graph: nx.MultiDiGraph, dataset: str = DATASET) -> dict[RelGroup, list[dict]]:
    """``{RelGroup: [{"start", "end", "key", "hash", "props"}]}``, with the ``RESPONSIBLE_FOR`` shortcuts."""
    nodes = graph.nodes
    groups: dict[RelGroup, list[dict]] = {}
    for u in graph.nodes:
        for position, (_, v, key, data) in enumerate(graph.out_edges(u, keys=True, data=True)):
            rel = str(data.get("rel", key))
            if rel not in REL_TYPES:
                raise ValueError(f"relation {rel!r} ({u} -> {v}) has no Neo4j relationship type; known: {', '.join(REL_TYPES)}")
            rel_type, reverse = REL_TYPES[rel]
            start, end = (v, u) if reverse else (u, v)
            start_uri, end_uri = expand(start), expand(end)
            props = {**_clean(data, drop=("rel",)), "_dataset": dataset, "_order": position}
            props["_key"] = rel_key(start_uri, rel_type, end_uri)
            props["_hash"] = content_hash([rel_type], props)
            group = RelGroup(rel_type, str(nodes[start]["kind"]), str(nodes[end]["kind"]))
            groups.setdefault(group, []).append({"start": start_uri, "end": end_uri, "key": props["_key"], "hash": props["_hash"], "props": props})
    shortcuts = list(shortcut_rows(graph, dataset))
    if shortcuts:
        groups[RelGroup(SHORTCUT, "Actor", "GCMObjective")] = shortcuts
    return groups


def shortcut_rows(graph: nx.MultiDiGraph, dataset: str = DATASET) -> Iterator[dict]:
    """One ``(:Actor)-[:RESPONSIBLE_FOR]->(:GCMObjective)`` row per responsibility node."""
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "Responsibility":
            continue
        targets = {str(d.get("rel", k)): v for _, v, k, d in graph.out_edges(node, keys=True, data=True)}
        if "actor" not in targets or "objective" not in targets:
            continue
        start, end, resp = expand(targets["actor"]), expand(targets["objective"]), expand(node)
        props = {
            "responsibility": resp, "role": data.get("role", ""), "action": data.get("action", ""),
            "status": data.get("status", ""), "category": data.get("category", ""), "_dataset": dataset,
        }
        props["_key"] = rel_key(start, SHORTCUT, end, resp)
        props["_hash"] = content_hash([SHORTCUT], props)
        yield {"start": start, "end": end, "key": props["_key"], "hash": props["_hash"], "props": props}


def chunks(rows: Sequence[dict], size: int) -> Iterator[list[dict]]:
    """Consecutive batches of at most ``size`` rows.

    >>> [len(c) for c in chunks(list(range(7)), 3)]
    [3, 3, 1]
    >>> list(chunks([], 3))
    []
    """
    if size < 1:
        raise ValueError("batch size must be at least 1")
    for i in range(0, len(rows), size):
        yield list(rows[i:i + size])


def keys_by_label(nodes: Mapping[NodeGroup, list[dict]]) -> dict[str, list[str]]:
    """Every primary label (also those with no node now) -> the uris the sources hold."""
    keep: dict[str, list[str]] = {label: [] for label in NODE_LABELS}
    for group, rows in nodes.items():
        keep.setdefault(group.primary, []).extend(r["uri"] for r in rows)
    return keep


def keys_by_type(rels: Mapping[RelGroup, list[dict]]) -> dict[str, list[str]]:
    """Every relationship type (also those with no relationship now) -> the ``_key`` values the sources hold."""
    keep: dict[str, list[str]] = {t: [] for t in ALL_REL_TYPES}
    for group, rows in rels.items():
        keep.setdefault(group.type, []).extend(r["key"] for r in rows)
    return keep


# --- rows -> projection -----------------------------------------------------------------------


def graph_from_rows(nodes: Iterable[tuple[Sequence[str], Mapping[str, Any]]], rels: Iterable[tuple[str, str, str, Mapping[str, Any]]]) -> nx.MultiDiGraph:
    """The projection again, from ``(labels, properties)`` node rows and ``(start uri, type, end uri,
    properties)`` relationship rows read from Neo4j (shortcuts and unknown labels or types are skipped).

    Nodes are inserted by scope (reference layer first, then countries by code) and ``_order``;
    each node's out-edges by ``_order``: the projection built by :func:`kg.projection.project`
    iterates in that order too.
    """
    primary = set(NODE_LABELS)
    node_rows = []
    for labels, props in nodes:
        kind = next((label for label in labels if label in primary), None)
        if kind is None:
            continue
        node_rows.append((kind, dict(props)))
    node_rows.sort(key=lambda row: (row[1].get("_scope", "") != "", row[1].get("_scope", ""), row[1].get("_order", 0)))
    graph = nx.MultiDiGraph()
    for kind, props in node_rows:
        attrs = {k: v for k, v in props.items() if k not in INTERNAL_KEYS and not k.startswith("_")}
        graph.add_node(ns.compact(str(props["uri"])), kind=kind, **attrs)
    position = {node: i for i, node in enumerate(graph.nodes)}
    edges = []
    for start, rel_type, end, props in rels:
        if rel_type not in REL_FROM_TYPE:
            continue
        rel, reverse = REL_FROM_TYPE[rel_type]
        u, v = ns.compact(str(start)), ns.compact(str(end))
        if reverse:
            u, v = v, u
        if u not in position or v not in position:
            continue
        attrs = {k: val for k, val in props.items() if not k.startswith("_")}
        edges.append((position[u], props.get("_order", 0), u, v, rel, attrs))
    edges.sort(key=lambda e: (e[0], e[1]))
    for _, _, u, v, rel, attrs in edges:
        graph.add_edge(u, v, key=rel, rel=rel, **attrs)
    return graph


# --- what the linter needs to know --------------------------------------------------------------


NODE_PROPERTIES: dict[str, tuple[str, ...]] = {
    "MigrationCategory": ("label", "code"),
    "Source": ("label", "code", "url", "publisher", "year", "country", "document"),
    "GCMObjective": ("label", "short_label", "number", "code"),
    "GCMAction": ("label", "code", "objective"),
    "GuidingPrinciple": ("label", "code", "letter"),
    "SDGGoal": ("label", "code"),
    "SDGTarget": ("label", "code", "goal"),
    "SDGIndicator": ("label", "code", "unsd_code"),
    "Country": ("label", "code"),
    "Actor": ("label", "code", "country", "actor_type", "acronym", "government", "name_bn", "aliases", "established", "source"),
    "PolicyInstrument": ("label", "code", "country", "instrument_type", "year", "source", "url"),
    "Responsibility": (
        "label", "code", "country", "actor", "objective", "action", "role", "status", "category", "basis", "source",
        "evidence", "locator", "line",
    ),
    "Practice": ("label", "code", "country", "practice_type", "dates"),
}
"""Properties per primary label (the projection's attributes; besides ``uri``, ``name`` and the ``_`` ones)."""

REL_PROPERTIES: dict[str, tuple[str, ...]] = {
    "ALIGNS_WITH": ("source", "rationale"),
    "MEMBER_OF": ("role", "source", "evidence", "locator", "line"),
    "MENTIONS": ("count", "sentence", "start", "end", "score"),
    "ADDRESSES": ("how",),
    SHORTCUT: SHORTCUT_PROPERTIES,
}


def all_node_groups() -> list[NodeGroup]:
    """Every label combination a node can have (one merge statement each)."""
    groups = [NodeGroup((label,)) for label in NODE_LABELS if label != "Actor"]
    for actor_type in ACTOR_TYPES:
        extra = (type_label(actor_type),) + ((GOVERNMENT_LABEL,) if actor_type in GOVERNMENT_TYPES else ())
        groups.append(NodeGroup(("Actor",) + extra))
    return groups


def all_rel_groups() -> list[RelGroup]:
    """Every (type, start label, end label) a relationship can have (one merge statement each)."""
    return [RelGroup(t, a, b) for t, ends in REL_ENDPOINTS.items() for a, b in ends]


def lint_schema() -> dict:
    """Labels, relationship types and property keys for the Cypher linter's ``DbSchema``."""
    props = {p for keys in NODE_PROPERTIES.values() for p in keys} | {p for keys in REL_PROPERTIES.values() for p in keys}
    props |= set(INTERNAL_KEYS)
    actor = ("Actor",) + ACTOR_LABELS  # an Actor endpoint may be matched by any of its labels
    graph_schema = [
        {"from": a2, "to": b2, "relType": t}
        for t, ends in REL_ENDPOINTS.items() for a, b in ends
        for a2 in (actor if a == "Actor" else (a,)) for b2 in (actor if b == "Actor" else (b,))
    ]
    return {
        "labels": sorted(set(NODE_LABELS) | set(ACTOR_LABELS)),
        "relationshipTypes": sorted(ALL_REL_TYPES),
        "propertyKeys": sorted(props),
        "graphSchema": graph_schema,
    }
