"""Review candidate relations: list them, accept them into the country's CSV files, or reject them.

Accepting is the only way a candidate becomes curated data:

- a ``membership`` becomes a row of ``coordination.csv`` (body, member, role, source, evidence, locator);
- a ``responsibility`` becomes a row of ``responsibilities.csv`` (actor, objective, role, source,
  evidence, status — ``extracted`` unless the reviewer says otherwise — locator, id = the candidate id);
- an ``implements`` (an organisation implemented a practice) becomes a responsibility row for the
  practice's GCM objective, which the reviewer gives with ``--objective`` when the page tags none;
- the document is added to ``country.yaml`` ``sources`` (id = the document id) if it is not there.

The changed files are first written to a scratch copy of each country folder and the copy is
loaded with the normal country loader; only when every country loads without error are the real
files replaced, together with the candidates files that mark the candidates ``accepted``: all of
them or none (:func:`kg.atomic.write_files`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from kg import atomic
from kg.country import COLUMNS, load_country
from kg.paths import countries_dir
from kg.problems import InputError, Problem
from kg.documents import store


@dataclass
class Decision:
    iso3: str
    ids: list[str]
    rows: dict[str, int]  # file name -> rows added
    source_added: bool


def _countries(data_dir: Path, country: str | None) -> list[str]:
    folder = countries_dir(data_dir)
    if country:
        if not (folder / country).is_dir():
            available = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
            raise InputError([Problem(str(folder / country), f"no such country folder; available: {', '.join(available) or 'none'}")])
        return [country]
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and p.name[0] not in "._") if folder.is_dir() else []


def list_candidates(data_dir: Path, country: str | None = None, status: str | None = "pending") -> list[dict[str, str]]:
    """Candidate rows (with their ``country``), filtered by status (``None``: all)."""
    out = []
    for iso3 in _countries(data_dir, country):
        for row in store.read_candidates(store.candidates_path(data_dir, iso3)):
            if status is None or row.get("status") == status:
                out.append({"country": iso3, **row})
    return out


def _find(data_dir: Path, ids: list[str], country: str | None) -> dict[str, list[str]]:
    """``{iso3: [ids]}`` for the given candidate ids; unknown ids are an error listing what exists."""
    found: dict[str, list[str]] = {}
    rest = list(dict.fromkeys(ids))
    for iso3 in _countries(data_dir, country):
        known = {row.get("id") for row in store.read_candidates(store.candidates_path(data_dir, iso3))}
        for cid in list(rest):
            if cid in known:
                found.setdefault(iso3, []).append(cid)
                rest.remove(cid)
    if rest:
        where = f"data/countries/{country}/candidates.csv" if country else "any country's candidates.csv"
        pending = [r["id"] for r in list_candidates(data_dir, country)][:20]
        hint = f"; pending ids: {', '.join(pending)}" if pending else "; there are no pending candidates (run 'migkg ingest-doc' first)"
        raise InputError([Problem(where, f"unknown candidate id(s) {', '.join(rest)}{hint}")])
    return found


def _csv_append(path: Path, rows: list[dict[str, str]]) -> bytes:
    """The file's bytes with ``rows`` appended under its own header.

    Optional columns the loader knows (``evidence``, ``locator``, ``id``, ``notes``…) that the rows fill but the
    header lacks are added at the end of the header line; earlier rows simply have fewer cells, which the loader
    reads as empty.
    """
    text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    header = next(csv.reader(io.StringIO(text)), None) if text.strip() else None
    if not header:
        raise InputError([Problem(str(path), "file is missing or has no header line; cannot append reviewed rows")])
    header = [h.strip() for h in header]
    required, optional = COLUMNS.get(path.name, ((), ()))
    missing = [c for c in (*required, *optional) if c not in header and any(row.get(c) for row in rows)]
    if missing:
        first_end = text.find("\n")
        first = text[:first_end].rstrip("\r") if first_end >= 0 else text
        text = first + "," + ",".join(missing) + text[len(first):]
        header += missing
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=newline)
    for row in rows:
        writer.writerow([row.get(col, "") for col in header])
    if text and not text.endswith(("\n", "\r")):
        text += newline
    return (text + buffer.getvalue()).encode("utf-8")


def yaml_with_source(text: str, entry: dict) -> str:
    r"""``country.yaml`` text with ``entry`` appended to its ``sources`` list, keeping comments and layout.

    >>> print(yaml_with_source("iso3: XYZ\nsources:\n  - id: a\n    title: A\nname: X\n", {"id": "b", "title": "B: two"}))
    iso3: XYZ
    sources:
      - id: a
        title: A
      - id: b
        title: 'B: two'
    name: X
    <BLANKLINE>
    """
    lines = text.splitlines()
    item = []
    for i, (k, v) in enumerate(entry.items()):
        dumped = yaml.safe_dump({k: v}, allow_unicode=True, width=10**6, default_flow_style=False).strip()
        item.append(("- " if i == 0 else "  ") + dumped)
    start = next((i for i, line in enumerate(lines) if re.match(r"^sources\s*:", line)), None)
    if start is None:
        lines += ["sources:"] + item
    else:
        if re.match(r"^sources\s*:\s*\[\s*\]\s*$", lines[start]):
            lines[start] = "sources:"
        indent = ""
        end = len(lines)
        for j in range(start + 1, len(lines)):
            if re.match(r"^[A-Za-z_][\w-]*\s*:", lines[j]):
                end = j
                break
            m = re.match(r"^(\s*)- ", lines[j])
            if m and not indent:
                indent = m.group(1)
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        lines[end:end] = [indent + line for line in item]
    return "\n".join(lines) + "\n"


def _source_entry(data_dir: Path, row: dict[str, str]) -> dict:
    record = store.load_record(data_dir, row["document"]) or {}
    doc = record.get("document", {})
    year = None
    m = re.match(r"^(\d{4})", str(doc.get("date") or ""))
    if m:
        year = int(m.group(1))
    entry = {"id": row["document"], "title": doc.get("title") or row.get("document_title") or row["document"]}
    entry["publisher"] = doc.get("publisher") or ""
    entry["year"] = year
    entry["url"] = doc.get("url") or row.get("url") or ""
    return entry


def _practice_objectives(data_dir: Path, row: dict[str, str]) -> list[str]:
    record = store.load_record(data_dir, row["document"]) or {}
    practice = record.get("practice") or {}
    return [store.local_id(o) for o in practice.get("objectives", [])]


def accept(data_dir: Path, ids: list[str], country: str | None = None, status: str = "extracted", role: str | None = None,
           objective: str | None = None, note: str = "", reviewer_date: str | None = None) -> list[Decision]:
    """Write the accepted candidates into their countries' files (validated first); mark them accepted."""
    from kg.vocab import default_vocabulary

    vocab = default_vocabulary()
    today = reviewer_date or dt.date.today().isoformat()
    decisions = []
    files: dict[Path, bytes] = {}  # every file that changes, in every country: written together at the end
    for iso3, cids in _find(data_dir, ids, country).items():
        folder = countries_dir(data_dir) / iso3
        cand_path = store.candidates_path(data_dir, iso3)
        candidates = store.read_candidates(cand_path)
        chosen = [row for row in candidates if row.get("id") in cids]
        problems = []
        resp_rows, coord_rows, sources = [], [], {}
        for row in chosen:
            if row.get("status") == "accepted":
                problems.append(Problem(str(cand_path), f"candidate {row['id']} was already accepted on {row.get('reviewed') or 'an earlier review'}"))
                continue
            evidence = row.get("evidence", "")
            sources.setdefault(row["document"], row)
            if row["kind"] == "membership":
                coord_rows.append({"body": row["body"], "member": row["actor"], "role": role or row["role"], "source": row["document"],
                                   "evidence": evidence, "locator": row.get("locator", "")})
                continue
            objectives = [objective] if objective else ([row["objective"]] if row.get("objective") else _practice_objectives(data_dir, row))
            if not objectives:
                problems.append(Problem(str(cand_path), f"candidate {row['id']} ({row['kind']}, {row['actor']}) names no GCM objective: "
                                        "accept it with --objective N (e.g. --objective 23)"))
                continue
            the_role = role or (row["role"] if row["role"] in vocab.roles else "support")
            for number in objectives:
                resp_rows.append({
                    "actor": row["actor"], "objective": number, "role": the_role, "category": "", "basis": "", "source": row["document"],
                    "evidence": evidence, "status": status, "locator": row.get("locator", ""),
                    "id": row["id"] if len(objectives) == 1 else f"{row['id']}-{number}",
                    "notes": f"Extracted from the document by 'migkg ingest-doc' (pattern {row.get('pattern')}); accepted in review {today}."
                             + (f" {note}" if note else ""),
                })
        if problems:
            raise InputError(problems)
        changed: dict[str, bytes] = {}
        if resp_rows:
            changed["responsibilities.csv"] = _csv_append(folder / "responsibilities.csv", resp_rows)
        if coord_rows:
            changed["coordination.csv"] = _csv_append(folder / "coordination.csv", coord_rows)
        yaml_text = (folder / "country.yaml").read_text(encoding="utf-8-sig")
        doc = yaml.safe_load(yaml_text) or {}
        known_sources = {str(s.get("id")) for s in (doc.get("sources") or []) if isinstance(s, dict)}
        added_source = False
        for doc_id, row in sources.items():
            if doc_id not in known_sources:
                yaml_text = yaml_with_source(yaml_text, _source_entry(data_dir, row))
                added_source = True
        if added_source:
            changed["country.yaml"] = yaml_text.encode("utf-8")
        _validate_staged(data_dir, folder, changed, vocab)
        files.update({folder / name: data for name, data in changed.items()})
        for row in candidates:
            if row.get("id") in cids:
                row["status"], row["reviewed"] = "accepted", today
                if note:
                    row["note"] = note
        files[cand_path] = store.candidates_bytes(candidates)
        decisions.append(Decision(iso3, cids, {k: (len(resp_rows) if k == "responsibilities.csv" else len(coord_rows))
                                               for k in changed if k.endswith(".csv")}, added_source))
    atomic.write_files(files)
    return decisions


