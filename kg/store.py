"""One store interface for the explorer and the CLI, with two implementations.

* :class:`EmbeddedStore` (the default; no server): a pyoxigraph store loaded from
  ``kg.ntriples()`` answers the named questions in SPARQL and the console; the
  networkx projection answers the rest (shortest paths, gap rules).
* :class:`Neo4jStore` (when ``NEO4J_URI`` is set): the same questions in Cypher,
  read-only, on a driver the caller built once.

Both give the same answers: the named questions' rows are coerced to the types
their headers declare (:mod:`kg.questions`), and :meth:`Store.projection` returns
a graph equal to :func:`kg.projection.project` — so the gap rules computed from
Neo4j equal the embedded ones.

>>> from kg.build import build
>>> store = EmbeddedStore(build(countries=["BGD"]))
>>> store.countries()
[('BGD', 'Bangladesh')]
>>> store.ask("uncovered_objectives", {"country": "BGD"}).rows[0]
(9, 'Strengthen the transnational response to smuggling of migrants')
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from pathlib import Path
from typing import Any, Callable, Mapping, Optional, Protocol, runtime_checkable

import networkx as nx

from kg import guards
from kg.neo4j_mapping import DATASET, graph_from_rows
from kg.paths import DEFAULT_DATA_DIR
from kg.problems import InputError, Problem
from kg.questions import Question, Table, library, question, shape, store_statement

DEFAULT_LIMIT = 1000
DEFAULT_TIMEOUT = 10.0
MAX_LIMIT = 10_000
"""The most rows a console query returns, on either store."""
MAX_TIMEOUT = 60.0
"""The longest a console query may run, in seconds, on either store."""


@runtime_checkable
class Store(Protocol):
    """What the explorer and the CLI ask of a store."""

    kind: str  # "embedded" or "neo4j"
    language: str  # the console's query language: "sparql" or "cypher"

    def countries(self) -> list[tuple[str, str]]:
        """(ISO3, name) of every country, by code."""

    def questions(self) -> dict[str, Question]:
        """The named questions this store answers (all of :func:`kg.questions.library`)."""

    def ask(self, name: str, params: Mapping[str, Any]) -> Table:
        """Answer a named question with typed parameters (see :meth:`kg.questions.Question.bind`)."""

    def console(self, text: str, *, limit: int = DEFAULT_LIMIT, timeout: float = DEFAULT_TIMEOUT) -> Table:
        """Run a user-written read-only query (rejected before it runs if it could write)."""

    def projection(self, country: Optional[str] = None) -> nx.MultiDiGraph:
        """The networkx projection of one country (with the reference layer) or of all countries."""

    def close(self) -> None:
        """Release what the store holds."""


class QueryTimeout(InputError):
    def __init__(self, seconds: float):
        super().__init__([Problem("<query>", f"the query ran longer than {seconds:g} s and was stopped; add LIMIT, narrow it, or pass a longer --timeout")])


# --- embedded ----------------------------------------------------------------------------------


class _Questions:
    """What both stores derive from :meth:`ask`: the country list and the question library."""

    def countries(self) -> list[tuple[str, str]]:
        return [(row[0], row[1]) for row in self.ask("countries", {}).rows]  # type: ignore[attr-defined]

    def questions(self) -> dict[str, Question]:
        return library()


class EmbeddedStore(_Questions):
    """pyoxigraph + networkx over a built :class:`kg.build.KnowledgeGraph`."""

    kind = "embedded"
    language = "sparql"

    def __init__(self, kg):
        self.kg = kg
        self._store = None
        self._lock = threading.Lock()
        self._projections: dict[Optional[str], nx.MultiDiGraph] = {}

    # the pyoxigraph store is loaded on first use
    @property
    def oxigraph(self):
        import pyoxigraph as ox

        with self._lock:
            if self._store is None:
                store = ox.Store()
                store.bulk_load(self.kg.ntriples(), format=ox.RdfFormat.N_TRIPLES)
                self._store = store
            return self._store

    def ask(self, name: str, params: Mapping[str, Any]) -> Table:
        q = question(name)
        if q.python is not None:
            country = params.get("country")
            return shape(q.header, q.python(self.projection(country), params))
        if q.sparql is None:
            raise InputError([Problem(name, "the embedded store has no SPARQL or Python version of this question")])
        import pyoxigraph as ox

        substitutions = {ox.Variable(key): ox.Literal(value) for key, value in params.items()}
        solutions = self.oxigraph.query(q.sparql, substitutions=substitutions)
        names = [v.value for v in solutions.variables]
        rows = [{n: _value(s[n]) for n in names} for s in solutions]
        return shape(q.header, rows)

    def console(self, text: str, *, limit: int = DEFAULT_LIMIT, timeout: float = DEFAULT_TIMEOUT) -> Table:
        check_console(text, self.language)
        check_bounds(limit, timeout)
        store = self.oxigraph  # loaded before the worker starts, so a forked worker shares it
        columns, rows, truncated = run_with_deadline(lambda: _sparql_rows(store, text, limit), timeout)
        return Table(tuple(columns), [tuple(r) for r in rows], truncated)

    def projection(self, country: Optional[str] = None) -> nx.MultiDiGraph:
        from kg.projection import project

        if country is not None:
            self.kg.country(country)  # InputError for an unknown code
        if country not in self._projections:
            self._projections[country] = project(self.kg, country)
        return self._projections[country]

    def close(self) -> None:
        self._store = None
        self._projections.clear()


def _value(term) -> Any:
    return None if term is None else term.value


def _shown(term) -> Any:
    """A console cell: literals by value, IRIs in compact form, blank nodes as ``_:id``."""
    import pyoxigraph as ox

    from kg.namespaces import compact

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _sparql_rows(store, text: str, limit: int) -> tuple[list[str], list[tuple], bool]:
    import pyoxigraph as ox

    try:
        result = store.query(text)
    except SyntaxError as exc:
        raise InputError([Problem("<query>", f"SPARQL syntax error: {exc}")]) from None
    if isinstance(result, ox.QueryBoolean):
        return ["answer"], [(bool(result),)], False
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        take = lambda s: tuple(_shown(s[c]) for c in columns)  # noqa: E731
    else:  # CONSTRUCT / DESCRIBE
        columns = ["subject", "predicate", "object"]
        take = lambda t: (_shown(t.subject), _shown(t.predicate), _shown(t.object))  # noqa: E731
    rows = []
    for item in result:
        if len(rows) == limit:
            return columns, rows, True
        rows.append(take(item))
    return columns, rows, False


def run_with_deadline(work: Callable[[], Any], timeout: float) -> Any:
    """Run ``work`` in a worker and return its result, or raise :class:`QueryTimeout` after ``timeout`` s.

    Where the platform can fork, the worker is a child process that shares the loaded store and
    is killed at the deadline, so a runaway query stops using the CPU; elsewhere it is a daemon
    thread whose result is abandoned at the deadline.

    >>> run_with_deadline(lambda: 6 * 7, 5)
    42
    """
    if "fork" in multiprocessing.get_all_start_methods():
        return _fork_worker(work, timeout)
    return _thread_worker(work, timeout)


def _fork_worker(work: Callable[[], Any], timeout: float) -> Any:
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)

    def target() -> None:
        try:
            outcome = ("ok", work())
        except InputError as exc:
            outcome = ("input", [str(p.message) for p in exc.errors])
        except BaseException as exc:  # the worker reports, the caller raises
            outcome = ("error", f"{type(exc).__name__}: {exc}")
        sender.send(outcome)

    process = ctx.Process(target=target, daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeout(timeout)
        try:
            status, value = receiver.recv()
        except EOFError:
            raise InputError([Problem("<query>", "the query worker stopped without an answer (out of memory?)")]) from None
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
    return _outcome(status, value)


def _thread_worker(work: Callable[[], Any], timeout: float) -> Any:
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["outcome"] = ("ok", work())
        except InputError as exc:
            box["outcome"] = ("input", [str(p.message) for p in exc.errors])
        except BaseException as exc:
            box["outcome"] = ("error", f"{type(exc).__name__}: {exc}")

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryTimeout(timeout)
    return _outcome(*box["outcome"])


def _outcome(status: str, value: Any) -> Any:
    if status == "ok":
        return value
    if status == "input":
        raise InputError([Problem("<query>", message) for message in value])
    raise InputError([Problem("<query>", f"the query failed: {value}")])


# --- Neo4j --------------------------------------------------------------------------------------


class Neo4jStore(_Questions):
    """Read-only questions, console and projection on a Neo4j database the sync wrote."""

    kind = "neo4j"
    language = "cypher"

    def __init__(self, driver, database: str, *, dataset: str = DATASET, settings=None, owns_driver: bool = False):
        self.driver = driver
        self.database = database
        self.dataset = dataset
        self.settings = settings
        self.owns_driver = owns_driver

    def _read(self, query, parameters: Mapping[str, Any] | None = None, transformer=None):
        import neo4j

        kwargs = {"result_transformer_": transformer} if transformer is not None else {}
        try:
            return self.driver.execute_query(query, dict(parameters or {}), routing_=neo4j.RoutingControl.READ, database_=self.database, **kwargs)
        except Exception as exc:
            raise self._translate(exc) from None

    def _translate(self, exc: BaseException) -> BaseException:
        from kg.neo4j_sync import Settings, translate

        settings = self.settings or Settings(uri="neo4j", database=self.database)
        return translate(exc, settings)

    def ask(self, name: str, params: Mapping[str, Any]) -> Table:
        q = question(name)
        records, _, _ = self._read(q.cypher, params)
        return shape(q.header, [record.data() for record in records])

    def console(self, text: str, *, limit: int = DEFAULT_LIMIT, timeout: float = DEFAULT_TIMEOUT) -> Table:
        import neo4j

        check_console(text, self.language)
        check_bounds(limit, timeout)

        def take(result) -> Table:
            keys = tuple(result.keys())
            rows = []
            for record in result:
                if len(rows) == limit:
                    return Table(keys, rows, True)
                rows.append(tuple(plain(v) for v in record.values()))
            return Table(keys, rows, False)

        return self._read(neo4j.Query(text, timeout=timeout), transformer=take)

    def projection(self, country: Optional[str] = None) -> nx.MultiDiGraph:
        params = {"dataset": self.dataset, "scopes": None if country is None else ["", country]}
        nodes, _, _ = self._read(store_statement("projection_nodes"), params)
        rels, _, _ = self._read(store_statement("projection_rels"), params)
        graph = graph_from_rows(
            ((r["labels"], r["props"]) for r in nodes),
            ((r["start"], r["type"], r["end"], r["props"]) for r in rels),
        )
        if country is not None and not any(d.get("kind") == "Country" and d.get("code") == country for _, d in graph.nodes(data=True)):
            known = ", ".join(iso3 for iso3, _ in self.countries()) or "none (run migkg neo4j sync)"
            raise InputError([Problem(self.database, f"unknown country {country!r}; countries in Neo4j: {known}")])
        return graph

    def close(self) -> None:
        if self.owns_driver:
            self.driver.close()


def plain(value: Any) -> Any:
    """A Neo4j value as plain data (nodes and relationships as dicts, paths as lists)."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"_type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# --- choosing a store -------------------------------------------------------------------------------


