"""The responsibility gap analysis (kg/gaps.py), its reports (kg/gap_report.py) and `migkg gaps` / `migkg matrix`.

Every rule is shown true at least once and false at least once, on small named
countries written with ``write_country``:

* Tinyland (``TINY`` of conftest): an action-level row (``6.c``), membership
  inherited through ``parent``, an objective with no lead, a single actor, a
  category covered only through a narrower one.
* Splitland (below): two leads vs two co-leads, government actors in different
  bodies, membership inherited over two ``parent`` steps, civil-society and
  private-sector actors, an international organisation, an unsourced row.
"""

from __future__ import annotations

import csv
import io
import json
import pickle
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg import gaps
from kg.build import build
from kg.cli import app
from kg.gap_report import render, render_matrix
from kg.projection import project
from tests.conftest import TINY, write_country

runner = CliRunner()

SPLITLAND = {
    "country_yaml": """\
        iso3: SPL
        name: Splitland
        categories_in_scope: [outward, internal]
        sources:
          - id: act
            title: Splitland Migration Act
            publisher: Parliament of Splitland
            year: 2019
            url: https://example.org/spl-act
        """,
    "actors_csv": """\
        id,name,acronym,aliases,type,parent,name_bn
        mol,Ministry of Labour,,,ministry,,
        mofa,Ministry of Foreign Affairs,,,ministry,,
        moha,Ministry of Home Affairs,,,ministry,,
        bureau,Bureau of Employment,,,department,mol,
        unit,Overseas Placement Unit,,,division,bureau,
        taskforce,Migration Taskforce,,,coordination_body,,
        council,Anti-Trafficking Council,,,coordination_body,,
        ngo,Migrant Rights Forum,,,civil_society,,
        firm,Remit Co,,,private_sector,,
        iom,IOM Splitland,,,international_organization,,
        """,
    "instruments_csv": None,
    "responsibilities_csv": """\
        actor,objective,role,category,basis,source,evidence,status
        mol,6,lead,outward,,act,,mandated
        mofa,6,lead,outward,,act,,mandated
        mol,10,co-lead,,,act,,mandated
        moha,10,co-lead,,,act,,mandated
        mofa,14,lead,,,act,,mandated
        ngo,14,support,,,act,,reported
        unit,7.c,lead,,,act,,mandated
        mofa,7,support,,,act,,mandated
        moha,21,lead,,,,,reported
        moha,20,lead,,,act,,mandated
        firm,20,support,,,act,,reported
        iom,23,lead,,,act,,reported
        """,
    "coordination_csv": """\
        body,member,role,source
        taskforce,mol,chair,act
        taskforce,mofa,member,act
        council,moha,chair,act
        """,
}


def analyse_folder(data: Path, iso3: str) -> gaps.CountryGaps:
    kg = build(data, countries=[iso3])
    return gaps.analyse(project(kg, iso3), iso3)


def objectives(result: gaps.CountryGaps) -> dict[int, gaps.ObjectiveResult]:
    return {o.number: o for o in result.objectives}


def flag_types(result: gaps.CountryGaps, number: int) -> list[str]:
    return [f.type for f in objectives(result)[number].flags]


def get_flag(result: gaps.CountryGaps, number: int, kind: str) -> gaps.Flag:
    (flag,) = [f for f in objectives(result)[number].flags if f.type == kind]
    return flag


@pytest.fixture
def tinyland(tiny: Path) -> gaps.CountryGaps:
    return analyse_folder(tiny, "XYZ")


@pytest.fixture
def splitland_data(tmp_path: Path) -> Path:
    return write_country(tmp_path, "SPL", **SPLITLAND)


@pytest.fixture
def splitland(splitland_data: Path) -> gaps.CountryGaps:
    return analyse_folder(splitland_data, "SPL")


