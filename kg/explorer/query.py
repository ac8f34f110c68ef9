"""The Query page's logic: saved example questions as console text, and running a console query.

The saved questions are :mod:`kg.questions`' library (one file per question, in SPARQL and
Cypher). For the console they are shown with their parameters written into the text — SPARQL
gets a trailing ``VALUES`` clause, Cypher's ``$name`` parameters become literals — so what the user
sees is exactly what runs, and can be edited. Running goes through the store's own read-only
console (:meth:`kg.store.Store.console`): :mod:`kg.guards` refuses writes before anything runs,
the engine runs it read-only, with a row limit and a timeout.

>>> ex = examples("sparql", {"country": "BGD"})
>>> "uncovered_objectives" in ex and ex["uncovered_objectives"].text.rstrip().endswith('VALUES (?country) { ("BGD") }')
True
>>> refusal("sparql", "INSERT DATA { <http://a> <http://b> <http://c> }")
'line 1, column 1: INSERT is a SPARQL update; the console only runs queries (SELECT, ASK, CONSTRUCT, DESCRIBE)'
>>> refusal("cypher", "MATCH (n) RETURN n") is None
True
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Mapping

from kg.problems import InputError
from kg.store import DEFAULT_TIMEOUT, MAX_LIMIT, MAX_TIMEOUT

DEFAULT_LIMIT = 200


@dataclass(frozen=True)
class Example:
    name: str
    title: str
    description: str
    text: str


def _literal_sparql(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def _literal_cypher(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


def _bind_params(question, overrides: Mapping[str, Any]) -> dict[str, Any]:
    values = question.header.examples()
    for p in question.header.params:
        if p.name in overrides and overrides[p.name] not in (None, ""):
            try:
                values[p.name] = p.parse(str(overrides[p.name]))
            except ValueError:
                pass
    return values


def _strip_header(text: str, comment: str) -> str:
    lines = text.splitlines()
    i = 0
    while i < len(lines) and (not lines[i].strip() or lines[i].lstrip().startswith(comment)):
        i += 1
    head = [f"{comment} {lines[0].lstrip(comment).strip()}"] if lines else []
    return "\n".join(head + lines[i:]).strip() + "\n"


def sparql_text(question, params: Mapping[str, Any]) -> str | None:
    """The question's SPARQL with its parameters bound by a trailing ``VALUES`` clause (``None`` if it has no SPARQL)."""
    if question.sparql is None:
        return None
    values = _bind_params(question, params)
    body = _strip_header(question.sparql, "#").rstrip()
    if not values:
        return body + "\n"
    names = " ".join(f"?{k}" for k in values)
    row = " ".join(_literal_sparql(v) for v in values.values())
    return f"{body}\nVALUES ({names}) {{ ({row}) }}\n"


def cypher_text(question, params: Mapping[str, Any]) -> str:
    """The question's Cypher with each ``$name`` parameter replaced by its value as a literal."""
    from kg.guards import cypher_tokens

    values = _bind_params(question, params)
    text = _strip_header(question.cypher, "//")
    out, last = [], 0
    for token in cypher_tokens(text):
        if token.kind == "param":
            name = token.text[1:].strip("`")
            if name in values:
                out.append(text[last:token.pos])
                out.append(_literal_cypher(values[name]))
                last = token.pos + len(token.text)
    out.append(text[last:])
    return "".join(out)


def examples(language: str, params: Mapping[str, Any]) -> dict[str, Example]:
    """Saved questions runnable in the console for ``language`` (``sparql`` or ``cypher``), by name."""
    from kg.questions import library

    out: dict[str, Example] = {}
    for name, q in library().items():
        text = sparql_text(q, params) if language == "sparql" else cypher_text(q, params)
        if text is None:
            continue
        out[name] = Example(name, q.header.title, q.header.description, text)
    return out


def refusal(language: str, text: str) -> str | None:
    """Why a console query is refused as not read-only (``None`` when it may run)."""
    from kg import guards

    try:
        (guards.check_cypher if language == "cypher" else guards.check_sparql)(text)
    except guards.ReadOnlyViolation as exc:
        return str(exc)
    return None


@dataclass
class Outcome:
    """What the page shows after Run: a table, or a refusal, or an error."""

    columns: tuple[str, ...] = ()
    rows: list[tuple] | None = None
    truncated: bool = False
    refused: str | None = None
    error: str | None = None
    seconds: float = 0.0

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, (_cell(v) for v in row))) for row in self.rows or []]

    def csv(self) -> str:
        from kg.questions import Table

        return Table(self.columns, list(self.rows or []), self.truncated).to_csv()


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return ";".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def run(store, language: str, text: str, limit: int = DEFAULT_LIMIT, timeout: float = DEFAULT_TIMEOUT) -> Outcome:
    """Run one console query on ``store`` (read-only, at most ``limit`` rows, stopped after ``timeout`` s)."""
    reason = refusal(language, text)
    if reason:
        return Outcome(refused=reason)
    limit = max(1, min(int(limit), MAX_LIMIT))
    timeout = max(1.0, min(float(timeout), MAX_TIMEOUT))
    started = time.perf_counter()
    try:
        table = store.console(text, limit=limit, timeout=timeout)
    except InputError as exc:
        return Outcome(error="; ".join(p.message for p in exc.errors) or str(exc), seconds=time.perf_counter() - started)
    return Outcome(tuple(table.columns), list(table.rows), bool(table.truncated), seconds=time.perf_counter() - started)
