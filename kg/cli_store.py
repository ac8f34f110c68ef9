"""``migkg neo4j sync``, ``migkg query`` and ``migkg console``: thin wrappers over kg.store and kg.neo4j_sync.

Registered on the main app by :func:`register` (called at the end of kg/cli.py).
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer

from kg.cli import AsCsv, AsJson, DataDir, _build, _one_format, err, user_errors
from kg.paths import DEFAULT_DATA_DIR
from kg.problems import InputError, Problem

neo4j_app = typer.Typer(help="Neo4j: write the graph to a server (read it with `migkg query` and `migkg console`).", no_args_is_help=True)

Uri = Annotated[Optional[str], typer.Option("--uri", help="Bolt or neo4j URI (default: $NEO4J_URI). The password comes from $NEO4J_PASSWORD only.")]
User = Annotated[Optional[str], typer.Option("--user", help="User (default: $NEO4J_USER, else neo4j).")]
Database = Annotated[Optional[str], typer.Option("--database", help="Database (default: $NEO4J_DATABASE, else neo4j).")]
Engine = Annotated[str, typer.Option("--engine", help="auto (Neo4j when NEO4J_URI is set, else embedded), embedded or neo4j.")]
Timeout = Annotated[float, typer.Option("--connect-timeout", help="Seconds to wait for the Neo4j server.", min=0.1)]


@neo4j_app.command("sync")
@user_errors
def neo4j_sync(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    uri: Uri = None,
    user: User = None,
    database: Database = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Rows per transaction.", min=1)] = 500,
    connect_timeout: Timeout = 5.0,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar on stderr.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Write the knowledge graph to Neo4j: constraints, batched MERGE, prune what left the sources.

    Idempotent: a second run with the same sources changes nothing. Only nodes and relationships
    with _dataset = 'migration-kg' are ever changed or removed.
    """
    from kg.neo4j_sync import Settings, connect, sync, translate
    from kg.projection import project

    settings = Settings.from_env(uri=uri, user=user, database=database)
    kg = _build(data_dir, quiet_warnings=True)
    graph = project(kg)
    driver = connect(settings, timeout=connect_timeout)
    try:
        report = sync(driver, graph, settings.database, batch_size=batch_size, progress=progress and sys.stderr.isatty())
    except InputError:
        raise
    except Exception as exc:
        translated = translate(exc, settings)
        if translated is exc:
            raise
        raise translated from None
    finally:
        driver.close()
    if as_json:
        typer.echo(json.dumps({"uri": settings.shown_uri, "database": settings.database, **report.to_dict()}, indent=2))
        return
    typer.echo(f"synced to {settings.shown_uri} (database {settings.database}): {report.nodes} nodes, {report.relationships} relationships in the sources")
    typer.echo(
        f"written {report.written_nodes} nodes and {report.written_relationships} relationships; "
        f"pruned {report.pruned_nodes} nodes and {report.pruned_relationships} relationships; {report.batches} transactions in {report.seconds:.1f} s"
    )
    if report.changed:
        typer.echo("changes: " + ", ".join(f"{k} {v}" for k, v in report.counters.items() if v))
    else:
        typer.echo("no changes: Neo4j already held exactly these sources")


def _parse_params(pairs: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise InputError([Problem("--param", f"expected key=value, got {pair!r}")])
        out[key.strip()] = value
    return out


def _print_table(table, fmt: str | None) -> None:
    if fmt == "json":
        typer.echo(table.to_json())
    elif fmt == "csv":
        typer.echo(table.to_csv(), nl=False)
    else:
        typer.echo(table.to_text(), nl=False)
    if table.truncated and fmt in ("json", "csv"):
        err(f"note: the answer was cut at the row limit ({len(table.rows)} rows)")


@user_errors
def query(
    name: Annotated[Optional[str], typer.Argument(help="Question name (omit, or --list, to list them).")] = None,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="key=value; repeat for each parameter.")] = None,
    list_questions: Annotated[bool, typer.Option("--list", help="List the named questions with their parameters.")] = False,
    engine: Engine = "auto",
    data_dir: DataDir = DEFAULT_DATA_DIR,
    as_json: AsJson = False,
    as_csv: AsCsv = False,
    connect_timeout: Timeout = 5.0,
) -> None:
    """Answer a named question (gap rules, a ministry's map, shortest path …) on the embedded store or Neo4j."""
    from kg.questions import library, question
    from kg.store import check_params, open_store

    fmt = _one_format(json=as_json, csv=as_csv)
    if name is None or list_questions:
        for q in library().values():
            params = " ".join(f"--param {p.name}={p.example}" for p in q.header.params)
            typer.echo(f"{q.name}: {q.title}\n    {q.header.description}\n    migkg query {q.name} {params}".rstrip())
        return
    q = question(name)
    params = q.bind(_parse_params(param))
    store = open_store(data_dir, engine, timeout=connect_timeout)
    try:
        check_params(store, q.header, params)
        table = store.ask(q.name, params)
    finally:
        store.close()
    _print_table(table, fmt)


@user_errors
def console(
    text: Annotated[str, typer.Argument(help="A read-only query (SPARQL on the embedded store, Cypher on Neo4j); '-' reads it from stdin.")],
    engine: Engine = "auto",
    limit: Annotated[int, typer.Option("--limit", help="At most this many rows (10,000 at most).", min=1)] = 1000,
    timeout: Annotated[float, typer.Option("--timeout", help="Stop the query after this many seconds (60 at most).", min=0.1)] = 10.0,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    as_json: AsJson = False,
    as_csv: AsCsv = False,
    connect_timeout: Timeout = 5.0,
) -> None:
    """Run your own read-only query: SPARQL (embedded store) or Cypher (Neo4j); writes are refused."""
    from kg.store import check_bounds, check_console, open_store, resolve_engine

    fmt = _one_format(json=as_json, csv=as_csv)
    if text == "-":
        text = sys.stdin.read()
    check_console(text, "cypher" if resolve_engine(engine) == "neo4j" else "sparql")  # before any connection
    check_bounds(limit, timeout)
    store = open_store(data_dir, engine, timeout=connect_timeout)
    try:
        table = store.console(text, limit=limit, timeout=timeout)
    finally:
        store.close()
    _print_table(table, fmt)


def register(app: typer.Typer) -> None:
    app.add_typer(neo4j_app, name="neo4j")
    app.command("query")(query)
    app.command("console")(console)
