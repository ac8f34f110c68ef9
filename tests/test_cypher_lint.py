"""Every Cypher statement the project can send passes Neo4j's own linter with zero errors (and,
with the mapping's labels, types and properties as schema, zero warnings)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kg import neo4j_lint
from kg.neo4j_mapping import lint_schema
from kg.paths import PROJECT_ROOT
from kg.questions import CYPHER_DIR, STORE_CYPHER_DIR

NODE = shutil.which("node")
LINTER = PROJECT_ROOT / "tools" / "lint_cypher.mjs"
PACKAGE = PROJECT_ROOT / "node_modules" / "@neo4j-cypher" / "language-support"

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed: Neo4j's Cypher linter runs on Node.js (make lint-cypher)")


@pytest.fixture(scope="module")
def linter():
    if not PACKAGE.is_dir():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed, so the pinned linter (package-lock.json) cannot be installed")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=PROJECT_ROOT, check=True, capture_output=True, timeout=600)
    return LINTER


def run(linter, *args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([NODE, str(linter), *map(str, args)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def lint_input(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cypher-lint")
    neo4j_lint.main(["--out-dir", str(folder)])
    return folder


def test_the_pinned_version(linter):
    package = json.loads((PROJECT_ROOT / "package.json").read_text())
    lock = json.loads((PROJECT_ROOT / "package-lock.json").read_text())
    pinned = package["devDependencies"]["@neo4j-cypher/language-support"]
    assert pinned[0].isdigit(), "pin an exact version"
    assert lock["packages"]["node_modules/@neo4j-cypher/language-support"]["version"] == pinned
    assert json.loads((PACKAGE / "package.json").read_text())["version"] == pinned


def test_every_statement_passes_the_linter(linter, lint_input):
    files = sorted(CYPHER_DIR.glob("*.cypher")) + sorted(STORE_CYPHER_DIR.glob("*.cypher"))
    result = run(linter, "--strict", "--schema", lint_input / "schema.json", lint_input / "statements.json", *files)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert " 0 errors, 0 warnings" in summary, result.stdout
    count = len(neo4j_lint.statements()) + len(files)
    assert summary.startswith(f"linted {count} Cypher statements"), summary


def test_the_sync_statements_cover_every_group(lint_input):
    names = {s["name"] for s in json.loads((lint_input / "statements.json").read_text())}
    assert "merge-nodes:Actor:Ministry:GovernmentActor" in names and "merge-nodes:Actor:CivilSociety" in names
    assert "merge-rels:Actor-RESPONSIBLE_FOR-GCMObjective" in names and "prune-nodes:Responsibility" in names
    assert "constraint:Actor" in names and any(n.startswith("console-accepted:") for n in names)


def test_the_linter_reports_errors_and_unknown_names(linter, tmp_path, lint_input):
    statements = [
        {"name": "broken", "text": "MATCH (n:Actor RETURN n", "parameters": {}},
        {"name": "undeclared-parameter", "text": "MATCH (n:Actor {code: $nobody}) RETURN n", "parameters": {}},
    ]
    (tmp_path / "bad.json").write_text(json.dumps(statements))
    result = run(linter, "--schema", lint_input / "schema.json", tmp_path / "bad.json")
    assert result.returncode == 1
    assert "bad.json#broken:1:" in result.stdout and "error" in result.stdout
    assert "bad.json#undeclared-parameter" in result.stdout and "$nobody" in result.stdout

    (tmp_path / "typo.cypher").write_text("// param country: ISO3 (example: BGD)\nMATCH (c:Contry {code: $country}) RETURN c\n")
    lenient = run(linter, "--schema", lint_input / "schema.json", tmp_path / "typo.cypher")
    assert lenient.returncode == 0 and "warning: Label Contry is not present" in lenient.stdout
    strict = run(linter, "--strict", "--schema", lint_input / "schema.json", tmp_path / "typo.cypher")
    assert strict.returncode == 1


def test_the_schema_comes_from_the_mapping(lint_input):
    assert json.loads((lint_input / "schema.json").read_text()) == lint_schema()
