"""IRIs of the ontology, the instances and the UN SDG vocabulary (see docs/ontology.md)."""

from __future__ import annotations

MKG = "https://w3id.org/migration-kg/ontology#"
MKGID = "https://w3id.org/migration-kg/id/"
SDG = "http://metadata.un.org/sdg/"
SDGO = "http://metadata.un.org/sdg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"

PREFIXES = {
    "mkg": MKG,
    "mkgid": MKGID,
    "sdg": SDG,
    "sdgo": SDGO,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "skos": SKOS,
    "dct": DCT,
    "xsd": XSD,
}


def objective_iri(number: int) -> str:
    return f"{MKGID}gcm/objective/{number}"


def action_iri(code: str) -> str:
    return f"{MKGID}gcm/action/{code}"


def principle_iri(pid: str) -> str:
    return f"{MKGID}gcm/principle/{pid}"


def category_iri(cid: str) -> str:
    return f"{MKGID}category/{cid}"


def code_iri(scheme: str, cid: str) -> str:
    """A code-list concept: ``code_iri('role', 'lead')``."""
    return f"{MKGID}{scheme}/{cid}"


def country_iri(iso3: str) -> str:
    return f"{MKGID}country/{iso3}"


def scoped_iri(iso3: str, kind: str, local_id: str) -> str:
    """An instance that belongs to one country: ``scoped_iri('BGD', 'actor', 'mofa')``."""
    return f"{MKGID}{iso3}/{kind}/{local_id}"


def reference_source_iri(sid: str) -> str:
    return f"{MKGID}source/{sid}"


def compact(iri: str) -> str:
    """The short, prefixed form used in messages and node keys.

    >>> compact("https://w3id.org/migration-kg/id/BGD/actor/mofa")
    'mkgid:BGD/actor/mofa'
    >>> compact("http://metadata.un.org/sdg/10.7")
    'sdg:10.7'
    """
    for prefix, ns, size in _LONGEST_FIRST:
        if iri.startswith(ns):
            return f"{prefix}:{iri[size:]}"
    return iri


_LONGEST_FIRST = tuple((prefix, ns, len(ns)) for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])))
