"""The shipped data: the counts `migkg stats --json` reports, SHACL conformance, Bangladesh facts."""

from __future__ import annotations

import json

import pytest
import rdflib
from rdflib import URIRef
from typer.testing import CliRunner

from kg.cli import app
from kg.namespaces import MKG, MKGID
from kg.validate import validate_country

runner = CliRunner()
M = rdflib.Namespace(MKG)


def test_stats_json_on_shipped_data(shipped_kg):
    result = runner.invoke(app, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["objectives"] == 23
    assert stats["principles"] == 10
    assert stats["sdg_goals"] == 17
    assert stats["sdg_targets"] == 169
    assert stats["sdg_indicators"] == len({i.uri for i in shipped_kg.reference.indicators}) >= 230  # repeated indicators count once
    assert stats["triples"] == shipped_kg.triple_count
    country = shipped_kg.country("BGD")
    assert stats["countries"]["BGD"] == {
        "actors": len(country.actors),
        "responsibilities": len(country.responsibilities),
        "responsibilities_sourced": len(country.responsibilities),  # every Bangladesh row cites a source
        "instruments": len(country.instruments),
        "coordination_bodies": sum(1 for a in country.actors if a.type == "coordination_body"),
        "memberships": len(country.memberships),
        "sources": len(country.sources),
    }
    assert stats["countries"]["BGD"]["coordination_bodies"] >= 1  # the Migration Compact Taskforce at least


def test_shipped_data_validates(shipped_kg):
    for iso3 in shipped_kg.countries:
        result = validate_country(shipped_kg, iso3)
        assert result.conforms, [str(p) for p in result.problems if p.severity == "error"]


def test_validate_command_passes_on_shipped_data():
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert "BGD: conforms" in result.stdout


@pytest.fixture(scope="module")
def bangladesh_exports(tmp_path_factory):
    """Bangladesh exported as Turtle and as JSON-LD by the CLI, each parsed back with rdflib."""
    folder = tmp_path_factory.mktemp("bgd")
    graphs = {}
    for fmt, parser in (("ttl", "turtle"), ("jsonld", "json-ld")):
        out = folder / f"bgd.{fmt}"
        result = runner.invoke(app, ["export", "--format", fmt, "--country", "BGD", "--out", str(out)])
        assert result.exit_code == 0, result.output
        graphs[fmt] = rdflib.Graph().parse(out, format=parser)
    return graphs


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_bangladesh_taskforce_is_co_chaired_by_mofa_and_moewoe(bangladesh_exports, fmt):
    g = bangladesh_exports[fmt]
    co_chair = URIRef(f"{MKGID}membership-role/co-chair")
    taskforces = [b for b in g.subjects(rdflib.RDF.type, M.CoordinationBody) if "Migration Compact Taskforce" in str(g.value(b, rdflib.RDFS.label))]
    assert len(taskforces) == 1
    (taskforce,) = taskforces
    co_chairs = {str(g.value(g.value(m, M.member), M.acronym)) for m in g.subjects(M.body, taskforce) if g.value(m, M.membershipRole) == co_chair}
    assert co_chairs == {"MoFA", "MoEWOE"}
    assert str(g.value(taskforce, M.established)) == "2022-07-05"
    for membership in g.subjects(M.body, taskforce):
        source = g.value(membership, M.source)
        assert source is not None and g.value(source, M.url) is not None


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_bangladesh_responsibilities_carry_their_source_and_quote(bangladesh_exports, shipped_kg, fmt):
    g = bangladesh_exports[fmt]
    rows = shipped_kg.country("BGD").responsibilities
    responsibilities = set(g.subjects(rdflib.RDF.type, M.Responsibility))
    assert len(responsibilities) == len(rows)
    row = next(r for r in rows if r.actor == "bmet" and r.evidence)
    node = URIRef(f"{MKGID}BGD/responsibility/{row.id}")
    assert g.value(node, M.source) == URIRef(f"{MKGID}BGD/source/{row.source}")
    assert str(g.value(g.value(node, M.evidence), M.quote)) == row.evidence
    assert all(g.value(r, M.source) is not None for r in responsibilities)


def test_every_bangladesh_row_is_sourced(shipped_kg):
    bgd = shipped_kg.country("BGD")
    assert all(r.source for r in bgd.responsibilities)
    assert all(m.source for m in bgd.memberships)
    urls = {s.id: s.url for s in bgd.sources}
    assert all(urls[r.source] for r in bgd.responsibilities), "every cited source has a URL"
