"""Load the shipped global reference layer (GCM, SDGs, MGI, MiGOF) from ``data/reference``.

The files are produced by ``ingest/`` (see docs/reference-data.md); a user who
edits them gets located messages like for country files.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from kg.models import (
    Alignment,
    GcmAction,
    GcmObjective,
    GcmPrinciple,
    MgiDomain,
    MigofItem,
    Record,
    Reference,
    SdgGoal,
    SdgIndicator,
    SdgTarget,
    Source,
)
from kg.problems import ProblemList
from kg.tables import read_csv, read_yaml, yaml_line

R = TypeVar("R", bound=Record)

FILES: dict[str, tuple[str, type[Record]]] = {
    "objectives": ("gcm_objectives.csv", GcmObjective),
    "actions": ("gcm_actions.csv", GcmAction),
    "principles": ("gcm_principles.csv", GcmPrinciple),
    "goals": ("sdg_goals.csv", SdgGoal),
    "targets": ("sdg_targets.csv", SdgTarget),
    "indicators": ("sdg_indicators.csv", SdgIndicator),
    "alignments": ("gcm_sdg_alignment.csv", Alignment),
    "mgi_domains": ("mgi_domains.csv", MgiDomain),
    "migof": ("migof.csv", MigofItem),
}


def _records(path: Path, model: type[R], problems: ProblemList) -> list[R]:
    required = tuple(name for name, field in model.model_fields.items() if field.is_required())
    rows = read_csv(path, problems, required=required)
    out: list[R] = []
    for row in rows or ():
        values = {name: row.get(name) for name in model.model_fields if name in row.cells}
        try:
            out.append(model(**values))
        except ValidationError as exc:
            for err in exc.errors():
                column = str(err["loc"][0]) if err["loc"] else None
                where = row.where(column) if column else {"line": row.line}
                problems.error(path, err["msg"], **where)
    return out


def load_reference(reference_dir: Path) -> tuple[Reference, ProblemList]:
    """Read every reference file; problems (with locations) are returned, not raised."""
    problems = ProblemList()
    sources_doc = read_yaml(reference_dir / "sources.yaml", problems) or []
    sources: list[Source] = []
    for entry in sources_doc if isinstance(sources_doc, list) else []:
        try:
            sources.append(Source(**entry))
        except (ValidationError, TypeError) as exc:
            problems.error(reference_dir / "sources.yaml", f"bad source entry: {exc}", line=yaml_line(entry))
    tables = {key: _records(reference_dir / name, model, problems) for key, (name, model) in FILES.items()}
    reference = Reference(sources=tuple(sources), **{k: tuple(v) for k, v in tables.items()})
    _check_links(reference, reference_dir, problems)
    return reference, problems


def _check_links(ref: Reference, folder: Path, problems: ProblemList) -> None:
    source_ids = {s.id for s in ref.sources}
    objective_numbers = {o.number for o in ref.objectives}
    target_codes = {t.code for t in ref.targets}
    for key, (name, _) in FILES.items():
        for i, record in enumerate(getattr(ref, key)):
            if getattr(record, "source", None) not in source_ids:
                problems.error(folder / name, f"source {record.source!r} is not declared in sources.yaml", line=i + 2)
    for i, alignment in enumerate(ref.alignments):
        if alignment.objective not in objective_numbers:
            problems.error(folder / FILES["alignments"][0], f"unknown GCM objective {alignment.objective}", line=i + 2)
        if alignment.target not in target_codes:
            problems.error(folder / FILES["alignments"][0], f"unknown SDG target {alignment.target!r}", line=i + 2)
