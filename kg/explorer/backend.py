"""Which store the explorer reads: the embedded store by default, Neo4j when ``NEO4J_URI`` is set.

Both come from :func:`kg.store.open_store`. The explorer's pages read the store's networkx
projection (so gap results are the same from either store); the Query page sends console queries
to the store itself (SPARQL on the embedded store, Cypher on Neo4j — and SPARQL too, on an
embedded store built from the files, when Neo4j is connected). Exports always come from the files.

If ``NEO4J_URI`` is set but the server cannot be used, the explorer says why and reads the
embedded store instead, rather than showing nothing.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from kg.explorer.data import Explorer, StoreInfo, data_dir
from kg.paths import DEFAULT_DATA_DIR
from kg.problems import InputError

LANGUAGE_LABELS = {"sparql": "SPARQL (embedded store)", "cypher": "Cypher (Neo4j)"}


def problems_text(exc: InputError) -> str:
    return "; ".join(p.message for p in exc.errors) or str(exc)


def _where(folder: Path) -> str:
    try:
        same = folder.resolve() == DEFAULT_DATA_DIR.resolve()
    except OSError:
        same = False
    return "the shipped data/" if same else str(folder)


@dataclass(eq=False)
class Backend:
    """The store, the explorer over its projection, and the query consoles."""

    store: object  # a kg.store.Store
    explorer: Explorer
    data_dir: Path
    notice: str = ""  # shown on every page when set (e.g. Neo4j unreachable, embedded used instead)
    documents: int = 0  # document records added to the projection (kg.documents)
    _files: object | None = field(default=None, repr=False)
    _sparql: object | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def kind(self) -> str:
        return str(getattr(self.store, "kind", "embedded"))

    def languages(self) -> list[str]:
        """Console languages: SPARQL always; Cypher first when Neo4j is connected."""
        return ["cypher", "sparql"] if self.kind == "neo4j" else ["sparql"]

    def files_kg(self):
        """The graph built from the files (exports; SPARQL when the explorer reads Neo4j)."""
        kg = getattr(self.store, "kg", None) or self.explorer.kg
        if kg is not None:
            return kg
        with self._lock:
            if self._files is None:
                from kg.build import build

                self._files = build(self.data_dir)
            return self._files

    def console_store(self, language: str):
        """The store that runs console queries in ``language``."""
        if language == "cypher":
            if self.kind != "neo4j":
                raise InputError([_problem("Cypher needs a Neo4j server: set NEO4J_URI (see docs/explorer.md)")])
            return self.store
        if self.kind == "embedded":
            return self.store
        with self._lock:
            if self._sparql is None:
                from kg.store import EmbeddedStore

                self._sparql = EmbeddedStore(self.files_kg())
            return self._sparql


def _problem(message: str):
    from kg.problems import Problem

    return Problem("explorer", message)


def _damaged_records_notice(kg) -> str:
    """What the sidebar says when stored document records could not be read (the build left them out)."""
    from kg.documents.store import DAMAGED_RECORD

    damaged = [w for w in getattr(kg, "warnings", ()) if w.message.startswith(DAMAGED_RECORD)]
    if not damaged:
        return ""
    names = ", ".join(Path(w.file).name for w in damaged)
    return (f"{len(damaged)} ingested document record(s) are damaged and left out ({names}): re-ingest their documents "
            "(`migkg ingest-doc`); `migkg validate` says what is wrong.")


def open_backend(folder: Path | None = None, env: Mapping[str, str] | None = None) -> Backend:
    """Open the store (Neo4j when ``NEO4J_URI`` is set and reachable, else embedded) and its explorer."""
    from kg.store import open_store

    env = os.environ if env is None else env
    folder = folder or data_dir()
    store = None
    notice = ""
    if env.get("NEO4J_URI"):
        try:
            store = open_store(folder, "neo4j", env=env)
        except InputError as exc:
            notice = f"NEO4J_URI is set but Neo4j could not be used ({problems_text(exc)}); the explorer reads the embedded store instead."
    if store is None:
        store = open_store(folder, "embedded", env=env)
    notice = " ".join(filter(None, [notice, _damaged_records_notice(getattr(store, "kg", None))]))
    graph = store.projection()
    if getattr(store, "kind", "") == "neo4j":
        settings = getattr(store, "settings", None)
        where = settings.shown_uri if settings is not None else "the configured server"
        info = StoreInfo("neo4j", f"Neo4j at {where} (database {getattr(store, 'database', 'neo4j')}), synced from the files by `migkg neo4j sync`")
    else:
        info = StoreInfo("embedded", f"embedded store (no server): built from {_where(folder)} with pyoxigraph and networkx")
    # Ingested documents and practices are part of the projection (kg.projection adds them).
    documents = sum(1 for _, attrs in graph.nodes(data=True) if attrs.get("document"))
    explorer = Explorer(graph, info, getattr(store, "kg", None))
    return Backend(store, explorer, folder, notice, documents)
