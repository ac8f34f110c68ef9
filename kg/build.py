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
from kg.documents.graph import emit_documents
from kg.documents.store import load_records
from kg.models import Country, Reference
from kg.paths import DEFAULT_DATA_DIR, countries_dir, reference_dir
from kg.perf import paused_gc
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
    documents: dict[str, tuple[dict, ...]] = field(default_factory=dict, compare=False)
    """Ingested document records per country (``migkg ingest-doc``): documents, mentions, practices."""

    def country(self, iso3: str) -> Country:
        try:
            return self.countries[iso3]
        except KeyError:
            known = ", ".join(self.countries) or "none"
            raise InputError([Problem(str(self.data_dir or "data"), f"unknown country {iso3!r}; countries in the data: {known}")]) from None

    def triples(self, country: str | None = None, ontology: bool = True) -> Iterator[str]:
        """N-Triples statements: ontology, reference layer and one or all countries."""
        yield from self._shared_triples(ontology)
        for iso3 in self.countries:
            if country is None or iso3 == country:
                yield from self.country_triples(iso3)

    def country_triples(self, iso3: str) -> Iterator[str]:
        """One country's statements: its curated records, then its ingested documents."""
        record = self.countries[iso3]
        yield from rdf.emit_country(record, self.vocab)
        yield from emit_documents(self.documents.get(iso3, ()), record)

    def _shared_triples(self, ontology: bool = True) -> Iterator[str]:
        """The layers every country shares: the ontology (optional) and the reference layer."""
        if ontology:
            yield from rdf.emit_ontology()
        yield from rdf.emit_reference(self.reference)

    def ntriples(self, country: str | None = None, ontology: bool = True) -> bytes:
        return b"".join(self.ntriples_chunks(country, ontology))

    def ntriples_chunks(self, country: str | None = None, ontology: bool = True) -> Iterator[bytes]:
        """The N-Triples document in pieces: the shared layers, then one piece per country.

        Joining and encoding a country at a time keeps the text of one country, not
        of the whole graph, in memory beside the bytes (and stays ASCII-fast where
        the text is ASCII); ``b"".join`` of the pieces equals :meth:`ntriples`.
        """
        yield rdf.ntriples(self._shared_triples(ontology))
        for iso3 in self.countries:
            if country is None or iso3 == country:
                yield rdf.ntriples(self.country_triples(iso3))

    @cached_property
    def triple_count(self) -> int:
        """Distinct triples of the whole graph.

        Every statement a country emits has a subject of its own (``mkgid:<ISO3>/…``
        or its country node), so countries share no triple with each other or with
        the shared layers: distinct triples are counted a country at a time.
        """
        total = len(set(self._shared_triples()))
        for iso3 in self.countries:
            total += len(set(self.country_triples(iso3)))
        return total


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
    with paused_gc():
        _load_countries(data_dir, wanted, available, reference, vocab, problems, loaded)
    problems.raise_if_errors()
    records = load_records(data_dir, problems=problems)
    documents = {iso3: tuple(r for r in records if r["document"].get("country") == iso3) for iso3 in loaded}
    return KnowledgeGraph(reference, loaded, vocab, tuple(problems.warnings), data_dir, documents)


def _load_countries(data_dir: Path, wanted: list[str], available: list[str], reference: Reference, vocab: Vocabulary,
                    problems: ProblemList, loaded: dict[str, Country]) -> None:
    for iso3 in wanted:
        if iso3 not in available:
            problems.error(countries_dir(data_dir) / iso3, f"no such country folder; available: {', '.join(available) or 'none'}")
            continue
        country, country_problems = load_country(countries_dir(data_dir) / iso3, reference, vocab)
        problems.extend(country_problems)
        if country is not None:
            loaded[iso3] = country
