"""The read-only consoles' guards: a table of accepted and rejected queries, tricky ones included."""

from __future__ import annotations

import pytest

from kg.guards import (
    CYPHER_ACCEPTED,
    CYPHER_REJECTED,
    SPARQL_ACCEPTED,
    SPARQL_REJECTED,
    ReadOnlyViolation,
    check_cypher,
    check_sparql,
    cypher_tokens,
    looks_like_cypher,
)


@pytest.mark.parametrize("query", CYPHER_ACCEPTED)
def test_cypher_read_queries_are_accepted(query):
    check_cypher(query)


@pytest.mark.parametrize("query,named", CYPHER_REJECTED)
def test_cypher_writes_are_rejected_with_a_clear_message(query, named):
    with pytest.raises(ReadOnlyViolation) as caught:
        check_cypher(query)
    assert named.lower() in str(caught.value).lower()


def test_the_tricky_cypher_cases():
    check_cypher("MATCH (n:Actor) WHERE n.evidence CONTAINS 'DELETE' RETURN n.code")  # a string literal
    check_cypher('MATCH (n:Actor) WHERE n.evidence CONTAINS "DETACH DELETE n" RETURN n.code')
    check_cypher("MATCH (n:Actor) /* CREATE (m:Actor) */ RETURN n.code")  # a block comment
    check_cypher("MATCH (n:Actor) RETURN n.code // then SET n.x = 1")  # a line comment
    check_cypher("MATCH (n:Actor) WHERE n.label = 'it\\'s SET' RETURN n")  # an escaped quote
    check_cypher("CALL db.labels()")
    check_cypher("MATCH (n) RETURN n.set, n.delete, n.merge")  # property names
    check_cypher("MATCH (n:Set)-[:CREATE]->(m) RETURN m")  # a label and a type named like clauses
    with pytest.raises(ReadOnlyViolation, match="apoc.create.node"):
        check_cypher("CALL apoc.create.node(['Actor'], {uri: 'x'})")
    with pytest.raises(ReadOnlyViolation, match="LOAD CSV"):
        check_cypher("LOAD CSV WITH HEADERS FROM 'file:///a.csv' AS row RETURN row")
    with pytest.raises(ReadOnlyViolation, match="MERGE"):
        check_cypher("match (a:Actor) merge (a)-[:X]->(b)")  # lowercase
    with pytest.raises(ReadOnlyViolation, match="IN TRANSACTIONS"):
        check_cypher("MATCH (n) CALL (n) { RETURN n.x AS x } IN 2 CONCURRENT TRANSACTIONS RETURN x")
    with pytest.raises(ReadOnlyViolation, match="starts with MATCH"):
        check_cypher("FINISH")


def test_the_position_of_a_rejection():
    with pytest.raises(ReadOnlyViolation) as caught:
        check_cypher("MATCH (n:Actor)\nWHERE n.code = 'x'\nSET n.code = 'y'")
    assert (caught.value.line, caught.value.column) == (3, 1)


def test_show_transactions_is_a_read_but_in_transactions_is_not():
    check_cypher("SHOW TRANSACTIONS YIELD transactionId RETURN transactionId")
    with pytest.raises(ReadOnlyViolation):
        check_cypher("SHOW TRANSACTIONS YIELD transactionId TERMINATE TRANSACTIONS transactionId")


def test_tokens_keep_strings_and_names_whole():
    kinds = [(t.kind, t.text) for t in cypher_tokens("MATCH (n:`Odd Label`) WHERE n.x = \"a // b\" RETURN $p")]
    assert ("quoted", "`Odd Label`") in kinds and ("string", '"a // b"') in kinds and ("param", "$p") in kinds


@pytest.mark.parametrize("query", SPARQL_ACCEPTED)
def test_sparql_queries_are_accepted(query):
    check_sparql(query)


@pytest.mark.parametrize("query,named", SPARQL_REJECTED)
def test_sparql_updates_are_rejected(query, named):
    with pytest.raises(ReadOnlyViolation) as caught:
        check_sparql(query)
    assert named.lower() in str(caught.value).lower()


def test_sparql_lowercase_and_strings():
    check_sparql("select ?s where { ?s ?p 'INSERT DATA { }' }")
    check_sparql("SELECT ?s WHERE { ?s <http://example.org/delete#copy> ?o }")  # words inside an IRI
    with pytest.raises(ReadOnlyViolation, match="INSERT"):
        check_sparql("insert data { <http://a> <http://b> 'c' }")


def test_a_cypher_query_on_the_sparql_console_gets_a_hint():
    assert looks_like_cypher("MATCH (n) DETACH DELETE n")
    assert not looks_like_cypher("SELECT ?s WHERE { ?s ?p ?o }")