@pytest.fixture
def two_countries(tmp_path: Path) -> Path:
    """Tinyland (XYZ) and Twinland (ABC): same actors, ABC covers 3 and 6 but not 14."""
    write_country(tmp_path, "XYZ")
    return write_country(
        tmp_path, "ABC",
        country_yaml=TINY["country.yaml"].replace("XYZ", "ABC").replace("Tinyland", "Twinland"),
        responsibilities_csv="""\
            actor,objective,role,category,basis,source,evidence,status
            mol,3,lead,outward,,labour_act,,mandated
            mol,6,lead,outward,labour_act,labour_act,,mandated
            """,
    )


# --- objective statuses and every flag, true and false ------------------------------------------


def test_all_objectives_listed_in_order(tinyland):
    assert [o.number for o in tinyland.objectives] == list(range(1, 24))
    assert {o.status for o in tinyland.objectives} <= set(gaps.STATUSES)


def test_uncovered(tinyland):
    assert flag_types(tinyland, 1) == ["uncovered"]
    assert objectives(tinyland)[1].status == "gap"
    assert "uncovered" not in flag_types(tinyland, 6)
    assert "uncovered" not in flag_types(tinyland, 3)


def test_action_level_row_covers_its_objective(tmp_path):
    data = write_country(tmp_path, responsibilities_csv="""\
        actor,objective,role,category,basis,source,evidence,status
        bureau,6.c,lead,outward,labour_act,labour_act,,mandated
        """)
    result = analyse_folder(data, "XYZ")
    six = objectives(result)[6]
    assert six.status == "covered" and six.actors == ("bureau",) and six.rows == 1
    assert "uncovered" not in flag_types(result, 6) and "no_lead" not in flag_types(result, 6)
    assert "on 6.c (line 2)" in get_flag(result, 6, "single_actor").explanation


def test_no_lead(tinyland, splitland):
    flag = get_flag(tinyland, 3, "no_lead")
    assert flag.severity == "gap" and flag.actors == ("ngo",) and flag.lines == (5,)
    assert "ngo (Migrant Rights Forum): support (line 5)" in flag.explanation
    assert objectives(tinyland)[3].status == "gap"
    assert "no_lead" not in flag_types(tinyland, 6)  # a lead
    assert "no_lead" not in flag_types(splitland, 10)  # co-leads are leads
    assert "no_lead" not in flag_types(tinyland, 1)  # no rows at all is 'uncovered' instead


def test_contested_lead_two_leads_vs_two_co_leads(splitland):
    flag = get_flag(splitland, 6, "contested_lead")
    assert flag.severity == "partial" and flag.actors == ("mol", "mofa") and flag.lines == (2, 3)
    assert "mol (Ministry of Labour): lead (line 2)" in flag.explanation
    assert objectives(splitland)[6].status == "partial"
    assert "contested_lead" not in flag_types(splitland, 10)  # two co-leads
    assert "contested_lead" not in flag_types(splitland, 14)  # one lead


def test_contested_lead_counts_action_level_leads(tmp_path):
    data = write_country(tmp_path, responsibilities_csv="""\
        actor,objective,role,category,basis,source,evidence,status
        mol,6,lead,outward,labour_act,labour_act,,mandated
        mofa,6.a,lead,,,labour_act,,mandated
        mol,6.c,lead,,,labour_act,,mandated
        """)
    flag = get_flag(analyse_folder(data, "XYZ"), 6, "contested_lead")
    assert flag.actors == ("mol", "mofa")
    assert "lead on 6.a (line 3)" in flag.explanation


def test_uncoordinated(splitland):
    flag = get_flag(splitland, 10, "uncoordinated")
    assert flag.severity == "partial" and flag.actors == ("mol", "moha") and flag.lines == (4, 5)
    assert flag.bodies == ("council", "taskforce")
    assert "council (Anti-Trafficking Council) counts only moha" in flag.explanation
    assert "taskforce (Migration Taskforce) counts only mol" in flag.explanation
    assert objectives(splitland)[10].status == "partial"
    assert "uncoordinated" not in flag_types(splitland, 6)  # mol and mofa both in the taskforce


