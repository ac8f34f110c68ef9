"""Records → RDF, written straight as N-Triples lines.

The bulk build does not go through rdflib: a 190-country graph has about a
million triples and rdflib parses that ~40× slower than pyoxigraph on a 2-core
machine. Each ``emit_*`` generator yields one N-Triples statement per line (no
trailing newline); :func:`ntriples` joins them, and any engine (pyoxigraph for
SPARQL and serialisation, rdflib for SHACL on one country) parses that text.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox

from kg import namespaces as ns
from kg.models import Country, Reference
from kg.paths import ONTOLOGY_DIR
from kg.vocab import GOVERNMENT_TYPES, Vocabulary

Triples = Iterator[str]

A = f"<{ns.RDF}type>"
LABEL = f"<{ns.RDFS}label>"
IDENTIFIER = f"<{ns.DCT}identifier>"
NOTATION = f"<{ns.SKOS}notation>"
ALT_LABEL = f"<{ns.SKOS}altLabel>"
DEFINITION = f"<{ns.SKOS}definition>"
TITLE = f"<{ns.DCT}title>"
PUBLISHER = f"<{ns.DCT}publisher>"
IS_PART_OF = f"<{ns.DCT}isPartOf>"
XSD_INTEGER = f"{ns.XSD}integer"


def iri(value: str) -> str:
    return f"<{value}>"


def mkg(local: str) -> str:
    """A term of the ontology: ``mkg('actor')`` → ``<https://w3id.org/migration-kg/ontology#actor>``."""
    return f"<{ns.MKG}{local}>"


LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
"""How a literal's text is escaped in N-Triples; :mod:`kg.shacl_fast` writes terms the same way."""


