"""Entity pages: every actor, objective, action, SDG target, instrument, coordination body, practice
and source, with its relations and the source and quote behind each.

>>> from kg.gaps import example_graph
>>> from kg.explorer.data import Explorer
>>> ex = Explorer(example_graph(actors=["mol ministry name=Ministry_of_Labour", "tf coordination_body"], rows=["mol 6 lead"], members=["tf mol"]))
>>> [label for _, label in catalogue(ex, "XYZ", "body")]
['tf']
>>> page = describe(ex, "XYZ", "mkgid:XYZ/actor/mol")
>>> page.kind, page.label, [(r["objective"], r["role"], r["source"]) for r in page.responsibilities]
('Actor', 'Ministry of Labour', [('6', 'lead', 'Example source')])
>>> [(r["relation"], r["other"], r["detail"]) for r in page.relations]
[('member of', 'tf', 'member')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from kg import namespaces as ns
from kg.explorer.data import Explorer, node_key, objective_key

KINDS: dict[str, str] = {
    "actor": "Actor",
    "body": "Coordination body",
    "objective": "GCM objective",
    "action": "GCM action",
    "sdg": "SDG target",
    "instrument": "Policy instrument",
    "practice": "Practice",
    "source": "Source",
    "principle": "Guiding principle",
}
"""Entity kinds the entity page offers (URL value → label)."""

KIND_CLASSES: dict[str, tuple[str, ...]] = {
    "actor": ("Actor",), "body": ("Actor",), "objective": ("GCMObjective",), "action": ("GCMAction",), "sdg": ("SDGTarget",),
    "instrument": ("PolicyInstrument",), "practice": ("Practice",), "source": ("Source",), "principle": ("GuidingPrinciple",),
}
"""The projection classes behind each entity kind."""

RELATION_LABELS = {
    "part_of": "part of", "member_of": "member of", "aligns_with": "aligns with", "issued_by": "issued by",
    "addresses": "addresses", "covers": "covers category", "source": "cites source", "action_of": "action of",
    "has_target": "has target", "has_indicator": "has indicator", "broader": "broader category", "in_scope": "category in scope",
}
INVERSE_LABELS = {
    "part_of": "has part", "member_of": "has member", "aligns_with": "aligned with objective", "issued_by": "issued",
    "addresses": "addressed by", "covers": "covered by", "source": "cited by", "action_of": "has action",
    "has_target": "target of", "has_indicator": "indicator of", "broader": "narrower category",
}
SKIP_RELATIONS = {"in_country", "actor", "objective", "action", "basis", "category"}  # summarised in the responsibility table

ATTRIBUTE_LABELS = {
    "code": "id", "acronym": "acronym", "actor_type": "type", "aliases": "aliases", "name_bn": "name (Bangla)",
    "established": "established", "instrument_type": "type", "year": "year", "url": "url", "publisher": "publisher",
    "short_label": "short label", "number": "number", "goal": "SDG goal", "letter": "letter", "objective": "GCM objective",
    "unsd_code": "UNSD code", "country": "country",
}


def kind_of(data: Mapping) -> str | None:
    """The entity-page kind (a key of :data:`KINDS`) of a projection node, or ``None``."""
    k = data.get("kind")
    if k == "Actor":
        return "body" if data.get("actor_type") == "coordination_body" else "actor"
    return {
        "GCMObjective": "objective", "GCMAction": "action", "SDGTarget": "sdg", "PolicyInstrument": "instrument",
        "Practice": "practice", "Source": "source", "GuidingPrinciple": "principle",
    }.get(str(k))


def _in_scope(data: Mapping, iso3: str) -> bool:
    """Country-scoped nodes of another country are left out; global ones are kept."""
    country = data.get("country")
    return not country or country == iso3


def catalogue(ex: Explorer, iso3: str, kind: str) -> list[tuple[str, str]]:
    """(node key, display label) of every entity of one kind in one country (global ones for the reference layer)."""
    out = []
    for node_kind in KIND_CLASSES[kind]:
        for country in ("", iso3):
            for key in ex.nodes_of(node_kind, country):
                data = ex.node(key)
                if kind_of(data) == kind:
                    out.append((key, display_label(data)))
    if kind == "objective":
        out.sort(key=lambda kv: int(ex.node(kv[0]).get("number", 0)))
    elif kind in ("action", "sdg"):
        from kg.gaps import target_sort_key

        out.sort(key=lambda kv: target_sort_key(str(ex.node(kv[0]).get("code", ""))))
    else:
        out.sort(key=lambda kv: kv[1].lower())
    return out


def display_label(data: Mapping) -> str:
    kind = kind_of(data)
    label = str(data.get("label") or data.get("code") or "")
    if kind == "objective":
        return f"{data.get('number')}. {data.get('short_label') or label}"
    if kind == "action":
        return f"{data.get('code')} (objective {data.get('objective')})"
    if kind == "sdg":
        return f"{data.get('code')} {label[:90]}"
    if kind in ("actor", "body") and data.get("acronym") and data.get("acronym") != label:
        return f"{label} ({data.get('acronym')})"
    return label


@dataclass
class EntityPage:
    key: str
    kind: str  # display kind ("Actor", "GCM objective", …)
    label: str
    iri: str
    attributes: list[tuple[str, str]] = field(default_factory=list)
    responsibilities: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)


def expand(key: str) -> str:
    prefix, _, local = key.partition(":")
    return ns.PREFIXES.get(prefix, prefix + ":") + local if prefix in ns.PREFIXES else key


def _source_node(ex: Explorer, iso3: str, sid: str) -> Mapping:
    if not sid:
        return {}
    return ex.source(iso3, sid) or ex.node(ns.compact(ns.reference_source_iri(sid)))


def responsibility_rows(ex: Explorer, iso3: str, predicate) -> list[dict]:
    """The country's responsibility rows for which ``predicate(row)`` holds, with evidence and source."""
    idx = ex.index(iso3)
    out = []
    for r in idx.rows:
        if not predicate(r):
            continue
        data = ex.responsibility(iso3, r.id)
        source = _source_node(ex, iso3, r.source)
        basis = str(data.get("basis") or "")
        out.append({
            "actor": ex.actor_label(iso3, r.actor),
            "actor_id": r.actor,
            "objective": r.action or str(r.objective),
            "role": r.role,
            "category": r.category or "–",
            "status": str(data.get("status", "")),
            "basis": str(ex.node(node_key(iso3, "instrument", basis)).get("label", basis)) if basis else "–",
            "quote": str(data.get("evidence") or "") or "–",
            "source": str(source.get("label") or r.source or "no source"),
            "url": str(source.get("url") or ""),
            "locator": str(data.get("locator") or "") or "–",
            "line": r.line,
        })
    return out