def test_membership_inherited_through_parent_chain(splitland, tinyland):
    # unit -> bureau -> mol, and mol is in the taskforce with mofa
    assert "uncoordinated" not in flag_types(splitland, 7)
    assert objectives(splitland)[7].status == "covered"
    # Tinyland: bureau (6.c) counts through its parent mol
    assert "uncoordinated" not in flag_types(tinyland, 6)


def test_membership_not_inherited_when_the_parent_is_not_a_member(tmp_path):
    coordination = "body,member,role,source\ntaskforce,mofa,member,act\ncouncil,moha,chair,act\n"
    data = write_country(tmp_path, "SPL", **{**SPLITLAND, "coordination_csv": coordination})
    result = analyse_folder(data, "SPL")
    flag = get_flag(result, 7, "uncoordinated")
    assert flag.actors == ("unit", "mofa")
    assert "taskforce (Migration Taskforce) counts only mofa" in flag.explanation


def test_inherited_membership_is_named_in_explanations(tmp_path):
    coordination = "body,member,role,source\ntaskforce,mol,chair,act\ncouncil,moha,chair,act\n"
    data = write_country(tmp_path, "SPL", **{**SPLITLAND, "coordination_csv": coordination})
    flag = get_flag(analyse_folder(data, "SPL"), 7, "uncoordinated")
    assert "counts only unit (through mol)" in flag.explanation


def test_civil_society_does_not_trigger_uncoordinated_but_clears_no_civil_society(splitland):
    # objective 14: mofa (government) and ngo (civil society, in no body)
    assert flag_types(splitland, 14) == []
    assert objectives(splitland)[14].status == "covered"
    # objective 20: moha and a private-sector firm
    assert flag_types(splitland, 20) == []


def test_single_actor(tinyland, splitland):
    flag = get_flag(tinyland, 14, "single_actor")
    assert flag.severity == "warning" and flag.actors == ("mofa",) and flag.lines == (4,)
    assert objectives(tinyland)[14].status == "covered"  # warnings do not change status
    assert "single_actor" not in flag_types(tinyland, 6)
    assert "single_actor" not in flag_types(tinyland, 1)


def test_no_civil_society(tinyland, splitland):
    flag = get_flag(tinyland, 6, "no_civil_society")
    assert flag.severity == "warning" and flag.actors == ("mol", "bureau")
    assert "mol (Ministry of Labour, ministry)" in flag.explanation
    # an international organisation is not civil society
    assert "no_civil_society" in flag_types(splitland, 23)
    assert "no_civil_society" not in flag_types(tinyland, 3)  # ngo
    assert "no_civil_society" not in flag_types(tinyland, 1)  # no rows


def test_unsourced(splitland, tinyland):
    flag = get_flag(splitland, 21, "unsourced")
    assert flag.severity == "warning" and flag.lines == (10,) and flag.actors == ("moha",)
    assert objectives(splitland)[21].status == "covered"
    assert all("unsourced" not in flag_types(tinyland, n) for n in range(1, 24))


def test_status_precedence_gap_over_partial(tmp_path):
    # no lead and uncoordinated at once: the flag is listed, the status is gap
    data = write_country(tmp_path, "SPL", **{**SPLITLAND, "responsibilities_csv": """\
        actor,objective,role,category,basis,source,evidence,status
        mol,10,support,,,act,,mandated
        moha,10,support,,,act,,mandated
        """})
    result = analyse_folder(data, "SPL")
    assert flag_types(result, 10) == ["no_lead", "uncoordinated", "no_civil_society"]
    assert objectives(result)[10].status == "gap"


# --- categories and SDG targets --------------------------------------------------------------


def test_category_covered_only_through_a_narrower_category(tinyland):
    cats = {c.id: c for c in tinyland.categories}
    assert list(cats) == ["international", "outward", "internal", "displacement"]
    assert cats["international"].flags == () and cats["international"].covered_through == ("outward",)
    assert cats["outward"].flags == ()
    (flag,) = cats["internal"].flags
    assert flag.type == "category_uncovered" and flag.severity == "gap"
    assert "displacement, rural_urban, seasonal" in flag.explanation
    assert cats["displacement"].flags[0].type == "category_uncovered"


