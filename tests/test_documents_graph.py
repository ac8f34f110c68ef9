"""Documents, mentions and practices as RDF and networkx, and ``mentions_of`` for entity pages."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pyshacl
import rdflib
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.documents.gazetteer import build_gazetteer
from kg.documents.graph import add_documents, emit_documents, mentions_of
from kg.documents.ingest import ingest_file
from kg.documents.store import load_records
from kg.namespaces import MKG, MKGID
from kg.projection import project
from kg.rdf import ntriples
from kg.validate import shapes_graph
from tests.documents_helpers import CORPUS

runner = CliRunner()
M = rdflib.Namespace(MKG)
TEXT = "The Ministry of Labour (MoL) regulates recruitment under GCM objective 6.\nThe Tinyland Migration Taskforce met in Tinyland.\n"


def ingest_tiny(tiny: Path, tmp_path: Path) -> None:
    doc = tmp_path / "labour.txt"
    doc.write_text(TEXT, encoding="utf-8")
    assert runner.invoke(app, ["ingest-doc", str(doc), "--country", "XYZ", "--data-dir", str(tiny)]).exit_code == 0


def test_rdf_documents_and_mentions_conform_to_the_shapes(tiny: Path, tmp_path: Path):
    ingest_tiny(tiny, tmp_path)
    kg = build(tiny)
    data = kg.ntriples("XYZ") + ntriples(emit_documents(load_records(tiny, "XYZ")))
    list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))  # valid N-Triples
    graph = rdflib.Graph().parse(data=data, format="nt")
    doc = rdflib.URIRef(f"{MKGID}XYZ/source/labour")
    assert (doc, rdflib.RDF.type, M.Document) in graph and (doc, rdflib.RDF.type, M.Source) in graph
    assert (doc, M.mentions, rdflib.URIRef(f"{MKGID}XYZ/actor/mol")) in graph
    assert (doc, M.mentions, rdflib.URIRef(f"{MKGID}gcm/objective/6")) in graph
    rows = list(graph.query(
        "SELECT ?quote ?begin WHERE { ?m a mkg:Mention ; mkg:refersTo ?a ; mkg:sentence ?quote ; mkg:source ?d ; "
        "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> ?begin . ?a mkg:acronym 'MoL' }",
        initNs={"mkg": M}))
    assert sorted((str(q), int(b)) for q, b in rows) == [
        ("The Ministry of Labour (MoL) regulates recruitment under GCM objective 6.", 4),
        ("The Ministry of Labour (MoL) regulates recruitment under GCM objective 6.", 24)]
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True)
    assert conforms, text


def test_practice_in_rdf_and_networkx(shipped_kg):
    result = ingest_file(CORPUS / "unnm_mgf_practice.txt", build_gazetteer(shipped_kg, "BGD"), "BGD")
    record = result.to_json()
    graph = rdflib.Graph().parse(data=ntriples(emit_documents([record])), format="nt")
    practice = rdflib.URIRef(f"{MKGID}BGD/practice/unnm_mgf_practice")
    assert (practice, rdflib.RDF.type, M.Practice) in graph
    assert (practice, M.implementedBy, rdflib.URIRef(f"{MKGID}BGD/actor/iom")) in graph
    assert str(graph.value(practice, M.practiceType)) == "Strategy/framework"
    assert int(graph.value(practice, M.startYear)) == 2018 and int(graph.value(practice, M.endYear)) == 2020
    nx_graph = project(shipped_kg, "BGD")
    add_documents(nx_graph, [record])
    assert nx_graph.nodes["mkgid:BGD/practice/unnm_mgf_practice"]["kind"] == "Practice"
    assert nx_graph.has_edge("mkgid:BGD/practice/unnm_mgf_practice", "mkgid:BGD/actor/iom", key="implemented_by")
    edge = nx_graph.edges["mkgid:BGD/source/unnm_mgf_practice", "mkgid:BGD/actor/moewoe", "mentions"]
    assert edge["count"] == 3 and "Ministry of Expatriates" in edge["sentence"]


def test_mentions_of_for_entity_pages(tiny: Path, tmp_path: Path):
    assert mentions_of("mkgid:XYZ/actor/mol", tiny) == []
    ingest_tiny(tiny, tmp_path)
    found = mentions_of("mkgid:XYZ/actor/mol", tiny)
    assert [(m["text"], m["start"], m["end"]) for m in found] == [("Ministry of Labour", 4, 22), ("MoL", 24, 27)]
    assert found[0]["title"] and found[0]["document"] == "mkgid:XYZ/source/labour"
    assert found[0]["sentence"].startswith("The Ministry of Labour (MoL)")
    assert len(mentions_of("mkgid:XYZ/actor/mol", tiny, per_document=1)) == 1
    assert mentions_of("mkgid:gcm/objective/6", tiny)[0]["text"] == "GCM objective 6"


def test_shipped_records_match_the_corpus(shipped_kg):
    """The records shipped in data/documents/records are up to date with the linker (re-run ingest-doc if not)."""
    from kg.paths import DEFAULT_DATA_DIR

    records = {r["document"]["id"]: r for r in load_records(DEFAULT_DATA_DIR, "BGD")}
    gaz = build_gazetteer(shipped_kg, "BGD")
    for path in sorted(CORPUS.glob("*.txt")):
        result = ingest_file(path, gaz, "BGD").to_json()
        stored = records.get(result["document"]["id"])
        assert stored is not None, f"{path.name} was not ingested: run migkg ingest-doc --country BGD data/documents/corpus/*.txt"
        assert stored["mentions"] == result["mentions"], f"{path.name}: stored mentions are stale; re-run ingest-doc"


def test_shipped_country_with_its_documents_conforms(shipped_kg):
    """The hook as documented: the country's triples plus its documents', the country passed so curated sources are not described twice."""
    from kg.paths import DEFAULT_DATA_DIR

    country = shipped_kg.country("BGD")
    data = shipped_kg.ntriples("BGD") + ntriples(emit_documents(load_records(DEFAULT_DATA_DIR, "BGD"), country))
    graph = rdflib.Graph().parse(data=data, format="nt")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes_graph(), inference="none", advanced=True, allow_warnings=True)
    assert conforms, text
    doc = rdflib.URIRef(f"{MKGID}BGD/source/tbs_taskforce_2022")  # a curated source that is also an ingested document
    assert (doc, rdflib.RDF.type, M.Document) in graph and len(list(graph.objects(doc, rdflib.namespace.DCTERMS.title))) == 1


def test_a_damaged_record_is_reported_located_and_left_out(tiny: Path, tmp_path: Path):
    """A stored record that is not JSON does not stop the build, but never vanishes silently."""
    import pytest

    from kg.explorer.backend import open_backend
    from kg.problems import InputError

    ingest_tiny(tiny, tmp_path)
    damaged = tiny / "documents" / "records" / "broken.json"
    damaged.write_text('{"document": {"id": "broken",\n  "title": }\n', encoding="utf-8")
    (tiny / "documents" / "records" / "list.json").write_text("[1, 2]\n", encoding="utf-8")

    kg = build(tiny)
    assert [d["document"]["id"] for d in kg.documents["XYZ"]] == ["labour"]  # the intact record is still read
    messages = [str(w) for w in kg.warnings]
    assert f"{damaged}:2:12: warning: damaged document record: not valid JSON (Expecting value); it is left out" in messages[0]
    assert "list.json: warning: damaged document record: not a record of migkg ingest-doc" in messages[1]
    with pytest.raises(InputError, match="broken.json:2:12: error: damaged document record"):
        load_records(tiny)

    validated = runner.invoke(app, ["validate", "--data-dir", str(tiny)])
    assert validated.exit_code == 0 and f"{damaged}:2:12: warning: damaged document record" in validated.stderr
    assert "load warnings: 2" in validated.stdout
    gaps = runner.invoke(app, ["gaps", "--country", "XYZ", "--data-dir", str(tiny), "--json"])
    assert gaps.exit_code == 0 and "2 load warning(s), e.g. " in gaps.stderr and "`migkg validate` lists them all" in gaps.stderr

    notice = open_backend(tiny, env={}).notice
    assert notice.startswith("2 ingested document record(s) are damaged and left out (broken.json, list.json)")
