"""The explorer's logic (kg.explorer) without Streamlit: map layout and escaping, briefs, queries, tables."""

from __future__ import annotations

import csv
import io
import math
import re

import pytest

from kg import gap_report
from kg.explorer import briefs, entities, network, query
from kg.explorer.data import Explorer, matrix_view, worst_first
from kg.gaps import example_graph
from kg.guards import check_cypher, check_sparql
from kg.projection import project
from kg.questions import library
from kg.store import EmbeddedStore


@pytest.fixture(scope="module")
def bgd(shipped_kg) -> Explorer:
    return Explorer(project(shipped_kg), kg=shipped_kg)


HOSTILE = '<img src=x onerror=alert(1)></script><script>alert(2)</script>'


def _html_for(name: str) -> str:
    g = example_graph(actors=["mol ministry name=" + name.replace(" ", "_"), "ngo civil_society"], rows=["mol 6 lead", "ngo 3 support"])
    ex = Explorer(g)
    return network.to_html(ex, "XYZ", network.map_view(ex, "XYZ"))


def test_map_html_escapes_every_data_string():
    html = _html_for(HOSTILE)
    data = html.split("new vis.DataSet(", 1)[1]
    assert "<img" not in data and "<script>alert" not in html and "</script><script>alert" not in html
    assert "onerror" in data  # the text is there, escaped: \u003cimg … (tojson) around &lt;img … (html.escape)
    benign = _html_for("Ministry of Labour")
    for tag in ("<script", "</script>", "<img", "<div"):
        assert html.count(tag) == benign.count(tag), tag


def test_map_layout_rings_at_bangladesh_scale(bgd):
    view = network.map_view(bgd, "BGD", network.MapFilters(layers=network.LAYERS))
    pos = network.layout(view)
    assert set(pos) == set(view.nodes)
    radius = {group: set() for group in ("objective", "actor", "sdg", "instrument")}
    for key, (x, y) in pos.items():
        assert math.isfinite(x) and math.isfinite(y)
        radius[view.nodes[key]["group"]].add(round(math.hypot(x, y)))
    assert all(len(r) == 1 for r in radius.values() if r)  # one ring per group
    assert max(radius["sdg"]) < min(radius["objective"]) < min(radius["actor"]) < min(radius["instrument"])
    points = list(pos.values())
    closest = min(math.dist(p, q) for i, p in enumerate(points) for q in points[i + 1:])
    assert closest > 20  # no two nodes drawn on top of each other
    # objective 1 at the top, then clockwise
    first = pos["mkgid:gcm/objective/1"]
    assert abs(first[0]) < 1e-6 and first[1] < 0


def test_map_groups_actors_by_type_in_contiguous_arcs(bgd):
    view = network.map_view(bgd, "BGD")
    pos = network.layout(view)
    actors = sorted((k for k, d in view.nodes(data=True) if d["group"] == "actor"),
                    key=lambda k: math.atan2(pos[k][1], pos[k][0]) % (2 * math.pi))
    from kg.explorer.data import actor_group

    groups = [actor_group(view.nodes[k]["type"])[0] for k in actors]
    changes = sum(1 for a, b in zip(groups, groups[1:] + groups[:1]) if a != b)
    assert changes == len(set(groups))  # each group is one arc around the ring


def test_map_html_is_self_contained_and_deterministic(bgd):
    view = network.map_view(bgd, "BGD")
    one = network.to_html(bgd, "BGD", view)
    assert one == network.to_html(bgd, "BGD", network.map_view(bgd, "BGD"))
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', one)  # nothing fetched from a CDN
    assert '"physics": {"enabled": false}' in one


def test_category_filter_counts_narrower_categories(bgd, shipped_kg):
    rows = shipped_kg.country("BGD").responsibilities
    view = network.map_view(bgd, "BGD", network.MapFilters(categories=("international",)))
    drawn = sum(len(d["rows"]) for *_, d in view.edges(data=True) if d["kind"] == "responsibility")
    narrower = {"international", "outward", "inward", "transit", "return"}
    assert drawn == sum(1 for r in rows if r.category in narrower)