def test_broader_category_does_not_cover_a_narrower_one(tmp_path):
    data = write_country(
        tmp_path,
        country_yaml=TINY["country.yaml"].replace("[international, outward, internal, displacement]", "[outward, international]"),
        responsibilities_csv="""\
            actor,objective,role,category,basis,source,evidence,status
            mol,6,lead,international,labour_act,labour_act,,mandated
            """,
    )
    cats = {c.id: c for c in analyse_folder(data, "XYZ").categories}
    assert [f.type for f in cats["outward"].flags] == ["category_uncovered"]
    assert cats["international"].flags == ()


def test_at_risk_on_real_alignments(tinyland):
    statuses = tinyland.statuses()
    assert tinyland.sdg_targets, "the reference layer aligns GCM objectives with SDG targets"
    for t in tinyland.sdg_targets:
        assert t.objectives
        assert t.at_risk == all(statuses[n] == "gap" for n in t.objectives)
    assert any(t.at_risk for t in tinyland.sdg_targets)
    assert any(not t.at_risk and 6 in t.objectives for t in tinyland.sdg_targets)  # objective 6 is covered


def test_at_risk_true_and_false():
    g = gaps.example_graph(
        actors=["mol ministry", "mofa ministry", "ngo civil_society"],
        rows=["mol 6 lead", "ngo 3 support", "mol 10 lead", "mofa 10 lead"],
        objectives={3: "Three", 6: "Six", 7: "Seven", 10: "Ten"},
        aligns=[(6, "8.8"), (7, "8.8"), (3, "16.9"), (7, "16.9"), (10, "16.2")],
    )
    result = gaps.analyse(g, "XYZ")
    assert {n: o.status for n, o in objectives(result).items()} == {3: "gap", 6: "covered", 7: "gap", 10: "partial"}
    assert [(t.code, t.at_risk, t.objectives) for t in result.sdg_targets] == [
        ("8.8", False, (6, 7)), ("16.2", False, (10,)), ("16.9", True, (3, 7)),
    ]


# --- store independence and speed ------------------------------------------------------------


def comparable(result: gaps.CountryGaps) -> list:
    return [(o.number, o.status, [(f.type, f.actors, f.lines, f.bodies) for f in o.flags]) for o in result.objectives]


def test_same_results_from_whole_graph_and_graphml_round_trip(two_countries):
    kg = build(two_countries)
    alone = gaps.analyse(project(kg, "XYZ"), "XYZ")
    everything = project(kg)
    assert gaps.analyse(everything, "XYZ") == alone
    # another "store": the projection written to GraphML and read back
    buffer = io.BytesIO()
    nx.write_graphml(everything, buffer)
    buffer.seek(0)
    reread = nx.read_graphml(buffer, force_multigraph=True)
    assert comparable(gaps.analyse(reread, "XYZ")) == comparable(alone)
    assert gaps.analyse(reread, "XYZ").categories == alone.categories


def test_flags_and_results_survive_pickling(tinyland, splitland):
    """The explorer caches results with ``st.cache_data``, which pickles them: a flag read back gives the
    same explanation, dict, equality and hash, and a whole country's results compare equal."""
    flags = [f for result in (tinyland, splitland) for o in (*result.objectives, *result.categories) for f in o.flags]
    assert {f.type for f in flags} == set(gaps.SEVERITY)  # every kind of flag
    for flag in flags:
        copy = pickle.loads(pickle.dumps(flag))
        assert copy.explanation == flag.explanation
        assert copy.to_dict() == flag.to_dict()
        assert copy == flag and hash(copy) == hash(flag)
    assert pickle.loads(pickle.dumps(splitland)) == splitland


