"""From document to curated data only through review: candidates.csv, accept (validated, atomic), reject."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app

runner = CliRunner()

DOC = """---
id: tiny_news_2024
title: Taskforce widens its membership
url: https://example.org/tiny-news
publisher: Tinyland Times
date: 2024-03-01
---
The Bureau of Employment is a member of the Tinyland Migration Taskforce.
The Migrant Rights Forum is responsible for the reintegration of returnees.
"""


def invoke(*args: str):
    return runner.invoke(app, list(args))


def candidates(data: Path) -> list[dict]:
    path = data / "countries" / "XYZ" / "candidates.csv"
    return list(csv.DictReader(path.open(encoding="utf-8")))


def ingest(tiny: Path, tmp_path: Path, text: str = DOC, name: str = "news.txt") -> list[dict]:
    doc = tmp_path / name
    doc.write_text(text, encoding="utf-8")
    result = invoke("ingest-doc", str(doc), "--country", "XYZ", "--data-dir", str(tiny))
    assert result.exit_code == 0, result.output
    return candidates(tiny)


def by(rows: list[dict], kind: str) -> dict:
    (row,) = [r for r in rows if r["kind"] == kind]
    return row


def test_ingest_files_candidates_and_a_record(tiny: Path, tmp_path: Path):
    rows = ingest(tiny, tmp_path)
    assert {(r["kind"], r["actor"], r["role"], r["body"], r["objective"], r["status"]) for r in rows} == {
        ("membership", "bureau", "member", "taskforce", "", "pending"),
        ("responsibility", "ngo", "lead", "", "21", "pending"),
    }
    assert all(r["document"] == "tiny_news_2024" and r["evidence"] for r in rows)
    record = json.loads((tiny / "documents" / "records" / "tiny_news_2024.json").read_text(encoding="utf-8"))
    assert record["document"]["title"] == "Taskforce widens its membership"
    listed = invoke("review", "list", "--country", "XYZ", "--data-dir", str(tiny), "--json")
    assert listed.exit_code == 0 and len(json.loads(listed.stdout)) == 2
    # candidates are not curated data: the graph has no such membership yet
    kg = build(tiny)
    assert ("taskforce", "bureau") not in {(m.body, m.member) for m in kg.country("XYZ").memberships}


def test_accept_writes_rows_and_source_then_the_country_still_loads(tiny: Path, tmp_path: Path):
    rows = ingest(tiny, tmp_path)
    member, resp = by(rows, "membership"), by(rows, "responsibility")
    result = invoke("review", "accept", member["id"], "--country", "XYZ", "--data-dir", str(tiny))
    assert result.exit_code == 0, result.output
    assert "1 row(s) to coordination.csv" in result.stdout and "added to country.yaml sources" in result.stdout
    result = invoke("review", "accept", resp["id"], "--status", "reported", "--note", "checked", "--data-dir", str(tiny))
    assert result.exit_code == 0, result.output
    kg = build(tiny)
    country = kg.country("XYZ")
    (m,) = [m for m in country.memberships if (m.body, m.member) == ("taskforce", "bureau")]
    assert m.role == "member" and m.source == "tiny_news_2024" and "Bureau of Employment" in m.evidence
    (r,) = [r for r in country.responsibilities if r.id == resp["id"]]
    assert (r.actor, r.objective, r.role, r.status, r.source) == ("ngo", 21, "lead", "reported", "tiny_news_2024")
    (source,) = [s for s in country.sources if s.id == "tiny_news_2024"]
    assert (source.title, source.publisher, source.year, source.url) == ("Taskforce widens its membership", "Tinyland Times", 2024, "https://example.org/tiny-news")
    statuses = {row["id"]: (row["status"], row["note"]) for row in candidates(tiny)}
    assert statuses[member["id"]][0] == "accepted" and statuses[resp["id"]] == ("accepted", "checked")
    # the yaml keeps its layout: the new source is appended to the list
    doc = yaml.safe_load((tiny / "countries" / "XYZ" / "country.yaml").read_text(encoding="utf-8"))
    assert [s["id"] for s in doc["sources"]] == ["labour_act", "taskforce_note", "tiny_news_2024"]
    # re-ingesting proposes nothing new and keeps the decisions
    again = ingest(tiny, tmp_path)
    assert {r["id"]: r["status"] for r in again} == {r["id"]: s[0] for r, s in zip(again, [statuses[r["id"]] for r in again])}
    # accepting twice is refused
    result = invoke("review", "accept", member["id"], "--data-dir", str(tiny))
    assert result.exit_code == 2 and "already accepted" in result.stderr


def test_reject_and_unknown_ids(tiny: Path, tmp_path: Path):
    rows = ingest(tiny, tmp_path)
    cid = by(rows, "membership")["id"]
    result = invoke("review", "reject", cid, "--note", "not in the source", "--data-dir", str(tiny))
    assert result.exit_code == 0 and f"XYZ: rejected {cid}" in result.stdout
    assert {r["id"]: r["status"] for r in candidates(tiny)}[cid] == "rejected"
    pending = invoke("review", "list", "--data-dir", str(tiny))
    assert cid not in pending.stdout and by(rows, "responsibility")["id"] in pending.stdout
    result = invoke("review", "accept", "c-0000000000", "--country", "XYZ", "--data-dir", str(tiny))
    assert result.exit_code == 2
    assert "unknown candidate id(s) c-0000000000; pending ids: " in result.stderr


def test_accept_that_would_break_the_country_writes_nothing(tiny: Path, tmp_path: Path):
    rows = ingest(tiny, tmp_path, "The Tinyland Migration Taskforce consists of members from the Ministry of Labour.\n", "dup.txt")
    (row,) = rows
    folder = tiny / "countries" / "XYZ"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = invoke("review", "accept", row["id"], "--data-dir", str(tiny))
    assert result.exit_code == 2
    assert f"{folder}/coordination.csv:5:2 (column 'member'): error: duplicate membership ('taskforce', 'mol')" in result.stderr
    assert "nothing was written" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_implements_needs_an_objective(tiny: Path, tmp_path: Path):
    page = ("Repository of Practices\nMigrant help desks\nDates\n2020 - 2022\nType of practice\nService\nSummary\nHelp desks for migrants.\n"
            "Organizations\nMain Implementing Organization(s)\nMigrant Rights Forum (MRF)\nDate submitted:\n01 March 2023\n")
    rows = ingest(tiny, tmp_path, page, "practice.txt")
    row = by(rows, "implements")
    result = invoke("review", "accept", row["id"], "--data-dir", str(tiny))
    assert result.exit_code == 2 and "accept it with --objective N" in result.stderr
    result = invoke("review", "accept", row["id"], "--objective", "3", "--role", "support", "--data-dir", str(tiny))
    assert result.exit_code == 0, result.output
    (r,) = [r for r in build(tiny).country("XYZ").responsibilities if r.id == row["id"]]
    assert (r.actor, r.objective, r.role, r.status, r.source) == ("ngo", 3, "support", "extracted", "practice")


def test_accept_refuses_a_candidate_whose_record_is_damaged(tiny: Path, tmp_path: Path):
    rows = ingest(tiny, tmp_path)
    record = tiny / "documents" / "records" / "tiny_news_2024.json"
    record.write_text("{not json\n", encoding="utf-8")
    folder = tiny / "countries" / "XYZ"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = invoke("review", "accept", by(rows, "membership")["id"], "--data-dir", str(tiny))
    assert result.exit_code == 2
    assert f"{record}:1:2: error: damaged document record: not valid JSON" in result.stderr and "nothing was written" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_damaged_candidates_file_is_a_located_error(tiny: Path, tmp_path: Path):
    rows = ingest(tiny, tmp_path)
    path = tiny / "countries" / "XYZ" / "candidates.csv"
    path.write_bytes(path.read_bytes().replace(b"Bureau of Employment", b"Bureau of Employ\xe9", 1))
    for args in (("review", "list"), ("review", "reject", rows[0]["id"]), ("review", "accept", rows[0]["id"])):
        result = invoke(*args, "--country", "XYZ", "--data-dir", str(tiny))
        assert result.exit_code == 2, args
        assert f"{path}:2:" in result.stderr and "not valid UTF-8 (byte 0xe9)" in result.stderr and "Traceback" not in result.output
    path.write_text("id,kind\nc-1,membership\n", encoding="utf-8")  # a spreadsheet dropped the status column
    result = invoke("review", "list", "--country", "XYZ", "--data-dir", str(tiny))
    assert result.exit_code == 2 and f"{path}:1: error: missing required column(s) status" in result.stderr


def second_country(tiny: Path, status: str = "pending") -> Path:
    """ZZZ (handled after XYZ): a copy of Tinyland under another code, with one candidate that
    duplicates a membership the curated files already hold."""
    source, folder = tiny / "countries" / "XYZ", tiny / "countries" / "ZZZ"
    folder.mkdir()
    for path in source.iterdir():
        if path.name != "candidates.csv":
            text = path.read_text(encoding="utf-8")
            (folder / path.name).write_text(text.replace("XYZ", "ZZZ").replace("Tinyland", "Zedland") if path.name == "country.yaml" else text, encoding="utf-8")
    row = {"id": "c-zzz0000001", "status": status, "kind": "membership", "actor": "mol", "role": "member", "body": "taskforce",
           "document": "tiny_news_2024", "evidence": "The Ministry of Labour sits on the Taskforce.", "locator": "chars 0-10",
           "reviewed": "2026-01-01" if status == "accepted" else ""}
    with (folder / "candidates.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    return folder


def test_accept_in_two_countries_writes_both_or_neither(tiny: Path, tmp_path: Path):
    """One accept over two countries: XYZ's row is fine, ZZZ's would break ZZZ: neither is written."""
    member = by(ingest(tiny, tmp_path), "membership")
    zzz = second_country(tiny)
    folders = [tiny / "countries" / "XYZ", zzz]
    before = {p: p.read_bytes() for folder in folders for p in folder.iterdir()}
    result = invoke("review", "accept", member["id"], "c-zzz0000001", "--data-dir", str(tiny))
    assert result.exit_code == 2
    assert f"{zzz}/coordination.csv" in result.stderr and "duplicate membership ('taskforce', 'mol')" in result.stderr
    assert {p: p.read_bytes() for folder in folders for p in folder.iterdir()} == before
    # without the breaking candidate, the same accept goes through
    result = invoke("review", "accept", member["id"], "--data-dir", str(tiny))
    assert result.exit_code == 0, result.output
    assert by(candidates(tiny), "membership")["status"] == "accepted"


def test_reject_in_two_countries_writes_both_or_neither(tiny: Path, tmp_path: Path):
    """XYZ's candidate could be rejected, ZZZ's was accepted already: neither file changes."""
    member = by(ingest(tiny, tmp_path), "membership")
    second_country(tiny, status="accepted")
    path = tiny / "countries" / "XYZ" / "candidates.csv"
    before = path.read_bytes()
    result = invoke("review", "reject", member["id"], "c-zzz0000001", "--data-dir", str(tiny))
    assert result.exit_code == 2 and "c-zzz0000001 was accepted on 2026-01-01" in result.stderr
    assert path.read_bytes() == before


def test_ingest_that_cannot_write_its_candidates_stores_no_record(tiny: Path, tmp_path: Path):
    """The record and the candidates are written together: when the candidates file cannot be
    written (here a folder stands in its place), the record is not left behind either."""
    (tiny / "countries" / "XYZ" / "candidates.csv").mkdir()
    doc = tmp_path / "news.txt"
    doc.write_text(DOC, encoding="utf-8")
    result = invoke("ingest-doc", str(doc), "--country", "XYZ", "--data-dir", str(tiny))
    assert result.exit_code == 2
    assert "candidates.csv" in result.stderr and "Traceback" not in result.stderr + result.stdout
    assert not (tiny / "documents" / "records" / "tiny_news_2024.json").exists()