ENGINES = ("auto", "embedded", "neo4j")


def resolve_engine(engine: str, env: Mapping[str, str] | None = None, uri: str | None = None) -> str:
    """``embedded`` or ``neo4j``: ``auto`` means Neo4j when a URI is given or ``NEO4J_URI`` is set.

    >>> resolve_engine("auto", {}), resolve_engine("auto", {"NEO4J_URI": "bolt://localhost:7687"}), resolve_engine("embedded", {"NEO4J_URI": "x"})
    ('embedded', 'neo4j', 'embedded')
    """
    env = os.environ if env is None else env
    if engine not in ENGINES:
        raise InputError([Problem("--engine", f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")])
    if engine == "auto":
        return "neo4j" if (uri or env.get("NEO4J_URI")) else "embedded"
    return engine


def check_console(text: str, language: str) -> None:
    """The read-only guard of a console language, as an :class:`InputError` with the position."""
    try:
        if language == "cypher":
            guards.check_cypher(text)
        else:
            guards.check_sparql(text)
    except guards.ReadOnlyViolation as exc:
        message = exc.message
        if language == "sparql" and guards.looks_like_cypher(text):
            message += " (the embedded store's console takes SPARQL; this looks like Cypher: run it on Neo4j with NEO4J_URI set or --engine neo4j)"
        raise InputError([Problem("<query>", message, exc.line, exc.column)]) from None


def check_params(store: Store, header, params: Mapping[str, Any]) -> None:
    """The identifiers among a named question's parameters must name what the store holds.

    An unknown country, actor, GCM objective or SDG target is an error that lists what exists,
    not an empty answer that reads as "nothing there". Which parameters are identifiers is read
    from their declared description (:mod:`kg.questions`): "ISO3 code…", "actor id…",
    "…GCM objective number", "SDG target code".
    """
    country = params.get("country")
    if "country" in params:
        known = [iso3 for iso3, _ in store.countries()]
        if country not in known:
            raise InputError([Problem("--param country", f"unknown country {country!r}; the store holds: {', '.join(known) or 'none'}")])
    kinds = {p.name: kind for p in header.params if p.name in params and (kind := _identifier_kind(p))}
    if not kinds:
        return
    graph = store.projection(country)
    known_ids: dict[str, set] = {"actor": set(), "objective": set(), "target": set()}
    for _, data in graph.nodes(data=True):
        kind = data.get("kind")
        if kind == "Actor" and (country is None or data.get("country") == country):
            known_ids["actor"].add(data.get("code"))
        elif kind == "GCMObjective":
            known_ids["objective"].add(data.get("number"))
        elif kind == "SDGTarget":
            known_ids["target"].add(data.get("code"))
    problems = []
    for name, kind in kinds.items():
        if params[name] not in known_ids[kind]:
            where = f" in {country}" if kind == "actor" else ""
            listed = sorted(known_ids[kind], key=lambda v: (str(type(v)), v))
            shown = ", ".join(map(str, listed[:40])) + (f", … ({len(listed)} in all)" if len(listed) > 40 else "")
            problems.append(Problem(f"--param {name}", f"unknown {_IDENTIFIER_WORDS[kind]} {params[name]!r}{where}; known: {shown or 'none'}"))
    if problems:
        raise InputError(problems)


_IDENTIFIER_WORDS = {"actor": "actor id", "objective": "GCM objective", "target": "SDG target"}


def _identifier_kind(param) -> str | None:
    text = param.description.lower()
    if text.startswith("actor id"):
        return "actor"
    if param.type == "int" and "gcm objective number" in text:
        return "objective"
    if text.startswith("sdg target code"):
        return "target"
    return None


def check_bounds(limit: int, timeout: float) -> None:
    """A console's row limit and timeout within what the stores allow, else a :class:`InputError` saying so.

    >>> check_bounds(MAX_LIMIT, MAX_TIMEOUT)
    >>> check_bounds(0, 10)
    Traceback (most recent call last):
    kg.problems.InputError: --limit: error: the row limit must be between 1 and 10000, not 0
    """
    problems = []
    if not 1 <= limit <= MAX_LIMIT:
        problems.append(Problem("--limit", f"the row limit must be between 1 and {MAX_LIMIT}, not {limit}"))
    if not 0 < timeout <= MAX_TIMEOUT:
        problems.append(Problem("--timeout", f"the timeout must be more than 0 and at most {MAX_TIMEOUT:g} s, not {timeout:g}"))
    if problems:
        raise InputError(problems)


def open_store(
    data_dir: Path = DEFAULT_DATA_DIR,
    engine: str = "auto",
    *,
    env: Mapping[str, str] | None = None,
    countries: list[str] | None = None,
    timeout: float = 5.0,
    **flags: Optional[str],
) -> Store:
    """Neo4j when ``engine`` is ``neo4j`` (or ``auto`` with ``NEO4J_URI`` set), else the embedded store.

    The Neo4j driver is built here, once, and closed by the store's :meth:`~Store.close`.
    """
    env = os.environ if env is None else env
    if resolve_engine(engine, env, flags.get("uri")) == "neo4j":
        from kg.neo4j_sync import Settings, connect

        settings = Settings.from_env(env, **flags)
        return Neo4jStore(connect(settings, timeout=timeout), settings.database, settings=settings, owns_driver=True)
    from kg.build import build

    return EmbeddedStore(build(data_dir, countries=countries))