def test_example_graph_matches_the_projection(tiny):
    """``example_graph`` (docs, doctests) builds the same shape as ``project``."""
    spec = gaps.example_graph(
        actors=["mol ministry name=Ministry_of_Labour", "mofa ministry name=Ministry_of_Foreign_Affairs",
                "bureau department parent=mol name=Bureau_of_Employment", "taskforce coordination_body", "ngo civil_society"],
        rows=["mol 6 lead category=outward", "bureau 6.c support category=outward", "mofa 14 lead", "ngo 3 support category=outward"],
        members=["taskforce mofa", "taskforce mol", "taskforce ngo"],
        scope=["international", "outward", "internal", "displacement"],
        objectives={n: f"GCM objective {n}" for n in range(1, 24)},
    )
    from_spec = gaps.analyse(spec, "XYZ")
    from_files = analyse_folder(tiny, "XYZ")
    assert comparable(from_spec) == comparable(from_files)
    assert [(c.id, len(c.flags)) for c in from_spec.categories] == [(c.id, len(c.flags)) for c in from_files.categories]


def big_country(rows: int = 800) -> nx.MultiDiGraph:
    types = ["ministry", "department", "agency", "division", "civil_society", "coordination_body"]
    actors = [f"a{i} {types[i % len(types)]}" + (f" parent=a{i - 1}" if i % 6 == 1 else "") for i in range(60)]
    roles = ["lead", "co-lead", "support", "consulted", "informed"]
    specs = [f"a{i % 60} {1 + i % 23} {roles[i % 5]}" + (" source=" if i % 50 == 0 else "") for i in range(rows)]
    specs = list(dict.fromkeys(specs))
    members = [f"a{b} a{m}" for b in range(5, 60, 6) for m in range(0, 60, 7) if m != b]
    return gaps.example_graph(actors=actors, rows=specs, members=members, scope=["international", "internal"])


def test_big_country_analysed_whole_and_alone_alike():
    """800 rows over 60 actors: every objective is analysed, each row counted once.
    (Speed is measured by ``migkg bench``, not here.)"""
    graph = big_country()
    result = gaps.analyse(graph, "XYZ", gaps.reference_index(graph))
    assert sum(o.rows for o in result.objectives) == len(gaps.index_country(graph, "XYZ").rows) == 800
    assert gaps.analyse_all(graph) == [result]


# --- analyse_all: one scan of the nodes, the same results as each country alone -----------------


def all_alone(graph: nx.MultiDiGraph) -> list[gaps.CountryGaps]:
    reference = gaps.reference_index(graph)
    return [gaps.analyse(graph, iso3, reference) for iso3 in reference.countries]


def responsibility_nodes(graph: nx.MultiDiGraph, iso3: str) -> list[str]:
    return [n for n, d in graph.nodes(data=True) if d.get("kind") == "Responsibility" and d.get("country") == iso3]


def test_analyse_all_equals_each_country_alone(two_countries):
    graph = project(build(two_countries))
    results = gaps.analyse_all(graph)
    assert [r.iso3 for r in results] == ["ABC", "XYZ"]
    assert results == all_alone(graph)
    assert results[0].statuses() != results[1].statuses()  # the two countries differ


def test_analyse_all_without_country_attributes_walks_the_edges(two_countries):
    """A store that does not write a responsibility's ``country`` attribute still gets every row."""
    graph = project(build(two_countries))
    expected = all_alone(graph)
    for node in responsibility_nodes(graph, "XYZ")[:1]:
        del graph.nodes[node]["country"]
    assert gaps.analyse_all(graph) == expected


def test_analyse_all_when_the_actor_attribute_names_no_actor_of_the_country(two_countries):
    """The ``actor`` edge decides; a stale ``actor`` attribute sends that country to the walk."""
    graph = project(build(two_countries))
    expected = all_alone(graph)
    node = responsibility_nodes(graph, "ABC")[0]
    graph.nodes[node]["actor"] = "nobody"
    assert gaps.analyse_all(graph) == expected == all_alone(graph)


