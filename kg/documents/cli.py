"""``migkg ingest-doc`` and ``migkg review``: thin wrappers over :mod:`kg.documents`.

Registered on the main app by :func:`register` (called at the end of kg/cli.py).
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli import DataDir, _build, err, user_errors
from kg.paths import DEFAULT_DATA_DIR

review_app = typer.Typer(help="Review candidate relations extracted from documents (see docs/documents.md).", no_args_is_help=True)
CountryAll = Annotated[Optional[str], typer.Option("--country", help="ISO3 code (default: every country).")]


class StatusFilter(str, Enum):
    pending = "pending"
    known = "known"
    accepted = "accepted"
    rejected = "rejected"
    all = "all"


def _summary(result, saved: dict | None) -> str:
    by_type: dict[str, set] = {}
    for m in result.mentions:
        by_type.setdefault(m.entity_type, set()).add(m.entity_id)
    kinds = ", ".join(f"{len(v)} {k}" for k, v in sorted(by_type.items())) or "no entities"
    line = f"{result.document.path}: {result.document.id}: {len(result.mentions)} mentions of {kinds}; {len(result.relations)} candidate relation(s)"
    if result.practice:
        p = result.practice
        line += f"; practice '{p.title}' ({p.dates or 'no dates'}, {p.practice_type or 'no type'})"
    for iso3, (new, old, path) in (saved or {}).items():
        line += f"; {new} new candidate(s) in {path}" + (f" ({old} already there)" if old else "")
    return line


@user_errors
def ingest_doc(
    paths: Annotated[list[Path], typer.Argument(help="Text, Markdown, HTML or PDF files.", show_default=False)],
    country: Annotated[Optional[str], typer.Option("--country", help="ISO3 code: link that country's actors and file its candidates.")] = None,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON (one object; a list for several files).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only print: store no record and no candidate.")] = False,
) -> None:
    """Read documents, link their mentions to the graph and propose candidate relations for review.

    Each document is stored in DATA/documents/records/ and its candidates are added (status pending) to
    DATA/countries/<ISO3>/candidates.csv; review them with 'migkg review'. A file that cannot be read is
    reported and skipped; the exit code is then 2.
    """
    from kg.documents import store
    from kg.documents.errors import DocumentError
    from kg.documents.gazetteer import build_gazetteer
    from kg.documents.ingest import ingest_file

    kg = _build(data_dir, [country] if country else None, quiet_warnings=True)
    gaz = build_gazetteer(kg, country)
    outputs, failed = [], 0
    for path in paths:
        try:
            result = ingest_file(path, gaz, country)
        except DocumentError as exc:
            err(str(exc))
            failed += 1
            continue
        saved = None
        if not dry_run:
            saved = store.save(data_dir, result, kg.countries)  # record and candidates together, or nothing
        if as_json:
            outputs.append(result.to_json())
        else:
            typer.echo(_summary(result, saved))
    if as_json and outputs:
        typer.echo(json.dumps(outputs[0] if len(paths) == 1 else outputs, ensure_ascii=False, indent=2))
    if failed:
        err(f"{failed} of {len(paths)} file(s) could not be ingested" + ("; the others were." if failed < len(paths) else "."))
        raise typer.Exit(2)


@review_app.command("list")
@user_errors
def review_list(
    country: CountryAll = None,
    status: Annotated[StatusFilter, typer.Option("--status", help="pending, known (already in the curated files), accepted, rejected or all.")] = StatusFilter.pending,
    data_dir: DataDir = DEFAULT_DATA_DIR,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List candidate relations with their evidence sentence."""
    from kg.documents.review import list_candidates

    rows = list_candidates(data_dir, country, None if status is StatusFilter.all else status.value)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        typer.echo(f"no {'' if status is StatusFilter.all else status.value + ' '}candidates")
        return
    for r in rows:
        target = r["body"] or (f"GCM {r['objective']}" if r["objective"] else r["practice"])
        typer.echo(f"{r['id']}  {r['country']}  {r['status']:<8} {r['kind']:<14} {r['actor']} -{r['role']}-> {target}  "
                   f"(score {r['score']}, {r['pattern']}, {r['document']})")
        typer.echo(f"    \"{r['evidence'][:300]}\"")


@review_app.command("accept")
@user_errors
def review_accept(
    ids: Annotated[list[str], typer.Argument(help="Candidate ids (see 'migkg review list').", show_default=False)],
    country: CountryAll = None,
    status: Annotated[str, typer.Option("--status", help="Status of the responsibility rows written (mandated, planned, reported, extracted).")] = "extracted",
    role: Annotated[Optional[str], typer.Option("--role", help="Override the role (responsibility: lead, co-lead, support…; membership: chair, co-chair, member, secretariat).")] = None,
    objective: Annotated[Optional[str], typer.Option("--objective", help="GCM objective or action for the rows, e.g. 23 or 6.c.")] = None,
    note: Annotated[str, typer.Option("--note", help="Reviewer's note, kept with the candidate and the row.")] = "",
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Write accepted candidates into the country's CSV files (validated first) with the document as source."""
    from kg.documents.review import accept

    for d in accept(data_dir, ids, country, status=status, role=role, objective=objective, note=note):
        files = ", ".join(f"{n} row(s) to {name}" for name, n in d.rows.items())
        typer.echo(f"{d.iso3}: accepted {', '.join(d.ids)}: {files}" + ("; document added to country.yaml sources" if d.source_added else ""))


@review_app.command("reject")
@user_errors
def review_reject(
    ids: Annotated[list[str], typer.Argument(help="Candidate ids.", show_default=False)],
    country: CountryAll = None,
    note: Annotated[str, typer.Option("--note", help="Why (kept in candidates.csv).")] = "",
    data_dir: DataDir = DEFAULT_DATA_DIR,
) -> None:
    """Mark candidates rejected (kept, so re-ingesting the document does not propose them again)."""
    from kg.documents.review import reject

    for iso3, cids in reject(data_dir, ids, country, note=note).items():
        typer.echo(f"{iso3}: rejected {', '.join(cids)}")


def register(app: typer.Typer) -> None:
    """Add ``ingest-doc`` and the ``review`` group to the main app."""
    app.command("ingest-doc")(ingest_doc)
    app.add_typer(review_app, name="review")
