"""Write the knowledge graph to Neo4j: idempotent, batched, scoped to what this tool owns.

:func:`sync` takes a driver (built once by the caller, see :func:`connect`), the
networkx projection of the graph and a database name, and:

1. creates a ``uri`` uniqueness constraint per primary label (``IF NOT EXISTS``);
2. ``UNWIND``s batches of rows into ``MERGE`` statements grouped by labels (nodes)
   and by type and endpoint labels (relationships), one transaction per batch with
   the driver's retries (``session.execute_write``); a node or relationship is
   written only when its content hash ``_hash`` differs, so a second sync of the
   same sources changes nothing (its counters are all zero);
3. prunes what this dataset owns (``_dataset``) and the sources no longer hold —
   relationships first, then nodes — in batches, never touching other data.

A failure part-way leaves the batches already committed; every batch is
idempotent and pruning runs only after every write succeeded, so the next sync
repairs the rest.

Connection settings come from ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE`` (or flags); the password is never printed, and a URI's
user-info part is hidden in messages.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional
from urllib.parse import urlsplit, urlunsplit

import networkx as nx

from kg import neo4j_cypher as cy
from kg.neo4j_mapping import DATASET, chunks, keys_by_label, keys_by_type, node_batches, rel_batches
from kg.problems import InputError, Problem

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
DEFAULT_DATABASE = "neo4j"
DEFAULT_USER = "neo4j"
COUNTERS = (
    "nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted", "properties_set",
    "labels_added", "labels_removed", "indexes_added", "indexes_removed", "constraints_added", "constraints_removed",
)


@dataclass(frozen=True, repr=False)
class Settings:
    """Where and as whom to connect. ``repr`` hides the password and a URI's user-info part."""

    uri: str
    user: str = DEFAULT_USER
    password: str = field(default="", repr=False)
    database: str = DEFAULT_DATABASE

    @property
    def shown_uri(self) -> str:
        return safe_uri(self.uri)

    def __repr__(self) -> str:
        return f"Settings(uri={self.shown_uri!r}, user={self.user!r}, database={self.database!r})"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **flags: Optional[str]) -> "Settings":
        """Flags win over ``NEO4J_*`` variables; an unset URI is an error that says what to do.

        >>> Settings.from_env({"NEO4J_URI": "bolt://db:7687", "NEO4J_PASSWORD": "s3cret"})
        Settings(uri='bolt://db:7687', user='neo4j', database='neo4j')
        """
        env = os.environ if env is None else env
        uri = flags.get("uri") or env.get("NEO4J_URI", "")
        if not uri:
            raise InputError([Problem("NEO4J_URI", "no Neo4j server given: set NEO4J_URI (e.g. bolt://localhost:7687, see docs/neo4j.md) or pass --uri")])
        scheme = urlsplit(uri).scheme
        if scheme not in SCHEMES:
            raise InputError([Problem(safe_uri(uri), f"unsupported URI scheme {scheme!r}; use one of {', '.join(SCHEMES)}")])
        return cls(
            uri=uri,
            user=flags.get("user") or env.get("NEO4J_USER") or DEFAULT_USER,
            password=flags.get("password") or env.get("NEO4J_PASSWORD", ""),
            database=flags.get("database") or env.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
        )


def safe_uri(uri: str) -> str:
    """The URI without any user-info part (``bolt://user:pw@host`` → ``bolt://host``).

    >>> safe_uri("bolt://neo4j:secret@localhost:7687"), safe_uri("neo4j://db.example.org")
    ('bolt://localhost:7687', 'neo4j://db.example.org')
    """
    parts = urlsplit(uri)
    if "@" not in parts.netloc:
        return uri
    return urlunsplit((parts.scheme, parts.netloc.rsplit("@", 1)[1], parts.path, parts.query, parts.fragment))


def connect(settings: Settings, timeout: float = 5.0):
    """A driver whose connectivity was verified, or :class:`InputError` naming the URI and what to do.

    ``timeout`` bounds the connection attempt, so an unreachable server fails in seconds.
    """
    import neo4j
    from neo4j import exceptions as nx_exc

    where = settings.shown_uri
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri, auth=(settings.user, settings.password), connection_timeout=timeout,
            connection_acquisition_timeout=timeout, max_transaction_retry_time=max(timeout * 3, 15.0),
            user_agent="migration-kg",
        )
    except (nx_exc.ConfigurationError, ValueError) as exc:
        raise InputError([Problem(where, scrub(f"cannot use this Neo4j URI: {exc}", settings))]) from None
    try:
        driver.verify_connectivity()
    except BaseException as exc:
        driver.close()
        raise translate(exc, settings) from None
    return driver


def scrub(text: str, settings: Settings) -> str:
    """``text`` without the URI's user-info part or the password.

    >>> scrub("bad URI 'bolt://u:pass@h:1' for pass", Settings("bolt://u:pass@h:1", password="pass"))
    "bad URI 'bolt://h:1' for ***"
    """
    text = text.replace(settings.uri, settings.shown_uri)
    return text.replace(settings.password, "***") if len(settings.password) >= 4 else text


def translate(exc: BaseException, settings: Settings) -> BaseException:
    """A driver error as an :class:`InputError` with what to do (other exceptions unchanged);
    no message carries the password or a URI's user-info part."""
    result = _translate(exc, settings)
    if isinstance(result, InputError):
        result.errors = [Problem(p.file, scrub(p.message, settings), p.line, p.column, p.column_name, p.severity) for p in result.errors]
    return result


