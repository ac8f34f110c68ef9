"""The code lists users may write in their files, read from the ontology itself.

The ontology (``ontology/vocab.ttl`` and ``ontology/migkg.ttl``) is the one place
where allowed values are defined; the loaders, the RDF build and the docs all
read them from here, so adding a category or a role is a change to the ontology
only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.namespace import RDFS, SKOS

from kg.namespaces import MKG, MKGID
from kg.paths import ONTOLOGY_DIR

GOVERNMENT_TYPES = ("ministry", "division", "department", "agency", "local_government")
"""Actor types counted as government (the brief: "Government" means the first five)."""

SCHEMES = {
    "category": "migration-category",
    "role": "role",
    "status": "status",
    "membership_role": "membership-role",
    "instrument_type": "instrument-type",
}


@dataclass(frozen=True)
class Concept:
    id: str
    iri: str
    label: str
    broader: str | None = None


@dataclass(frozen=True)
class Vocabulary:
    """Allowed ids per code list, with labels and (for categories) the hierarchy."""

    categories: dict[str, Concept]
    roles: dict[str, Concept]
    statuses: dict[str, Concept]
    membership_roles: dict[str, Concept]
    instrument_types: dict[str, Concept]
    actor_types: dict[str, Concept]  # type id -> class IRI and label

    def category_ancestors(self, cid: str) -> list[str]:
        """The category and every broader category, nearest first.

        >>> default_vocabulary().category_ancestors("displacement")
        ['displacement', 'internal']
        """
        chain: list[str] = []
        while cid and cid not in chain:
            chain.append(cid)
            concept = self.categories.get(cid)
            cid = concept.broader if concept else None
        return chain

    def narrower_or_self(self, cid: str) -> set[str]:
        """The category with every category below it.

        >>> sorted(default_vocabulary().narrower_or_self("international"))
        ['international', 'inward', 'outward', 'return', 'transit']
        """
        return {c for c in self.categories if cid in self.category_ancestors(c)}


def _scheme(graph: rdflib.Graph, name: str) -> dict[str, Concept]:
    scheme = rdflib.URIRef(f"{MKGID}scheme/{name}")
    concepts: dict[str, Concept] = {}
    for concept in graph.subjects(SKOS.inScheme, scheme):
        notation = graph.value(concept, SKOS.notation)
        label = graph.value(concept, SKOS.prefLabel) or notation
        broader = graph.value(concept, SKOS.broader)
        broader_id = str(graph.value(broader, SKOS.notation)) if broader is not None else None
        concepts[str(notation)] = Concept(str(notation), str(concept), str(label), broader_id)
    if not concepts:
        raise RuntimeError(f"the ontology defines no concepts in scheme {scheme}")
    return dict(sorted(concepts.items()))


def load_vocabulary(ontology_dir: Path = ONTOLOGY_DIR) -> Vocabulary:
    vocab = rdflib.Graph().parse(ontology_dir / "vocab.ttl", format="turtle")
    ontology = rdflib.Graph().parse(ontology_dir / "migkg.ttl", format="turtle")
    actor_types = {
        str(type_id): Concept(str(type_id), str(cls), str(ontology.value(cls, RDFS.label) or type_id))
        for cls, type_id in ontology.subject_objects(rdflib.URIRef(f"{MKG}typeId"))
    }
    return Vocabulary(
        categories=_scheme(vocab, SCHEMES["category"]),
        roles=_scheme(vocab, SCHEMES["role"]),
        statuses=_scheme(vocab, SCHEMES["status"]),
        membership_roles=_scheme(vocab, SCHEMES["membership_role"]),
        instrument_types=_scheme(vocab, SCHEMES["instrument_type"]),
        actor_types=dict(sorted(actor_types.items())),
    )


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The vocabulary of the shipped ontology (read once per process)."""
    return load_vocabulary()
