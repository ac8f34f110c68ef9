"""Every Cypher statement the sync sends, built by pure functions (parameters only, never values).

The statements depend only on labels and relationship types (from
:mod:`kg.neo4j_mapping`), never on data, so the linter checks each one
(``python -m kg.neo4j_lint``). Labels and types are checked against
``^[A-Za-z][A-Za-z0-9_]*$`` and back-quoted before they enter a statement.

>>> print(merge_nodes(NodeGroup(("Actor", "Ministry", "GovernmentActor"))))
UNWIND $rows AS row
MERGE (n:Actor {uri: row.uri})
WITH n, row
WHERE n._hash IS NULL OR n._hash <> row.hash
SET n = row.props
REMOVE n:Division:Department:Agency:LocalGovernment:CoordinationBody:InternationalOrganization:CivilSociety:PrivateSector:DevelopmentPartner:Academia:Media
SET n:Ministry:GovernmentActor
RETURN count(n) AS written
"""

from __future__ import annotations

import re

from kg.neo4j_mapping import ACTOR_LABELS, NODE_LABELS, NodeGroup, RelGroup

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def name(identifier: str) -> str:
    """A label, type or constraint name, safe to splice into a statement.

    >>> name("GCMObjective")
    'GCMObjective'
    >>> name("Bad`Label")
    Traceback (most recent call last):
    ...
    ValueError: not a safe Cypher name: 'Bad`Label'
    """
    if not _NAME.match(identifier):
        raise ValueError(f"not a safe Cypher name: {identifier!r}")
    return identifier


def snake(label: str) -> str:
    """``GCMObjective`` -> ``gcm_objective``.

    >>> snake("GCMObjective"), snake("SDGTarget"), snake("Actor")
    ('gcm_objective', 'sdg_target', 'actor')
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", label).lower()


def constraint_name(label: str) -> str:
    return f"migkg_{snake(name(label))}_uri"


def create_constraint(label: str) -> str:
    """The uniqueness constraint on ``uri`` for one primary label (a no-op when it exists).

    >>> create_constraint("Actor")
    'CREATE CONSTRAINT migkg_actor_uri IF NOT EXISTS FOR (n:Actor) REQUIRE n.uri IS UNIQUE'
    """
    return f"CREATE CONSTRAINT {constraint_name(label)} IF NOT EXISTS FOR (n:{name(label)}) REQUIRE n.uri IS UNIQUE"


def constraint_statements() -> list[str]:
    return [create_constraint(label) for label in NODE_LABELS]


def _labels(labels) -> str:
    return "".join(f":{name(label)}" for label in labels)


def merge_nodes(group: NodeGroup) -> str:
    """MERGE one batch of nodes on ``uri``; write labels and properties only when ``_hash`` differs.

    Secondary labels another group of the same primary label could carry are removed first, so an
    actor whose type changed loses its old type label.
    """
    lines = [
        "UNWIND $rows AS row",
        f"MERGE (n:{name(group.primary)} {{uri: row.uri}})",
        "WITH n, row",
        "WHERE n._hash IS NULL OR n._hash <> row.hash",
        "SET n = row.props",
    ]
    if group.primary == "Actor":
        stale = [label for label in ACTOR_LABELS if label not in group.extra]
        if stale:
            lines.append(f"REMOVE n{_labels(stale)}")
    if group.extra:
        lines.append(f"SET n{_labels(group.extra)}")
    lines.append("RETURN count(n) AS written")
    return "\n".join(lines)


def merge_rels(group: RelGroup) -> str:
    """MERGE one batch of relationships on their ``_key``; write properties only when ``_hash`` differs.

    >>> print(merge_rels(RelGroup("IN_COUNTRY", "Actor", "Country")))
    UNWIND $rows AS row
    MATCH (a:Actor) WHERE a.uri = row.start
    MATCH (b:Country) WHERE b.uri = row.end
    MERGE (a)-[r:IN_COUNTRY {_key: row.key}]->(b)
    WITH r, row
    WHERE r._hash IS NULL OR r._hash <> row.hash
    SET r = row.props
    RETURN count(r) AS written
    """
    return "\n".join([
        "UNWIND $rows AS row",
        f"MATCH (a:{name(group.start)}) WHERE a.uri = row.start",
        f"MATCH (b:{name(group.end)}) WHERE b.uri = row.end",
        f"MERGE (a)-[r:{name(group.type)} {{_key: row.key}}]->(b)",
        "WITH r, row",
        "WHERE r._hash IS NULL OR r._hash <> row.hash",
        "SET r = row.props",
        "RETURN count(r) AS written",
    ])


def prune_rels(rel_type: str) -> str:
    """Delete up to ``$limit`` relationships of one type that this dataset owns and the sources no longer hold.

    >>> print(prune_rels("MEMBER_OF"))
    MATCH ()-[r:MEMBER_OF]->()
    WHERE r._dataset = $dataset AND NOT r._key IN $keep
    WITH r LIMIT $limit
    DELETE r
    RETURN count(*) AS deleted
    """
    return "\n".join([
        f"MATCH ()-[r:{name(rel_type)}]->()",
        "WHERE r._dataset = $dataset AND NOT r._key IN $keep",
        "WITH r LIMIT $limit",
        "DELETE r",
        "RETURN count(*) AS deleted",
    ])


def prune_nodes(label: str) -> str:
    """Delete (with their relationships) up to ``$limit`` nodes of one label that this dataset owns and
    the sources no longer hold.

    >>> print(prune_nodes("Responsibility"))
    MATCH (n:Responsibility)
    WHERE n._dataset = $dataset AND NOT n.uri IN $keep
    WITH n LIMIT $limit
    DETACH DELETE n
    RETURN count(*) AS deleted
    """
    return "\n".join([
        f"MATCH (n:{name(label)})",
        "WHERE n._dataset = $dataset AND NOT n.uri IN $keep",
        "WITH n LIMIT $limit",
        "DETACH DELETE n",
        "RETURN count(*) AS deleted",
    ])


EXAMPLE_PARAMETERS = {
    "rows": [],
    "dataset": "migration-kg",
    "keep": ["https://w3id.org/migration-kg/id/gcm/objective/1"],
    "limit": 1000,
}
"""Parameters with example values, for the linter (statements name no others)."""
