"""Parse what the exports write and check the triples a user relies on."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.namespaces import MKG, MKGID, SDG, SDGO

runner = CliRunner()
M = rdflib.Namespace(MKG)
ID = rdflib.Namespace(MKGID)


def export(data: Path, fmt: str, out: Path, *extra: str) -> Path:
    result = runner.invoke(app, ["export", "--format", fmt, "--data-dir", str(data), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def tiny_turtle(tiny: Path, tmp_path: Path) -> rdflib.Graph:
    path = export(tiny, "ttl", tmp_path / "tiny.ttl")
    return rdflib.Graph().parse(path, format="turtle")


def test_turtle_has_sdg_targets_under_un_uris(tiny_turtle: rdflib.Graph):
    target = URIRef(f"{SDG}10.7")
    assert (target, RDF.type, M.SDGTarget) in tiny_turtle
    assert (target, RDF.type, URIRef(f"{SDGO}Target")) in tiny_turtle
    assert (URIRef(f"{SDG}10"), URIRef(f"{SDGO}hasTarget"), target) in tiny_turtle
    targets = set(tiny_turtle.subjects(RDF.type, M.SDGTarget))
    assert len(targets) == 169
    assert all(str(t).startswith("http://metadata.un.org/sdg/") for t in targets)


def test_turtle_responsibility_carries_actor_role_source_and_evidence(tiny_turtle: rdflib.Graph):
    g = tiny_turtle
    rows = list(g.query(
        """SELECT ?r ?src ?title ?quote WHERE {
             ?r a mkg:Responsibility ; mkg:actor ?a ; mkg:objective ?o ; mkg:role ?role ; mkg:source ?src ; mkg:evidence ?e .
             ?a dct:identifier "mol" . ?o mkg:objectiveNumber 6 . ?src dct:title ?title . ?e mkg:quote ?quote }""",
        initNs={"mkg": M, "dct": rdflib.Namespace("http://purl.org/dc/terms/")},
    ))
    assert len(rows) == 1
    _, src, title, quote = rows[0]
    assert src == URIRef(f"{MKGID}XYZ/source/labour_act")
    assert str(title) == "Tinyland Labour Migration Act 2015"
    assert str(quote) == "The Ministry shall regulate recruitment."


def test_action_level_row_names_its_action_and_its_objective(tiny_turtle: rdflib.Graph):
    g = tiny_turtle
    (resp,) = [r for r in g.subjects(M.action, URIRef(f"{MKGID}gcm/action/6.c"))]
    assert (resp, M.objective, URIRef(f"{MKGID}gcm/objective/6")) in g
    assert (resp, M.actor, URIRef(f"{MKGID}XYZ/actor/bureau")) in g


def test_turtle_taskforce_co_chairs(tiny_turtle: rdflib.Graph):
    g = tiny_turtle
    body = URIRef(f"{MKGID}XYZ/actor/taskforce")
    co_chairs = {
        g.value(m, M.member)
        for m in g.subjects(M.body, body)
        if g.value(m, M.membershipRole) == URIRef(f"{MKGID}membership-role/co-chair")
    }
    assert co_chairs == {URIRef(f"{MKGID}XYZ/actor/mofa"), URIRef(f"{MKGID}XYZ/actor/mol")}
    assert (URIRef(f"{MKGID}XYZ/actor/ngo"), M.memberOf, body) in g
    assert (body, RDF.type, M.CoordinationBody) in g


def test_actor_types_parents_and_government_class(tiny_turtle: rdflib.Graph):
    g = tiny_turtle
    bureau = URIRef(f"{MKGID}XYZ/actor/bureau")
    assert (bureau, M.partOf, URIRef(f"{MKGID}XYZ/actor/mol")) in g
    assert (bureau, RDF.type, M.Department) in g
    assert (bureau, RDF.type, M.GovernmentActor) in g
    assert (URIRef(f"{MKGID}XYZ/actor/ngo"), RDF.type, M.GovernmentActor) not in g
    assert (bureau, RDFS.label, Literal("Bureau of Employment", lang="en")) in g


def test_jsonld_parses_to_the_same_graph_as_turtle(tiny: Path, tmp_path: Path, tiny_turtle: rdflib.Graph):
    path = export(tiny, "jsonld", tmp_path / "tiny.jsonld")
    doc = json.loads(path.read_text())
    assert "@context" in doc
    g = rdflib.Graph().parse(path, format="json-ld")
    assert len(g) == len(tiny_turtle)
    assert (URIRef(f"{SDG}10.c"), RDF.type, M.SDGTarget) in g
    assert (URIRef(f"{MKGID}XYZ/actor/mofa"), M.memberOf, URIRef(f"{MKGID}XYZ/actor/taskforce")) in g


def test_graphml_and_csv_exports(tiny: Path, tmp_path: Path):
    graph = nx.read_graphml(export(tiny, "graphml", tmp_path / "tiny.graphml"))
    assert graph.nodes["mkgid:XYZ/actor/bureau"]["actor_type"] == "department"
    assert graph.has_edge("mkgid:XYZ/actor/bureau", "mkgid:XYZ/actor/mol")
    folder = export(tiny, "csv", tmp_path / "csv")
    with (folder / "nodes.csv").open() as handle:
        nodes = {row["id"]: row for row in csv.DictReader(handle)}
    with (folder / "edges.csv").open() as handle:
        edges = list(csv.DictReader(handle))
    assert nodes["mkgid:XYZ/actor/taskforce"]["kind"] == "Actor"
    membership = next(e for e in edges if e["from"] == "mkgid:XYZ/actor/mofa" and e["rel"] == "member_of")
    assert membership["to"] == "mkgid:XYZ/actor/taskforce"
    assert membership["role"] == "co-chair"
    assert membership["source"] == "taskforce_note"


def test_export_to_stdout_and_single_country(tiny: Path):
    result = runner.invoke(app, ["export", "--format", "nt", "--data-dir", str(tiny), "--country", "XYZ"])
    assert result.exit_code == 0
    assert f"<{MKGID}XYZ/actor/mol>" in result.stdout


def test_responsibility_iris_survive_row_reordering(tiny: Path):
    first = {r.id for r in build(tiny).country("XYZ").responsibilities}
    path = tiny / "countries" / "XYZ" / "responsibilities.csv"
    header, *rows = path.read_text().splitlines()
    path.write_text("\n".join([header, *reversed(rows)]) + "\n")
    assert {r.id for r in build(tiny).country("XYZ").responsibilities} == first