def _translate(exc: BaseException, settings: Settings) -> BaseException:
    from neo4j import exceptions as nx_exc

    where = settings.shown_uri
    if isinstance(exc, nx_exc.AuthError):
        return InputError([Problem(where, f"Neo4j refused the credentials of user {settings.user!r}: set NEO4J_USER and NEO4J_PASSWORD (the password of docker-compose.yml is documented in docs/neo4j.md)")])
    if isinstance(exc, nx_exc.ServiceUnavailable) or isinstance(exc, OSError):
        return InputError([Problem(where, "cannot reach a Neo4j server there: start one (`docker compose up -d --wait`, see docs/neo4j.md) or set NEO4J_URI to a running server"
                                   f" ({type(exc).__name__}: {first_line(exc)})")])
    if isinstance(exc, nx_exc.Neo4jError):
        code = str(getattr(exc, "code", "") or "")
        text = first_line(getattr(exc, "message", None) or exc)
        if code.endswith("DatabaseNotFound"):
            return InputError([Problem(where, f"database {settings.database!r} does not exist: set NEO4J_DATABASE or --database ({text})")])
        return InputError([Problem(where, f"Neo4j refused the statement ({code}): {text}" if code else f"Neo4j error: {text}")])
    if isinstance(exc, nx_exc.DriverError):
        return InputError([Problem(where, f"Neo4j driver error: {first_line(exc)}")])
    return exc


def first_line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0] if text else type(value).__name__


# --- the sync ------------------------------------------------------------------------------


@dataclass
class SyncReport:
    counters: dict[str, int] = field(default_factory=lambda: {c: 0 for c in COUNTERS})
    nodes: int = 0  # nodes the sources hold
    relationships: int = 0
    written_nodes: int = 0  # nodes whose content was (re)written
    written_relationships: int = 0
    pruned_nodes: int = 0
    pruned_relationships: int = 0
    batches: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return any(self.counters.values())

    def add(self, counters: Mapping[str, int]) -> None:
        for key in COUNTERS:
            self.counters[key] += int(counters.get(key, 0))

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": self.nodes, "relationships": self.relationships, "written_nodes": self.written_nodes,
            "written_relationships": self.written_relationships, "pruned_nodes": self.pruned_nodes,
            "pruned_relationships": self.pruned_relationships, "batches": self.batches,
            "seconds": round(self.seconds, 2), "changed": self.changed, "counters": dict(self.counters),
        }


def _run(tx, statement: str, parameters: Mapping[str, Any]) -> tuple[dict[str, int], list[dict]]:
    result = tx.run(statement, parameters)
    records = [record.data() for record in result]
    counters = result.consume().counters
    return {key: getattr(counters, key) for key in COUNTERS}, records


def sync(
    driver,
    graph: nx.MultiDiGraph,
    database: str,
    *,
    dataset: str = DATASET,
    batch_size: int = 500,
    progress: bool = False,
    on_batch: Callable[[str, int], None] | None = None,
) -> SyncReport:
    """Make the database's ``dataset`` part equal to ``graph`` (see the module doc).

    ``on_batch(step, rows)`` is called after each committed batch (tests use it to stop part-way).
    """
    from tqdm import tqdm

    started = time.monotonic()
    nodes = node_batches(graph, dataset)
    rels = rel_batches(graph, dataset)
    report = SyncReport(nodes=sum(map(len, nodes.values())), relationships=sum(map(len, rels.values())))
    node_keep, rel_keep = keys_by_label(nodes), keys_by_type(rels)
    total = report.nodes + report.relationships + len(node_keep) + len(rel_keep) + len(cy.constraint_statements())
    with driver.session(database=database) as session, tqdm(
        total=total, unit="row", disable=not progress, desc="neo4j sync", leave=False, dynamic_ncols=True,
    ) as bar:

        def write(step: str, statement: str, parameters: Mapping[str, Any], rows: int) -> list[dict]:
            counters, records = session.execute_write(_run, statement, parameters)
            report.add(counters)
            report.batches += 1
            bar.update(rows)
            if on_batch:
                on_batch(step, rows)
            return records

        for statement in cy.constraint_statements():
            write("constraint", statement, {}, 1)
        for group, rows in nodes.items():
            statement = cy.merge_nodes(group)
            for chunk in chunks(rows, batch_size):
                records = write("nodes", statement, {"rows": chunk}, len(chunk))
                report.written_nodes += sum(int(r.get("written", 0)) for r in records)
        for group, rows in rels.items():
            statement = cy.merge_rels(group)
            for chunk in chunks(rows, batch_size):
                records = write("relationships", statement, {"rows": chunk}, len(chunk))
                report.written_relationships += sum(int(r.get("written", 0)) for r in records)
        for rel_type, keep in rel_keep.items():
            report.pruned_relationships += _prune(write, cy.prune_rels(rel_type), dataset, keep, batch_size)
        for label, keep in node_keep.items():
            report.pruned_nodes += _prune(write, cy.prune_nodes(label), dataset, keep, batch_size)
    report.seconds = time.monotonic() - started
    return report


def _prune(write, statement: str, dataset: str, keep: list[str], limit: int) -> int:
    deleted_total, first = 0, True
    while True:
        records = write("prune", statement, {"dataset": dataset, "keep": keep, "limit": limit}, 1 if first else 0)
        first = False
        deleted = sum(int(r.get("deleted", 0)) for r in records)
        deleted_total += deleted
        if deleted < limit:
            return deleted_total
