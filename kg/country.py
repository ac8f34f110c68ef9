"""Read one country folder (``data/countries/<ISO3>/``) into a validated :class:`Country`.

Every problem is located (file, line, column) and says what is allowed; the
loader collects them all before raising :class:`kg.problems.InputError`. Rows
without a source are accepted and reported as warnings. The file formats are
documented in docs/template.md.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from kg.models import Actor, Country, Instrument, Membership, Reference, Responsibility, SourceRecord
from kg.problems import ProblemList
from kg.tables import Row, read_csv, read_yaml_located, yaml_line
from kg.vocab import Vocabulary

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
ISO3_PATTERN = re.compile(r"^[A-Z]{3}$")
OBJECTIVE_PATTERN = re.compile(r"^(\d{1,2})(?:\.([a-z]))?$")
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

COLUMNS = {
    "actors.csv": (("id", "name", "type"), ("acronym", "aliases", "parent", "name_bn", "established", "source", "notes")),
    "responsibilities.csv": (
        ("actor", "objective", "role", "source", "status"),
        ("category", "basis", "evidence", "locator", "id", "notes"),
    ),
    "instruments.csv": (("id", "title", "type"), ("year", "issued_by", "objectives", "categories", "source", "url", "notes")),
    "coordination.csv": (("body", "member", "role", "source"), ("evidence", "locator", "notes")),
}
REQUIRED_FILES = ("country.yaml", "actors.csv", "responsibilities.csv")
OPTIONAL_FILES = ("instruments.csv", "coordination.csv")


_FIELD_SETS: dict[frozenset, set] = {}


def _lean(record):
    """The record, sharing its ``__pydantic_fields_set__`` with every record that set the same fields.

    pydantic keeps a set of the fields given per instance (≈ 0.7 KB for a responsibility,
    more than its values); records are frozen, so the set never changes and one copy per
    combination serves them all (−100 MB on 190 synthetic countries). ``model_copy``
    copies the set before changing it.
    """
    fields = record.__pydantic_fields_set__
    shared = _FIELD_SETS.setdefault(frozenset(fields), fields)
    if shared is not fields:
        object.__setattr__(record, "__pydantic_fields_set__", shared)
    return record


def _allowed(values) -> str:
    return ", ".join(sorted(values))


class _Reader:
    """State shared by the per-file readers of one country folder.

    Code-list values and ids that rows repeat (roles, statuses, categories, actor and
    source ids) are returned interned: the csv module makes a new string per cell, and
    one shared object per value saves memory and keeps the gap analysis's reads in
    cache (≈ 10 % faster on 190 synthetic countries, docs/performance.md).
    """

    def __init__(self, folder: Path, reference: Reference, vocab: Vocabulary):
        self.folder = folder
        self.reference = reference
        self.vocab = vocab
        self.problems = ProblemList()
        self.objectives = {o.number for o in reference.objectives}
        self.actions = {a.code for a in reference.actions}
        self.source_ids: set[str] = set()
        self.actor_types: dict[str, str] = {}
        self.instrument_ids: set[str] = set()
        self._rows: dict[str, list[Row]] = {}

    # -- cell checks ---------------------------------------------------------------

    def required(self, row: Row, column: str) -> str | None:
        value = row.get(column)
        if not value:
            self.problems.error(row.file, f"'{column}' is required", **row.where(column))
            return None
        return value

    def identifier(self, row: Row, column: str) -> str | None:
        value = self.required(row, column)
        if value is not None and not ID_PATTERN.match(value):
            self.problems.error(
                row.file,
                f"id {value!r} is not allowed: use letters, digits, '_' or '-' (no spaces), starting with a letter or digit",
                **row.where(column),
            )
            return None
        return value

    def choice(self, row: Row, column: str, allowed: dict, what: str, optional: bool = False) -> str | None:
        value = row.get(column)
        if not value:
            if not optional:
                self.problems.error(row.file, f"'{column}' is required; allowed: {_allowed(allowed)}", **row.where(column))
            return None
        if value not in allowed:
            self.problems.error(row.file, f"unknown {what} {value!r}; allowed: {_allowed(allowed)}", **row.where(column))
            return None
        return sys.intern(value)

    def reference_to(self, row: Row, column: str, known, what: str, optional: bool = True, value: str | None = None) -> str | None:
        value = row.get(column) if value is None else value
        if not value:
            if not optional:
                self.problems.error(row.file, f"'{column}' is required", **row.where(column))
            return None
        if value not in known:
            hint = f"; known {what} ids: {_allowed(known)}" if len(known) <= 40 else f"; it must be an id declared in the {what} list"
            self.problems.error(row.file, f"unknown {what} id {value!r}{hint}", **row.where(column))
            return None
        return sys.intern(value)

    def source(self, row: Row, column: str = "source", what: str = "row") -> str | None:
        value = row.get(column)
        if not value:
            self.problems.warning(row.file, f"{what} has no source: add a source id from country.yaml", **row.where(column))
            return None
        return self.reference_to(row, column, self.source_ids, "source")

    def objective(self, row: Row, column: str, value: str | None = None) -> tuple[int, str | None] | None:
        """``(objective number, action code or None)`` for ``"6"`` or ``"6.c"``."""
        value = (row.get(column) if value is None else value).strip().lower()
        match = OBJECTIVE_PATTERN.match(value)
        if match and int(match.group(1)) in self.objectives:
            number = int(match.group(1))
            if match.group(2) is None:
                return number, None
            if value in self.actions:
                return number, value
            letters = sorted(a.split(".")[1] for a in self.actions if a.startswith(f"{number}."))
            self.problems.error(
                row.file,
                f"GCM objective {number} has no action {value!r}; its actions are {number}.{letters[0]}–{number}.{letters[-1]}",
                **row.where(column),
            )
            return None
        self.problems.error(
            row.file,
            f"{value!r} is not a GCM objective or action; allowed: 1–{max(self.objectives)} or an action such as '6.c'",
            **row.where(column),
        )
        return None

    def year(self, row: Row, column: str) -> int | None:
        value = row.get(column)
        if not value:
            return None
        if not re.fullmatch(r"\d{4}", value):
            self.problems.error(row.file, f"year {value!r} must be four digits, e.g. 2013", **row.where(column))
            return None
        return int(value)

    def duplicate(self, row: Row, column: str, key: object, seen: dict, what: str) -> bool:
        if key in seen:
            self.problems.error(row.file, f"duplicate {what} {key!r} (first on line {seen[key]})", **row.where(column))
            return True
        seen[key] = row.line
        return False

    def rows(self, name: str, optional_file: bool = False) -> list[Row]:
        """The file's rows, read once (the first read records unreadable-file problems)."""
        if name not in self._rows:
            path = self.folder / name
            if optional_file and not path.exists():
                self._rows[name] = []
            else:
                required, optional = COLUMNS[name]
                self._rows[name] = read_csv(path, self.problems, required, optional) or []
        return self._rows[name]

    # -- files ---------------------------------------------------------------------

    def country_yaml(self) -> dict | None:
        path = self.folder / "country.yaml"
        doc = read_yaml_located(path, self.problems)
        if doc is None:
            return None
        if not isinstance(doc, dict):
            self.problems.error(path, "expected a mapping with keys iso3, name, categories_in_scope, sources", line=1)
            return None
        for key in ("iso3", "name", "categories_in_scope", "sources"):
            if key not in doc:
                self.problems.error(path, f"missing key '{key}'; required keys: iso3, name, categories_in_scope, sources", line=1)
        iso3 = str(doc.get("iso3", ""))
        if iso3 and not ISO3_PATTERN.match(iso3):
            self.problems.error(path, f"iso3 {iso3!r} must be three capital letters (ISO 3166-1 alpha-3), e.g. BGD", line=yaml_line(doc))
        elif iso3 and iso3 != self.folder.name:
            self.problems.error(path, f"iso3 {iso3!r} does not match the folder name {self.folder.name!r}", line=yaml_line(doc))
        categories = doc.get("categories_in_scope") or []
        if not isinstance(categories, list):
            self.problems.error(path, "categories_in_scope must be a list of category ids", line=yaml_line(doc))
            categories = []
        for cid in categories:
            if cid not in self.vocab.categories:
                self.problems.error(path, f"unknown category {cid!r} in categories_in_scope; allowed: {_allowed(self.vocab.categories)}", line=yaml_line(doc))
        sources: list[SourceRecord] = []
        entries = doc.get("sources") or []
        if not isinstance(entries, list):
            self.problems.error(path, "sources must be a list of {id, title, publisher, year, url}", line=yaml_line(doc))
            entries = []
        seen: dict[str, int] = {}
        for entry in entries:
            line = yaml_line(entry)
            if not isinstance(entry, dict) or not entry.get("id") or not entry.get("title"):
                self.problems.error(path, "each source needs at least 'id' and 'title' (and should give publisher, year, url)", line=line)
                continue
            sid = str(entry["id"])
            if not ID_PATTERN.match(sid):
                self.problems.error(path, f"source id {sid!r} is not allowed: use letters, digits, '_' or '-'", line=line)
                continue
            if sid in seen:
                self.problems.error(path, f"duplicate source id {sid!r} (first on line {seen[sid]})", line=line)
                continue
            seen[sid] = line or 0
            year = entry.get("year")
            if year is not None and not (isinstance(year, int) and 1000 <= year <= 9999):
                self.problems.error(path, f"source {sid!r}: year {year!r} must be a four-digit year", line=line)
                year = None
            unknown = set(entry) - {"id", "title", "publisher", "year", "url", "notes", "retrieved"}
            if unknown:
                self.problems.error(path, f"source {sid!r}: unknown key(s) {_allowed(unknown)}; allowed: id, title, publisher, year, url, retrieved, notes", line=line)
            sources.append(SourceRecord(id=sid, title=str(entry["title"]), publisher=str(entry.get("publisher") or ""), year=year, url=str(entry.get("url") or "")))
        self.source_ids = {s.id for s in sources}
        return {"iso3": iso3, "name": str(doc.get("name", "")), "categories_in_scope": tuple(categories), "sources": tuple(sources)}

    def actors(self) -> list[Actor]:
        rows = self.rows("actors.csv")
        seen: dict[str, int] = {}
        for row in rows:  # first pass: ids and types, so parents may come later in the file
            aid = self.identifier(row, "id")
            if aid and not self.duplicate(row, "id", aid, seen, "actor id"):
                self.actor_types[aid] = row.get("type")
        actors: list[Actor] = []
        parents: dict[str, tuple[str, Row]] = {}
        for row in rows:
            aid = row.get("id")
            if seen.get(aid) != row.line:
                continue
            name = self.required(row, "name")
            atype = self.choice(row, "type", self.vocab.actor_types, "actor type")
            parent = self.reference_to(row, "parent", self.actor_types, "actor")
            if parent == aid:
                self.problems.error(row.file, f"actor {aid!r} cannot be its own parent", **row.where("parent"))
                parent = None
            if parent:
                parents[aid] = (parent, row)
            established = row.get("established")
            if established and not DATE_PATTERN.match(established):
                self.problems.error(row.file, f"established {established!r} must be YYYY, YYYY-MM or YYYY-MM-DD", **row.where("established"))
                established = ""
            source = self.reference_to(row, "source", self.source_ids, "source") if row.get("source") else None
            if name and atype:
                actors.append(_lean(Actor(
                    id=aid, name=name, type=atype, acronym=row.get("acronym"), aliases=tuple(row.split("aliases")),
                    parent=parent, name_bn=row.get("name_bn"), established=established, source=source, line=row.line,
                )))
        self._check_cycles(parents)
        return actors

    def _check_cycles(self, parents: dict[str, tuple[str, Row]]) -> None:
        reported: set[str] = set()
        for start in parents:
            chain = [start]
            node = start
            while node in parents:
                node = parents[node][0]
                if node in chain:
                    cycle = chain[chain.index(node):] + [node]
                    if not reported & set(cycle):
                        row = parents[start][1]
                        self.problems.error(row.file, f"parent cycle: {' -> '.join(cycle)}; a parent chain must end at an actor without parent", **row.where("parent"))
                        reported.update(cycle)
                    break
                chain.append(node)

    def instruments(self) -> list[Instrument]:
        out: list[Instrument] = []
        seen: dict[str, int] = {}
        rows = self.rows("instruments.csv", optional_file=True)
        for row in rows:
            iid = self.identifier(row, "id")
            if iid and not self.duplicate(row, "id", iid, seen, "instrument id"):
                self.instrument_ids.add(iid)
        for row in rows:
            iid = row.get("id")
            if seen.get(iid) != row.line:
                continue
            title = self.required(row, "title")
            itype = self.choice(row, "type", self.vocab.instrument_types, "instrument type")
            objectives = []
            for item in row.split("objectives"):
                parsed = self.objective(row, "objectives", value=item)
                if parsed:
                    objectives.append(parsed[1] or str(parsed[0]))
            categories = [c for c in row.split("categories") if self._category(row, "categories", c)]
            if title and itype:
                out.append(_lean(Instrument(
                    id=iid, title=title, type=itype, year=self.year(row, "year"),
                    issued_by=self.reference_to(row, "issued_by", self.actor_types, "actor"),
                    objectives=tuple(objectives), categories=tuple(categories),
                    source=self.source(row, what="instrument"), url=row.get("url"), line=row.line,
                )))
        return out

    def _category(self, row: Row, column: str, value: str) -> bool:
        if value not in self.vocab.categories:
            self.problems.error(row.file, f"unknown category {value!r}; allowed: {_allowed(self.vocab.categories)}", **row.where(column))
            return False
        return True

    def responsibilities(self) -> list[Responsibility]:
        out: list[Responsibility] = []
        seen: dict[str, int] = {}
        for row in self.rows("responsibilities.csv"):
            actor = self.reference_to(row, "actor", self.actor_types, "actor", optional=False)
            target = self.objective(row, "objective")
            role = self.choice(row, "role", self.vocab.roles, "role")
            status = self.choice(row, "status", self.vocab.statuses, "status")
            category = row.get("category") or None
            if category and not self._category(row, "category", category):
                category = None
            elif category:
                category = sys.intern(category)
            basis = self.reference_to(row, "basis", self.instrument_ids, "instrument")
            source = self.source(row, what="responsibility")
            if row.get("id") and not ID_PATTERN.match(row.get("id")):
                self.problems.error(row.file, f"id {row.get('id')!r} is not allowed: use letters, digits, '_' or '-'", **row.where("id"))
                continue
            if not (actor and target and role and status):
                continue
            number, action = target
            rid = row.get("id") or responsibility_id(actor, action or str(number), role, category, row.get("source"))
            column = "id" if row.get("id") else "objective"
            if self.duplicate(row, column, rid, seen, "responsibility (same actor, objective, role, category and source; give each row an 'id' to keep both)"):
                continue
            out.append(_lean(Responsibility(
                id=rid, actor=actor, objective=number, action=action, role=role, category=category, basis=basis,
                source=source, evidence=row.get("evidence"), locator=row.get("locator"), status=status, line=row.line,
            )))
        return out

    def memberships(self) -> list[Membership]:
        out: list[Membership] = []
        seen: dict[tuple[str, str], int] = {}
        for row in self.rows("coordination.csv", optional_file=True):
            body = self.reference_to(row, "body", self.actor_types, "actor", optional=False)
            if body and self.actor_types.get(body) != "coordination_body":
                self.problems.error(row.file, f"body {body!r} has type {self.actor_types.get(body)!r}; a body must be an actor of type coordination_body", **row.where("body"))
                body = None
            member = self.reference_to(row, "member", self.actor_types, "actor", optional=False)
            role = self.choice(row, "role", self.vocab.membership_roles, "membership role")
            source = self.source(row, what="membership")
            if not (body and member and role):
                continue
            if member == body:
                self.problems.error(row.file, f"{body!r} cannot be a member of itself", **row.where("member"))
                continue
            if self.duplicate(row, "member", (body, member), seen, "membership"):
                continue
            out.append(_lean(Membership(body=body, member=member, role=role, source=source, evidence=row.get("evidence"), locator=row.get("locator"), line=row.line)))
        return out


