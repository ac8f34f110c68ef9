"""The library of named questions, answered alike by Neo4j and by the embedded store.

Each question is ``kg/cypher/questions/NAME.cypher`` with a header of comment lines::

    // title: Objectives without a lead
    // description: GCM objectives ... (continued on lines indented by two spaces)
    // param country: ISO3 code of the country (example: BGD)
    // param objective_a:int: a GCM objective number (example: 6)
    // columns: objective:int, title, rows:int, actors:list

and its embedded equivalent: ``kg/sparql/questions/NAME.rq`` with the same header
(``#`` comments) for pyoxigraph — the query projects its parameters as variables,
which pyoxigraph substitutes — or, where SPARQL is unnatural, a Python function
over the networkx projection in :data:`PYTHON_QUESTIONS` (the shortest path).

Both engines' rows are coerced to the declared column types (``int``, ``str``,
``list`` — a list is sorted, and SPARQL's ``GROUP_CONCAT`` with ``;`` is split), so
their answers compare equal.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import networkx as nx

from kg.problems import InputError, Problem

PACKAGE_DIR = Path(__file__).resolve().parent
CYPHER_DIR = PACKAGE_DIR / "cypher" / "questions"
SPARQL_DIR = PACKAGE_DIR / "sparql" / "questions"
STORE_CYPHER_DIR = PACKAGE_DIR / "cypher" / "store"
TYPES = ("str", "int", "list")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str
    example: str

    def parse(self, text: str) -> Any:
        if self.type == "int":
            try:
                return int(text)
            except ValueError:
                raise ValueError(f"parameter {self.name} must be an integer, not {text!r} (example: {self.example})") from None
        return text


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "str"


@dataclass(frozen=True)
class Header:
    title: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[Column, ...]

    def examples(self) -> dict[str, Any]:
        return {p.name: p.parse(p.example) for p in self.params}


@dataclass(frozen=True)
class Question:
    name: str
    header: Header
    cypher: str
    sparql: str | None = None
    python: Callable[[nx.MultiDiGraph, Mapping[str, Any]], list[tuple]] | None = None

    @property
    def title(self) -> str:
        return self.header.title

    def bind(self, given: Mapping[str, str]) -> dict[str, Any]:
        """Typed parameters from ``key=value`` text; every declared parameter is required.

        >>> library()["shared_actors"].bind({"country": "BGD", "objective_a": "6", "objective_b": "7"})
        {'country': 'BGD', 'objective_a': 6, 'objective_b': 7}
        """
        declared = {p.name: p for p in self.header.params}
        problems = []
        for key in given:
            if key not in declared:
                problems.append(Problem(self.name, f"unknown parameter {key!r}; {self.name} takes {_describe(self.header.params)}"))
        for name in declared:
            if name not in given:
                problems.append(Problem(self.name, f"missing parameter {name}: --param {name}={declared[name].example}"))
        if problems:
            raise InputError(problems)
        out: dict[str, Any] = {}
        for name, param in declared.items():
            try:
                out[name] = param.parse(str(given[name]))
            except ValueError as exc:
                raise InputError([Problem(self.name, str(exc))]) from None
        return out


def _describe(params: Sequence[Param]) -> str:
    return ", ".join(f"{p.name} (e.g. {p.example})" for p in params) or "no parameters"


_KEY = re.compile(r"^(title|description|param|columns)\b\s*(.*)$")
_PARAM = re.compile(r"^param\s+([A-Za-z_][A-Za-z0-9_]*)(?::(str|int))?\s*:\s*(.*?)\s*\(example:\s*(.*?)\)\s*$")


def parse_header(text: str, comment: str) -> Header:
    """The header of a question file (``comment`` is ``//`` or ``#``).

    >>> h = parse_header("// title: T\\n// description: first\\n//   second\\n// param n:int: a number (example: 6)\\n// columns: a:int, b\\nRETURN 1", "//")
    >>> h.title, h.description, h.params[0], h.columns
    ('T', 'first second', Param(name='n', type='int', description='a number', example='6'), (Column(name='a', type='int'), Column(name='b', type='str')))
    """
    fields: dict[str, str] = {}
    params: list[Param] = []
    last: str | None = None
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        if not stripped.startswith(comment):
            break
        body = stripped[len(comment):]
        if body.startswith("  ") and last:
            if last == "param":
                p = params[-1]
                params[-1] = Param(p.name, p.type, f"{p.description} {body.strip()}", p.example)
            else:
                fields[last] += " " + body.strip()
            continue
        body = body.strip()
        match = _KEY.match(body)
        if not match or not body.startswith(match.group(1) + (" " if match.group(1) == "param" else ":")):
            last = None
            continue
        key = match.group(1)
        if key == "param":
            pm = _PARAM.match(body)
            if not pm:
                raise ValueError(f"bad param line (want 'param NAME[:int]: description (example: VALUE)'): {body}")
            params.append(Param(pm.group(1), pm.group(2) or "str", pm.group(3), pm.group(4)))
        else:
            fields[key] = match.group(2).lstrip(":").strip()
        last = key
    if "title" not in fields or "columns" not in fields:
        raise ValueError("a question header needs at least 'title:' and 'columns:'")
    columns = []
    for item in fields["columns"].split(","):
        name, _, kind = item.strip().partition(":")
        kind = kind or "str"
        if kind not in TYPES:
            raise ValueError(f"column {name}: unknown type {kind!r}; use one of {', '.join(TYPES)}")
        columns.append(Column(name, kind))
    return Header(fields["title"], fields.get("description", ""), tuple(params), tuple(columns))


# --- answers --------------------------------------------------------------------------------


@dataclass
class Table:
    """An answer: column names and rows (tuples), with whether the row limit cut it short."""

    columns: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)
    truncated: bool = False

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row)) for row in self.rows]

    def to_json(self) -> str:
        return json.dumps({"columns": list(self.columns), "rows": self.records(), "truncated": self.truncated}, ensure_ascii=False, indent=2, default=str)

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow([";".join(map(str, v)) if isinstance(v, (list, tuple)) else v for v in row])
        return out.getvalue()

    def to_text(self, width: int = 60) -> str:
        """An aligned plain-text table (cells cut to ``width`` characters).

        >>> print(Table(("a", "bb"), [(1, ["x", "y"]), (22, [])]).to_text(), end="")
        a   bb
        --  ---
        1   x;y
        22
        (2 rows)
        """
        def cell(v: Any) -> str:
            text = ";".join(map(str, v)) if isinstance(v, (list, tuple)) else ("" if v is None else str(v))
            text = text.replace("\n", " ")
            return text if len(text) <= width else text[: width - 1] + "…"

        cells = [[cell(v) for v in row] for row in self.rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(self.columns)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(self.columns, widths)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
        more = " (cut at the row limit)" if self.truncated else ""
        lines.append(f"({len(self.rows)} row{'' if len(self.rows) == 1 else 's'}{more})")
        return "\n".join(lines) + "\n"


def coerce(value: Any, kind: str) -> Any:
    """A value from either engine as the declared column type.

    >>> coerce("b;a", "list"), coerce(["b", "a", None], "list"), coerce(None, "str"), coerce("7", "int"), coerce(None, "list")
    (['a', 'b'], ['a', 'b'], '', 7, [])
    """
    if kind == "list":
        if value is None or value == "":
            return []
        items = value.split(";") if isinstance(value, str) else list(value)
        return sorted(str(v) for v in items if v not in (None, ""))
    if kind == "int":
        return None if value is None or value == "" else int(value)
    return "" if value is None else str(value)


def shape(header: Header, rows: Iterable[Mapping[str, Any]]) -> Table:
    """Rows as dicts (column -> raw value) into a typed :class:`Table` with the header's columns."""
    columns = header.columns
    return Table(tuple(c.name for c in columns), [tuple(coerce(row.get(c.name), c.type) for c in columns) for row in rows])


# --- Python questions (where SPARQL is unnatural) ----------------------------------------------


def _country_actors(graph: nx.MultiDiGraph, iso3: str) -> dict[str, str]:
    """Actor id -> node key for the actors of one country."""
    return {
        str(d.get("code")): n for n, d in graph.nodes(data=True)
        if d.get("kind") == "Actor" and d.get("country") == iso3
    }


def shortest_path(graph: nx.MultiDiGraph, params: Mapping[str, Any], max_steps: int = 10) -> list[dict]:
    """Every shortest path between two different actors over ``part_of``, ``member_of`` and
    actor—objective links (one per responsibility row), undirected — as ``shortest_path.cypher``.

    >>> from kg.gaps import example_graph
    >>> g = example_graph(actors=["mol ministry", "bureau department parent=mol", "mofa ministry", "tf coordination_body"],
    ...                   rows=["bureau 6.c support", "mofa 6 lead"], members=["tf mol", "tf mofa"])
    >>> shortest_path(g, {"country": "XYZ", "from_actor": "bureau", "to_actor": "mofa"})
    [{'path': 'bureau > objective 6 > mofa', 'length': 2}]
    """
    iso3 = params["country"]
    actors = _country_actors(graph, iso3)
    start, end = actors.get(str(params["from_actor"])), actors.get(str(params["to_actor"]))
    if start is None or end is None or start == end:
        return []
    links = nx.Graph()
    members = set(actors.values())
    for u, v, data in graph.edges(data=True):
        if data.get("rel") in ("part_of", "member_of") and u in members and v in members:
            links.add_edge(u, v)
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "Responsibility":
            continue
        ends = {str(d.get("rel")): v for _, v, d in graph.out_edges(node, data=True)}
        if ends.get("actor") in members and "objective" in ends:
            links.add_edge(ends["actor"], ends["objective"])
    if start not in links or end not in links:
        return []
    try:
        paths = list(nx.all_shortest_paths(links, start, end))
    except nx.NetworkXNoPath:
        return []

    def step(node: str) -> str:
        data = graph.nodes[node]
        return f"objective {data.get('code')}" if data.get("kind") == "GCMObjective" else str(data.get("code"))

    found = sorted({" > ".join(step(n) for n in path): len(path) - 1 for path in paths if len(path) - 1 <= max_steps}.items())
    return [{"path": path, "length": length} for path, length in found]


PYTHON_QUESTIONS: dict[str, Callable[[nx.MultiDiGraph, Mapping[str, Any]], list[dict]]] = {
    "shortest_path": shortest_path,
}
"""Questions the embedded store answers in Python over the projection, not in SPARQL."""


# --- the library ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def library() -> dict[str, Question]:
    """Every named question, by name (sorted)."""
    out: dict[str, Question] = {}
    for path in sorted(CYPHER_DIR.glob("*.cypher")):
        text = path.read_text(encoding="utf-8")
        header = parse_header(text, "//")
        rq = SPARQL_DIR / f"{path.stem}.rq"
        out[path.stem] = Question(
            path.stem, header, text, rq.read_text(encoding="utf-8") if rq.exists() else None, PYTHON_QUESTIONS.get(path.stem),
        )
    return out


def question(name: str) -> Question:
    questions = library()
    if name not in questions:
        raise InputError([Problem(name, f"no such question; the questions are: {', '.join(questions)} (migkg query --list)")])
    return questions[name]


def store_statement(name: str) -> str:
    """A Cypher statement the Neo4j store runs (``kg/cypher/store/NAME.cypher``)."""
    return (STORE_CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8")
