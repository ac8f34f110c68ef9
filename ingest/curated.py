"""The hand-curated reference files: loading and cross-checking.

``gcm_sdg_alignment.csv``, ``mgi_domains.csv`` and ``migof.csv`` are not derived from the
downloads; they are edited by hand and shipped. The converter checks them against the
data it generates: every objective, target, MiGOF item and source they cite must exist.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ingest.errors import SourceFileError
from ingest.models import Alignment, MgiDomain, MigofItem, Record, columns


@dataclass(frozen=True)
class Curated:
    filename: str
    model: type[Record]


CURATED: dict[str, Curated] = {
    "gcm_sdg_alignment": Curated("gcm_sdg_alignment.csv", Alignment),
    "mgi_domains": Curated("mgi_domains.csv", MgiDomain),
    "migof": Curated("migof.csv", MigofItem),
}


def read_records(path: Path, model: type[Record]) -> tuple[Record, ...]:
    """Read a CSV written with ``model``'s columns back into records (strict header)."""
    if not path.is_file():
        raise SourceFileError(path, "missing file")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = tuple(next(reader, ()))
        if header != columns(model):
            raise SourceFileError(path, f"expected header {','.join(columns(model))}, found {','.join(header)}")
        records = []
        for line, row in enumerate(reader, start=2):
            if len(row) != len(header):
                raise SourceFileError(path, f"line {line}: {len(row)} cells, expected {len(header)}")
            try:
                records.append(model(**dict(zip(header, row, strict=True))))
            except ValidationError as error:
                first = error.errors()[0]
                field = ".".join(map(str, first["loc"]))
                raise SourceFileError(path, f"line {line}: {field}: {first['msg']}") from error
    return tuple(records)


def load_curated(ref_dir: Path, *, required: bool) -> dict[str, tuple[Record, ...]]:
    """The curated files found in ``ref_dir`` (all of them when ``required``)."""
    loaded = {}
    for name, curated in CURATED.items():
        path = ref_dir / curated.filename
        if path.is_file() or required:
            loaded[name] = read_records(path, curated.model)
    return loaded


def _duplicates(values: Iterable) -> list:
    return [value for value, count in Counter(values).items() if count > 1]


def check_curated(
    ref_dir: Path,
    curated: dict[str, tuple[Record, ...]],
    *,
    objectives: set[int],
    targets: set[str],
    source_ids: set[str],
) -> None:
    """Raise ``SourceFileError`` (a ValueError naming the file) on any dangling or duplicate reference."""
    if "gcm_sdg_alignment" in curated:
        path = ref_dir / CURATED["gcm_sdg_alignment"].filename
        rows: tuple[Alignment, ...] = curated["gcm_sdg_alignment"]  # type: ignore[assignment]
        for row in rows:
            if row.objective not in objectives:
                raise SourceFileError(path, f"unknown objective {row.objective}")
            if row.target not in targets:
                raise SourceFileError(path, f"objective {row.objective}: unknown SDG target {row.target!r}")
            if row.source not in source_ids:
                raise SourceFileError(path, f"{row.objective}-{row.target}: unknown source {row.source!r}")
        if dup := _duplicates((row.objective, row.target) for row in rows):
            raise SourceFileError(path, f"duplicate objective-target pairs {dup}")
        if missing := sorted(objectives - {row.objective for row in rows}):
            raise SourceFileError(path, f"objectives without any alignment: {missing}")
    if "migof" in curated:
        path = ref_dir / CURATED["migof"].filename
        items: tuple[MigofItem, ...] = curated["migof"]  # type: ignore[assignment]
        for item in items:
            if item.id != f"{item.kind}/{item.number}":
                raise SourceFileError(path, f"id {item.id!r} should be {item.kind}/{item.number}")
            if item.source not in source_ids:
                raise SourceFileError(path, f"{item.id}: unknown source {item.source!r}")
        expected_ids = sorted(f"{kind}/{n}" for kind in ("principle", "objective") for n in (1, 2, 3))
        if sorted(item.id for item in items) != expected_ids:
            raise SourceFileError(path, "expected principle/1..3 and objective/1..3, once each")
    if "mgi_domains" in curated:
        path = ref_dir / CURATED["mgi_domains"].filename
        domains: tuple[MgiDomain, ...] = curated["mgi_domains"]  # type: ignore[assignment]
        if "migof" not in curated:
            raise SourceFileError(path, f"refers to {CURATED['migof'].filename}, which is missing")
        migof_ids = {item.id for item in curated["migof"]}  # type: ignore[attr-defined]
        for domain in domains:
            if domain.migof not in migof_ids:
                raise SourceFileError(path, f"{domain.id}: unknown MiGOF item {domain.migof!r}")
            if domain.source not in source_ids:
                raise SourceFileError(path, f"{domain.id}: unknown source {domain.source!r}")
        if sorted(domain.number for domain in domains) != [1, 2, 3, 4, 5, 6]:
            raise SourceFileError(path, "expected domains numbered 1..6, once each")
        if dup := _duplicates(domain.id for domain in domains):
            raise SourceFileError(path, f"duplicate ids {dup}")
