"""SHACL validation of the built graph against ``ontology/shapes.ttl``, one country at a time.

Record-level checks (ids, code lists, references) already ran while loading;
SHACL checks that the RDF the build emits conforms to the ontology's shapes —
it guards the build itself as much as the data. Each country is validated with
the reference layer and the ontology in one small rdflib graph, so memory and
time grow with the largest country, not with the number of countries.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyshacl
import rdflib
from rdflib.namespace import SH

from kg import namespaces as ns
from kg.paths import ONTOLOGY_DIR, countries_dir
from kg.perf import paused_gc
from kg.problems import Problem


@lru_cache(maxsize=1)
def shapes_graph(ontology_dir: Path = ONTOLOGY_DIR) -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir / "shapes.ttl", format="turtle")


@dataclass(frozen=True)
class ValidationResult:
    country: str
    conforms: bool
    problems: tuple[Problem, ...]
    triples: int


def _locations(kg, iso3: str) -> dict[str, Problem]:
    """Where each country node came from (file and line), to locate SHACL results."""
    country = kg.country(iso3)
    folder = countries_dir(kg.data_dir) / iso3 if kg.data_dir else Path(iso3)
    out: dict[str, Problem] = {}
    for a in country.actors:
        out[ns.scoped_iri(iso3, "actor", a.id)] = Problem(str(folder / "actors.csv"), "", line=a.line)
    for r in country.responsibilities:
        out[ns.scoped_iri(iso3, "responsibility", r.id)] = Problem(str(folder / "responsibilities.csv"), "", line=r.line)
    for i in country.instruments:
        out[ns.scoped_iri(iso3, "instrument", i.id)] = Problem(str(folder / "instruments.csv"), "", line=i.line)
    for m in country.memberships:
        out[ns.scoped_iri(iso3, "membership", f"{m.body}.{m.member}")] = Problem(str(folder / "coordination.csv"), "", line=m.line)
    return out


def validate_country(kg, iso3: str) -> ValidationResult:
    """SHACL-validate the ontology + reference layer + one country."""
    data = rdflib.Graph()
    data.parse(data=kg.ntriples(iso3), format="nt")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True)
    locations = _locations(kg, iso3)
    problems: list[Problem] = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = str(results.value(result, SH.focusNode))
        message = str(results.value(result, SH.resultMessage) or "does not conform")
        path = results.value(result, SH.resultPath)
        severity = "warning" if results.value(result, SH.resultSeverity) != SH.Violation else "error"
        where = locations.get(focus, Problem(ns.compact(focus), ""))
        detail = f"{ns.compact(focus)}: {message}" + (f" (property {ns.compact(str(path))})" if path is not None else "")
        problems.append(Problem(where.file, detail, line=where.line, severity=severity))
    problems.sort(key=lambda p: (p.severity, p.file, p.line or 0, p.message))
    errors = [p for p in problems if p.severity == "error"]
    return ValidationResult(iso3, not errors, tuple(problems), len(data))


def _result(kg, iso3: str, findings, triples: int) -> ValidationResult:
    """Fast-engine results as a :class:`ValidationResult` worded exactly as :func:`validate_country`'s."""
    locations = _locations(kg, iso3) if findings else {}
    problems: list[Problem] = []
    for f in findings:
        focus = f.focus[1:-1] if f.focus.startswith("<") else f.focus
        where = locations.get(focus, Problem(ns.compact(focus), ""))
        detail = f"{ns.compact(focus)}: {f.message or 'does not conform'}" + (f" (property {f.path})" if f.path is not None else "")
        problems.append(Problem(where.file, detail, line=where.line, severity=f.severity))  # type: ignore[arg-type]
    problems.sort(key=lambda p: (p.severity, p.file, p.line or 0, p.message))
    errors = [p for p in problems if p.severity == "error"]
    return ValidationResult(iso3, not errors, tuple(problems), triples)


def validate_fast(kg, countries: list[str] | None = None) -> list[ValidationResult]:
    """The same validation as :func:`validate_country` for each country, by :mod:`kg.shacl_fast`.

    The shared layers (ontology + reference) are indexed and checked once; each
    country is then checked against ``shared ∪ country``. Raises
    :class:`kg.shacl_fast.Unsupported` if the shapes use a feature the engine lacks.
    """
    from kg import shacl_fast

    shapes = shacl_fast.default_shapes()
    out: list[ValidationResult] = []
    with paused_gc():
        shared = shacl_fast.Index.from_lines(kg._shared_triples())
        shared_findings = shacl_fast.check(shacl_fast.Data(shared), shapes)
        for iso3 in countries if countries is not None else list(kg.countries):
            index = shacl_fast.Index.from_lines(kg.country_triples(iso3))
            findings = shared_findings + shacl_fast.check(shacl_fast.Data(shared, index), shapes, only=index)
            out.append(_result(kg, iso3, findings, shared.count + index.count))
    return out


def validate(kg, engine: str = "fast") -> list[ValidationResult]:
    """Validate every country: with the fast engine (default; pyshacl if the shapes need a
    feature it lacks) or with ``engine="pyshacl"``, the reference."""
    if engine == "fast":
        from kg.shacl_fast import Unsupported

        try:
            return validate_fast(kg)
        except Unsupported:
            pass
    elif engine != "pyshacl":
        raise ValueError(f"unknown engine {engine!r}; allowed: fast, pyshacl")
    return [validate_country(kg, iso3) for iso3 in kg.countries]
