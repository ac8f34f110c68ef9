"""Read-only guards for user-written queries: Cypher for Neo4j, SPARQL for the embedded store.

A query is split into tokens first — string literals, comments, quoted names,
IRIs and parameters are single tokens — so ``'DELETE'`` in a string or
``/* CREATE */`` in a comment is never mistaken for a clause, and ``n.set`` or
``{merge: 1}`` is a name, not a keyword. A query is rejected, before it reaches
any engine, when it

* does not start as a read (Cypher: ``MATCH``, ``OPTIONAL MATCH``, ``WITH``,
  ``UNWIND``, ``RETURN``, ``CALL``, ``SHOW``, after an optional ``CYPHER …``,
  ``EXPLAIN`` or ``PROFILE``; SPARQL: ``SELECT``, ``ASK``, ``CONSTRUCT``,
  ``DESCRIBE`` after ``PREFIX``/``BASE``);
* holds a write clause anywhere (Cypher: ``CREATE``, ``INSERT``, ``MERGE``,
  ``DELETE``, ``DETACH``, ``SET``, ``REMOVE``, ``DROP``, ``FOREACH``, ``LOAD CSV``,
  ``… IN TRANSACTIONS``, ``USE`` and administration commands; SPARQL: ``INSERT``,
  ``DELETE``, ``LOAD``, ``CLEAR``, ``CREATE``, ``DROP``, ``ADD``, ``MOVE``, ``COPY``,
  ``WITH`` and ``SERVICE``);
* calls a procedure not on the read-only allow-list (``db.labels`` and the like;
  ``apoc.*``, ``db.create*``, ``dbms.*`` … are refused);
* holds more than one statement.

The guard is the first line; the second is the engine: Neo4j runs console
queries in a read transaction, and pyoxigraph's query entry point cannot run
updates at all.

>>> check_cypher("MATCH (n) WHERE n.note = 'DELETE me' RETURN n // CREATE later")
>>> check_cypher("MATCH (n) DETACH DELETE n")
Traceback (most recent call last):
...
kg.guards.ReadOnlyViolation: line 1, column 11: DETACH is a write clause; the console only runs read queries
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class ReadOnlyViolation(ValueError):
    """A console query that is not read-only (or cannot be tokenized), with where it fails."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        self.message, self.line, self.column = message, line, column
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(where + message)


@dataclass(frozen=True)
class Token:
    kind: str  # word, string, quoted, param, number, punct, iri, var, pname
    text: str
    pos: int

    @property
    def upper(self) -> str:
        return self.text.upper()


def _where(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, column


def _fail(text: str, pos: int, message: str) -> ReadOnlyViolation:
    return ReadOnlyViolation(message, *_where(text, pos))


# --- Cypher ----------------------------------------------------------------------------------

_CYPHER = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<quoted>`(?:[^`]|``)*`)
  | (?P<param>\$(?:[A-Za-z_][A-Za-z0-9_]*|`(?:[^`]|``)*`|[0-9]+))
  | (?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)

CYPHER_WRITE_KEYWORDS = frozenset({
    "CREATE", "INSERT", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "FOREACH", "LOAD", "USE",
    "ALTER", "GRANT", "DENY", "REVOKE", "RENAME", "START", "STOP", "TERMINATE", "ENABLE", "DEALLOCATE", "REALLOCATE",
})
CYPHER_READ_STARTS = frozenset({"MATCH", "OPTIONAL", "WITH", "UNWIND", "RETURN", "CALL", "SHOW"})
CYPHER_READ_PROCEDURES = frozenset({
    "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
    "db.schema.nodetypeproperties", "db.schema.reltypeproperties",
})
"""Procedures the console may call (compared case-insensitively)."""


def cypher_tokens(text: str) -> list[Token]:
    """Tokens without whitespace and comments.

    >>> [t.text for t in cypher_tokens("MATCH (n:`My Label`) // hi\\nRETURN n.name, 'it''s'")]
    ['MATCH', '(', 'n', ':', '`My Label`', ')', 'RETURN', 'n', '.', 'name', ',', "'it'", "'s'"]
    """
    tokens: list[Token] = []
    for match in _CYPHER.finditer(text):
        kind = match.lastgroup or "punct"
        value = match.group()
        if kind in ("ws", "comment"):
            continue
        if kind == "punct":
            if value in "'\"`":
                raise _fail(text, match.start(), f"unterminated {'string literal' if value != '`' else 'quoted name'} ({value})")
            if value == "/" and text.startswith("/*", match.start()):
                raise _fail(text, match.start(), "unterminated comment (/*)")
        tokens.append(Token(kind, value, match.start()))
    return tokens