def test_matrix_view_matches_migkg_matrix(bgd):
    matrix = bgd.matrix("BGD")
    view = matrix_view(matrix, bgd.gaps("BGD"))
    reference = list(csv.DictReader(io.StringIO(gap_report.matrix_csv(matrix))))
    assert [r["#"] for r in view.rows] == [int(r["objective"]) for r in reference]
    for mine, theirs in zip(view.rows, reference):
        assert mine["status"] == theirs["status"]
        assert {view.actor_ids[c]: mine[c] for c in view.actor_columns} == {a.id: theirs[a.id] for a in matrix.actors}


def test_worst_first_puts_gaps_first(bgd):
    rows = worst_first(bgd.gaps("BGD"))
    order = [r["status"] for r in rows]
    assert order == sorted(order, key=["gap", "partial", "covered"].index)


def test_every_brief_renders_and_cites_only_known_sources(bgd, shipped_kg):
    country = shipped_kg.country("BGD")
    titles = {s.title for s in country.sources}
    holders = {r.actor for r in country.responsibilities}
    for actor in country.actors:
        text = briefs.actor_brief(bgd, "BGD", actor.id)
        assert text.startswith(f"# {bgd.actor_label('BGD', actor.id)} — actor brief (Bangladesh)")
        cited = [line.split(". ", 1)[1].split(" — <")[0].replace("\\|", "|")
                 for line in text.partition("## Sources")[2].splitlines() if re.match(r"\d+\. ", line)]
        if actor.id in holders:  # every responsibility cites a source: the brief lists at least one
            assert cited, f"{actor.id}: holds responsibilities but its brief lists no source"
        assert set(cited) <= titles, (actor.id, set(cited) - titles)
    for number in range(1, 24):
        text = briefs.objective_brief(bgd, "BGD", number)
        assert text.startswith(f"# GCM objective {number}:")


def test_entity_catalogue_covers_every_kind(bgd):
    counts = {kind: len(entities.catalogue(bgd, "BGD", kind)) for kind in entities.KINDS}
    assert counts["objective"] == 23 and counts["action"] > 100 and counts["sdg"] == 169
    assert counts["actor"] + counts["body"] == 55 and counts["body"] > 0 and counts["instrument"] == 9
    for kind, items in ((k, entities.catalogue(bgd, "BGD", k)) for k in entities.KINDS):
        for key, _ in items[:5]:
            page = entities.describe(bgd, "BGD", key)
            assert page.label and page.iri.startswith("http")


def test_saved_questions_run_in_the_console_as_shown(shipped_kg):
    store = EmbeddedStore(shipped_kg)
    params = {"country": "BGD"}
    sparql = query.examples("sparql", params)
    assert sparql, "no saved SPARQL question"
    for name, example in sparql.items():
        check_sparql(example.text)
        outcome = query.run(store, "sparql", example.text, limit=1000, timeout=20)
        assert outcome.error is None and outcome.refused is None, (name, outcome.error)
        q = library()[name]
        expected = store.ask(name, {**q.header.examples(), **{k: v for k, v in params.items() if k in {p.name for p in q.header.params}}})
        assert len(outcome.rows) == len(expected.rows), name
    for name, example in query.examples("cypher", params).items():
        check_cypher(example.text)
        assert "$country" not in example.text, name


def test_console_refuses_writes_before_running():
    class Untouchable:
        def console(self, *args, **kwargs):  # pragma: no cover - must not be reached
            raise AssertionError("a refused query reached the store")

    for text in ("INSERT DATA { <http://a> <http://b> <http://c> }", "CLEAR ALL", "LOAD <http://example.org/x.ttl>"):
        outcome = query.run(Untouchable(), "sparql", text)
        assert outcome.refused and outcome.rows is None
    for text in ("MATCH (n) DETACH DELETE n", "CREATE (n:Actor)", "MATCH (n) SET n.x = 1"):
        assert query.run(Untouchable(), "cypher", text).refused


