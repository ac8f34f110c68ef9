"""The shipped data: the counts `migkg stats --json` reports, SHACL conformance, Bangladesh facts."""

from __future__ import annotations

import json

import rdflib
from rdflib import URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.namespaces import MKG, MKGID
from kg.validate import validate_country

runner = CliRunner()
M = rdflib.Namespace(MKG)


def test_stats_json_on_shipped_data():
    result = runner.invoke(app, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["objectives"] == 23
    assert stats["principles"] == 10
    assert stats["sdg_goals"] == 17
    assert stats["sdg_targets"] == 169
    assert stats["sdg_indicators"] >= 230
    assert stats["triples"] > 5000
    bgd = stats["countries"]["BGD"]
    assert bgd["actors"] >= 25
    assert bgd["responsibilities"] > 0
    assert bgd["responsibilities_sourced"] == bgd["responsibilities"]
    assert bgd["coordination_bodies"] >= 1


def test_shipped_data_validates(shipped_kg):
    for iso3 in shipped_kg.countries:
        result = validate_country(shipped_kg, iso3)
        assert result.conforms, [str(p) for p in result.problems if p.severity == "error"]


def test_validate_command_passes_on_shipped_data():
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert "BGD: conforms" in result.stdout


def test_bangladesh_taskforce_is_co_chaired_by_mofa_and_moewoe(shipped_kg):
    g = rdflib.Graph().parse(data=shipped_kg.ntriples("BGD"), format="nt")
    co_chair = URIRef(f"{MKGID}membership-role/co-chair")
    bodies = {
        g.value(m, M.body): set()
        for m in g.subjects(M.membershipRole, co_chair)
    }
    for m in g.subjects(M.membershipRole, co_chair):
        bodies[g.value(m, M.body)].add(str(g.value(g.value(m, M.member), M.acronym)))
    taskforce = [b for b in bodies if "taskforce" in str(g.value(b, rdflib.RDFS.label)).lower()]
    assert taskforce, "no coordination body named Taskforce with co-chairs"
    assert any({"MoFA", "MoEWOE"} <= bodies[b] for b in taskforce), bodies
    established = [g.value(b, M.established) for b in taskforce]
    assert any(str(e) == "2022-07-05" for e in established)


def test_every_bangladesh_row_is_sourced(shipped_kg):
    bgd = shipped_kg.country("BGD")
    assert all(r.source for r in bgd.responsibilities)
    assert all(m.source for m in bgd.memberships)
    urls = {s.id: s.url for s in bgd.sources}
    assert all(urls[r.source] for r in bgd.responsibilities), "every cited source has a URL"
