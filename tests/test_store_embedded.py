"""The embedded store (pyoxigraph + networkx): named questions with known answers, the gap rules'
agreement with kg.gaps, the read-only SPARQL console, and the question library's files."""

from __future__ import annotations

import time

import pytest

from kg import gaps
from kg.build import build
from kg.problems import InputError
from kg.projection import project
from kg.questions import CYPHER_DIR, SPARQL_DIR, PYTHON_QUESTIONS, library, parse_header, question
from kg.store import EmbeddedStore, QueryTimeout, Store, open_store
from tests.conftest import write_country

GAP_QUESTIONS = {
    "uncovered_objectives": "uncovered",
    "objectives_without_lead": "no_lead",
    "contested_leads": "contested_lead",
    "uncoordinated_objectives": "uncoordinated",
}


@pytest.fixture
def tiny_store(tiny):
    return EmbeddedStore(build(tiny))


@pytest.fixture(scope="module")
def shipped_store():
    return EmbeddedStore(build())


def answer(store, name, **params):
    return store.ask(name, question(name).bind({k: str(v) for k, v in params.items()}))


def test_the_embedded_store_is_a_store(tiny_store):
    assert isinstance(tiny_store, Store)
    assert tiny_store.kind == "embedded" and tiny_store.language == "sparql"
    assert tiny_store.countries() == [("XYZ", "Tinyland")]
    assert set(tiny_store.questions()) == set(library())


def test_uncovered_objectives_on_tiny(tiny_store):
    table = answer(tiny_store, "uncovered_objectives", country="XYZ")
    assert table.columns == ("objective", "title")
    assert [row[0] for row in table.rows] == [n for n in range(1, 24) if n not in (3, 6, 14)]
    assert table.rows[0] == (1, "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies")


def test_objectives_without_lead_on_tiny(tiny_store):
    table = answer(tiny_store, "objectives_without_lead", country="XYZ")
    assert table.rows == [(3, "Provide accurate and timely information at all stages of migration", 1, ["ngo"])]


def test_contested_and_uncoordinated_on_tiny(tmp_path, tiny_store):
    assert answer(tiny_store, "contested_leads", country="XYZ").rows == []
    # bureau counts as a member of the taskforce through its parent mol: objective 6 is coordinated
    assert answer(tiny_store, "uncoordinated_objectives", country="XYZ").rows == []
    data = write_country(
        tmp_path,
        responsibilities_csv="""\
            actor,objective,role,category,basis,source,evidence,status
            mol,6,lead,outward,labour_act,labour_act,"The Ministry shall regulate recruitment.",mandated
            bureau,6.c,lead,outward,labour_act,labour_act,"The Bureau shall register migrant workers.",mandated
            mofa,6,support,,,taskforce_note,,reported
            ngo,6,support,outward,,taskforce_note,,reported
            """,
        coordination_csv="""\
            body,member,role,source
            taskforce,mofa,co-chair,taskforce_note
            taskforce,ngo,member,taskforce_note
            """,
    )
    store = EmbeddedStore(build(data))
    assert answer(store, "contested_leads", country="XYZ").rows == [
        (6, "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work", ["bureau", "mol"])]
    assert answer(store, "uncoordinated_objectives", country="XYZ").rows == [
        (6, "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work", ["bureau", "mofa", "mol"])]


def test_ministry_map_includes_units_under_it(tiny_store):
    table = answer(tiny_store, "ministry_responsibility_map", country="XYZ", ministry="mol")
    assert table.columns == ("actor", "objective", "action", "role", "status", "category", "source", "evidence")
    assert table.rows == [
        ("mol", 6, "", "lead", "mandated", "outward", "labour_act", "The Ministry shall regulate recruitment."),
        ("bureau", 6, "6.c", "support", "mandated", "outward", "labour_act", "The Bureau shall register migrant workers."),
    ]
    assert answer(tiny_store, "ministry_responsibility_map", country="XYZ", ministry="nobody").rows == []


def test_objectives_by_sdg_target(tiny_store):
    table = answer(tiny_store, "objectives_by_sdg_target", target="10.7", country="XYZ")
    got = {row[0]: (row[2], row[3]) for row in table.rows}
    assert got[3] == (1, []) and got[6] == (2, ["mol"]) and got[14] == (1, ["mofa"]) and got[9] == (0, [])
    expected = sorted(o for o, t in ((a.objective, a.target) for a in build().reference.alignments) if t == "10.7")
    assert sorted(got) == expected


