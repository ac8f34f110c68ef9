"""Every entity a document can mention, with the surface forms that name it.

Built from a :class:`kg.build.KnowledgeGraph`: the actors and instruments of one
country (or all), GCM objectives and guiding principles, SDG targets, migration
categories (labels and alternative labels from the ontology, plus common
phrasings) and the countries. Phrases go into a token trie keyed by the
normalised keys of :mod:`kg.documents.textnorm`; acronyms and one-word names are
kept separately and matched with their exact case (``DIP`` is the department,
"dip" is a word).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg import namespaces as ns
from kg.documents import variants as var
from kg.documents.textnorm import is_acronym, keys, tokens
from kg.paths import ONTOLOGY_DIR

TERMINAL = "\0"
CONNECTORS = {"of", "and", "for", "on", "in", "de", "to", "at", "with"}

# Common phrasings of the migration categories beyond their ontology labels.
CATEGORY_PHRASES = {
    "international": ["international migrants"],
    "outward": ["out-migration", "outmigration", "outward migrants", "emigrants"],
    "inward": ["in-migration", "inmigration", "inward migrants", "immigrants"],
    "transit": ["transit migrants", "transit country"],
    "return": ["return migrants", "returnee migrants", "returnee migrant workers", "returnee workers", "returning migrants", "returnees"],
    "internal": ["internal migrants", "internally migrating"],
    "rural_urban": ["rural to urban migration", "rural-to-urban migration", "rural-urban migrants"],
    "seasonal": ["seasonal migrants", "seasonal labour migration"],
    "displacement": [
        "displacement", "displaced people", "displaced persons", "internally displaced people", "internally displaced persons",
        "climate induced displacement", "climate-induced displacement", "disaster displacement", "climate displacement",
    ],
}
# Phrases that contain an entity's name but mean something else: they win the overlap and are dropped.
BLOCKED = [
    "Sustainable Development Goal", "Sustainable Development Goals", "United Nations Network on Migration",
    "UN Network on Migration", "Global Compact for Safe, Orderly and Regular Migration", "Global Compact for Migration",
    "Global Compact on Refugees", "human rights treaties", "human rights council", "National Human Rights Commission",
]
BLOCK = "_blocked"

# Guiding-principle labels that are ordinary phrases elsewhere: linked only in a sentence about the GCM.
GENERIC_PRINCIPLES = {"international_cooperation", "national_sovereignty", "rule_of_law", "sustainable_development", "human_rights"}


@dataclass(frozen=True)
class Entity:
    id: str
    label: str
    type: str
    local: str
    country: str | None = None
    actor_type: str | None = None


@dataclass(frozen=True)
class Surface:
    entity: str
    how: str  # name | variant | alias | acronym
    score: float
    anaphoric: bool = False  # counts only if the entity is also named otherwise in the document
    needs_context: bool = False  # counts only in a sentence about the GCM


@dataclass
class Gazetteer:
    entities: dict[str, Entity] = field(default_factory=dict)
    trie: dict = field(default_factory=dict)
    exact: dict[str, list[Surface]] = field(default_factory=dict)  # raw token -> surfaces (case-sensitive)
    fuzzy: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (actor id, content keys of a name)
    countries: dict[str, str] = field(default_factory=dict)  # iso3 -> entity id
    targets: dict[str, str] = field(default_factory=dict)  # "10.7" -> entity id
    objectives: dict[int, str] = field(default_factory=dict)

    def add_entity(self, entity: Entity) -> None:
        self.entities[entity.id] = entity

    def add(self, text: str, surface: Surface, exact_case: bool | None = None) -> None:
        """Register ``text`` as a way to name ``surface.entity``."""
        text = text.strip()
        if not text:
            return
        toks = tokens(text)
        single = len(toks) == 1
        if exact_case is None:
            exact_case = single and (is_acronym(text) or text[:1].isupper()) and not surface.anaphoric
        if exact_case and single:
            bucket = self.exact.setdefault(toks[0].text, [])
            if surface not in bucket:
                bucket.append(surface)
            return
        ks = keys(text)
        if not ks:
            return
        node = self.trie
        for k in ks:
            node = node.setdefault(k, {})
        bucket = node.setdefault(TERMINAL, [])
        if all(s.entity != surface.entity or s.score < surface.score for s in bucket):
            bucket[:] = [s for s in bucket if s.entity != surface.entity] + [surface]

    def lookup(self, text: str) -> list[Surface]:
        """The surfaces registered for exactly this phrase (for tests and debugging)."""
        toks = tokens(text)
        if len(toks) == 1 and toks[0].text in self.exact:
            return list(self.exact[toks[0].text])
        node = self.trie
        for k in keys(text):
            node = node.get(k)
            if node is None:
                return []
        return list(node.get(TERMINAL, []))


@lru_cache(maxsize=4096)
def content_keys(text: str) -> tuple[str, ...]:
    return tuple(k for k in keys(text) if k not in CONNECTORS)


@lru_cache(maxsize=4)
def category_labels(ontology_dir: Path = ONTOLOGY_DIR) -> dict[str, list[str]]:
    """Category id -> its preferred and alternative labels in ``ontology/vocab.ttl``."""
    import rdflib
    from rdflib.namespace import SKOS

    graph = rdflib.Graph().parse(ontology_dir / "vocab.ttl", format="turtle")
    scheme = rdflib.URIRef(f"{ns.MKGID}scheme/migration-category")
    out: dict[str, list[str]] = {}
    for concept in graph.subjects(SKOS.inScheme, scheme):
        cid = str(graph.value(concept, SKOS.notation))
        labels = [str(v) for v in graph.objects(concept, SKOS.prefLabel)] + [str(v) for v in graph.objects(concept, SKOS.altLabel)]
        out[cid] = labels
    return out


def _add_actor(gaz: Gazetteer, iso3: str, country_name: str, actor, names: dict[str, str]) -> None:
    eid = ns.compact(ns.scoped_iri(iso3, "actor", actor.id))
    gaz.add_entity(Entity(eid, actor.name, "Actor", actor.id, iso3, actor.type))
    parent_name = names.get(actor.parent) if actor.parent else None
    for text, how, score in var.name_variants(actor.name, parent_name, country_name):
        gaz.add(text, Surface(eid, how, score), exact_case=None if is_acronym(text) else False)
        if how == "name":
            ck = content_keys(text)
            if len(ck) >= 3:
                gaz.fuzzy.append((eid, ck))
    acronym = var.trailing_acronym(actor.name)
    for acr in filter(None, (actor.acronym, acronym)):
        gaz.add(acr, Surface(eid, "acronym", 0.95))
        if len(tokens(acr)) == 1 and acr.isupper() and len(acr) >= 4:
            gaz.add(acr.capitalize(), Surface(eid, "acronym", 0.8), exact_case=True)
    for alias in actor.aliases:
        anaphoric = alias.lower().startswith("the ")
        text = var.strip_parens(alias[4:] if anaphoric else alias)
        if not text or not any(c.isalpha() for c in text):
            continue
        lower = text[:1].islower()
        surface = Surface(eid, "alias" if not (is_acronym(text) and len(tokens(text)) == 1) else "acronym",
                          0.7 if (anaphoric or lower) else 0.9, anaphoric=anaphoric)
        gaz.add(text, surface, exact_case=False if anaphoric else None)
        if not anaphoric and not is_acronym(text):
            for v_text, _, v_score in var.ministry_variants(text) + var.un_variants(text):
                gaz.add(v_text, Surface(eid, "variant", min(v_score, surface.score)), exact_case=False)
    if actor.name_bn:
        gaz.add(actor.name_bn, Surface(eid, "name", 1.0), exact_case=False)


def build_gazetteer(kg, country: str | None = None) -> Gazetteer:
    """The gazetteer of ``kg`` for documents about ``country`` (ISO3; ``None``: every country)."""
    gaz = Gazetteer()
    gaz.add_entity(Entity(BLOCK, "", BLOCK, BLOCK))
    for phrase in BLOCKED:
        gaz.add(phrase, Surface(BLOCK, "blocked", 1.0), exact_case=False)
    ref = kg.reference
    principle_labels = {tuple(keys(p.label)) for p in ref.principles}
    for o in ref.objectives:
        eid = ns.compact(ns.objective_iri(o.number))
        gaz.objectives[o.number] = eid
        gaz.add_entity(Entity(eid, o.title, "GCMObjective", str(o.number)))
        gaz.add(o.title, Surface(eid, "name", 1.0), exact_case=False)
        if len(keys(o.short_label)) >= 2 and keys(o.short_label) not in principle_labels:
            gaz.add(o.short_label, Surface(eid, "name", 0.7, needs_context=True), exact_case=False)
    for p in ref.principles:
        eid = ns.compact(ns.principle_iri(p.id))
        gaz.add_entity(Entity(eid, p.label, "GuidingPrinciple", p.id))
        generic = p.id in GENERIC_PRINCIPLES
        forms = [p.label]
        if p.label.lower().endswith(" approach"):
            forms.append(p.label[: -len(" approach")])
        if " and " in p.label and generic:
            forms.append(p.label.split(" and ")[0])
        for form in forms:
            gaz.add(form, Surface(eid, "name", 0.7 if generic else 0.9, needs_context=generic), exact_case=False)
    for t in ref.targets:
        eid = ns.compact(t.uri)
        gaz.targets[t.code] = eid
        gaz.add_entity(Entity(eid, t.title, "SDGTarget", t.code))
    labels = category_labels()
    for cid, concept in kg.vocab.categories.items():
        eid = ns.compact(concept.iri)
        gaz.add_entity(Entity(eid, concept.label, "MigrationCategory", cid))
        forms: list[str] = []
        for label in labels.get(cid, [concept.label]):
            forms.append(var.strip_parens(label))
            inner = label[label.find("(") + 1: label.find(")")] if "(" in label else ""
            if inner:
                forms.append(inner)
        for form in forms + CATEGORY_PHRASES.get(cid, []):
            gaz.add(form, Surface(eid, "name", 0.8), exact_case=False)
    for iso3, record in kg.countries.items():
        if country is not None and iso3 != country:
            continue
        ceid = ns.compact(ns.country_iri(iso3))
        gaz.countries[iso3] = ceid
        gaz.add_entity(Entity(ceid, record.name, "Country", iso3, iso3))
        gaz.add(record.name, Surface(ceid, "name", 1.0), exact_case=False)
        names = {a.id: a.name for a in record.actors}
        for actor in record.actors:
            _add_actor(gaz, iso3, record.name, actor, names)
        for ins in record.instruments:
            eid = ns.compact(ns.scoped_iri(iso3, "instrument", ins.id))
            gaz.add_entity(Entity(eid, ins.title.split(" / ")[0], "PolicyInstrument", ins.id, iso3))
            for text, how, score in var.instrument_variants(ins.title, record.name):
                gaz.add(text, Surface(eid, how, score), exact_case=False)
            acr = var.trailing_acronym(ins.title.split(" / ")[0])
            if acr:
                gaz.add(acr, Surface(eid, "acronym", 0.95))
    return gaz
