"""``migkg``: the command line. Thin wrappers over library functions.

User errors (bad files, unknown countries, unreachable servers) are printed as
located messages on stderr with exit code 2 — never as tracebacks.
"""

from __future__ import annotations

import functools
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer

from kg.paths import DEFAULT_DATA_DIR
from kg.problems import InputError, Problem

app = typer.Typer(help="migration-kg: who is responsible for what in migration governance.", no_args_is_help=True, add_completion=False)
reference_app = typer.Typer(help="The shipped GCM/SDG reference layer.", no_args_is_help=True)
app.add_typer(reference_app, name="reference")

DataDir = Annotated[Path, typer.Option("--data-dir", help="Folder with reference/ and countries/.", file_okay=False)]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]
AsCsv = Annotated[bool, typer.Option("--csv", help="Print CSV.")]
CountryOpt = Annotated[Optional[list[str]], typer.Option("--country", help="ISO3 code; repeat for several (default: all).")]


def err(text: str) -> None:
    typer.echo(text, err=True)


def report_problems(problems: list[Problem], limit: int = 200) -> None:
    for problem in problems[:limit]:
        err(str(problem))
    if len(problems) > limit:
        err(f"... and {len(problems) - limit} more")


def user_errors(func: Callable) -> Callable:
    """Turn :class:`InputError` into located messages and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            report_problems(exc.warnings, limit=50)
            report_problems(exc.errors)
            err(f"{len(exc.errors)} error(s); nothing was written.")
            raise typer.Exit(2) from None

    return wrapper


def _build(data_dir: Path, countries: list[str] | None = None, quiet_warnings: bool = False):
    """Build the graph; its load warnings go to stderr (with ``quiet_warnings``, only how many there are)."""
    from kg.build import build

    kg = build(data_dir, countries=countries or None)
    if kg.warnings and not quiet_warnings:
        report_problems(list(kg.warnings), limit=50)
    elif kg.warnings:
        err(f"{len(kg.warnings)} load warning(s), e.g. {kg.warnings[0]}; `migkg validate` lists them all")
    return kg


class ExportFormat(str, Enum):
    ttl = "ttl"
    nt = "nt"
    jsonld = "jsonld"
    graphml = "graphml"
    csv = "csv"


@app.command()
@user_errors
def build(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    country: CountryOpt = None,
    out: Annotated[Path, typer.Option(help="Where to write the graph (Turtle; .nt for N-Triples).")] = Path("build/migration-kg.ttl"),
) -> None:
    """Load and check every source, validate with SHACL, and write the knowledge graph."""
    from kg import export
    from kg.validate import validate

    kg = _build(data_dir, country)
    results = validate(kg)
    problems = [p for r in results for p in r.problems]
    report_problems(problems)
    if not all(r.conforms for r in results):
        raise InputError([p for p in problems if p.severity == "error"])
    fmt = "nt" if out.suffix == ".nt" else "ttl"
    export.write(kg, fmt, out)
    typer.echo(f"wrote {out} ({kg.triple_count} triples, {len(kg.countries)} countr{'y' if len(kg.countries) == 1 else 'ies'})")


@app.command()
@user_errors
def validate(data_dir: DataDir = DEFAULT_DATA_DIR, country: CountryOpt = None) -> None:
    """Check the sources and SHACL-validate the graph; exit 0 only if it conforms."""
    from kg.validate import validate as run

    kg = _build(data_dir, country)
    results = run(kg)
    report_problems([p for r in results for p in r.problems])
    for r in results:
        errors = sum(1 for p in r.problems if p.severity == "error")
        warnings = sum(1 for p in r.problems if p.severity == "warning")
        typer.echo(f"{r.country}: {'conforms' if r.conforms else 'does NOT conform'} ({r.triples} triples; {errors} errors, {warnings} warnings)")
    typer.echo(f"load warnings: {len(kg.warnings)}")
    if not all(r.conforms for r in results):
        raise typer.Exit(1)


@app.command()
@user_errors
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="ttl, nt, jsonld, graphml or csv.")],
    out: Annotated[Optional[Path], typer.Option(help="Output file (a folder for csv). Default: stdout; for csv build/csv.")] = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    country: Annotated[Optional[str], typer.Option("--country", help="Only this country (ISO3) with the reference layer.")] = None,
) -> None:
    """Export the knowledge graph."""
    from kg import export as exporter

    kg = _build(data_dir, [country] if country else None, quiet_warnings=True)
    if format is ExportFormat.csv or out is not None:
        target = out or Path("build/csv")
        for path in exporter.write(kg, format.value, target, country):
            err(f"wrote {path}")
        return
    sys.stdout.buffer.write(exporter.render(kg, format.value, country))  # type: ignore[arg-type]


@app.command()
@user_errors
def stats(
    data_dir: DataDir = DEFAULT_DATA_DIR,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Counts: reference layer, triples and per-country actors, responsibilities, instruments, bodies."""
    from kg.stats import stats as compute

    result = compute(_build(data_dir, quiet_warnings=True))
    if as_json:
        typer.echo(json.dumps(result, indent=2))
        return
    for key, value in result.items():
        if key != "countries":
            typer.echo(f"{key}: {value}")
    for iso3, counts in result["countries"].items():
        typer.echo(f"{iso3}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


@reference_app.command("regenerate")
def reference_regenerate(
    source: Annotated[Path, typer.Option("--from", help="Folder with the official downloads (see ../shared/reference).")],
    out: Annotated[Path, typer.Option(help="Where to write the reference CSVs.")] = DEFAULT_DATA_DIR / "reference",
) -> None:
    """Regenerate the reference CSVs from the official UN downloads."""
    from ingest.reference import regenerate

    try:
        counts = regenerate(source, out)
    except ValueError as exc:
        err(f"error: {exc}")
        raise typer.Exit(2) from None
    for name, count in counts.items():
        typer.echo(f"{name}: {count} rows")


def main() -> None:  # pragma: no cover - console entry
    app()


def _one_format(**chosen: bool) -> str | None:
    picked = [name for name, on in chosen.items() if on]
    if len(picked) > 1:
        err(f"error: choose one output format, not {' and '.join('--' + p for p in picked)}")
        raise typer.Exit(2)
    return picked[0] if picked else None


@app.command()
@user_errors
def gaps(
    country: Annotated[Optional[str], typer.Option("--country", help="ISO3 code of the country to analyse.")] = None,
    all_countries: Annotated[bool, typer.Option("--all", help="Every country, with objectives ranked by how many leave them with status gap.")] = False,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    as_json: AsJson = False,
    as_md: Annotated[bool, typer.Option("--md", help="Print Markdown (the default).")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV (one row per finding; with --all, the ranking).")] = False,
) -> None:
    """Responsibility gaps per GCM objective: uncovered, no lead, contested lead, uncoordinated, and warnings."""
    from kg import gap_report
    from kg import gaps as rules
    from kg.projection import project

    fmt = _one_format(json=as_json, md=as_md, csv=as_csv) or "md"
    if bool(country) == all_countries:
        err("error: give --country ISO3 or --all")
        raise typer.Exit(2)
    kg = _build(data_dir, [country] if country else None, quiet_warnings=True)
    graph = project(kg, country)
    if all_countries:
        typer.echo(gap_report.render_all(rules.analyse_all(graph), fmt), nl=False)
    else:
        typer.echo(gap_report.render(rules.analyse(graph, country), fmt), nl=False)


@app.command()
@user_errors
def matrix(
    country: Annotated[str, typer.Option("--country", help="ISO3 code of the country.")],
    data_dir: DataDir = DEFAULT_DATA_DIR,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV (the default).")] = False,
    as_json: AsJson = False,
) -> None:
    """The coverage matrix: GCM objectives × actors, each cell the roles held (e.g. lead;support), with each objective's status."""
    from kg import gap_report
    from kg.gaps import coverage_matrix
    from kg.projection import project

    fmt = _one_format(csv=as_csv, json=as_json) or "csv"
    kg = _build(data_dir, [country], quiet_warnings=True)
    typer.echo(gap_report.render_matrix(coverage_matrix(project(kg, country), country), fmt), nl=False)


# Neo4j sync, named questions and the read-only console (kg/cli_store.py).
from kg.cli_store import register as _register_store_commands  # noqa: E402

_register_store_commands(app)


# Documents as evidence: `migkg ingest-doc` and `migkg review` (kg/documents/cli.py).
from kg.documents.cli import register as _register_documents  # noqa: E402

_register_documents(app)


@app.command()
def synth(
    out: Annotated[Path, typer.Option("--out", help="Folder to write: reference/ (a link to the shipped one) and countries/<ISO3>/.", file_okay=False)],
    countries: Annotated[int, typer.Option("--countries", help="How many synthetic countries (real ISO3 codes, fake content).")] = 190,
    seed: Annotated[int, typer.Option("--seed", help="Same seed, byte-identical files.")] = 0,
) -> None:
    """Write synthetic country folders in the template format, for scale tests (every source marked synthetic)."""
    from kg.synth import generate

    try:
        written = generate(out, countries=countries, seed=seed)
    except ValueError as exc:
        err(f"error: {exc}")
        raise typer.Exit(2) from None
    typer.echo(f"wrote {len(written)} synthetic countries to {out / 'countries'} (seed {seed})")


@app.command()
def bench(
    countries: Annotated[int, typer.Option("--countries", help="Synthetic countries to generate and measure.")] = 190,
    seed: Annotated[int, typer.Option("--seed")] = 0,
    repeat: Annotated[int, typer.Option("--repeat", help="Runs per figure (the median is reported).")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    workdir: Annotated[Optional[Path], typer.Option("--workdir", help="Keep the generated data and the export here.", file_okay=False)] = None,
) -> None:
    """Scale benchmark: build, validate, project, gaps, export, SPARQL and memory against pyoxigraph's parse (docs/performance.md)."""
    from kg import bench as runner

    try:
        runner.check_arguments(countries, repeat)
    except ValueError as exc:
        err(f"error: {exc}")
        raise typer.Exit(2) from None
    result = runner.run(countries, seed, repeat, workdir, log=None if as_json else err)
    typer.echo(json.dumps(result, indent=2) if as_json else runner.report(result), nl=as_json)
