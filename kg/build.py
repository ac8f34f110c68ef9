"""Sources → typed, validated records → the knowledge graph.

:func:`build` reads the reference layer and every country folder, checks them
(all problems at once, each located) and returns a :class:`KnowledgeGraph`:
the records plus ways to see them as RDF (N-Triples text, a pyoxigraph store,
an rdflib graph for SHACL) and as a networkx projection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator

from kg import rdf
from kg.country import load_country
from kg.models import Country, Reference
from kg.paths import DEFAULT_DATA_DIR, countries_dir, reference_dir
from kg.problems import InputError, Problem, ProblemList
from kg.reference import load_reference
from kg.vocab import Vocabulary, default_vocabulary


@dataclass(frozen=True, eq=False)
class KnowledgeGraph:
    """The built graph: records by country, with RDF and networkx views on demand."""

    reference: Reference
    countries: dict[str, Country]
    vocab: Vocabulary
    warnings: tuple[Problem, ...] = ()
    data_dir: Path | None = field(default=None, compare=False)

    def country(self, iso3: str) -> Country:
        try:
            return self.countries[iso3]
        except KeyError:
            known = ", ".join(self.countries) or "none"
            raise InputError([Problem(str(self.data_dir or "data"), f"unknown country {iso3!r}; countries in the data: {known}")]) from None

    def triples(self, country: str | None = None, ontology: bool = True) -> Iterator[str]:
        """N-Triples statements: ontology, reference layer and one or all countries."""
        if ontology:
            yield from rdf.emit_ontology()
        yield from rdf.emit_reference(self.reference)
        for iso3, record in self.countries.items():
            if country is None or iso3 == country:
                yield from rdf.emit_country(record, self.vocab)

    def ntriples(self, country: str | None = None, ontology: bool = True) -> bytes:
        return rdf.ntriples(self.triples(country, ontology))

    @cached_property
    def triple_count(self) -> int:
        return len(set(self.triples()))


def discover_countries(data_dir: Path) -> list[str]:
    """Country folders under ``data/countries`` (folders starting with ``_`` or ``.`` are skipped)."""
    folder = countries_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name[0] not in "._")


def build(data_dir: Path = DEFAULT_DATA_DIR, countries: list[str] | None = None, vocab: Vocabulary | None = None) -> KnowledgeGraph:
    """Load and check everything under ``data_dir``; raise :class:`InputError` listing every error."""
    vocab = vocab or default_vocabulary()
    problems = ProblemList()
    if not data_dir.is_dir():
        raise InputError([Problem(str(data_dir), "data folder not found")])
    reference, ref_problems = load_reference(reference_dir(data_dir))
    problems.extend(ref_problems)
    problems.raise_if_errors()
    available = discover_countries(data_dir)
    wanted = countries or available
    loaded: dict[str, Country] = {}
    for iso3 in wanted:
        if iso3 not in available:
            problems.error(countries_dir(data_dir) / iso3, f"no such country folder; available: {', '.join(available) or 'none'}")
            continue
        country, country_problems = load_country(countries_dir(data_dir) / iso3, reference, vocab)
        problems.extend(country_problems)
        if country is not None:
            loaded[iso3] = country
    problems.raise_if_errors()
    return KnowledgeGraph(reference, loaded, vocab, tuple(problems.warnings), data_dir)
