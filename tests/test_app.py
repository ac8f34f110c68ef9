"""The explorer's pages, driven by Streamlit's AppTest (no browser): content, filters, URL state, refusals."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from kg import gap_report
from kg.cli import app as cli
from kg.explorer.data import DATA_DIR_ENV
from kg.gaps import analyse, coverage_matrix
from kg.paths import DEFAULT_DATA_DIR, PROJECT_ROOT
from kg.projection import project
from kg.stats import stats

from conftest import write_country

APP = str(PROJECT_ROOT / "app.py")
PAGES = ("overview", "map", "matrix", "gaps", "entities", "briefs", "query", "exports")


def open_page(page: str, **params: str) -> AppTest:
    """The app on one page, with URL query parameters, after its first run."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in {"country": "BGD", **params}.items():
        at.query_params[key] = value
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture(scope="module")
def bgd_gaps_json() -> dict:
    result = CliRunner().invoke(cli, ["gaps", "--country", "BGD", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(autouse=True)
def shipped_data(monkeypatch):
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.delenv("NEO4J_URI", raising=False)


def table_with(at: AppTest, column: str):
    """The first dataframe on the page that has ``column``."""
    for frame in at.dataframe:
        if column in frame.value.columns:
            return frame.value
    raise AssertionError(f"no table with a {column!r} column")


def downloads(at: AppTest) -> list[str]:
    return [b.label for b in at.get("download_button")]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_a_title_the_store_and_downloadable_tables(page):
    at = open_page(page)
    assert at.title and at.title[0].value.strip()
    assert not at.error
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert "embedded store (no server)" in sidebar
    # every table has its download button (each ui.table adds one; pages may add more)
    assert len(downloads(at)) >= len(at.dataframe)
    assert at.query_params["country"] == ["BGD"] or at.query_params["country"] == "BGD"


def test_overview_counts_equal_migkg_gaps(bgd_gaps_json, shipped_kg):
    at = open_page("overview")
    metrics = {m.label: m.value for m in at.metric}
    summary = bgd_gaps_json["summary"]
    assert metrics["Gap"] == str(summary["gap"])
    assert metrics["Partial"] == str(summary["partial"])
    assert metrics["Covered"] == str(summary["covered"])
    assert metrics["SDG targets at risk"] == f"{summary['sdg_targets_at_risk']} of {len(bgd_gaps_json['sdg_targets'])}"
    assert metrics["Categories uncovered"] == f"{summary['categories_uncovered']} of {len(bgd_gaps_json['categories'])}"
    worst = at.dataframe[0].value
    assert len(worst) == 23
    statuses = {o["number"]: o["status"] for o in bgd_gaps_json["objectives"]}
    assert [statuses[n] for n in worst["objective"]] == sorted(statuses.values(), key=["gap", "partial", "covered"].index)
    assert set(worst["objective"][: summary["gap"]]) == {n for n, s in statuses.items() if s == "gap"}
    at_risk = at.dataframe[2].value
    assert set(at_risk["target"]) == {t["code"] for t in bgd_gaps_json["sdg_targets"] if t["at_risk"]}
    countries = at.dataframe[3].value
    bgd = countries[countries["iso3"] == "BGD"].iloc[0]
    expected = stats(shipped_kg)["countries"]["BGD"]
    assert bgd["country"] == "Bangladesh"
    assert bgd["actors"] == expected["actors"] and bgd["responsibilities"] == expected["responsibilities"]


def _map_html(at: AppTest) -> str:
    frames = at.get("iframe")
    assert frames, "the map iframe is missing"
    return frames[0].proto.srcdoc


def test_map_draws_every_objective_and_actor_with_precomputed_positions(shipped_kg):
    at = open_page("map")
    html = _map_html(at)
    result = analyse(project(shipped_kg), "BGD")
    for o in result.objectives:
        assert f'"mkgid:gcm/objective/{o.number}"' in html
    holders = {a for o in result.objectives for a in o.actors}
    for actor in holders:
        assert f'"mkgid:BGD/actor/{actor}"' in html
    assert '"physics": false' in html or '"physics": {"enabled": false}' in html
    assert "new vis.Network" in html and "cdnjs" not in html and "jsdelivr" not in html  # vis-network inlined, no CDN
    links = at.dataframe[-1].value
    assert len(links) == len({(r.actor, r.objective) for r in _rows(shipped_kg)})


def _rows(kg):
    return kg.country("BGD").responsibilities


def test_map_filters_narrow_what_is_drawn(shipped_kg):
    rows = _rows(shipped_kg)
    at = open_page("map", cat="displacement", role="support")
    links = at.dataframe[-1].value
    expected = {(r.actor, r.objective) for r in rows if r.category == "displacement" and r.role == "support"}
    assert expected and len(links) == len(expected)
    assert set(links["roles"]) == {"support"}

    at = open_page("map", atype="civil_society")
    html = _map_html(at)
    civil = {a.id for a in shipped_kg.country("BGD").actors if a.type == "civil_society"}
    others = {a.id for a in shipped_kg.country("BGD").actors if a.type != "civil_society"}
    assert any(f'"mkgid:BGD/actor/{a}"' in html for a in civil)
    assert not any(f'"mkgid:BGD/actor/{a}"' in html for a in others)

    at = open_page("map", obj="10", layer="sdg")
    html = _map_html(at)
    assert '"mkgid:gcm/objective/10"' in html and '"mkgid:gcm/objective/6"' not in html
    assert '"sdg:' in html  # the SDG layer adds aligned targets
    assert set(at.dataframe[-1].value["objective"]) == {10}
    assert at.query_params["obj"] in (["10"], "10")


def test_map_selection_shows_details_and_lives_in_the_url():
    at = open_page("map", node="mkgid:gcm/objective/2")
    assert at.selectbox(key="node").value == "mkgid:gcm/objective/2"
    text = " ".join(m.value for m in at.markdown)
    assert "no_lead" in text  # objective 2's flags with their explanation
    assert '"mkgid:gcm/objective/2"' in _map_html(at)
    selection = at.dataframe[0].value
    assert set(selection["linked to"]) == {"Ministry of Disaster Management and Relief", "Refugee and Migratory Movements Research Unit",
                                           "Ministry of Environment, Forest and Climate Change"}
    at.selectbox(key="node").set_value("mkgid:BGD/actor/moewoe").run()
    assert at.query_params["node"] in (["mkgid:BGD/actor/moewoe"], "mkgid:BGD/actor/moewoe")


def test_matrix_matches_migkg_matrix_and_filters(shipped_kg):
    matrix = coverage_matrix(project(shipped_kg, "BGD"), "BGD")
    at = open_page("matrix")
    frame = at.dataframe[0].value
    assert len(frame) == 23 and len(frame.columns) == 5 + len(matrix.actors)
    full = gap_report.matrix_csv(matrix).splitlines()
    assert len(full) == 24  # header + 23 objectives, offered as the full-matrix download
    assert "Download the full matrix (CSV, as `migkg matrix`)" in downloads(at)
    row6 = frame[frame["#"] == 6].iloc[0]
    assert row6["MoEWOE"] == "lead" and row6["status"] == "partial"

    at = open_page("matrix", status="gap", atype="ministry", sort="most actors")
    frame = at.dataframe[0].value
    assert set(frame["status"]) == {"gap"}
    assert sorted(frame["#"]) == sorted(o.number for o, _ in matrix.rows if o.status == "gap")
    shown = [c for c in frame.columns if c not in ("#", "objective", "status", "flags", "actors")]
    legend = at.dataframe[1].value
    assert set(legend["type"]) == {"ministry"} and len(shown) == len(legend)
    assert set(legend["actor"]) == {a.id for a in matrix.actors if a.type == "ministry"}  # every ministry holding a row, no other actor
    assert dict(zip(legend["actor"], legend["name"]))["moewoe"] == "Ministry of Expatriates' Welfare and Overseas Employment"
    assert list(frame["actors"]) == sorted(frame["actors"], reverse=True)


def test_gaps_page_lists_every_flag_with_its_explanation(bgd_gaps_json):
    at = open_page("gaps")
    table = table_with(at, "flags")
    assert dict(zip(table["objective"], table["status"])) == {o["number"]: o["status"] for o in bgd_gaps_json["objectives"]}
    text = " ".join(m.value for m in at.markdown)
    for o in bgd_gaps_json["objectives"]:
        for f in o["flags"]:
            assert f["explanation"] in text
    labels = downloads(at)
    assert {"Download the report (Markdown)", "Download every finding (CSV)", "Download (JSON)"} <= set(labels)

    at = open_page("gaps", status="gap", flag="no_lead")
    assert set(table_with(at, "flags")["objective"]) == {o["number"] for o in bgd_gaps_json["objectives"]
                                                       if o["status"] == "gap" and any(f["type"] == "no_lead" for f in o["flags"])}


def test_gaps_page_ranks_objectives_when_several_countries(tmp_path, monkeypatch):
    data = write_country(tmp_path)
    (data / "countries" / "BGD").symlink_to(DEFAULT_DATA_DIR / "countries" / "BGD")
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    at = open_page("gaps")
    assert any("All 2 countries" in s.value for s in at.subheader)
    ranking = at.dataframe[-1].value
    assert list(ranking.columns[:4]) == ["rank", "objective", "title", "gap in"]
    assert len(ranking) == 23 and ranking["gap in"].iloc[0] == 2
    per_country = table_with(at, "categories_uncovered")
    expected = {f"{c['name']} ({c['country']})": c["summary"]["gap"] for c in json.loads(
        CliRunner().invoke(cli, ["gaps", "--all", "--data-dir", str(data), "--json"]).stdout)["countries"]}
    assert dict(zip(per_country["country"], per_country["gap"])) == expected
    assert "Download all countries (Markdown)" in downloads(at)
    # the country picker offers both, and ?country= switches
    at = open_page("overview", country="XYZ")
    assert at.title[0].value.startswith("Tinyland")


def test_entity_pages_show_relations_with_source_and_quote(shipped_kg):
    at = open_page("entities", entity="mkgid:BGD/actor/moewoe")
    assert at.header[0].value == "Ministry of Expatriates' Welfare and Overseas Employment"
    resp = at.dataframe[1].value
    rows = [r for r in _rows(shipped_kg) if r.actor == "moewoe"]
    assert len(resp) == len(rows)
    assert (resp["quote"] != "–").all() and (resp["source"] != "no source").all()
    relations = at.dataframe[2].value
    assert "member of" in set(relations["relation"])

    for key, kind in (("mkgid:gcm/objective/9", "GCM objective"), ("sdg:10.7", "SDG target"), ("mkgid:gcm/action/6.c", "GCM action"),
                      ("mkgid:BGD/instrument/oema_2013", "Policy instrument"), ("mkgid:BGD/actor/bmct", "Coordination body")):
        at = open_page("entities", entity=key)
        assert kind in at.caption[1].value, key
    at = open_page("entities", entity="mkgid:gcm/objective/9")
    assert any("uncovered" in m.value for m in at.markdown)


def test_briefs_are_markdown_with_evidence_and_download():
    at = open_page("briefs", brief="actor", id="moewoe")
    body = " ".join(m.value for m in at.markdown)
    assert "Ministry of Expatriates' Welfare and Overseas Employment (MoEWOE) — actor brief (Bangladesh)" in body
    assert "## Responsibilities" in body and "## Sources" in body
    assert downloads(at) == ["Download this brief (Markdown)"]
    at = open_page("briefs", brief="objective", id="2")
    body = " ".join(m.value for m in at.markdown)
    assert "GCM objective 2" in body and "nobody holds the lead" in body


def test_query_page_runs_saved_questions_and_refuses_writes():
    at = open_page("query", q="uncovered_objectives")
    assert at.selectbox(key="q").value == "uncovered_objectives"
    at.button(key="run").click().run()
    assert not at.exception
    result = at.dataframe[0].value
    assert sorted(int(n) for n in result["objective"]) == [9, 13, 15, 16, 17]
    assert "Download the result (CSV)" in downloads(at)

    at.number_input(key="limit").set_value(2).run()
    at.button(key="run").click().run()
    assert "cut at the row limit" in at.success[0].value and len(at.dataframe[0].value) == 2

    for text in ("INSERT DATA { <http://a> <http://b> <http://c> }", "DELETE WHERE { ?s ?p ?o }",
                 "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"):
        at.text_area(key="query_text").input(text).run()
        at.button(key="run").click().run()
        assert at.error and "Refused" in at.error[0].value and "read-only" in at.error[0].value, text
        assert not at.dataframe

    at.text_area(key="query_text").input("SELECT nonsense WHERE {").run()
    at.button(key="run").click().run()
    assert at.error and "syntax" in at.error[0].value.lower()


def test_exports_page_offers_every_format_as_migkg_export_writes_it(tmp_path):
    from kg.explorer import ui

    at = open_page("exports")
    labels = set(downloads(at))
    assert {"Download Turtle (RDF)", "Download JSON-LD (RDF)", "Download N-Triples (RDF)", "Download GraphML",
            "Download CSV: nodes", "Download CSV: edges"} <= labels
    # what the buttons deliver (generated on click by ui.export_bytes) is what `migkg export --country BGD` writes
    for fmt in ("ttl", "nt", "graphml", "csv"):
        out = tmp_path / fmt
        result = CliRunner().invoke(cli, ["export", "--format", fmt, "--country", "BGD", "--out", str(out)])
        assert result.exit_code == 0, result.output
        written = {p.name: p.read_bytes() for p in out.iterdir()} if out.is_dir() else {fmt: out.read_bytes()}
        assert ui.export_bytes(ui.scope(), fmt, "BGD") == written, fmt


def test_neo4j_unreachable_falls_back_to_the_embedded_store(monkeypatch, bgd_gaps_json):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")  # nothing listens on the discard port
    at = open_page("overview")
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "NEO4J_URI is set but Neo4j could not be used" in warnings and "127.0.0.1:9" in warnings
    assert "embedded store (no server)" in " ".join(c.value for c in at.sidebar.caption)
    metrics = {m.label: m.value for m in at.metric}
    summary = bgd_gaps_json["summary"]
    assert (metrics["Gap"], metrics["Partial"], metrics["Covered"]) == (str(summary["gap"]), str(summary["partial"]), str(summary["covered"]))


def test_entity_page_shows_document_mentions_when_documents_are_ingested():
    from kg.explorer import mentions

    at = open_page("entities", entity="mkgid:BGD/actor/bmet")
    assert "Mentions in documents" in [s.value for s in at.subheader]
    found = mentions.mentions_of("mkgid:BGD/actor/bmet", DEFAULT_DATA_DIR)
    assert found, "the shipped corpus mentions BMET"
    frame = table_with(at, "sentence")
    assert list(frame["sentence"]) == [m["sentence"] for m in found] and list(frame["words"]) == [m["text"] for m in found]
    assert all("BMET" in words or "Bureau" in words for words in frame["words"])
