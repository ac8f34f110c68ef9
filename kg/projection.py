"""The knowledge graph as a networkx ``MultiDiGraph`` for analysis, layout and GraphML/CSV export.

Nodes are keyed by the compact form of their IRI (``mkgid:BGD/actor/mofa``,
``sdg:10.7``) and carry ``kind`` (the ontology class name), ``label`` and the
attributes analysis needs. Edges carry ``rel``, the relation name (also the edge
key), so parallel relations between two nodes stay distinct. A responsibility is
a node of its own (n-ary: actor, objective or action, role, category, basis,
source, evidence), as in the RDF; a coordination-body membership is an edge
``member_of`` with its role and source.
"""

from __future__ import annotations

from functools import lru_cache

import networkx as nx

from kg import namespaces as ns
from kg.models import Country, Reference
from kg.documents.graph import add_documents
from kg.perf import paused_gc
from kg.vocab import GOVERNMENT_TYPES, Vocabulary


def key(iri: str) -> str:
    return ns.compact(iri)


@lru_cache(maxsize=None)
def objective_key(number: int) -> str:
    return key(ns.objective_iri(number))


@lru_cache(maxsize=None)
def action_key(code: str) -> str:
    return key(ns.action_iri(code))


@lru_cache(maxsize=None)
def category_key(cid: str) -> str:
    return key(ns.category_iri(cid))


def actor_key(iso3: str, actor_id: str) -> str:
    return key(ns.scoped_iri(iso3, "actor", actor_id))


def _edge(graph: nx.MultiDiGraph, u: str, v: str, rel: str, **attrs: object) -> None:
    graph.add_edge(u, v, key=rel, rel=rel, **attrs)


def add_vocabulary(graph: nx.MultiDiGraph, vocab: Vocabulary) -> None:
    for concept in vocab.categories.values():
        graph.add_node(category_key(concept.id), kind="MigrationCategory", label=concept.label, code=concept.id)
    for concept in vocab.categories.values():
        if concept.broader:
            _edge(graph, category_key(concept.id), category_key(concept.broader), "broader")


def add_reference(graph: nx.MultiDiGraph, ref: Reference) -> None:
    """The global layer: objectives, actions, principles, SDG goals/targets/indicators, alignments."""
    for s in ref.sources:
        graph.add_node(key(ns.reference_source_iri(s.id)), kind="Source", label=s.title, code=s.id, url=s.url, publisher=s.publisher, year=s.year or "")
    for o in ref.objectives:
        graph.add_node(objective_key(o.number), kind="GCMObjective", label=o.title, short_label=o.short_label, number=o.number, code=str(o.number))
    for a in ref.actions:
        graph.add_node(action_key(a.code), kind="GCMAction", label=f"GCM action {a.code}", code=a.code, objective=a.objective)
        _edge(graph, action_key(a.code), objective_key(a.objective), "action_of")
    for p in ref.principles:
        graph.add_node(key(ns.principle_iri(p.id)), kind="GuidingPrinciple", label=p.label, code=p.id, letter=p.letter)
    for g in ref.goals:
        graph.add_node(key(g.uri), kind="SDGGoal", label=g.title, code=g.code)
    target_key = {}
    for t in ref.targets:
        target_key[t.code] = key(t.uri)
        graph.add_node(key(t.uri), kind="SDGTarget", label=t.title, code=t.code, goal=t.goal)
        _edge(graph, key(f"{ns.SDG}{t.goal}"), key(t.uri), "has_target")
    for i in ref.indicators:
        if key(i.uri) not in graph:
            graph.add_node(key(i.uri), kind="SDGIndicator", label=i.title, code=i.code, unsd_code=i.unsd_code)
        _edge(graph, target_key[i.target], key(i.uri), "has_indicator")
    for al in ref.alignments:
        _edge(graph, objective_key(al.objective), target_key[al.target], "aligns_with", source=al.source, rationale=al.rationale)


def add_country(graph: nx.MultiDiGraph, country: Country) -> None:
    """One country's actors, instruments, responsibilities and memberships."""
    iso3 = country.iso3
    country_node = key(ns.country_iri(iso3))
    graph.add_node(country_node, kind="Country", label=country.name, code=iso3)
    for cid in country.categories_in_scope:
        _edge(graph, country_node, category_key(cid), "in_scope")

    prefix = key(ns.scoped_iri(iso3, "", ""))[:-1]  # "mkgid:<ISO3>/": what key() gives every scoped IRI

    def scoped(kind: str, local: str) -> str:
        return f"{prefix}{kind}/{local}"

    for s in country.sources:
        graph.add_node(scoped("source", s.id), kind="Source", label=s.title, code=s.id, url=s.url, publisher=s.publisher, year=s.year or "", country=iso3)
    for a in country.actors:
        node = scoped("actor", a.id)
        graph.add_node(
            node, kind="Actor", label=a.name, code=a.id, country=iso3, actor_type=a.type, acronym=a.acronym,
            government=a.type in GOVERNMENT_TYPES, name_bn=a.name_bn, aliases=";".join(a.aliases), established=a.established,
            source=a.source or "",
        )
        _edge(graph, node, country_node, "in_country")
    for a in country.actors:
        if a.parent:
            _edge(graph, scoped("actor", a.id), scoped("actor", a.parent), "part_of")
    for ins in country.instruments:
        node = scoped("instrument", ins.id)
        graph.add_node(node, kind="PolicyInstrument", label=ins.title, code=ins.id, country=iso3, instrument_type=ins.type, year=ins.year or "", source=ins.source or "", url=ins.url)
        if ins.issued_by:
            _edge(graph, node, scoped("actor", ins.issued_by), "issued_by")
        for code in ins.objectives:
            _edge(graph, node, action_key(code) if "." in code else objective_key(int(code)), "addresses")
        for cid in ins.categories:
            _edge(graph, node, category_key(cid), "covers")
        if ins.source:
            _edge(graph, node, scoped("source", ins.source), "source")
    for r in country.responsibilities:
        node = scoped("responsibility", r.id)
        graph.add_node(
            node, kind="Responsibility", label=f"{r.actor} {r.role} GCM {r.action or r.objective}", code=r.id, country=iso3,
            actor=r.actor, objective=r.objective, action=r.action or "", role=r.role, status=r.status, category=r.category or "",
            basis=r.basis or "", source=r.source or "", evidence=r.evidence, locator=r.locator, line=r.line,
        )
        _edge(graph, node, scoped("actor", r.actor), "actor")
        _edge(graph, node, objective_key(r.objective), "objective")
        if r.action:
            _edge(graph, node, action_key(r.action), "action")
        if r.category:
            _edge(graph, node, category_key(r.category), "category")
        if r.basis:
            _edge(graph, node, scoped("instrument", r.basis), "basis")
        if r.source:
            _edge(graph, node, scoped("source", r.source), "source")
    for m in country.memberships:
        _edge(
            graph, scoped("actor", m.member), scoped("actor", m.body), "member_of",
            role=m.role, source=m.source or "", evidence=m.evidence, locator=m.locator, line=m.line,
        )


def project(kg, country: str | None = None) -> nx.MultiDiGraph:
    """The networkx projection of a built :class:`kg.build.KnowledgeGraph` (one or all countries)."""
    graph = nx.MultiDiGraph()
    with paused_gc():
        add_vocabulary(graph, kg.vocab)
        add_reference(graph, kg.reference)
        for iso3, record in kg.countries.items():
            if country is None or iso3 == country:
                add_country(graph, record)
                add_documents(graph, kg.documents.get(iso3, ()))
    return graph
