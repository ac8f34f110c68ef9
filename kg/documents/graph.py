"""Documents, mentions and practices in the graph (RDF and networkx), and ``mentions_of`` for entity pages.

Everything here reads the stored records (:func:`kg.documents.store.load_records`)
so the core build only needs one call per view (see docs/documents.md, "Hooks"):

- :func:`emit_documents` yields N-Triples lines like :mod:`kg.rdf`;
- :func:`add_documents` adds nodes and edges to the networkx projection;
- :func:`mentions_of` lists where an entity is mentioned, with the supporting sentence.

RDF terms (proposed ontology additions, see docs/documents.md): ``mkg:Document``
(⊑ ``mkg:Source``), ``mkg:Mention``, ``mkg:mentions`` (Document → any entity),
``mkg:refersTo`` (Mention → entity), ``mkg:sentence``, ``mkg:confidence``, ``mkg:sha256``;
``mkg:implementedBy``, ``mkg:upholdsPrinciple``, ``mkg:contributesTo``,
``mkg:practiceType``, ``mkg:startYear``, ``mkg:endYear`` on ``mkg:Practice``.
Offsets and the mention's words use NIF (``nif:beginIndex``, ``nif:endIndex``,
``nif:anchorOf``). A mention is not an ``mkg:Evidence`` (the shapes require
evidence to support a responsibility or membership), so its sentence is
``mkg:sentence`` rather than ``mkg:quote``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Iterator

from kg import namespaces as ns
from kg.documents import store
from kg.paths import DEFAULT_DATA_DIR
from kg.problems import ProblemList
from kg.rdf import literal as _lit
from kg.rdf import mkg as _mkg
from kg.rdf import triple as _t

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
A = f"<{ns.RDF}type>"
XSD = ns.XSD


def expand(compact: str) -> str:
    """``mkgid:BGD/actor/bmet`` → its full IRI (``sdg:10.7`` → ``http://metadata.un.org/sdg/10.7``)."""
    prefix, _, local = compact.partition(":")
    base = ns.PREFIXES.get(prefix)
    return base + local if base and not local.startswith("//") else compact


def _iri(compact: str) -> str:
    return f"<{expand(compact)}>"


def document_key(record: dict) -> str:
    doc = record["document"]
    return f"mkgid:{doc['country']}/source/{doc['id']}" if doc.get("country") else f"mkgid:document/{doc['id']}"


def mention_key(record: dict, mention: dict) -> str:
    doc = record["document"]
    local = f"{doc['id']}.{mention['start']}-{mention['end']}"
    return f"mkgid:{doc['country']}/mention/{local}" if doc.get("country") else f"mkgid:mention/{local}"


def emit_documents(records: Iterable[dict], country=None) -> Iterator[str]:
    """N-Triples statements for the documents, their mentions and practices.

    With ``country`` (the loaded :class:`kg.models.Country`), a document that is already one of its
    ``country.yaml`` sources (same id: the same node) is only typed ``mkg:Document``: its title,
    publisher, year and URL come from the curated source, never twice.
    """
    curated = {s.id for s in country.sources} if country is not None else set()
    for record in records:
        doc = record["document"]
        node = _iri(document_key(record))
        yield _t(node, A, _mkg("Document"))
        if doc.get("sha256"):
            yield _t(node, _mkg("sha256"), _lit(doc["sha256"]))
        if doc["id"] not in curated or not doc.get("country"):
            yield from _describe(node, doc)
        yield from _emit_mentions(record, node)
        practice = record.get("practice")
        if practice:
            yield from _emit_practice(practice, node)


def _describe(node: str, doc: dict) -> Iterator[str]:
    """The source description of a document that is not (yet) a curated source."""
    yield _t(node, A, _mkg("Source"))
    yield _t(node, f"<{ns.DCT}identifier>", _lit(doc["id"]))
    yield _t(node, f"<{ns.DCT}title>", _lit(doc["title"], lang="en"))
    yield _t(node, f"<{ns.RDFS}label>", _lit(doc["title"], lang="en"))
    if doc.get("publisher"):
        yield _t(node, f"<{ns.DCT}publisher>", _lit(doc["publisher"]))
    if doc.get("url"):
        yield _t(node, _mkg("url"), _lit(doc["url"], datatype=f"{XSD}anyURI"))
    date = str(doc.get("date") or "")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        yield _t(node, f"<{ns.DCT}date>", _lit(date, datatype=f"{XSD}date"))
        yield _t(node, _mkg("year"), _lit(int(date[:4]), datatype=f"{XSD}integer"))
    if doc.get("country"):
        yield _t(node, _mkg("country"), _iri(f"mkgid:country/{doc['country']}"))


def _emit_mentions(record: dict, node: str) -> Iterator[str]:
    seen: set[str] = set()
    for m in record.get("mentions", []):
        entity = _iri(m["entity_id"])
        mnode = _iri(mention_key(record, m))
        yield _t(mnode, A, _mkg("Mention"))
        yield _t(mnode, _mkg("refersTo"), entity)
        yield _t(mnode, _mkg("source"), node)
        yield _t(mnode, _mkg("sentence"), _lit(m["sentence"]))
        yield _t(mnode, f"<{NIF}anchorOf>", _lit(m["text"]))
        yield _t(mnode, f"<{NIF}beginIndex>", _lit(m["start"], datatype=f"{XSD}nonNegativeInteger"))
        yield _t(mnode, f"<{NIF}endIndex>", _lit(m["end"], datatype=f"{XSD}nonNegativeInteger"))
        yield _t(mnode, _mkg("confidence"), _lit(f"{float(m['score']):.2f}", datatype=f"{XSD}decimal"))
        if m["entity_id"] not in seen:
            seen.add(m["entity_id"])
            yield _t(node, _mkg("mentions"), entity)


def _emit_practice(p: dict, document: str) -> Iterator[str]:
    node = _iri(p["id"])
    yield _t(node, A, _mkg("Practice"))
    yield _t(node, f"<{ns.RDFS}label>", _lit(p["title"], lang="en"))
    yield _t(node, f"<{ns.DCT}identifier>", _lit(store.local_id(p["id"])))
    yield _t(node, _mkg("source"), document)
    if p.get("practice_type"):
        yield _t(node, _mkg("practiceType"), _lit(p["practice_type"], lang="en"))
    for key, prop in (("start_year", "startYear"), ("end_year", "endYear")):
        if p.get(key):
            yield _t(node, _mkg(prop), _lit(p[key], datatype=f"{XSD}integer"))
    if p.get("date_submitted") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", p["date_submitted"]):
        yield _t(node, f"<{ns.DCT}dateSubmitted>", _lit(p["date_submitted"], datatype=f"{XSD}date"))
    if p.get("summary"):
        yield _t(node, f"<{ns.DCT}description>", _lit(p["summary"], lang="en"))
    tagged_actors = [a for a, how in p.get("links_from", {}).items() if how == "tag" and "/actor/" in a]
    for actor in tagged_actors:
        yield _t(node, _mkg("implementedBy"), _iri(actor))
    for key, prop in (("objectives", "addressesObjective"), ("principles", "upholdsPrinciple"), ("sdg_targets", "contributesTo")):
        for eid in p.get(key, []):
            yield _t(node, _mkg(prop), _iri(eid))


def add_documents(graph, records: Iterable[dict]) -> None:
    """Documents and practices as nodes of the networkx projection; one ``mentions`` edge per document and entity."""
    for record in records:
        doc = record["document"]
        dnode = document_key(record)
        if dnode not in graph:
            graph.add_node(dnode, kind="Source", label=doc["title"], code=doc["id"], url=doc.get("url", ""),
                           publisher=doc.get("publisher", ""), year=str(doc.get("date", ""))[:4], country=doc.get("country") or "")
        graph.nodes[dnode]["document"] = True
        counts: dict[str, list[dict]] = {}
        for m in record.get("mentions", []):
            counts.setdefault(m["entity_id"], []).append(m)
        for entity, mentions in counts.items():
            if entity not in graph:
                continue
            best = max(mentions, key=lambda m: m["score"])
            graph.add_edge(dnode, entity, key="mentions", rel="mentions", count=len(mentions), sentence=best["sentence"],
                           start=best["start"], end=best["end"], score=best["score"])
        p = record.get("practice")
        if p:
            graph.add_node(p["id"], kind="Practice", label=p["title"], code=store.local_id(p["id"]), country=doc.get("country") or "",
                           practice_type=p.get("practice_type", ""), dates=p.get("dates", ""))
            graph.add_edge(p["id"], dnode, key="source", rel="source")
            for actor, how in p.get("links_from", {}).items():
                if how == "tag" and actor in graph:
                    graph.add_edge(p["id"], actor, key="implemented_by", rel="implemented_by")
            for key, rel in (("objectives", "addresses"), ("principles", "upholds"), ("sdg_targets", "contributes_to")):
                for eid in p.get(key, []):
                    if eid in graph:
                        graph.add_edge(p["id"], eid, key=rel, rel=rel, how=p.get("links_from", {}).get(eid, ""))


_CACHE: dict[str, tuple[tuple, dict[str, list[dict]]]] = {}


def _signature(folder: Path) -> tuple:
    if not folder.is_dir():
        return ()
    return tuple(sorted((e.name, e.stat().st_mtime_ns, e.stat().st_size) for e in os.scandir(folder) if e.name.endswith(".json")))


def _index(data_dir: Path) -> dict[str, list[dict]]:
    folder = store.records_dir(data_dir)
    sig = _signature(folder)
    cached = _CACHE.get(str(folder))
    if cached and cached[0] == sig:
        return cached[1]
    index: dict[str, list[dict]] = {}
    left_out = ProblemList()  # damaged records: the build reports them, the explorer counts them (kg.explorer.backend)
    for record in store.load_records(data_dir, problems=left_out):
        doc = record["document"]
        for m in record.get("mentions", []):
            index.setdefault(m["entity_id"], []).append({
                "document_id": doc["id"], "document": document_key(record), "title": doc["title"], "url": doc.get("url", ""),
                "publisher": doc.get("publisher", ""), "date": doc.get("date", ""), "text": m["text"], "sentence": m["sentence"],
                "start": m["start"], "end": m["end"], "score": m["score"],
            })
    _CACHE[str(folder)] = (sig, index)
    return index


def mentions_of(entity_id: str, data_dir: Path = DEFAULT_DATA_DIR, per_document: int | None = None) -> list[dict]:
    """Where ``entity_id`` (compact, e.g. ``mkgid:BGD/actor/bmet`` or ``sdg:10.7``) is mentioned in the ingested documents.

    Each item gives the document (id, node, title, url, publisher, date), the words, the sentence and the
    character offsets, newest documents first; ``per_document`` limits the mentions kept per document.
    """
    items = list(_index(data_dir).get(entity_id, []))
    items.sort(key=lambda m: (str(m["date"]), m["document_id"], -m["start"]), reverse=True)
    if per_document is None:
        return items
    kept, count = [], {}
    for m in items:
        count[m["document_id"]] = count.get(m["document_id"], 0) + 1
        if count[m["document_id"]] <= per_document:
            kept.append(m)
    return kept
