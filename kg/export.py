"""Exports: Turtle, N-Triples, JSON-LD, GraphML and CSV (nodes and edges).

RDF formats come from the N-Triples the build emits (Turtle through pyoxigraph,
JSON-LD through rdflib with a compact ``@context``); GraphML and CSV come from
the networkx projection. Every writer builds the whole output in memory first
and then replaces the target atomically.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import rdflib

from kg import atomic
from kg.namespaces import PREFIXES
from kg.projection import project

FORMATS = ("ttl", "nt", "jsonld", "graphml", "csv")


def to_turtle(kg, country: str | None = None) -> bytes:
    triples = ox.parse(kg.ntriples(country), format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def to_jsonld(kg, country: str | None = None) -> bytes:
    graph = rdflib.Graph()
    graph.parse(data=kg.ntriples(country), format="nt")
    context = {prefix: iri for prefix, iri in PREFIXES.items()}
    return graph.serialize(format="json-ld", context=context, auto_compact=True, indent=1).encode("utf-8")


def _scalar_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy without empty attributes (GraphML wants one type per attribute)."""
    out = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        out.add_node(node, **{k: v for k, v in attrs.items() if v not in ("", None)})
    for u, v, k, attrs in graph.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **{a: b for a, b in attrs.items() if b not in ("", None)})
    return out


def to_graphml(kg, country: str | None = None) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(_scalar_graph(project(kg, country)), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_csv(kg, country: str | None = None) -> dict[str, bytes]:
    """``nodes.csv`` (id, kind, label, attributes…) and ``edges.csv`` (from, to, rel, attributes…).

    Edge ends are ``from``/``to`` because ``source`` is an attribute: the document a row cites.
    """
    graph = project(kg, country)
    node_fields = ["id", "kind", "label"] + sorted({k for _, a in graph.nodes(data=True) for k in a} - {"kind", "label"})
    edge_fields = ["from", "to", "rel"] + sorted({k for *_, a in graph.edges(data=True) for k in a} - {"rel"})
    nodes, edges = io.StringIO(), io.StringIO()
    writer = csv.DictWriter(nodes, node_fields, lineterminator="\n")
    writer.writeheader()
    for node, attrs in sorted(graph.nodes(data=True)):
        writer.writerow({"id": node, **attrs})
    writer = csv.DictWriter(edges, edge_fields, lineterminator="\n")
    writer.writeheader()
    for u, v, attrs in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["rel"])):
        writer.writerow({"from": u, "to": v, **attrs})
    return {"nodes.csv": nodes.getvalue().encode("utf-8"), "edges.csv": edges.getvalue().encode("utf-8")}


def render(kg, fmt: str, country: str | None = None) -> bytes | dict[str, bytes]:
    """The export in memory: bytes, or for ``csv`` a mapping of file name to bytes."""
    if fmt == "ttl":
        return to_turtle(kg, country)
    if fmt == "nt":
        return kg.ntriples(country)
    if fmt == "jsonld":
        return to_jsonld(kg, country)
    if fmt == "graphml":
        return to_graphml(kg, country)
    if fmt == "csv":
        return to_csv(kg, country)
    raise ValueError(f"unknown format {fmt!r}; allowed: {', '.join(FORMATS)}")


def write(kg, fmt: str, out: Path, country: str | None = None) -> list[Path]:
    """Render, then write atomically: a file, or for ``csv`` a folder with nodes.csv and edges.csv.

    N-Triples is written a country at a time (:meth:`KnowledgeGraph.ntriples_chunks`),
    so a 190-country export never holds the whole document in memory.
    """
    if fmt == "nt" and hasattr(kg, "ntriples_chunks"):
        atomic.write_chunks(out, kg.ntriples_chunks(country))
        return [out]
    data = render(kg, fmt, country)
    if isinstance(data, dict):
        with atomic.directory(out) as tmp:
            for name, content in data.items():
                (tmp / name).write_bytes(content)
        return [out / name for name in data]
    atomic.write_bytes(out, data)
    return [out]

