"""Against a real Neo4j server (marker ``neo4j``): the full sync and every named question.

They run whenever ``NEO4J_URI`` is set (with ``NEO4J_USER``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE`` as needed) — e.g. after ``docker compose up -d --wait`` (docs/neo4j.md),
or in .github/workflows/neo4j.yml with a ``neo4j:5`` service — and skip otherwise. No mocks:
without a server there is nothing here to run.

They write the shipped graph into the configured database (``_dataset = 'migration-kg'``)
and add two foreign nodes they remove at the end; use a database you can spare.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg import gaps
from kg.build import build
from kg.neo4j_mapping import DATASET, NODE_LABELS, SHORTCUT, node_batches, rel_batches
from kg.neo4j_sync import COUNTERS, Settings, connect, sync
from kg.paths import DEFAULT_DATA_DIR
from kg.problems import InputError
from kg.projection import project
from kg.questions import library, question, store_statement
from kg.store import EmbeddedStore, Neo4jStore, open_store

pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(
        not os.environ.get("NEO4J_URI"),
        reason="no Neo4j server: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) to run the Neo4j "
        "integration tests, e.g. after `docker compose up -d --wait` (docs/neo4j.md)",
    ),
]

FOREIGN_ACTOR = "urn:migkg-test:foreign-actor"
MKGID = "https://w3id.org/migration-kg/id/"


@pytest.fixture(scope="module")
def settings():
    return Settings.from_env()


@pytest.fixture(scope="module")
def driver(settings):
    driver = connect(settings, timeout=15)
    yield driver
    driver.close()


@pytest.fixture(scope="module")
def shipped():
    return build(DEFAULT_DATA_DIR)


def run(driver, settings, text: str, **params):
    records, summary, _ = driver.execute_query(text, params, database_=settings.database)
    return [r.data() for r in records]


@pytest.fixture(scope="module")
def first_sync(driver, settings, shipped):
    """The shipped graph synced once, next to data this tool does not own (removed at the end)."""
    run(driver, settings, "MERGE (f:Actor {uri: $uri}) SET f.note = 'not ours' "
        "MERGE (g:MigkgTestForeign {id: 1}) MERGE (g)-[:MIGKG_TEST_LIKES]->(f)", uri=FOREIGN_ACTOR)
    report = sync(driver, project(shipped), settings.database, batch_size=200)
    yield report
    run(driver, settings, "MATCH (f:Actor {uri: $uri}) DETACH DELETE f", uri=FOREIGN_ACTOR)
    run(driver, settings, "MATCH (g:MigkgTestForeign) DETACH DELETE g")


@pytest.fixture(scope="module")
def embedded_store(shipped):
    return EmbeddedStore(shipped)


@pytest.fixture
def neo4j_store(driver, settings, first_sync):
    return Neo4jStore(driver, settings.database, settings=settings)


def resync_shipped(driver, settings, shipped):
    return sync(driver, project(shipped), settings.database)


def foreign_intact(driver, settings) -> bool:
    rows = run(driver, settings, "MATCH (g:MigkgTestForeign {id: 1})-[:MIGKG_TEST_LIKES]->(f:Actor {uri: $uri}) RETURN f.note AS note", uri=FOREIGN_ACTOR)
    return rows == [{"note": "not ours"}]


def test_constraints_exist(driver, settings, first_sync):
    rows = run(driver, settings, store_statement("constraints"))
    by_label = {tuple(r["labelsOrTypes"]): r for r in rows}
    for label in NODE_LABELS:
        assert (label,) in by_label, f"no constraint on :{label}(uri)"
        assert by_label[(label,)]["properties"] == ["uri"]
        assert "UNIQUE" in by_label[(label,)]["type"]


def test_the_first_sync_wrote_the_whole_graph(driver, settings, shipped, first_sync):
    graph = project(shipped)
    nodes = sum(map(len, node_batches(graph).values()))
    rels = sum(map(len, rel_batches(graph).values()))
    assert (first_sync.nodes, first_sync.relationships) == (nodes, rels)
    counted = run(driver, settings, "MATCH (n) WHERE n._dataset = $dataset RETURN count(n) AS n", dataset=DATASET)[0]["n"]
    assert counted == nodes
    counted = run(driver, settings, "MATCH ()-[r]->() WHERE r._dataset = $dataset RETURN count(r) AS n", dataset=DATASET)[0]["n"]
    assert counted == rels
    shortcuts = run(driver, settings, f"MATCH (:Actor)-[r:{SHORTCUT}]->(:GCMObjective) RETURN count(r) AS n")[0]["n"]
    assert shortcuts == sum(1 for _, d in graph.nodes(data=True) if d["kind"] == "Responsibility")
    assert foreign_intact(driver, settings)


def test_a_second_sync_changes_nothing(driver, settings, shipped, first_sync):
    for batch_size in (500, 37):
        report = sync(driver, project(shipped), settings.database, batch_size=batch_size)
        assert report.counters == {c: 0 for c in COUNTERS}, report.counters
        assert not report.changed
        assert (report.written_nodes, report.written_relationships, report.pruned_nodes, report.pruned_relationships) == (0, 0, 0, 0)


def test_the_cli_sync_reports_no_change(first_sync):
    migkg = Path(sys.executable).with_name("migkg")
    result = subprocess.run([str(migkg), "neo4j", "sync", "--json", "--no-progress"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["changed"] is False and set(report["counters"].values()) == {0}
    assert os.environ.get("NEO4J_PASSWORD", "\0") not in result.stdout + result.stderr


def test_rows_that_left_the_sources_are_pruned(tmp_path, driver, settings, shipped, first_sync):
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    responsibilities = data / "countries" / "BGD" / "responsibilities.csv"
    lines = responsibilities.read_text(encoding="utf-8").splitlines(keepends=True)
    responsibilities.write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")  # drop the first row
    reduced = build(data)
    gone = {r.id for r in shipped.country("BGD").responsibilities} - {r.id for r in reduced.country("BGD").responsibilities}
    assert len(gone) == 1, gone
    (rid,) = gone
    uri = f"{MKGID}BGD/responsibility/{rid}"
    try:
        report = sync(driver, project(reduced), settings.database)
        assert report.pruned_nodes >= 1 and report.counters["nodes_deleted"] >= 1
        assert run(driver, settings, "MATCH (r:Responsibility {uri: $uri}) RETURN r", uri=uri) == []
        assert run(driver, settings, f"MATCH ()-[s:{SHORTCUT}]->() WHERE s.responsibility = $uri RETURN s", uri=uri) == []
        assert foreign_intact(driver, settings)
        again = sync(driver, project(reduced), settings.database)
        assert not again.changed
    finally:
        restored = resync_shipped(driver, settings, shipped)
    assert restored.counters["nodes_created"] >= 1
    assert run(driver, settings, "MATCH (r:Responsibility {uri: $uri}) RETURN r.code AS code", uri=uri) == [{"code": rid}]


def test_a_sync_stopped_part_way_is_repaired_by_the_next(tmp_path, driver, settings, shipped, first_sync):
    data = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, data)
    actors = data / "countries" / "BGD" / "actors.csv"
    actors.write_text(actors.read_text(encoding="utf-8").replace("Ministry of Foreign Affairs,", "Ministry of Foreign Affairs (renamed),", 1), encoding="utf-8")
    changed = build(data)

    class Stop(Exception):
        pass

    batches = []

    def stop_after_a_few(step: str, rows: int) -> None:
        batches.append(step)
        if len(batches) == 15:
            raise Stop

    try:
        with pytest.raises(Stop):
            sync(driver, project(changed), settings.database, batch_size=50, on_batch=stop_after_a_few)
        sync(driver, project(changed), settings.database, batch_size=50)
        store = Neo4jStore(driver, settings.database, settings=settings)
        graph = store.projection("BGD")
        assert list(graph.nodes(data=True)) == list(project(changed, "BGD").nodes(data=True))
        assert graph.nodes["mkgid:BGD/actor/mofa"]["label"] == "Ministry of Foreign Affairs (renamed)"
        assert not sync(driver, project(changed), settings.database).changed
    finally:
        resync_shipped(driver, settings, shipped)


def test_the_projection_from_neo4j_equals_the_embedded_one(neo4j_store, shipped):
    for iso3 in shipped.countries:
        expected = project(shipped, iso3)
        graph = neo4j_store.projection(iso3)
        assert list(graph.nodes(data=True)) == list(expected.nodes(data=True))
        assert list(graph.edges(keys=True, data=True)) == list(expected.edges(keys=True, data=True))
        assert gaps.analyse(graph, iso3) == gaps.analyse(expected, iso3)
        assert gaps.coverage_matrix(graph, iso3) == gaps.coverage_matrix(expected, iso3)
    assert gaps.analyse_all(neo4j_store.projection()) == gaps.analyse_all(project(shipped))
    with pytest.raises(InputError, match="unknown country"):
        neo4j_store.projection("ZZZ")


def parameter_sets():
    sets = [(name, q.header.examples()) for name, q in library().items()]
    sets += [
        ("ministry_responsibility_map", {"country": "BGD", "ministry": "moha"}),
        ("ministry_responsibility_map", {"country": "BGD", "ministry": "mofa"}),
        ("shared_actors", {"country": "BGD", "objective_a": 10, "objective_b": 23}),
        ("shared_actors", {"country": "BGD", "objective_a": 21, "objective_b": 21}),
        ("objectives_by_sdg_target", {"target": "8.8", "country": "BGD"}),
        ("shortest_path", {"country": "BGD", "from_actor": "mofa", "to_actor": "union_parishads"}),
        ("shortest_path", {"country": "BGD", "from_actor": "moha_psd", "to_actor": "iom"}),
    ]
    return sets


@pytest.mark.parametrize("name,params", parameter_sets(), ids=lambda v: v if isinstance(v, str) else "-".join(map(str, v.values())))
def test_every_named_question_gives_the_same_answer_on_both_engines(neo4j_store, embedded_store, name, params):
    embedded = embedded_store.ask(name, params)
    answer = neo4j_store.ask(name, params)
    assert answer.columns == embedded.columns
    assert answer.rows == embedded.rows


def test_the_gap_questions_match_the_gap_rules_from_neo4j(neo4j_store):
    result = gaps.analyse(neo4j_store.projection("BGD"), "BGD")
    for name, flag in (("uncovered_objectives", "uncovered"), ("objectives_without_lead", "no_lead"),
                       ("contested_leads", "contested_lead"), ("uncoordinated_objectives", "uncoordinated")):
        expected = [o.number for o in result.objectives if any(f.type == flag for f in o.flags)]
        assert [row[0] for row in neo4j_store.ask(name, {"country": "BGD"}).rows] == expected


def test_the_console_reads_with_a_limit_and_a_timeout(neo4j_store, driver, settings):
    import neo4j

    table = neo4j_store.console("MATCH (o:GCMObjective) RETURN o.number AS n ORDER BY n", limit=5)
    assert table.columns == ("n",) and [r[0] for r in table.rows] == [1, 2, 3, 4, 5] and table.truncated
    node = neo4j_store.console("MATCH (c:Country {code: 'BGD'}) RETURN c").rows[0][0]
    assert node["_labels"] == ["Country"] and node["code"] == "BGD"
    with pytest.raises(InputError, match="DETACH is a write clause"):
        neo4j_store.console("MATCH (n) DETACH DELETE n")
    # 232**4 candidate rows, each compared (the WHERE keeps the planner from reading the count store)
    slow = "MATCH (a:SDGIndicator), (b:SDGIndicator), (c:SDGIndicator), (d:SDGIndicator) WHERE a.code <> d.code RETURN count(*) AS n"
    with pytest.raises(InputError, match="(?i)time"):
        neo4j_store.console(slow, timeout=0.5)
    # the second line: a write that slipped past the guard still fails in a read transaction
    try:
        with pytest.raises(neo4j.exceptions.Neo4jError):
            driver.execute_query("CREATE (n:MigkgTestShouldNotExist) RETURN n", routing_=neo4j.RoutingControl.READ, database_=settings.database)
    finally:
        run(driver, settings, "MATCH (n:MigkgTestShouldNotExist) DETACH DELETE n")


def test_open_store_uses_neo4j_when_the_uri_is_set(first_sync):
    store = open_store(engine="auto")
    try:
        assert store.kind == "neo4j" and ("BGD", "Bangladesh") in store.countries()
        assert store.ask("countries", {}).rows == EmbeddedStore(build()).ask("countries", {}).rows
    finally:
        store.close()


def test_query_cli_on_neo4j(first_sync):
    migkg = Path(sys.executable).with_name("migkg")
    result = subprocess.run([str(migkg), "query", "contested_leads", "-p", "country=BGD", "--engine", "neo4j", "--json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    embedded = subprocess.run([str(migkg), "query", "contested_leads", "-p", "country=BGD", "--engine", "embedded", "--json"],
                              capture_output=True, text=True, timeout=120)
    assert json.loads(result.stdout) == json.loads(embedded.stdout)
    assert question("contested_leads").title