def test_console_stops_a_runaway_query(shipped_kg):
    store = EmbeddedStore(shipped_kg)
    outcome = query.run(store, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=1)
    assert outcome.error and "stopped" in outcome.error and outcome.seconds < 10


def test_backend_reads_neo4j_when_the_store_is_neo4j(monkeypatch, tmp_path):
    """With NEO4J_URI set, the explorer reads the Neo4j store's projection and says so (a stand-in store here)."""
    import kg.store
    from kg.explorer import backend

    class Settings:
        shown_uri = "bolt://db.example.org:7687"

    class FakeNeo4j:
        kind, language, database, settings = "neo4j", "cypher", "neo4j", Settings()

        def projection(self, country=None):
            return example_graph(actors=["mol ministry"], rows=["mol 6 lead"])

    seen = {}

    def fake_open(folder, engine="auto", **kwargs):
        seen["engine"] = engine
        return FakeNeo4j()

    monkeypatch.setattr(kg.store, "open_store", fake_open)
    b = backend.open_backend(tmp_path, env={"NEO4J_URI": "bolt://db.example.org:7687"})
    assert seen["engine"] == "neo4j" and b.kind == "neo4j" and b.languages() == ["cypher", "sparql"]
    assert b.explorer.store.description.startswith("Neo4j at bolt://db.example.org:7687")
    assert b.explorer.countries() == [("XYZ", "Tinyland")] and not b.notice


def test_backend_falls_back_to_embedded_when_neo4j_fails(monkeypatch, tiny):
    import kg.store
    from kg.explorer import backend
    from kg.problems import InputError, Problem

    real = kg.store.open_store

    def fake_open(folder, engine="auto", **kwargs):
        if engine == "neo4j":
            raise InputError([Problem("bolt://nowhere", "cannot reach the server")])
        return real(folder, engine, **kwargs)

    monkeypatch.setattr(kg.store, "open_store", fake_open)
    b = backend.open_backend(tiny, env={"NEO4J_URI": "bolt://nowhere:7687"})
    assert b.kind == "embedded" and "cannot reach the server" in b.notice
    assert b.languages() == ["sparql"] and b.explorer.countries() == [("XYZ", "Tinyland")]


def test_map_link_table_and_summary_describe_what_is_drawn(bgd, shipped_kg):
    view = network.map_view(bgd, "BGD")
    rows = network.link_rows(view)
    country = shipped_kg.country("BGD")
    names = {a.id: a.name for a in country.actors}
    held = {(names[r.actor], r.objective) for r in country.responsibilities}
    assert [(r["actor"], r["objective"]) for r in rows] == sorted(held, key=lambda ao: (ao[1], ao[0]))
    moewoe_6 = next(r for r in rows if (r["actor"], r["objective"]) == (names["moewoe"], 6))
    lines = sorted(r.line for r in country.responsibilities if (r.actor, r.objective) == ("moewoe", 6))
    assert sorted(int(n) for n in moewoe_6["lines"].split(", ")) == lines and "lead" in moewoe_6["roles"]
    summary = bgd.gaps("BGD").summary()
    actors = len({r.actor for r in country.responsibilities})
    assert network.view_summary(view) == f"23 objectives ({summary['gap']} gaps), {actors} actors, {len(rows)} actor–objective links shown."


def test_brief_picker_lists_actors_holding_responsibilities_first(bgd, shipped_kg):
    country = shipped_kg.country("BGD")
    holders = {r.actor for r in country.responsibilities}
    choices = briefs.actor_choices(bgd, "BGD")
    assert sorted(a for a, _ in choices) == sorted(a.id for a in country.actors)
    first = [a for a, _ in choices[:len(holders)]]
    assert set(first) == holders
    labels = dict(choices)
    assert labels["moewoe"] == "Ministry of Expatriates' Welfare and Overseas Employment (MoEWOE)"
    assert all(labels[a.id].endswith(" (no responsibility recorded)") == (a.id not in holders) for a in country.actors)