def test_shared_actors(tiny_store):
    assert answer(tiny_store, "shared_actors", country="XYZ", objective_a=6, objective_b=14).rows == []
    assert answer(tiny_store, "shared_actors", country="XYZ", objective_a=6, objective_b=6).rows == [
        ("bureau", "Bureau of Employment", ["support"], ["support"]),
        ("mol", "Ministry of Labour", ["lead"], ["lead"]),
    ]


def test_shortest_path_in_python(tiny_store):
    assert answer(tiny_store, "shortest_path", country="XYZ", from_actor="bureau", to_actor="mofa").rows == [
        ("bureau > mol > taskforce > mofa", 3)]
    assert answer(tiny_store, "shortest_path", country="XYZ", from_actor="mol", to_actor="ngo").rows == [("mol > taskforce > ngo", 2)]
    assert answer(tiny_store, "shortest_path", country="XYZ", from_actor="mol", to_actor="mol").rows == []
    assert answer(tiny_store, "shortest_path", country="XYZ", from_actor="mol", to_actor="ghost").rows == []


def test_coordination_bodies(tiny_store):
    table = answer(tiny_store, "coordination_bodies", country="XYZ")
    assert table.rows == [
        ("taskforce", "Tinyland Migration Taskforce", "mofa", "Ministry of Foreign Affairs", "co-chair"),
        ("taskforce", "Tinyland Migration Taskforce", "mol", "Ministry of Labour", "co-chair"),
        ("taskforce", "Tinyland Migration Taskforce", "ngo", "Migrant Rights Forum", "member"),
    ]


@pytest.mark.parametrize("iso3", ["BGD"])
def test_gap_questions_agree_with_the_gap_rules(shipped_store, iso3):
    result = gaps.analyse(project(shipped_store.kg, iso3), iso3)
    for name, flag_type in GAP_QUESTIONS.items():
        flagged = [(o, next(f for f in o.flags if f.type == flag_type)) for o in result.objectives if any(f.type == flag_type for f in o.flags)]
        table = answer(shipped_store, name, country=iso3)
        assert [row[0] for row in table.rows] == [o.number for o, _ in flagged], name
        assert [row[1] for row in table.rows] == [o.title for o, _ in flagged], name
        if name in ("contested_leads", "uncoordinated_objectives"):
            assert [row[2] for row in table.rows] == [sorted(f.actors) for _, f in flagged], name
        if name == "objectives_without_lead":
            assert [(row[2], row[3]) for row in table.rows] == [(o.rows, sorted(o.actors)) for o, _ in flagged]
    assert answer(shipped_store, "uncovered_objectives", country=iso3).rows, "Bangladesh leaves some objectives uncovered"


def test_gap_questions_agree_with_the_gap_rules_on_variants(tmp_path):
    variants = {
        "shared": dict(responsibilities_csv="""\
            actor,objective,role,category,basis,source,evidence,status
            mol,6,lead,outward,labour_act,labour_act,"x",mandated
            bureau,6.c,lead,outward,labour_act,labour_act,"y",mandated
            mofa,6.a,co-lead,,,taskforce_note,,reported
            mofa,7,support,,,taskforce_note,,reported
            bureau,7,consulted,,,taskforce_note,,reported
            ngo,7,lead,,,taskforce_note,,reported
            ngo,8,support,,,taskforce_note,,reported
            """),
        "no_bodies": dict(coordination_csv="body,member,role,source\n", responsibilities_csv="""\
            actor,objective,role,category,basis,source,evidence,status
            mol,10,support,,,labour_act,,mandated
            mofa,10.b,informed,,,labour_act,,mandated
            """),
    }
    for name, files in variants.items():
        data = write_country(tmp_path / name, **files)
        store = EmbeddedStore(build(data))
        result = gaps.analyse(store.projection("XYZ"), "XYZ")
        for question_name, flag_type in GAP_QUESTIONS.items():
            expected = [o.number for o in result.objectives if any(f.type == flag_type for f in o.flags)]
            assert [row[0] for row in answer(store, question_name, country="XYZ").rows] == expected, (name, question_name)


def test_every_example_runs_on_the_shipped_data(shipped_store):
    for name, q in library().items():
        table = shipped_store.ask(name, q.header.examples())
        assert table.columns == tuple(c.name for c in q.header.columns)
        assert table.rows, f"{name} answers nothing for its example parameters"


