"""Where ingested documents and their candidate relations are kept.

- ``<data>/documents/records/<doc-id>.json``: one file per ingested document (its
  metadata, mentions, candidate relations and practice, as printed by
  ``migkg ingest-doc --json``). The graph's documents, mentions and practices,
  and :func:`kg.documents.graph.mentions_of`, are read from here.
- ``<data>/countries/<ISO3>/candidates.csv``: the candidate relations whose actor
  belongs to that country, one row each, with a ``status`` column (``pending``,
  ``accepted``, ``rejected``) that ``migkg review`` updates. The country loader
  ignores this file: candidates are never curated data until accepted.

Every write goes through :mod:`kg.atomic` (a temporary file renamed into place).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from kg import atomic
from kg.documents.model import IngestResult
from kg.paths import countries_dir
from kg.problems import ProblemList
from kg.tables import read_csv

CANDIDATE_COLUMNS = (
    "id", "status", "kind", "actor", "role", "objective", "body", "practice", "document", "document_title", "url",
    "evidence", "locator", "pattern", "score", "reviewed", "note",
)
STATUSES = ("pending", "known", "accepted", "rejected")  # known: the curated files already say it


def records_dir(data_dir: Path) -> Path:
    return data_dir / "documents" / "records"


def candidates_path(data_dir: Path, iso3: str) -> Path:
    return countries_dir(data_dir) / iso3 / "candidates.csv"


def save(data_dir: Path, result: IngestResult, countries: dict | None = None) -> dict[str, tuple[int, int, Path]]:
    """Store a document's record and add its new candidates to each country's file, all files
    together or none (:func:`kg.atomic.write_files`); the summary of :func:`merge_candidates`."""
    summary, files = merge_candidates(data_dir, result, countries)
    path, data = record_file(data_dir, result)
    atomic.write_files({path: data, **files})
    return summary


def record_file(data_dir: Path, result: IngestResult) -> tuple[Path, bytes]:
    """Where a document's record is stored, and its bytes."""
    path = records_dir(data_dir) / f"{result.document.id}.json"
    return path, (json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


DAMAGED_RECORD = "damaged document record"
"""How every problem with a stored record starts (the explorer counts them)."""


def load_records(data_dir: Path, country: str | None = None, problems: ProblemList | None = None) -> list[dict]:
    """Every stored record (of one country's documents when ``country`` is given), by document id.

    A damaged record (not UTF-8 JSON, or not a record) is left out and reported, located, as a
    warning in ``problems``: the record is derived data that re-ingesting its document rebuilds, so it
    does not stop the build. Without ``problems`` a damaged record is an :class:`InputError`.
    """
    folder = records_dir(data_dir)
    if not folder.is_dir():
        return []
    found = ProblemList()
    out = []
    for path in sorted(folder.glob("*.json")):
        record = _read_record(path, found)
        if record is not None and (country is None or record["document"].get("country") == country):
            out.append(record)
    if problems is None:
        found.raise_if_errors()
    else:
        for p in found.errors:
            problems.warning(p.file, p.message, line=p.line, column=p.column)
    return out


def load_record(data_dir: Path, doc_id: str) -> dict | None:
    """One stored record, ``None`` if there is none; :class:`InputError` if it is damaged."""
    path = records_dir(data_dir) / f"{doc_id}.json"
    if not path.is_file():
        return None
    problems = ProblemList()
    record = _read_record(path, problems)
    problems.raise_if_errors()
    return record


def _read_record(path: Path, problems: ProblemList) -> dict | None:
    fix = "it is left out: re-ingest its document (migkg ingest-doc) or delete the file"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        problems.error(path, f"{DAMAGED_RECORD}: not valid JSON ({exc.msg}); {fix}", line=exc.lineno, column=exc.colno)
        return None
    except (OSError, UnicodeDecodeError) as exc:
        problems.error(path, f"{DAMAGED_RECORD}: cannot be read ({getattr(exc, 'strerror', None) or exc}); {fix}")
        return None
    if not isinstance(record, dict) or not isinstance(record.get("document"), dict) or not record["document"].get("id"):
        problems.error(path, f"{DAMAGED_RECORD}: not a record of migkg ingest-doc (no 'document' with an 'id'); {fix}")
        return None
    return record


def read_candidates(path: Path) -> list[dict[str, str]]:
    """The rows of a country's candidates file (none when there is no file yet).

    The file is meant to be opened in a spreadsheet, so it is read like the curated CSVs
    (:func:`kg.tables.read_csv`): a bad byte, a missing column or a malformed row is a located
    :class:`~kg.problems.InputError`, never a traceback or a silently shorter list.
    """
    if not path.is_file():
        return []
    problems = ProblemList()
    required = ("id", "status", "kind")
    rows = read_csv(path, problems, required, optional=tuple(c for c in CANDIDATE_COLUMNS if c not in required))
    problems.raise_if_errors()
    return [dict(row.cells) for row in rows or []]


def candidates_bytes(rows: list[dict[str, str]]) -> bytes:
    """A candidates file holding ``rows``."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(CANDIDATE_COLUMNS), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in CANDIDATE_COLUMNS})
    return buffer.getvalue().encode("utf-8")


def local_id(compact: str) -> str:
    """``mkgid:BGD/actor/bmet`` → ``bmet``; ``mkgid:gcm/objective/6`` → ``6``."""
    return compact.rsplit("/", 1)[-1]


def country_of(compact: str) -> str | None:
    """The ISO3 code of a country-scoped id (``mkgid:BGD/actor/bmet`` → ``BGD``)."""
    if compact.startswith("mkgid:") and compact.count("/") == 2:
        head = compact[len("mkgid:"):].split("/", 1)[0]
        if len(head) == 3 and head.isupper():
            return head
    return None


def candidate_rows(result: IngestResult) -> dict[str, list[dict[str, str]]]:
    """The result's relations as candidate rows, grouped by the country of their actor."""
    doc = result.document
    out: dict[str, list[dict[str, str]]] = {}
    for r in result.relations:
        iso3 = country_of(r.subject)
        if iso3 is None:
            continue
        row = {
            "id": r.id, "status": "pending", "kind": r.kind, "actor": local_id(r.subject), "role": r.role,
            "objective": str(r.objective) if r.objective is not None else "",
            "body": local_id(r.object) if r.kind == "membership" else "",
            "practice": r.object if r.kind == "implements" else "",
            "document": doc.id, "document_title": doc.title, "url": doc.url, "evidence": r.sentence,
            "locator": f"chars {r.start}-{r.end}", "pattern": r.pattern, "score": f"{r.score:.2f}", "reviewed": "", "note": "",
        }
        out.setdefault(iso3, []).append(row)
    return out


def curated_keys(country) -> set[tuple]:
    """What a country's curated files already state: memberships and (actor, objective) responsibilities."""
    keys: set[tuple] = {("membership", m.member, m.body) for m in country.memberships}
    keys |= {("responsibility", r.actor, str(r.objective)) for r in country.responsibilities}
    return keys


def merge_candidates(
    data_dir: Path, result: IngestResult, countries: dict | None = None,
) -> tuple[dict[str, tuple[int, int, Path]], dict[Path, bytes]]:
    """The result's new candidates added to each country's file: ``{iso3: (new, already there, path)}``
    and the candidates files that change, as bytes (written by :func:`save`).

    A candidate already in the file (same id) keeps its status and review note. With ``countries``
    (ISO3 → loaded :class:`kg.models.Country`), a new candidate that the curated files already state
    gets status ``known`` instead of ``pending``.
    """
    summary, files = {}, {}
    for iso3, rows in candidate_rows(result).items():
        if countries and iso3 in countries:
            curated = curated_keys(countries[iso3])
            for row in rows:
                if (row["kind"], row["actor"], row["body"] or row["objective"]) in curated:
                    row["status"] = "known"
        path = candidates_path(data_dir, iso3)
        existing = read_candidates(path)
        known = {row.get("id") for row in existing}
        new = [row for row in rows if row["id"] not in known]
        if new:
            files[path] = candidates_bytes(existing + new)
        summary[iso3] = (len(new), len(rows) - len(new), path)
    return summary, files
