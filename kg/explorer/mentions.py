"""Hook for document mentions (``kg.documents``): where an entity is named in ingested documents.

The explorer calls only the two functions below. They use :mod:`kg.documents.graph` when it is
installed and degrade to "not available" (``None`` / ``0``) when it is not, so entity pages work
either way and show mentions as soon as documents have been ingested (``data/documents/records/``).
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx


def available() -> bool:
    try:
        import kg.documents.graph  # noqa: F401
    except ImportError:
        return False
    return True


def mentions_of(entity_key: str, data_dir: Path, per_document: int = 3) -> list[dict] | None:
    """Mentions of one entity (compact key, e.g. ``mkgid:BGD/actor/bmet``), newest documents first;
    ``None`` when the documents package is not installed.

    Each item: ``title``, ``url``, ``publisher``, ``date``, ``text`` (the words), ``sentence``, ``score``.
    """
    try:
        from kg.documents.graph import mentions_of as impl
    except ImportError:
        return None
    try:
        return list(impl(entity_key, data_dir, per_document=per_document))
    except (OSError, ValueError, KeyError):
        return []


def add_documents(graph: nx.MultiDiGraph, data_dir: Path) -> int:
    """Add the ingested documents and practices to ``graph`` (so practices get entity pages).

    Returns how many document records were added (0 when there are none or the package is absent).
    """
    try:
        from kg.documents import store
        from kg.documents.graph import add_documents as impl
    except ImportError:
        return 0
    records = store.load_records(data_dir)
    if records:
        impl(graph, records)
    return len(records)