def test_the_library_files():
    names = {p.stem for p in CYPHER_DIR.glob("*.cypher")}
    assert {"uncovered_objectives", "objectives_without_lead", "contested_leads", "uncoordinated_objectives",
            "ministry_responsibility_map", "objectives_by_sdg_target", "shared_actors", "shortest_path",
            "coordination_bodies", "countries"} <= names
    for name in names:
        q = library()[name]
        assert q.title and q.header.description and q.header.columns
        assert (q.sparql is None) != (q.python is None), f"{name}: needs exactly one embedded version (.rq or Python)"
        if q.sparql is not None:
            rq = parse_header(q.sparql, "#")
            assert rq == q.header, f"{name}.rq and {name}.cypher must declare the same title, parameters and columns"
            for p in q.header.params:  # pyoxigraph substitutes only projected variables
                assert f"?{p.name}" in q.sparql.split("WHERE", 1)[0], f"{name}.rq must project ?{p.name}"
    assert {p.stem for p in SPARQL_DIR.glob("*.rq")} | set(PYTHON_QUESTIONS) == names
    for path in SPARQL_DIR.glob("*.rq"):  # oxigraph#885: NOT EXISTS is evaluated once per solution
        code = [line for line in path.read_text().splitlines() if not line.lstrip().startswith("#")]
        assert not any("NOT EXISTS" in line.upper() for line in code), path.name


def test_parameters_are_checked(tiny_store):
    q = question("shared_actors")
    with pytest.raises(InputError, match="missing parameter objective_b"):
        q.bind({"country": "XYZ", "objective_a": "6"})
    with pytest.raises(InputError, match="must be an integer"):
        q.bind({"country": "XYZ", "objective_a": "six", "objective_b": "7"})
    with pytest.raises(InputError, match="unknown parameter 'colour'"):
        q.bind({"country": "XYZ", "objective_a": "6", "objective_b": "7", "colour": "red"})
    with pytest.raises(InputError, match="no such question"):
        question("who_is_to_blame")


def test_sparql_console(tiny_store):
    table = tiny_store.console("SELECT ?n WHERE { ?a <https://w3id.org/migration-kg/ontology#objectiveNumber> ?n } ORDER BY ?n", limit=5)
    assert table.columns == ("n",) and [r[0] for r in table.rows] == ["1", "2", "3", "4", "5"] and table.truncated
    assert tiny_store.console("ASK { ?s a <https://w3id.org/migration-kg/ontology#Country> }").rows == [(True,)]
    described = tiny_store.console("DESCRIBE <https://w3id.org/migration-kg/id/country/XYZ>")
    assert described.columns == ("subject", "predicate", "object") and ("mkgid:country/XYZ", "mkg:iso3", "XYZ") in described.rows
    with pytest.raises(InputError, match="DELETE is a SPARQL update"):
        tiny_store.console("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(InputError, match="SPARQL syntax error"):
        tiny_store.console("SELECT ?s WHERE { ?s ?p }")
    assert tiny_store.console("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows == [(str(tiny_store.kg.triple_count),)]  # nothing was deleted
    with pytest.raises(InputError, match="the row limit must be between 1 and 10000, not 10001"):
        tiny_store.console("SELECT ?s WHERE { ?s ?p ?o }", limit=10_001)
    with pytest.raises(InputError, match="the timeout must be more than 0 and at most 60 s, not 3600"):
        tiny_store.console("SELECT ?s WHERE { ?s ?p ?o }", timeout=3600)


def test_sparql_console_stops_at_the_deadline(tiny_store):
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 1 s"):
        tiny_store.console("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=1)
    assert time.monotonic() - started < 10
    assert tiny_store.console("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1").rows  # the store still answers


def test_projection(tiny_store, tiny):
    graph = tiny_store.projection("XYZ")
    assert list(graph.nodes(data=True)) == list(project(build(tiny), "XYZ").nodes(data=True))
    with pytest.raises(InputError, match="unknown country 'ABC'"):
        tiny_store.projection("ABC")


def test_open_store_chooses_by_environment(tiny):
    store = open_store(tiny, "auto", env={})
    assert store.kind == "embedded"
    store.close()
    with pytest.raises(InputError, match="unknown engine"):
        open_store(tiny, "mysql", env={})
    with pytest.raises(InputError, match="NEO4J_URI"):
        open_store(tiny, "neo4j", env={})
