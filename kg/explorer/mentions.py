"""Where an entity is named in ingested documents (``kg.documents``), for entity pages."""

from __future__ import annotations

from pathlib import Path

from kg.documents.graph import mentions_of as _mentions_of


def mentions_of(entity_key: str, data_dir: Path, per_document: int = 3) -> list[dict]:
    """Mentions of one entity (compact key, e.g. ``mkgid:BGD/actor/bmet``), newest documents first.

    Each item: ``title``, ``url``, ``publisher``, ``date``, ``text`` (the words), ``sentence``, ``score``.
    """
    return list(_mentions_of(entity_key, data_dir, per_document=per_document))


def mention_table(entity_key: str, data_dir: Path, per_document: int = 3) -> list[dict]:
    """The entity page's table of mentions: document, date, the words, the sentence and the document's URL."""
    return [{"document": m.get("title"), "date": m.get("date"), "words": m.get("text"), "sentence": m.get("sentence"), "url": m.get("url")}
            for m in mentions_of(entity_key, data_dir, per_document)]
