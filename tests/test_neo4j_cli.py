"""The command line of the store: ``migkg neo4j sync`` without a server, ``migkg query`` and
``migkg console`` on the embedded store, and the write guard before any connection."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.neo4j_sync import Settings, connect, safe_uri
from kg.problems import InputError

MIGKG = Path(sys.executable).with_name("migkg")
runner = CliRunner()


def closed_port() -> int:
    """A localhost port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_without_neo4j(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(extra)
    return env


def test_sync_without_a_server_fails_fast_and_says_what_to_do():
    uri = f"bolt://127.0.0.1:{closed_port()}"
    started = time.monotonic()
    result = subprocess.run(
        [str(MIGKG), "neo4j", "sync", "--connect-timeout", "2"],
        env=env_without_neo4j(NEO4J_URI=uri, NEO4J_PASSWORD="not-shown-anywhere"), capture_output=True, text=True, timeout=60,
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 2, result.stderr
    assert elapsed < 15, f"took {elapsed:.1f} s"
    assert uri in result.stderr and "cannot reach a Neo4j server" in result.stderr and "docker compose up" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "not-shown-anywhere" not in result.stderr + result.stdout


def test_sync_without_a_uri_says_how_to_set_one():
    result = subprocess.run([str(MIGKG), "neo4j", "sync"], env=env_without_neo4j(), capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "set NEO4J_URI" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_scheme_is_refused():
    result = runner.invoke(app, ["neo4j", "sync", "--uri", "http://localhost:7474"], env=env_without_neo4j())
    assert result.exit_code == 2 and "unsupported URI scheme 'http'" in result.output


def test_connect_hides_credentials_in_uris():
    uri = f"bolt://neo4j:pa55word@127.0.0.1:{closed_port()}"
    with pytest.raises(InputError) as caught:
        connect(Settings.from_env({"NEO4J_URI": uri, "NEO4J_PASSWORD": "pa55word"}), timeout=2)
    assert "pa55word" not in str(caught.value) and safe_uri(uri) in str(caught.value)
    assert "pa55word" not in repr(Settings.from_env({"NEO4J_URI": uri, "NEO4J_PASSWORD": "pa55word"}))


def test_settings_from_flags_and_environment():
    settings = Settings.from_env({"NEO4J_URI": "neo4j://db:7687", "NEO4J_USER": "reader", "NEO4J_DATABASE": "kg"}, database="other")
    assert (settings.uri, settings.user, settings.database) == ("neo4j://db:7687", "reader", "other")


def test_query_on_the_embedded_store(tiny):
    result = runner.invoke(app, ["query", "coordination_bodies", "--param", "country=XYZ", "--data-dir", str(tiny), "--csv"], env=env_without_neo4j())
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["body"], r["member"], r["role"]) for r in rows] == [("taskforce", "mofa", "co-chair"), ("taskforce", "mol", "co-chair"), ("taskforce", "ngo", "member")]
    result = runner.invoke(app, ["query", "objectives_without_lead", "-p", "country=XYZ", "--data-dir", str(tiny), "--json"], env=env_without_neo4j())
    assert json.loads(result.output)["rows"] == [{"objective": 3, "title": "Provide accurate and timely information at all stages of migration", "rows": 1, "actors": ["ngo"]}]
    result = runner.invoke(app, ["query", "shortest_path", "-p", "country=XYZ", "-p", "from_actor=bureau", "-p", "to_actor=mofa", "--data-dir", str(tiny)], env=env_without_neo4j())
    assert "bureau > mol > taskforce > mofa" in result.output and "(1 row)" in result.output


def test_query_lists_and_checks_parameters(tiny):
    listed = runner.invoke(app, ["query", "--list"])
    assert listed.exit_code == 0 and "migkg query shared_actors --param country=BGD --param objective_a=6 --param objective_b=7" in listed.output
    missing = runner.invoke(app, ["query", "shared_actors", "-p", "country=XYZ", "--data-dir", str(tiny)], env=env_without_neo4j())
    assert missing.exit_code == 2 and "missing parameter objective_a: --param objective_a=6" in missing.output
    unknown = runner.invoke(app, ["query", "nope"], env=env_without_neo4j())
    assert unknown.exit_code == 2 and "no such question" in unknown.output


def test_console_on_the_embedded_store(tiny):
    result = runner.invoke(app, ["console", "SELECT ?iso3 WHERE { ?c <https://w3id.org/migration-kg/ontology#iso3> ?iso3 }", "--data-dir", str(tiny), "--json"], env=env_without_neo4j())
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["rows"] == [{"iso3": "XYZ"}]
    refused = runner.invoke(app, ["console", "CLEAR ALL", "--data-dir", str(tiny)], env=env_without_neo4j())
    assert refused.exit_code == 2 and "CLEAR is a SPARQL update" in refused.output


def test_console_refuses_cypher_writes_before_connecting():
    uri = f"bolt://127.0.0.1:{closed_port()}"
    result = runner.invoke(app, ["console", "MATCH (n) WITH n LIMIT 1 DETACH DELETE n", "--engine", "neo4j"], env=env_without_neo4j(NEO4J_URI=uri))
    assert result.exit_code == 2
    assert "DETACH is a write clause" in result.output and "cannot reach" not in result.output


def test_console_limits_are_bounded_before_connecting():
    uri = f"bolt://127.0.0.1:{closed_port()}"
    result = runner.invoke(app, ["console", "MATCH (n) RETURN n", "--engine", "neo4j", "--limit", "10001", "--timeout", "61"],
                           env=env_without_neo4j(NEO4J_URI=uri))
    assert result.exit_code == 2
    assert "--limit: error: the row limit must be between 1 and 10000, not 10001" in result.stderr
    assert "--timeout: error: the timeout must be more than 0 and at most 60 s, not 61" in result.stderr
    assert "cannot reach" not in result.output and "Traceback" not in result.output


def test_query_for_an_unknown_country_is_an_error_not_an_empty_answer(tiny):
    result = runner.invoke(app, ["query", "uncovered_objectives", "-p", "country=ZZZ", "--data-dir", str(tiny)], env=env_without_neo4j())
    assert result.exit_code == 2
    assert "--param country: error: unknown country 'ZZZ'; the store holds: XYZ" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(("question", "params", "message"), [
    ("ministry_responsibility_map", ["ministry=nobody"], "--param ministry: error: unknown actor id 'nobody' in XYZ; known: bureau, mofa, mol"),
    ("shortest_path", ["from_actor=mol", "to_actor=ghost"], "--param to_actor: error: unknown actor id 'ghost' in XYZ; known: bureau"),
    ("shared_actors", ["objective_a=6", "objective_b=24"], "--param objective_b: error: unknown GCM objective 24; known: 1, 2, 3"),
    ("objectives_by_sdg_target", ["target=10.77"], "--param target: error: unknown SDG target '10.77'; known: "),
])
def test_query_with_an_unknown_identifier_is_an_error_not_an_empty_answer(tiny, question, params, message):
    args = ["query", question, "-p", "country=XYZ", *[x for p in params for x in ("-p", p)], "--data-dir", str(tiny)]
    result = runner.invoke(app, args, env=env_without_neo4j())
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stdout == "" and "Traceback" not in result.output


def test_query_with_known_identifiers_answers(tiny):
    args = ["query", "ministry_responsibility_map", "-p", "country=XYZ", "-p", "ministry=mol", "--data-dir", str(tiny), "--json"]
    result = runner.invoke(app, args, env=env_without_neo4j())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)