def describe(ex: Explorer, iso3: str, key: str) -> EntityPage:
    """Everything the entity page shows for one node."""
    data = ex.node(key)
    if not data:
        raise KeyError(key)
    kind = kind_of(data) or "other"
    page = EntityPage(key, KINDS.get(kind, str(data.get("kind", ""))), str(data.get("label") or key), expand(key))
    for attr, name in ATTRIBUTE_LABELS.items():
        value = data.get(attr)
        if value not in (None, "", ()):
            if attr == "actor_type":
                value = str(value).replace("_", " ")
            page.attributes.append((name, str(value)))
    if kind in ("actor", "body") and data.get("source"):
        src = _source_node(ex, iso3, str(data["source"]))
        page.attributes.append(("described in", str(src.get("label") or data["source"])))
    code = str(data.get("code", ""))
    predicate = {
        "actor": lambda r: r.actor == code,
        "body": lambda r: r.actor == code,
        "objective": lambda r: r.objective == int(data.get("number", 0)),
        "action": lambda r: r.action == code,
        "instrument": lambda r: str(ex.responsibility(iso3, r.id).get("basis") or "") == code,
        "source": lambda r: r.source == code and data.get("country") == iso3,
    }.get(kind)
    if predicate:
        page.responsibilities = responsibility_rows(ex, iso3, predicate)
    page.relations = relations(ex, iso3, key)
    if kind == "objective":
        result = next((o for o in ex.gaps(iso3).objectives if o.number == int(data.get("number", 0))), None)
        if result:
            page.attributes.append(("status", result.status))
            page.flags = [f.to_dict() for f in result.flags]
    if kind in ("actor", "body"):
        page.flags = [
            {**f.to_dict(), "objective": o.number}
            for o in ex.gaps(iso3).objectives for f in o.flags if code in f.actors or code in f.bodies
        ]
    return page


def relations(ex: Explorer, iso3: str, key: str) -> list[dict]:
    """Every relation of a node except those summarised elsewhere, with the source and quote behind it."""
    g = ex.graph
    out = []

    def add(direction: str, rel: str, other: str, edge: Mapping) -> None:
        od = g.nodes[other]
        if od.get("kind") in ("Responsibility",) or not _in_scope(od, iso3) or od.get("kind") == "Country":
            return
        label = (RELATION_LABELS if direction == "→" else INVERSE_LABELS).get(rel, rel.replace("_", " "))
        sid = str(edge.get("source") or "")
        if not sid and rel in ("issued_by", "addresses", "covers", "part_of"):
            holder = g.nodes[key] if direction == "→" else od
            sid = str(holder.get("source") or "")
        source = _source_node(ex, iso3, sid) if rel != "source" else {}
        out.append({
            "direction": direction,
            "relation": label,
            "other": display_label(od) or other,
            "kind": KINDS.get(kind_of(od) or "", str(od.get("kind", ""))),
            "detail": str(edge.get("role") or ""),
            "quote": str(edge.get("evidence") or edge.get("rationale") or ""),
            "source": str(source.get("label") or sid or ""),
            "url": str(source.get("url") or ""),
            "key": other,
        })

    for _, other, edge in g.out_edges(key, data=True):
        rel = str(edge.get("rel"))
        if rel not in SKIP_RELATIONS:
            add("→", rel, other, edge)
    for other, _, edge in g.in_edges(key, data=True):
        rel = str(edge.get("rel"))
        if rel not in SKIP_RELATIONS:
            add("←", rel, other, edge)
    return out


def objective_entity(number: int) -> str:
    return objective_key(number)