def _validate_staged(data_dir: Path, folder: Path, changed: dict[str, bytes], vocab) -> None:
    """Load the country with ``changed`` files from a scratch copy; raise its errors, located in the real files."""
    from kg.paths import reference_dir
    from kg.reference import load_reference

    reference, ref_problems = load_reference(reference_dir(data_dir))
    ref_problems.raise_if_errors()
    with tempfile.TemporaryDirectory(prefix="migkg-review-") as tmp:
        staged = Path(tmp) / folder.name
        shutil.copytree(folder, staged)
        for name, data in changed.items():
            (staged / name).write_bytes(data)
        country, problems = load_country(staged, reference, vocab)
        if country is None:
            errors = [Problem(p.file.replace(str(staged), str(folder)), p.message, p.line, p.column, p.column_name, p.severity)
                      for p in problems.errors]
            errors.append(Problem(str(folder), "the accepted rows would make this country invalid (above); nothing was written"))
            raise InputError(errors)


def reject(data_dir: Path, ids: list[str], country: str | None = None, note: str = "", reviewer_date: str | None = None) -> dict[str, list[str]]:
    """Mark candidates rejected (they stay in the file so a re-ingest does not propose them again)."""
    today = reviewer_date or dt.date.today().isoformat()
    found = _find(data_dir, ids, country)
    files: dict[Path, bytes] = {}  # written together once every candidate is known to be rejectable
    for iso3, cids in found.items():
        path = store.candidates_path(data_dir, iso3)
        rows = store.read_candidates(path)
        for row in rows:
            if row.get("id") in cids:
                if row.get("status") == "accepted":
                    raise InputError([Problem(str(path), f"candidate {row['id']} was accepted on {row.get('reviewed')}; "
                                              "remove its row from the country's CSV by hand if it was wrong")])
                row["status"], row["reviewed"] = "rejected", today
                if note:
                    row["note"] = note
        files[path] = store.candidates_bytes(rows)
    atomic.write_files(files)
    return found