def responsibility_id(actor: str, objective: str, role: str, category: str | None, source: str | None) -> str:
    """A stable id for a responsibility row without an ``id`` cell.

    It depends on what the row says, not where it stands, so re-ordering or
    inserting rows in the spreadsheet keeps every IRI.

    >>> responsibility_id("mofa", "14", "lead", None, "moe_2020")
    'r-mofa-14-lead-264c7a8f'
    """
    digest = hashlib.sha1(f"{actor}|{objective}|{role}|{category or ''}|{source or ''}".encode()).hexdigest()[:8]
    return f"r-{actor}-{objective.replace('.', '')}-{role}-{digest}"


def load_country(folder: Path, reference: Reference, vocab: Vocabulary) -> tuple[Country | None, ProblemList]:
    """Read and check a country folder; returns ``(country, problems)``.

    ``country`` is ``None`` when any error was found.
    """
    reader = _Reader(folder, reference, vocab)
    if not folder.is_dir():
        reader.problems.error(folder, "country folder not found")
        return None, reader.problems
    for name in REQUIRED_FILES:
        if not (folder / name).exists():
            reader.problems.error(folder / name, f"file not found; a country folder needs {', '.join(REQUIRED_FILES)} (optional: {', '.join(OPTIONAL_FILES)})")
    if reader.problems.errors:
        return None, reader.problems
    meta = reader.country_yaml()
    for name in COLUMNS:
        reader.rows(name, optional_file=name in OPTIONAL_FILES)
    if reader.problems.errors:
        # An unreadable file (empty, not UTF-8, missing columns) would make every
        # reference to its ids look wrong; report the file alone.
        return None, reader.problems
    actors = reader.actors()
    instruments = reader.instruments()
    responsibilities = reader.responsibilities()
    memberships = reader.memberships()
    if reader.problems.errors or meta is None:
        return None, reader.problems
    country = Country(
        **meta, actors=tuple(actors), responsibilities=tuple(responsibilities),
        instruments=tuple(instruments), memberships=tuple(memberships),
    )
    return country, reader.problems