def _is_keyword(tokens: list[Token], i: int) -> bool:
    """A word used as a keyword: not a property (``n.set``), label (``:Set``), map key (``{set: 1}``),
    or part of a procedure name."""
    token = tokens[i]
    if token.kind != "word":
        return False
    before = tokens[i - 1].text if i > 0 else ""
    after = tokens[i + 1].text if i + 1 < len(tokens) else ""
    if before in (".", ":", "$"):
        return False
    if after == ":" and before in ("{", ","):
        return False
    return True


def check_cypher(text: str) -> None:
    """Raise :class:`ReadOnlyViolation` unless ``text`` is one read-only Cypher statement.

    >>> check_cypher("CALL db.labels() YIELD label RETURN label")
    >>> check_cypher("CALL apoc.create.node(['X'], {}) YIELD node RETURN node")
    Traceback (most recent call last):
    ...
    kg.guards.ReadOnlyViolation: line 1, column 6: procedure apoc.create.node is not allowed in the read-only console; allowed: db.labels, db.propertyKeys, db.relationshipTypes, db.schema.nodeTypeProperties, db.schema.relTypeProperties, db.schema.visualization
    """
    tokens = cypher_tokens(text)
    if not tokens:
        raise ReadOnlyViolation("the query is empty")
    # one statement: a trailing ';' only
    for i, token in enumerate(tokens):
        if token.text == ";" and i != len(tokens) - 1:
            raise _fail(text, token.pos, "more than one statement; the console runs one query at a time")
    body = tokens[:-1] if tokens[-1].text == ";" else tokens
    if not body:
        raise ReadOnlyViolation("the query is empty")
    start = _skip_prelude(text, body)
    if start >= len(body):
        raise ReadOnlyViolation("the query has no clause after its prelude")
    first = body[start]
    if first.kind != "word" or first.upper not in CYPHER_READ_STARTS:
        if first.kind == "word" and first.upper in CYPHER_WRITE_KEYWORDS:
            raise _fail(text, first.pos, _refusal(first.upper))
        raise _fail(text, first.pos, f"a read query starts with MATCH, OPTIONAL MATCH, WITH, UNWIND, RETURN, CALL or SHOW, not {first.text!r}")
    for i, token in enumerate(body):
        if not _is_keyword(body, i):
            continue
        word = token.upper
        if word in CYPHER_WRITE_KEYWORDS:
            raise _fail(text, token.pos, _refusal(word))
        if word == "TRANSACTIONS" and _after_in(body, i):
            raise _fail(text, token.pos, "CALL { … } IN TRANSACTIONS writes in batches; the console only runs read queries")
        if word == "CALL":
            procedure, end = _procedure_name(body, i + 1)
            if procedure is not None and procedure.lower() not in CYPHER_READ_PROCEDURES:
                allowed = ", ".join(sorted(_canonical_procedures()))
                raise _fail(text, body[i + 1].pos, f"procedure {procedure} is not allowed in the read-only console; allowed: {allowed}")


def _refusal(word: str) -> str:
    if word == "USE":
        return "USE switches the database; the console reads the configured database only"
    if word in ("ALTER", "GRANT", "DENY", "REVOKE", "RENAME", "START", "STOP", "TERMINATE", "ENABLE", "DEALLOCATE", "REALLOCATE"):
        return f"{word} is an administration command; the console only runs read queries"
    return f"{'LOAD CSV' if word == 'LOAD' else word} is a write clause; the console only runs read queries"


def _canonical_procedures() -> list[str]:
    return ["db.labels", "db.relationshipTypes", "db.propertyKeys", "db.schema.visualization",
            "db.schema.nodeTypeProperties", "db.schema.relTypeProperties"]


def _skip_prelude(text: str, tokens: list[Token]) -> int:
    """Index of the first clause after ``CYPHER [version] [option=value …]``, ``EXPLAIN`` or ``PROFILE``."""
    i = 0
    while i < len(tokens):
        word = tokens[i].upper if tokens[i].kind == "word" else ""
        if word in ("EXPLAIN", "PROFILE"):
            i += 1
        elif word == "CYPHER":
            i += 1
            if i < len(tokens) and tokens[i].kind == "number":
                i += 1
            while i + 2 < len(tokens) and tokens[i].kind == "word" and tokens[i + 1].text == "=":
                i += 3
        else:
            return i
    return i


def _after_in(tokens: list[Token], i: int) -> bool:
    """``TRANSACTIONS`` preceded by ``IN`` (with an optional count and ``CONCURRENT`` between)."""
    j = i - 1
    while j >= 0 and (tokens[j].kind in ("number", "param") or tokens[j].upper == "CONCURRENT"):
        j -= 1
    return j >= 0 and tokens[j].upper == "IN"


