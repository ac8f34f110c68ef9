"""Every kind of bad input stops the build with a located message and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import TINY, write_country

runner = CliRunner()

RESP_HEADER = "actor,objective,role,category,basis,source,evidence,status\n"


def resp(*rows: str) -> str:
    return RESP_HEADER + "\n".join(rows) + "\n"


GOOD_ROW = "mol,6,lead,outward,labour_act,labour_act,quote,mandated"

# (override files, expected location prefix, expected text in the message)
CASES = {
    "unknown actor": (
        {"responsibilities_csv": resp(GOOD_ROW, "nobody,6,lead,,,labour_act,,mandated")},
        "responsibilities.csv:3:1 (column 'actor')", "unknown actor id 'nobody'",
    ),
    "unknown source": (
        {"responsibilities_csv": resp("mol,6,lead,,,gazette,,mandated")},
        "responsibilities.csv:2:6 (column 'source')", "unknown source id 'gazette'",
    ),
    "unknown instrument": (
        {"responsibilities_csv": resp("mol,6,lead,,constitution,labour_act,,mandated")},
        "responsibilities.csv:2:5 (column 'basis')", "unknown instrument id 'constitution'",
    ),
    "objective 24": (
        {"responsibilities_csv": resp("mol,24,lead,,,labour_act,,mandated")},
        "responsibilities.csv:2:2 (column 'objective')", "'24' is not a GCM objective or action; allowed: 1–23",
    ),
    "action 6.z": (
        {"responsibilities_csv": resp("mol,6.z,lead,,,labour_act,,mandated")},
        "responsibilities.csv:2:2 (column 'objective')", "GCM objective 6 has no action '6.z'",
    ),
    "unknown role": (
        {"responsibilities_csv": resp("mol,6,owner,,,labour_act,,mandated")},
        "responsibilities.csv:2:3 (column 'role')", "unknown role 'owner'; allowed: co-lead, consulted, informed, lead, support",
    ),
    "unknown status": (
        {"responsibilities_csv": resp("mol,6,lead,,,labour_act,,rumoured")},
        "responsibilities.csv:2:8 (column 'status')", "unknown status 'rumoured'; allowed: extracted, mandated, planned, reported",
    ),
    "unknown category": (
        {"responsibilities_csv": resp("mol,6,lead,tourism,,labour_act,,mandated")},
        "responsibilities.csv:2:4 (column 'category')", "unknown category 'tourism'; allowed:",
    ),
    "unknown actor type": (
        {"actors_csv": TINY["actors.csv"].replace("civil_society", "ngo_type")},
        "actors.csv:6:5 (column 'type')", "unknown actor type 'ngo_type'; allowed: academia, agency, civil_society",
    ),
    "missing required column": (
        {"responsibilities_csv": "actor,objective,source,status\nmol,6,labour_act,mandated\n"},
        "responsibilities.csv:1", "missing required column(s) role",
    ),
    "duplicate id": (
        {"actors_csv": TINY["actors.csv"] + "        mol,Ministry of Labour again,,,ministry,,\n"},
        "actors.csv:7:1 (column 'id')", "duplicate actor id 'mol' (first on line 2)",
    ),
    "parent cycle": (
        {"actors_csv": TINY["actors.csv"].replace("mol,Ministry of Labour,MoL,Labour Ministry,ministry,,", "mol,Ministry of Labour,MoL,Labour Ministry,ministry,bureau,")},
        "actors.csv", "parent cycle: ",
    ),
    "bad UTF-8": (
        {"actors_csv": b"id,name,type\nmol,Minist\xe8re du Travail,ministry\n"},
        "actors.csv:2:11", "not valid UTF-8 (byte 0xe8)",
    ),
    "empty file": (
        {"actors_csv": ""},
        "actors.csv", "file is empty",
    ),
    "YAML syntax error": (
        {"country_yaml": "iso3: XYZ\nname: [Tinyland\ncategories_in_scope: []\n"},
        "country.yaml:3", "YAML syntax error",
    ),
    "body not a coordination body": (
        {"coordination_csv": "body,member,role,source\nmol,mofa,member,labour_act\n"},
        "coordination.csv:2:1 (column 'body')", "a body must be an actor of type coordination_body",
    ),
    "unknown membership role": (
        {"coordination_csv": "body,member,role,source\ntaskforce,mofa,president,labour_act\n"},
        "coordination.csv:2:3 (column 'role')", "unknown membership role 'president'; allowed: chair, co-chair, member, secretariat",
    ),
    "missing required file": (
        {"responsibilities_csv": None},
        "responsibilities.csv", "file not found",
    ),
}


@pytest.mark.parametrize("overrides, location, text", CASES.values(), ids=CASES.keys())
def test_bad_input_is_located_and_writes_nothing(tmp_path: Path, overrides, location, text):
    data = write_country(tmp_path, **overrides)
    out = tmp_path / "out" / "graph.ttl"
    result = runner.invoke(app, ["build", "--data-dir", str(data), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    messages = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert any(location in line and text in line for line in messages), result.stderr
    assert not (tmp_path / "out").exists()  # not even the output's folder


def test_failed_build_leaves_previous_output_untouched(tmp_path: Path):
    data = write_country(tmp_path)
    out = tmp_path / "graph.ttl"
    assert runner.invoke(app, ["build", "--data-dir", str(data), "--out", str(out)]).exit_code == 0
    before = out.read_bytes()
    write_country(tmp_path, responsibilities_csv=resp("mol,24,lead,,,labour_act,,mandated"))
    assert runner.invoke(app, ["build", "--data-dir", str(data), "--out", str(out)]).exit_code == 2
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".graph")] == []


def test_row_without_source_is_a_warning_not_an_error(tmp_path: Path):
    data = write_country(tmp_path, responsibilities_csv=resp(GOOD_ROW, "mofa,14,lead,,,,,reported"))
    out = tmp_path / "graph.ttl"
    result = runner.invoke(app, ["build", "--data-dir", str(data), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "responsibilities.csv:3:6 (column 'source'): warning: responsibility has no source" in result.stderr
    assert out.exists()


def test_all_errors_are_reported_in_one_run(tmp_path: Path):
    data = write_country(tmp_path, responsibilities_csv=resp("mol,24,lead,,,labour_act,,mandated", "mol,6,owner,,,labour_act,,mandated"))
    result = runner.invoke(app, ["validate", "--data-dir", str(data)])
    assert result.exit_code == 2
    assert "2 error(s)" in result.stderr


def test_unknown_country_is_a_clear_error(tmp_path: Path):
    data = write_country(tmp_path)
    result = runner.invoke(app, ["validate", "--data-dir", str(data), "--country", "ABC"])
    assert result.exit_code == 2
    assert "no such country folder; available: XYZ" in result.stderr


@pytest.mark.parametrize("established", ["2022", "2022-07", "2022-07-05"])
def test_established_accepts_year_month_or_date(tmp_path: Path, established: str):
    actors = TINY["actors.csv"].replace("id,name,acronym,aliases,type,parent,name_bn", "id,name,acronym,aliases,type,parent,name_bn,established")
    actors = actors.replace("taskforce,Tinyland Migration Taskforce,TMT,,coordination_body,,", f"taskforce,Tinyland Migration Taskforce,TMT,,coordination_body,,,{established}")
    data = write_country(tmp_path, actors_csv=actors)
    result = runner.invoke(app, ["validate", "--data-dir", str(data)])
    assert result.exit_code == 0, result.output
    assert "XYZ: conforms" in result.stdout


@pytest.mark.parametrize("command", [["build"], ["export", "--format", "ttl"], ["export", "--format", "nt"], ["export", "--format", "csv"]])
def test_an_output_that_cannot_be_written_is_a_located_error(tmp_path: Path, command: list[str]):
    data = write_country(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    out = blocker / "graph"
    result = runner.invoke(app, [*command, "--data-dir", str(data), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert f"{out}: error: cannot write the output: {blocker} is a file, not a folder" in result.stderr
    assert "nothing was written" in result.stderr and "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


def test_an_output_path_of_the_wrong_kind_is_a_located_error(tmp_path: Path):
    data = write_country(tmp_path)
    folder = tmp_path / "folder"
    folder.mkdir()
    result = runner.invoke(app, ["export", "--format", "ttl", "--data-dir", str(data), "--out", str(folder)])
    assert result.exit_code == 2 and f"{folder}: error: cannot write the output: it is a folder; give a file name" in result.stderr
    assert list(folder.iterdir()) == []
    file = tmp_path / "nodes"
    file.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["export", "--format", "csv", "--data-dir", str(data), "--out", str(file)])
    assert result.exit_code == 2 and f"{file}: error: cannot write the output: it exists and is not a folder" in result.stderr
    assert file.read_text(encoding="utf-8") == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "folder", "nodes"]  # no temporary file or folder left