def test_analyse_all_converts_missing_none_and_other_types(two_countries):
    """Attributes missing, None or of another type (another store's graph) are read as the
    converting path reads them, in both the scan and the walk."""
    graph = project(build(two_countries))
    xyz, abc = responsibility_nodes(graph, "XYZ"), responsibility_nodes(graph, "ABC")
    graph.nodes[xyz[0]]["line"] = float(graph.nodes[xyz[0]]["line"])
    graph.nodes[xyz[1]]["category"] = None
    del graph.nodes[abc[0]]["source"]
    graph.nodes[abc[1]]["objective"] = str(graph.nodes[abc[1]]["objective"])
    results = gaps.analyse_all(graph)
    assert results == all_alone(graph)
    abc_rows = gaps.index_country(graph, "ABC").rows
    assert all(type(r.objective) is int and type(r.line) is int and type(r.source) is str for r in abc_rows)
    assert [f.type for o in results[0].objectives for f in o.flags if f.type == "unsourced"] == ["unsourced"]


# --- reports ------------------------------------------------------------------------------------


def test_json_shape_of_the_report(splitland):
    doc = json.loads(render(splitland, "json"))
    assert doc["country"] == "SPL"
    assert [o["number"] for o in doc["objectives"]] == list(range(1, 24))
    for o in doc["objectives"]:
        assert {"number", "title", "status", "flags"} <= set(o)
        for f in o["flags"]:
            assert {"type", "severity", "explanation", "actors"} <= set(f)
            assert f["severity"] in ("gap", "partial", "warning")
    assert [c["id"] for c in doc["categories"]] == ["outward", "internal"]
    assert all({"id", "label", "flags"} <= set(c) for c in doc["categories"])
    assert all({"code", "at_risk", "objectives"} <= set(t) for t in doc["sdg_targets"])
    assert doc["summary"]["partial"] == 2 and sum(doc["summary"][s] for s in gaps.STATUSES) == 23


def test_coverage_matrix(splitland_data):
    kg = build(splitland_data)
    matrix = gaps.coverage_matrix(project(kg, "SPL"), "SPL")
    assert [a.id for a in matrix.actors] == ["mol", "mofa", "moha", "unit", "ngo", "firm", "iom"]  # actors with rows, file order
    rows = {o.number: (o.status, dict(cells)) for o, cells in matrix.rows}
    assert rows[6] == ("partial", {"mol": ("lead",), "mofa": ("lead",)})
    assert rows[7] == ("covered", {"mofa": ("support",), "unit": ("lead",)})
    assert rows[1] == ("gap", {})
    table = list(csv.reader(io.StringIO(render_matrix(matrix, "csv"))))
    assert table[0] == ["objective", "short_label", "title", "status", "mol", "mofa", "moha", "unit", "ngo", "firm", "iom"]
    assert len(table) == 24
    doc = json.loads(render_matrix(matrix, "json"))
    assert doc["objectives"][9]["cells"] == {"mol": "co-lead", "moha": "co-lead"}


def test_matrix_cell_joins_roles_in_role_order(tmp_path):
    data = write_country(tmp_path, responsibilities_csv="""\
        actor,objective,role,category,basis,source,evidence,status
        mol,6.c,support,,,labour_act,,mandated
        mol,6,lead,outward,labour_act,labour_act,,mandated
        """)
    kg = build(data)
    table = list(csv.DictReader(io.StringIO(render_matrix(gaps.coverage_matrix(project(kg, "XYZ"), "XYZ"), "csv"))))
    assert table[5]["mol"] == "lead;support"


# --- the command line ---------------------------------------------------------------------------