def literal(value: object, lang: str | None = None, datatype: str | None = None) -> str:
    """An N-Triples literal.

    >>> literal('Say "hi"', lang="en")
    '"Say \\\\"hi\\\\""@en'
    >>> literal(6, datatype="http://www.w3.org/2001/XMLSchema#integer")
    '"6"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    text = str(value).translate(LITERAL_ESCAPES)
    if lang:
        return f'"{text}"@{lang}'
    if datatype:
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


def integer(value: int) -> str:
    return literal(value, datatype=XSD_INTEGER)


def triple(s: str, p: str, o: str) -> str:
    return f"{s} {p} {o} ."


def ntriples(lines: Iterable[str]) -> bytes:
    """Join statements into an N-Triples document."""
    text = "\n".join(lines)
    return (text + "\n").encode("utf-8") if text else b""


@lru_cache(maxsize=4)
def _ontology_lines(ontology_dir: Path) -> tuple[str, ...]:
    lines: list[str] = []
    for name in ("migkg.ttl", "vocab.ttl"):
        data = ox.serialize(ox.parse(path=str(ontology_dir / name), format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES)
        lines.extend(line for line in data.decode("utf-8").splitlines() if line)
    return tuple(lines)


def emit_ontology(ontology_dir: Path = ONTOLOGY_DIR) -> Triples:
    """The ontology and its SKOS code lists, so labels travel with the data."""
    yield from _ontology_lines(ontology_dir)


def _source_triples(subject: str, source) -> Triples:
    yield triple(subject, A, mkg("Source"))
    yield triple(subject, IDENTIFIER, literal(source.id))
    yield triple(subject, TITLE, literal(source.title, lang="en"))
    yield triple(subject, LABEL, literal(source.title, lang="en"))
    if source.publisher:
        yield triple(subject, PUBLISHER, literal(source.publisher))
    if source.year is not None:
        yield triple(subject, mkg("year"), integer(source.year))
    if source.url:
        yield triple(subject, mkg("url"), literal(source.url, datatype=f"{ns.XSD}anyURI"))


def emit_reference(ref: Reference) -> Triples:
    """The global layer: GCM objectives, actions, principles, SDGs, alignments, MGI, MiGOF."""
    src = {s.id: iri(ns.reference_source_iri(s.id)) for s in ref.sources}
    for s in ref.sources:
        yield from _source_triples(src[s.id], s)
    for o in ref.objectives:
        node = iri(ns.objective_iri(o.number))
        yield triple(node, A, mkg("GCMObjective"))
        yield triple(node, LABEL, literal(o.title, lang="en"))
        yield triple(node, mkg("shortLabel"), literal(o.short_label, lang="en"))
        yield triple(node, mkg("objectiveNumber"), integer(o.number))
        yield triple(node, NOTATION, literal(str(o.number)))
        yield triple(node, IDENTIFIER, literal(str(o.number)))
        yield triple(node, mkg("paragraph"), integer(o.paragraph))
        yield triple(node, mkg("source"), src[o.source])
    for a in ref.actions:
        node = iri(ns.action_iri(a.code))
        objective = iri(ns.objective_iri(a.objective))
        yield triple(node, A, mkg("GCMAction"))
        yield triple(node, LABEL, literal(f"GCM action {a.code}", lang="en"))
        yield triple(node, NOTATION, literal(a.code))
        yield triple(node, IDENTIFIER, literal(a.code))
        yield triple(node, mkg("actionLetter"), literal(a.letter))
        yield triple(node, mkg("actionOf"), objective)
        yield triple(node, IS_PART_OF, objective)
        yield triple(node, mkg("paragraph"), integer(a.paragraph))
        yield triple(node, mkg("source"), src[a.source])
    for p in ref.principles:
        node = iri(ns.principle_iri(p.id))
        yield triple(node, A, mkg("GuidingPrinciple"))
        yield triple(node, LABEL, literal(p.label, lang="en"))
        yield triple(node, IDENTIFIER, literal(p.id))
        yield triple(node, mkg("principleLetter"), literal(p.letter))
        yield triple(node, mkg("paragraph"), integer(p.paragraph))
        yield triple(node, mkg("source"), src[p.source])
    targets_by_goal: dict[str, list[str]] = {}
    for t in ref.targets:
        targets_by_goal.setdefault(t.goal, []).append(t.uri)
    for g in ref.goals:
        node = iri(g.uri)
        yield triple(node, A, mkg("SDGGoal"))
        yield triple(node, A, f"<{ns.SDGO}Goal>")
        yield triple(node, LABEL, literal(g.title, lang="en"))
        yield triple(node, NOTATION, literal(g.code))
        yield triple(node, mkg("source"), src[g.source])
        for uri in targets_by_goal.get(g.code, ()):
            yield triple(node, f"<{ns.SDGO}hasTarget>", iri(uri))
    target_uri = {t.code: t.uri for t in ref.targets}
    for t in ref.targets:
        node = iri(t.uri)
        yield triple(node, A, mkg("SDGTarget"))
        yield triple(node, A, f"<{ns.SDGO}Target>")
        yield triple(node, LABEL, literal(t.title, lang="en"))
        yield triple(node, NOTATION, literal(t.code))
        yield triple(node, mkg("source"), src[t.source])
    seen_indicators: set[str] = set()
    for i in ref.indicators:
        node = iri(i.uri)
        yield triple(iri(target_uri[i.target]), f"<{ns.SDGO}hasIndicator>", node)
        yield triple(node, NOTATION, literal(i.code))
        if i.uri in seen_indicators:  # a repeated indicator (10.6.1 = 16.8.1): one node, two codes
            continue
        seen_indicators.add(i.uri)
        yield triple(node, A, mkg("SDGIndicator"))
        yield triple(node, A, f"<{ns.SDGO}Indicator>")
        yield triple(node, LABEL, literal(i.title, lang="en"))
        yield triple(node, mkg("unsdCode"), literal(i.unsd_code))
        yield triple(node, mkg("source"), src[i.source])
    for al in ref.alignments:
        node = iri(f"{ns.MKGID}alignment/{al.objective}-{al.target}")
        objective, target = iri(ns.objective_iri(al.objective)), iri(target_uri[al.target])
        yield triple(node, A, mkg("SDGAlignment"))
        yield triple(node, mkg("alignmentObjective"), objective)
        yield triple(node, mkg("alignmentTarget"), target)
        yield triple(node, mkg("source"), src[al.source])
        if al.rationale:
            yield triple(node, mkg("rationale"), literal(al.rationale, lang="en"))
        yield triple(objective, mkg("alignsWith"), target)
    for m in ref.migof:
        node = iri(f"{ns.MKGID}migof/{m.id}")
        yield triple(node, A, mkg("MiGOFPrinciple" if m.kind == "principle" else "MiGOFObjective"))
        yield triple(node, LABEL, literal(m.label, lang="en"))
        yield triple(node, NOTATION, literal(str(m.number)))
        yield triple(node, mkg("source"), src[m.source])
    for d in ref.mgi_domains:
        node = iri(f"{ns.MKGID}mgi/{d.id}")
        yield triple(node, A, mkg("MGIDomain"))
        yield triple(node, LABEL, literal(d.label, lang="en"))
        yield triple(node, IDENTIFIER, literal(d.id))
        yield triple(node, NOTATION, literal(str(d.number)))
        if d.definition:
            yield triple(node, DEFINITION, literal(d.definition, lang="en"))
        if d.migof:
            yield triple(node, mkg("correspondsTo"), iri(f"{ns.MKGID}migof/{d.migof}"))
        yield triple(node, mkg("source"), src[d.source])


def emit_country(country: Country, vocab: Vocabulary) -> Triples:
    """One country: its sources, actors, instruments, responsibilities and memberships."""
    iso3 = country.iso3
    node = iri(ns.country_iri(iso3))
    yield triple(node, A, mkg("Country"))
    yield triple(node, LABEL, literal(country.name, lang="en"))
    yield triple(node, mkg("iso3"), literal(iso3))
    yield triple(node, IDENTIFIER, literal(iso3))
    for cid in country.categories_in_scope:
        yield triple(node, mkg("categoryInScope"), iri(ns.category_iri(cid)))

    def scoped(kind: str, local: str) -> str:
        return iri(ns.scoped_iri(iso3, kind, local))

    for s in country.sources:
        subject = scoped("source", s.id)
        yield from _source_triples(subject, s)
        yield triple(subject, mkg("country"), node)

    actor_class = {tid: iri(c.iri) for tid, c in vocab.actor_types.items()}
    names = {a.id: a.acronym or a.name for a in country.actors}
    for a in country.actors:
        subject = scoped("actor", a.id)
        yield triple(subject, A, mkg("Actor"))
        yield triple(subject, A, actor_class[a.type])
        if a.type in GOVERNMENT_TYPES:
            yield triple(subject, A, mkg("GovernmentActor"))
        yield triple(subject, IDENTIFIER, literal(a.id))
        yield triple(subject, LABEL, literal(a.name, lang="en"))
        if a.name_bn:
            yield triple(subject, LABEL, literal(a.name_bn, lang="bn"))
        if a.acronym:
            yield triple(subject, mkg("acronym"), literal(a.acronym))
        for alias in a.aliases:
            yield triple(subject, ALT_LABEL, literal(alias, lang="en"))
        if a.parent:
            yield triple(subject, mkg("partOf"), scoped("actor", a.parent))
        if a.established:
            datatype = {4: "gYear", 7: "gYearMonth", 10: "date"}[len(a.established)]
            yield triple(subject, mkg("established"), literal(a.established, datatype=f"{ns.XSD}{datatype}"))
        if a.source:
            yield triple(subject, mkg("source"), scoped("source", a.source))
        yield triple(subject, mkg("country"), node)

    for ins in country.instruments:
        subject = scoped("instrument", ins.id)
        yield triple(subject, A, mkg("PolicyInstrument"))
        yield triple(subject, IDENTIFIER, literal(ins.id))
        yield triple(subject, LABEL, literal(ins.title, lang="en"))
        yield triple(subject, mkg("instrumentType"), iri(ns.code_iri("instrument-type", ins.type)))
        if ins.year is not None:
            yield triple(subject, mkg("year"), integer(ins.year))
        if ins.issued_by:
            yield triple(subject, mkg("issuedBy"), scoped("actor", ins.issued_by))
        for code in ins.objectives:
            target = ns.action_iri(code) if "." in code else ns.objective_iri(int(code))
            yield triple(subject, mkg("addressesObjective"), iri(target))
        for cid in ins.categories:
            yield triple(subject, mkg("coversCategory"), iri(ns.category_iri(cid)))
        if ins.source:
            yield triple(subject, mkg("source"), scoped("source", ins.source))
        if ins.url:
            yield triple(subject, mkg("url"), literal(ins.url, datatype=f"{ns.XSD}anyURI"))
        yield triple(subject, mkg("country"), node)

    # The bulk of a large graph (≈ 14 statements per row): written with precomputed
    # terms and inline f-strings; the output is the same as triple()/literal() would give.
    prefix = f"<{ns.MKGID}{iso3}/"
    esc = LITERAL_ESCAPES
    tail = f" {P_COUNTRY} {node} ."
    for r in country.responsibilities:
        subject = f"{prefix}responsibility/{r.id}>"
        yield f"{subject} {A} {C_RESPONSIBILITY} ."
        yield f'{subject} {IDENTIFIER} "{r.id.translate(esc)}" .'
        label = f"{names[r.actor]} — {r.role} — GCM {r.action or r.objective}".translate(esc)
        yield f'{subject} {LABEL} "{label}"@en .'
        yield f"{subject} {P_ACTOR} {prefix}actor/{r.actor}> ."
        yield f"{subject} {P_OBJECTIVE} {_objective_term(r.objective)} ."
        if r.action:
            yield f"{subject} {P_ACTION} {_action_term(r.action)} ."
        yield f"{subject} {P_ROLE} {_code_term('role', r.role)} ."
        yield f"{subject} {P_STATUS} {_code_term('status', r.status)} ."
        if r.category:
            yield f"{subject} {P_CATEGORY} {_category_term(r.category)} ."
        if r.basis:
            yield f"{subject} {P_BASIS} {prefix}instrument/{r.basis}> ."
        if r.source:
            yield f"{subject} {P_SOURCE} {prefix}source/{r.source}> ."
        if r.evidence:
            evidence = f"{prefix}evidence/{r.id}>"
            yield f"{evidence} {A} {C_EVIDENCE} ."
            yield f'{evidence} {P_QUOTE} "{r.evidence.translate(esc)}" .'
            if r.locator:
                yield f'{evidence} {P_LOCATOR} "{r.locator.translate(esc)}" .'
            if r.source:
                yield f"{evidence} {P_SOURCE} {prefix}source/{r.source}> ."
            yield f"{subject} {P_EVIDENCE} {evidence} ."
        yield subject + tail

    for m in country.memberships:
        subject = scoped("membership", f"{m.body}.{m.member}")
        body, member = scoped("actor", m.body), scoped("actor", m.member)
        yield triple(subject, A, mkg("Membership"))
        yield triple(subject, LABEL, literal(f"{names[m.member]} — {m.role} — {names[m.body]}", lang="en"))
        yield triple(subject, mkg("body"), body)
        yield triple(subject, mkg("member"), member)
        yield triple(subject, mkg("membershipRole"), iri(ns.code_iri("membership-role", m.role)))
        if m.source:
            yield triple(subject, mkg("source"), scoped("source", m.source))
        if m.evidence:
            yield from _evidence(scoped("evidence", f"{m.body}.{m.member}"), subject, m.evidence, m.locator, m.source, scoped)
        yield triple(subject, mkg("country"), node)
        yield triple(member, mkg("memberOf"), body)


C_RESPONSIBILITY, C_EVIDENCE = mkg("Responsibility"), mkg("Evidence")
P_COUNTRY, P_ACTOR, P_OBJECTIVE, P_ACTION, P_ROLE, P_STATUS = (mkg(p) for p in ("country", "actor", "objective", "action", "role", "status"))
P_CATEGORY, P_BASIS, P_SOURCE, P_QUOTE, P_LOCATOR, P_EVIDENCE = (mkg(p) for p in ("category", "basis", "source", "quote", "locator", "evidence"))


@lru_cache(maxsize=None)
def _objective_term(number: int) -> str:
    return iri(ns.objective_iri(number))


@lru_cache(maxsize=None)
def _action_term(code: str) -> str:
    return iri(ns.action_iri(code))


@lru_cache(maxsize=None)
def _code_term(scheme: str, cid: str) -> str:
    return iri(ns.code_iri(scheme, cid))


@lru_cache(maxsize=None)
def _category_term(cid: str) -> str:
    return iri(ns.category_iri(cid))


def _evidence(subject: str, owner: str, quote: str, locator: str, source: str | None, scoped) -> Triples:
    yield triple(subject, A, mkg("Evidence"))
    yield triple(subject, mkg("quote"), literal(quote))
    if locator:
        yield triple(subject, mkg("locator"), literal(locator))
    if source:
        yield triple(subject, mkg("source"), scoped("source", source))
    yield triple(owner, mkg("evidence"), subject)