def _procedure_name(tokens: list[Token], i: int) -> tuple[str | None, int]:
    """The dotted procedure name after ``CALL`` (None for a subquery ``CALL {`` or ``CALL (x) {``)."""
    if i >= len(tokens) or tokens[i].kind not in ("word", "quoted"):
        return None, i
    parts = [tokens[i].text.strip("`")]
    i += 1
    while i + 1 < len(tokens) and tokens[i].text == "." and tokens[i + 1].kind in ("word", "quoted"):
        parts.append(tokens[i + 1].text.strip("`"))
        i += 2
    return ".".join(parts), i


# --- SPARQL ----------------------------------------------------------------------------------

_SPARQL = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w.\-\u00c0-\uffff]*)?:(?:[\w\u00c0-\uffff:%\\-](?:[\w.\u00c0-\uffff:%\\-]*[\w\u00c0-\uffff:%\\-])?)?)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
  | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<punct>.)
    """,
    re.VERBOSE | re.DOTALL,
)

SPARQL_UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE", "COPY", "WITH"})
SPARQL_READ_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})


def sparql_tokens(text: str) -> list[Token]:
    """Tokens without whitespace and comments.

    >>> [t.kind for t in sparql_tokens('SELECT ?s WHERE { ?s rdfs:label "# not a comment" } # a comment')]
    ['word', 'var', 'word', 'punct', 'var', 'pname', 'string', 'punct']
    """
    tokens: list[Token] = []
    for match in _SPARQL.finditer(text):
        kind = match.lastgroup or "punct"
        value = match.group()
        if kind in ("ws", "comment"):
            continue
        if kind == "punct" and value in "'\"":
            raise _fail(text, match.start(), f"unterminated string literal ({value})")
        tokens.append(Token(kind, value, match.start()))
    return tokens


def check_sparql(text: str) -> None:
    """Raise :class:`ReadOnlyViolation` unless ``text`` is a SPARQL query (not an update).

    >>> check_sparql('PREFIX ex: <http://example.org/> SELECT ?s WHERE { ?s ex:delete "INSERT DATA" }')
    >>> check_sparql("INSERT DATA { <http://a> <http://b> <http://c> }")
    Traceback (most recent call last):
    ...
    kg.guards.ReadOnlyViolation: line 1, column 1: INSERT is a SPARQL update; the console only runs queries (SELECT, ASK, CONSTRUCT, DESCRIBE)
    """
    tokens = sparql_tokens(text)
    if not tokens:
        raise ReadOnlyViolation("the query is empty")
    i = 0
    while i < len(tokens) and tokens[i].kind == "word" and tokens[i].upper in ("PREFIX", "BASE"):
        i += 3 if tokens[i].upper == "PREFIX" else 2
    for token in tokens:
        if token.kind != "word":
            continue
        if token.upper in SPARQL_UPDATE_KEYWORDS:
            raise _fail(text, token.pos, f"{token.upper} is a SPARQL update; the console only runs queries (SELECT, ASK, CONSTRUCT, DESCRIBE)")
        if token.upper == "SERVICE":
            raise _fail(text, token.pos, "SERVICE (a federated query to another endpoint) is not allowed in the console")
    if i >= len(tokens) or tokens[i].kind != "word" or tokens[i].upper not in SPARQL_READ_FORMS:
        found = tokens[i].text if i < len(tokens) else "nothing"
        pos = tokens[i].pos if i < len(tokens) else len(text)
        raise _fail(text, pos, f"a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE (after PREFIX/BASE), not {found!r}")


def looks_like_cypher(text: str) -> bool:
    """Whether a query that failed as SPARQL reads like Cypher (for a hint in the message).

    >>> looks_like_cypher("MATCH (n) RETURN n"), looks_like_cypher("SELECT * WHERE { ?s ?p ?o }")
    (True, False)
    """
    try:
        tokens = cypher_tokens(text)
    except ReadOnlyViolation:
        return False
    words = {t.upper for t in tokens if t.kind == "word"}
    return bool(tokens) and tokens[0].upper in (CYPHER_READ_STARTS | CYPHER_WRITE_KEYWORDS) - {"WITH"} and not words & SPARQL_READ_FORMS


# --- the examples the tests and the linter share ---------------------------------------------------

CYPHER_ACCEPTED = (
    "MATCH (a:Actor)-[r:RESPONSIBLE_FOR]->(o:GCMObjective) RETURN a.code, r.role, o.number LIMIT 10",
    "MATCH (n:Actor) WHERE n.label = 'DELETE this' RETURN n.code",
    "MATCH (n:Actor) // CREATE (m) in a comment\nRETURN count(n) AS actors",
    "MATCH (n:Actor) /* MERGE (x)\n SET x.a = 1 */ RETURN n.code",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.relationshipTypes()",
    "OPTIONAL MATCH (n:Country {code: 'BGD'}) RETURN n.label",
    "WITH 1 AS x RETURN x",
    "UNWIND [1, 2, 3] AS x RETURN x",
    "RETURN 'SET n.x = 1; DROP DATABASE neo4j' AS text",
    "MATCH (n:Actor) RETURN n {.code, set: 1, merge: 2} AS m",
    "CYPHER 5 MATCH (n:Actor) RETURN count(*) AS actors",
    "EXPLAIN MATCH (n:GCMObjective) RETURN n.number",
    "MATCH (a:Actor) CALL (a) { MATCH (a)-[:HOLDS]->(r:Responsibility) RETURN count(r) AS rows } RETURN a.code, rows",
    "MATCH (a:Actor) WHERE EXISTS { MATCH (a)-[:MEMBER_OF]->(:CoordinationBody) } RETURN a.code;",
    "SHOW CONSTRAINTS YIELD name, labelsOrTypes RETURN name, labelsOrTypes",
    "MATCH (n:`Actor`) RETURN n.`code` AS `delete`",
)
"""Read queries the console accepts (each is also linted)."""

CYPHER_REJECTED = (
    ("CREATE (n:Actor {uri: 'x'})", "CREATE"),
    ("MATCH (n) DETACH DELETE n", "DETACH"),
    ("MATCH (n:Actor) DELETE n", "DELETE"),
    ("match (n) merge (m:Actor {uri: 'x'}) return m", "MERGE"),
    ("MATCH (n:Actor) SET n.label = 'x'", "SET"),
    ("MATCH (n:Actor) REMOVE n:Ministry", "REMOVE"),
    ("DROP CONSTRAINT migkg_actor_uri", "DROP"),
    ("LOAD CSV FROM 'file:///x.csv' AS row RETURN row", "LOAD CSV"),
    ("MATCH (n) WITH n LOAD CSV FROM 'file:///x.csv' AS row RETURN row", "LOAD CSV"),
    ("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS", "DETACH"),
    ("UNWIND range(1, 10) AS i CALL (i) { RETURN i AS j } IN TRANSACTIONS OF 2 ROWS RETURN j", "IN TRANSACTIONS"),
    ("MATCH (n) FOREACH (x IN [1] | SET n.x = x)", "FOREACH"),
    ("CALL apoc.create.node(['X'], {}) YIELD node RETURN node", "apoc.create.node"),
    ("CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DELETE n', {})", "apoc.periodic.iterate"),
    ("CALL db.createLabel('X')", "db.createLabel"),
    ("CALL dbms.security.createUser('x', 'y')", "dbms.security.createUser"),
    ("CALL `apoc`.`create`.`node`(['X'], {})", "apoc.create.node"),
    ("MATCH (n) RETURN n; MATCH (m) DETACH DELETE m", "more than one statement"),
    ("RETURN 1; RETURN 2", "more than one statement"),
    ("USE system MATCH (n) RETURN n", "USE"),
    ("GRANT ROLE admin TO x", "GRANT"),
    ("insert (n:Actor)", "INSERT"),
    ("MATCH (n) RETURN n /* unterminated", "unterminated"),
    ("MATCH (n) WHERE n.label = 'open RETURN n", "unterminated"),
    ("", "empty"),
    ("// only a comment", "empty"),
    ("PROFILE CREATE (n)", "CREATE"),
    ("CYPHER runtime=slotted MERGE (n:X)", "MERGE"),
)
"""(query, what the rejection names): rejected before they reach the server."""

SPARQL_ACCEPTED = (
    "SELECT ?s WHERE { ?s a <https://w3id.org/migration-kg/ontology#GCMObjective> } LIMIT 5",
    'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, "DELETE")) }',
    "ASK { ?s ?p ?o }",
    "# INSERT DATA in a comment\nSELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3",
    "DESCRIBE <https://w3id.org/migration-kg/id/gcm/objective/6>",
    "PREFIX ex: <http://example.org/> select ?x where { ?x ex:insert ?y }",
    'SELECT ?x WHERE { VALUES ?x { """multi-line\nDROP ALL""" } }',
)
SPARQL_REJECTED = (
    ("INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE"),
    ("PREFIX ex: <http://example.org/> delete { ?s ?p ?o } where { ?s ?p ?o }", "DELETE"),
    ("LOAD <http://example.org/data.ttl>", "LOAD"),
    ("CLEAR ALL", "CLEAR"),
    ("CREATE GRAPH <http://example.org/g>", "CREATE"),
    ("DROP GRAPH <http://example.org/g>", "DROP"),
    ("ADD DEFAULT TO <http://example.org/g>", "ADD"),
    ("MOVE DEFAULT TO <http://example.org/g>", "MOVE"),
    ("COPY DEFAULT TO <http://example.org/g>", "COPY"),
    ("WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH"),
    ("SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ('SELECT ?x WHERE { ?x ?p "open }', "unterminated"),
    ("", "empty"),
    ("PREFIX ex: <http://example.org/>", "starts with SELECT"),
)
