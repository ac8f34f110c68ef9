"""The pipeline: a file → text → sentences → mentions → candidate relations (→ practice).

:func:`ingest_raw` works on a document already read; :func:`ingest_file` reads a path
first (``migkg ingest-doc`` calls it per file, reporting a file it cannot read and
going on with the others).
"""

from __future__ import annotations

from pathlib import Path

from kg.documents import linker, practice as practice_page, relations, sentences
from kg.documents.gazetteer import Gazetteer
from kg.documents.model import DocumentMeta, IngestResult, Relation
from kg.documents.reader import RawDocument, document_id, read_document, title_of
from kg.documents.relations import relation_id


def practice_key(doc_id: str, country: str | None) -> str:
    """The compact id of a practice read from document ``doc_id``."""
    return f"mkgid:{country}/practice/{doc_id}" if country else f"mkgid:practice/{doc_id}"


def document_key(doc_id: str, country: str | None) -> str:
    """The compact id of a document: for a country, the same node as the source it becomes on review."""
    return f"mkgid:{country}/source/{doc_id}" if country else f"mkgid:document/{doc_id}"


def ingest_raw(raw: RawDocument, gaz: Gazetteer, country: str | None = None) -> IngestResult:
    text = raw.text
    spans = sentences.split(text)
    mentions = linker.link(text, spans, gaz)
    doc_id = document_id(raw)
    meta = raw.meta
    title = title_of(raw)
    practice = practice_page.parse(text, practice_key(doc_id, country), mentions)
    if practice and practice.title:
        title = str(meta.get("title") or practice.title)
    found = relations.find_relations(text, spans, mentions, gaz, doc_id, (practice.id, practice.title) if practice else None)
    if practice:
        by_id = {r.id: r for r in found}
        for r in _implementing(text, mentions, practice, doc_id):
            if r.id not in by_id or by_id[r.id].score < r.score:
                by_id[r.id] = r
        found = list(by_id.values())
    doc = DocumentMeta(
        id=doc_id, title=title, path=raw.path, format=raw.format, sha256=raw.sha256, chars=len(text), sentences=len(spans),
        country=country or (str(meta["country"]) if meta.get("country") else None), url=str(meta.get("url") or ""),
        publisher=str(meta.get("publisher") or ""), date=str(meta.get("date") or (practice.date_submitted if practice else "") or ""),
        kind=str(meta.get("kind") or ("practice" if practice else "")), licence=str(meta.get("licence") or ""),
    )
    return IngestResult(doc, mentions, found, practice)


def _implementing(text: str, mentions, practice, doc_id: str) -> list[Relation]:
    """``Main Implementing Organization(s)`` lines → ``implements`` candidates (the page states them)."""
    out = []
    for line, start, end in practice_page.implementing_spans(text):
        for m in mentions:
            if m.entity_type == "Actor" and start <= m.start < end:
                rid = relation_id(doc_id, "implements", m.entity_id, "implemented", practice.id)
                if any(r.id == rid for r in out):
                    continue
                out.append(Relation(
                    id=rid, kind="implements", subject=m.entity_id, predicate="implemented", object=practice.id,
                    object_label=practice.title, role="implementer", sentence=f"Main Implementing Organization(s): {line}",
                    start=start, end=end, pattern="practice-field", score=0.9,
                ))
    return out


def ingest_file(path: Path, gaz: Gazetteer, country: str | None = None) -> IngestResult:
    return ingest_raw(read_document(path), gaz, country)