def test_cli_gaps_json(splitland_data):
    result = runner.invoke(app, ["gaps", "--country", "SPL", "--data-dir", str(splitland_data), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert set(doc) >= {"country", "objectives", "categories", "sdg_targets"}
    assert [o["number"] for o in doc["objectives"]] == list(range(1, 24))
    ten = doc["objectives"][9]
    assert ten["status"] == "partial" and [f["type"] for f in ten["flags"]] == ["uncoordinated", "no_civil_society"]
    assert ten["flags"][0]["actors"] == ["mol", "moha"]


def test_cli_gaps_markdown_is_the_default(splitland_data):
    default = runner.invoke(app, ["gaps", "--country", "SPL", "--data-dir", str(splitland_data)])
    md = runner.invoke(app, ["gaps", "--country", "SPL", "--data-dir", str(splitland_data), "--md"])
    assert default.exit_code == 0 and md.exit_code == 0, default.output
    assert default.stdout == md.stdout
    text = md.stdout
    assert text.startswith("# Responsibility gaps: Splitland (SPL)")
    assert "| # | Objective | Status | Actors | Flags |" in text
    assert "| 6 | " in text and "contested_lead" in text
    assert "`uncoordinated` (partial): government actors mol (Ministry of Labour), moha (Ministry of Home Affairs) share objective 10" in text


def test_cli_gaps_csv(splitland_data):
    result = runner.invoke(app, ["gaps", "--country", "SPL", "--data-dir", str(splitland_data), "--csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["country", "section", "id", "label", "status", "flag", "severity", "explanation", "actors", "lines", "bodies"]
    objective_rows = [r for r in rows if r["section"] == "objective"]
    assert {r["id"] for r in objective_rows} == {str(n) for n in range(1, 24)}
    (unsourced,) = [r for r in objective_rows if r["flag"] == "unsourced"]
    assert unsourced["id"] == "21" and unsourced["lines"] == "10" and unsourced["actors"] == "moha"
    assert [r["flag"] for r in objective_rows if r["id"] == "14"] == [""]  # no flags: one row, empty flag
    assert [r["id"] for r in rows if r["section"] == "category"] == ["outward", "internal"]


def test_cli_gaps_all_ranks_objectives(two_countries):
    result = runner.invoke(app, ["gaps", "--all", "--data-dir", str(two_countries), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert [c["country"] for c in doc["countries"]] == ["ABC", "XYZ"]
    ranking = doc["ranking"]
    assert len(ranking) == 23
    assert ranking[0]["rank"] == 1 and ranking[0]["gap"] == ["ABC", "XYZ"]
    tail = [(r["rank"], r["number"], r["gap"]) for r in ranking[-3:]]
    assert tail == [(21, 3, ["XYZ"]), (21, 14, ["ABC"]), (23, 6, [])]

    table = list(csv.DictReader(io.StringIO(runner.invoke(app, ["gaps", "--all", "--data-dir", str(two_countries), "--csv"]).stdout)))
    assert [(r["rank"], r["objective"], r["gap_count"]) for r in table[-3:]] == [("21", "3", "1"), ("21", "14", "1"), ("23", "6", "0")]
    md = runner.invoke(app, ["gaps", "--all", "--data-dir", str(two_countries)]).stdout
    assert "| Twinland (ABC) |" in md and "| 23 | 6 |" in md


def test_cli_matrix(splitland_data):
    result = runner.invoke(app, ["matrix", "--country", "SPL", "--data-dir", str(splitland_data)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].startswith("objective,short_label,title,status,mol,")
    as_json = json.loads(runner.invoke(app, ["matrix", "--country", "SPL", "--data-dir", str(splitland_data), "--json"]).stdout)
    assert len(as_json["objectives"]) == 23 and as_json["objectives"][5]["cells"] == {"mol": "lead", "mofa": "lead"}


@pytest.mark.parametrize("args, message", [
    (["gaps"], "give --country ISO3 or --all"),
    (["gaps", "--country", "XYZ", "--all"], "give --country ISO3 or --all"),
    (["gaps", "--country", "XYZ", "--json", "--csv"], "choose one output format"),
    (["gaps", "--country", "NOP"], "no such country folder"),
    (["matrix", "--country", "NOP"], "no such country folder"),
])
def test_cli_user_errors(tiny, args, message):
    result = runner.invoke(app, [*args, "--data-dir", str(tiny)])
    assert result.exit_code == 2
    assert message in result.stderr
