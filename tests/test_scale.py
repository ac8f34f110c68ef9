"""The synthetic-data generator and the benchmark (kg/synth.py, kg/bench.py).

Speed targets live in the benchmark (docs/performance.md), not here: these tests
check that the generated folders are valid and deterministic, and that the
benchmark reports every figure.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from kg import bench, synth
from kg.build import build
from kg.paths import DEFAULT_DATA_DIR
from kg.validate import validate_country, validate_fast

N = 3


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "countries").rglob("*")) if p.is_file()}


def _rows(folder: Path, name: str) -> list[dict]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "data"
    assert synth.generate(out, countries=N, seed=42) == [iso3 for iso3, _ in synth.COUNTRIES[:N]]
    return out


@pytest.fixture(scope="module")
def synthetic_kg(synthetic: Path):
    return build(synthetic)


def test_same_seed_gives_byte_identical_files(synthetic: Path, tmp_path: Path):
    again = tmp_path / "again"
    synth.generate(again, countries=N, seed=42)
    assert _files(again) == _files(synthetic)
    other = tmp_path / "other"
    synth.generate(other, countries=N, seed=43)
    assert _files(other) != _files(synthetic)
    # the first countries do not depend on how many are generated
    fewer = tmp_path / "fewer"
    synth.generate(fewer, countries=1, seed=42)
    first = synth.COUNTRIES[0][0]
    assert {k: v for k, v in _files(synthetic).items() if k.startswith(f"countries/{first}/")} == _files(fewer)


def test_reference_layer_is_the_shipped_one(synthetic: Path):
    assert (synthetic / "reference" / "gcm_objectives.csv").read_bytes() == (DEFAULT_DATA_DIR / "reference" / "gcm_objectives.csv").read_bytes()


def test_generated_countries_build_and_validate(synthetic_kg):
    assert list(synthetic_kg.countries) == [iso3 for iso3, _ in synth.COUNTRIES[:N]]
    assert synthetic_kg.warnings == ()  # every row cites a source
    fast = validate_fast(synthetic_kg)
    for result in fast:
        assert result.conforms and result.problems == (), result.problems[:5]
    # pyshacl, the reference validator, agrees (on the smallest country, to keep the test fast)
    smallest = min(synthetic_kg.countries.values(), key=lambda c: len(c.responsibilities)).iso3
    assert validate_country(synthetic_kg, smallest) == next(r for r in fast if r.country == smallest)


def test_realistic_distributions(synthetic: Path, synthetic_kg):
    objectives = {o.number for o in synthetic_kg.reference.objectives}
    for country in synthetic_kg.countries.values():
        assert 30 <= len(country.actors) <= 80
        assert 300 <= len(country.responsibilities) <= 1000
        types = {a.type for a in country.actors}
        assert {"ministry", "department", "agency", "coordination_body"} <= types
        assert 2 <= sum(1 for a in country.actors if a.type == "coordination_body") <= 4
        parent = {a.id: a.parent for a in country.actors}
        kind = {a.id: a.type for a in country.actors}
        assert any(kind[a] == "agency" and kind.get(parent[a]) == "department" and kind.get(parent.get(parent[a])) == "ministry" for a in parent if parent[a])
        assert country.memberships and country.instruments
        covered = {r.objective for r in country.responsibilities}
        assert objectives - covered, "some objectives are left uncovered"
        assert any(r.action for r in country.responsibilities) and any(r.category for r in country.responsibilities)
        assert all(r.source for r in country.responsibilities) and all(m.source for m in country.memberships)
        assert country.name.endswith("(synthetic)")
    for folder in sorted((synthetic / "countries").iterdir()):
        meta = yaml.safe_load((folder / "country.yaml").read_text(encoding="utf-8"))
        assert all(s["title"].startswith("Synthetic source") and s["url"].startswith("https://example.org/") for s in meta["sources"])
        assert _rows(folder, "responsibilities.csv")[0].keys() >= {"actor", "objective", "role", "source", "status"}


def test_cli_synth(tmp_path: Path):
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["synth", "--countries", "1", "--seed", "5", "--out", str(tmp_path / "d")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "d" / "countries" / synth.COUNTRIES[0][0] / "actors.csv").exists()
    result = CliRunner().invoke(app, ["synth", "--countries", "0", "--out", str(tmp_path / "e")])
    assert result.exit_code == 2
    assert f"error: --countries must be between 1 and {len(synth.COUNTRIES)}, not 0" in result.stderr
    assert not (tmp_path / "e").exists()


def test_cli_synth_never_replaces_curated_countries(tmp_path: Path):
    from typer.testing import CliRunner

    from kg.cli import app
    from tests.conftest import write_country

    data = write_country(tmp_path)
    before = {p.name: p.read_bytes() for p in (data / "countries" / "XYZ").iterdir()}
    result = CliRunner().invoke(app, ["synth", "--countries", "1", "--out", str(data)])
    assert result.exit_code == 2
    assert f"{data / 'countries'} holds countries that are not synthetic (XYZ); synth replaces that folder: choose another --out" in result.stderr
    assert {p.name: p.read_bytes() for p in (data / "countries" / "XYZ").iterdir()} == before
    assert (data / "reference").is_symlink()  # untouched
    # a folder of synthetic countries is replaced, as documented
    out = tmp_path / "synthetic"
    assert CliRunner().invoke(app, ["synth", "--countries", "2", "--out", str(out)]).exit_code == 0
    assert CliRunner().invoke(app, ["synth", "--countries", "1", "--out", str(out)]).exit_code == 0
    assert [p.name for p in (out / "countries").iterdir()] == [synth.COUNTRIES[0][0]]


@pytest.mark.parametrize("args, message", [
    (["--countries", "0"], "error: --countries must be between 1 and"),
    (["--countries", "1", "--repeat", "0"], "error: --repeat must be 1 or more, not 0"),
])
def test_cli_bench_refuses_bad_arguments_before_generating(tmp_path: Path, args: list[str], message: str):
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["bench", *args, "--workdir", str(tmp_path / "work")])
    assert result.exit_code == 2 and message in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "work").exists()


def test_benchmark_json_has_every_field(tmp_path: Path):
    result = bench.run(countries=2, seed=1, repeat=1, workdir=tmp_path)
    for name in bench.FIELDS + ("build_vs_pyoxigraph_parse", "gaps_all_vs_build", "explorer_overview_s", "store_load_s"):
        assert isinstance(result[name], (int, float)) and result[name] > 0, (name, result.get(name))
    assert set(bench.TARGETS) == set(result["targets"])
    for name, target in result["targets"].items():
        assert target["met"] == (target["value"] <= target["limit"]) and target["value"] == result[bench.TARGETS[name][0]], name
    assert {"cpu_count", "cpu_model", "python"} <= set(result["machine"])
    assert result["validate_conforms"] and result["countries"] == 2
    assert result["triples"] == result["store_triples"] == result["parsed_triples"]
    assert "targets:" in bench.report(result)
