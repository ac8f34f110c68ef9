"""Where an entity is named in ingested documents (``kg.documents``), for entity pages."""

from __future__ import annotations

from pathlib import Path

from kg.documents.graph import mentions_of as _mentions_of


def mentions_of(entity_key: str, data_dir: Path, per_document: int = 3) -> list[dict]:
    """Mentions of one entity (compact key, e.g. ``mkgid:BGD/actor/bmet``), newest documents first.

    Each item: ``title``, ``url``, ``publisher``, ``date``, ``text`` (the words), ``sentence``, ``score``.
    """
    return list(_mentions_of(entity_key, data_dir, per_document=per_document))
