"""Reading documents: formats, metadata, and every kind of bad input (clear message, exit ≠ 0, others still done)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.documents.errors import DocumentError
from kg.documents.reader import MAX_BYTES, read_document
from tests.documents_helpers import minimal_pdf

runner = CliRunner()
GOOD = "The Bureau of Manpower, Employment and Training (BMET) regulates recruiting agencies.\n"


def test_plain_text_with_front_matter_offsets_count_after_the_header(tmp_path: Path):
    path = tmp_path / "doc.txt"
    path.write_text("---\nid: my_doc\ntitle: A title\nurl: https://example.org/a\ndate: 2022-07-05\n---\n" + GOOD, encoding="utf-8")
    raw = read_document(path)
    assert raw.format == "text"
    assert raw.text == GOOD
    assert raw.meta["title"] == "A title" and raw.meta["date"] == "2022-07-05"


def test_html_drops_scripts_and_navigation_and_reads_metadata(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(
        "<!doctype html><html><head><title>Launch</title><meta name='description' content='d'>"
        "<meta property='article:published_time' content='2022-07-05'><script>var BMET=1;</script></head>"
        "<body><nav>Home | BMET</nav><h1>Taskforce launched</h1><p>The Ministry of Foreign Affairs &amp; IOM spoke.</p></body></html>",
        encoding="utf-8",
    )
    raw = read_document(path)
    assert raw.format == "html"
    assert raw.text == "Taskforce launched\n\nThe Ministry of Foreign Affairs & IOM spoke."
    assert raw.meta["title"] == "Launch" and raw.meta["date"] == "2022-07-05"


def test_html_declared_charset_is_honoured(tmp_path: Path):
    path = tmp_path / "latin.htm"
    path.write_bytes("<html><head><meta charset='windows-1252'></head><body><p>Caf\u00e9 of the BMET</p></body></html>".encode("cp1252"))
    assert read_document(path).text == "Café of the BMET"


def test_markdown_markup_is_removed(tmp_path: Path):
    path = tmp_path / "note.md"
    path.write_text("# Heading\nThe **[BMET](https://bmet.gov.bd)** is *here*.\n", encoding="utf-8")
    raw = read_document(path)
    assert raw.format == "markdown" and raw.text == "Heading\nThe BMET is here.\n"


def test_utf16_with_bom_is_read(tmp_path: Path):
    path = tmp_path / "u16.txt"
    path.write_bytes(GOOD.encode("utf-16"))
    assert read_document(path).text == GOOD


def test_pdf_text_layer_is_extracted(tmp_path: Path):
    path = tmp_path / "report.pdf"
    path.write_bytes(minimal_pdf(["The Ministry of Foreign Affairs co-chairs the Taskforce.", "BMET regulates recruitment."], title="A report"))
    raw = read_document(path)
    assert raw.format == "pdf"
    assert "Ministry of Foreign Affairs" in raw.text and "BMET" in raw.text
    assert raw.meta["title"] == "A report"


BAD = {
    "empty file": (lambda p: p.write_bytes(b""), "file is empty"),
    "only white space": (lambda p: p.write_bytes(b"  \n\n\t "), "file is empty"),
    "binary file": (lambda p: p.write_bytes(bytes(range(256)) * 8), "looks like a binary file"),
    "zip/docx": (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 100), "ZIP archive"),
    "unknown encoding": (lambda p: p.write_bytes("Minist\u00e8re des affaires \u00e9trang\u00e8res\n".encode("cp1252")), "unknown text encoding: byte 0xe8 at line 1, column 7"),
    "broken PDF": (lambda p: p.write_bytes(b"%PDF-1.4\nnot really a pdf"), "not a readable PDF"),
    "unclosed header": (lambda p: p.write_text("---\ntitle: x\nno end\n", encoding="utf-8"), "no closing '---'"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_file_gives_a_clear_error(tmp_path: Path, case: str):
    make, message = BAD[case]
    path = tmp_path / ("bad.pdf" if "PDF" in case else "bad.txt")
    make(path)
    with pytest.raises(DocumentError) as exc:
        read_document(path)
    assert message in str(exc.value)
    assert str(exc.value).startswith(f"{path}: error: ")


def test_a_50_mb_file_is_refused_before_reading(tmp_path: Path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(DocumentError, match=r"file is 50\.0 MB; the limit is 20 MB"):
        read_document(path)
    assert MAX_BYTES == 20 * 1024 * 1024


def test_directory_and_missing_path(tmp_path: Path):
    with pytest.raises(DocumentError, match="is a directory"):
        read_document(tmp_path)
    with pytest.raises(DocumentError, match="file not found"):
        read_document(tmp_path / "nope.txt")


def test_cli_reports_each_bad_file_and_still_ingests_the_good_ones(tmp_path: Path, tiny: Path):
    good = tmp_path / "good.txt"
    good.write_text("The Ministry of Labour chairs the Tinyland Migration Taskforce.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 1000)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9\n".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    args = ["ingest-doc", str(empty), str(good), str(binary), str(latin), str(huge), str(tmp_path), str(tmp_path / "missing.txt"),
            "--country", "XYZ", "--data-dir", str(tiny), "--json", "--dry-run"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    stderr = result.stderr
    for path, text in ((empty, "file is empty"), (binary, "looks like a binary file"), (latin, "unknown text encoding"), (huge, "file is 50.0 MB"),
                       (tmp_path, "is a directory"), (tmp_path / "missing.txt", "file not found")):
        assert f"{path}: error: {text}" in stderr, stderr
    assert "6 of 7 file(s) could not be ingested" in stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list) and len(data) == 1
    assert data[0]["document"]["path"] == str(good)
    assert "Traceback" not in result.output


def test_cli_json_shape_for_one_file(tmp_path: Path, tiny: Path):
    doc = tmp_path / "note.txt"
    text = "The Ministry of Labour (MoL) is responsible for recruitment. The Labour Ministry supports SDG 10.7 and GCM objective 6.\n"
    doc.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["ingest-doc", str(doc), "--country", "XYZ", "--data-dir", str(tiny), "--json", "--dry-run"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"document", "mentions", "relations"}
    assert data["document"]["id"] == "note" and data["document"]["country"] == "XYZ"
    for m in data["mentions"]:
        assert {"text", "start", "end", "sentence", "entity_id", "entity_label", "entity_type", "score"} <= set(m)
        assert text[m["start"]:m["end"]] == m["text"]
        assert m["text"] in m["sentence"]
    found = {(m["text"], m["entity_id"], m["entity_type"]) for m in data["mentions"]}
    assert ("Ministry of Labour", "mkgid:XYZ/actor/mol", "Actor") in found
    assert ("MoL", "mkgid:XYZ/actor/mol", "Actor") in found
    assert ("Labour Ministry", "mkgid:XYZ/actor/mol", "Actor") in found
    assert ("SDG 10.7", "sdg:10.7", "SDGTarget") in found
    assert ("GCM objective 6", "mkgid:gcm/objective/6", "GCMObjective") in found
    rel = [r for r in data["relations"] if r["kind"] == "responsibility"]
    assert rel and rel[0]["subject"] == "mkgid:XYZ/actor/mol" and rel[0]["status"] == "extracted"


def test_unknown_country_is_a_user_error(tmp_path: Path, tiny: Path):
    doc = tmp_path / "a.txt"
    doc.write_text("text\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest-doc", str(doc), "--country", "NOPE", "--data-dir", str(tiny)])
    assert result.exit_code == 2
    assert "no such country folder" in result.stderr


def test_cli_with_only_bad_files_says_none_was_ingested(tmp_path: Path, tiny: Path):
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["ingest-doc", str(missing), "--country", "XYZ", "--data-dir", str(tiny)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"{missing}: error: file not found", "1 of 1 file(s) could not be ingested."]
    assert not (tiny / "documents").exists()
