"""The labelled-property-graph mapping and the sync's statements (no server needed)."""

from __future__ import annotations

import re

import pytest

from kg import gaps
from kg import neo4j_cypher as cy
from kg.build import build
from kg.neo4j_mapping import (
    ACTOR_LABELS,
    ALL_REL_TYPES,
    DATASET,
    NODE_LABELS,
    REL_TYPES,
    SHORTCUT,
    NodeGroup,
    RelGroup,
    all_node_groups,
    all_rel_groups,
    chunks,
    content_hash,
    expand,
    graph_from_rows,
    keys_by_label,
    keys_by_type,
    lint_schema,
    node_batches,
    rel_batches,
)
from kg.projection import project
from kg.vocab import default_vocabulary
from tests.conftest import write_country

MKGID = "https://w3id.org/migration-kg/id/"


@pytest.fixture
def tiny_graph(tiny):
    return project(build(tiny), "XYZ")


def rows_of(graph):
    nodes = node_batches(graph)
    rels = rel_batches(graph)
    return nodes, rels


def by_uri(nodes):
    return {row["uri"]: (group.labels, row["props"]) for group, rows in nodes.items() for row in rows}


def test_labels_of_tiny_actors(tiny_graph):
    nodes, _ = rows_of(tiny_graph)
    found = by_uri(nodes)
    assert found[f"{MKGID}XYZ/actor/mol"][0] == ("Actor", "Ministry", "GovernmentActor")
    assert found[f"{MKGID}XYZ/actor/bureau"][0] == ("Actor", "Department", "GovernmentActor")
    assert found[f"{MKGID}XYZ/actor/taskforce"][0] == ("Actor", "CoordinationBody")
    assert found[f"{MKGID}XYZ/actor/ngo"][0] == ("Actor", "CivilSociety")
    assert found[f"{MKGID}gcm/objective/6"][0] == ("GCMObjective",)
    assert found[f"{MKGID}gcm/action/6.c"][0] == ("GCMAction",)
    assert found["http://metadata.un.org/sdg/10.7"][0] == ("SDGTarget",)
    kinds = {labels[0] for labels, _ in found.values()}
    assert kinds == set(NODE_LABELS) - {"Practice"}  # Tinyland has no ingested practice page


def test_documents_map_to_practices_and_mentions(shipped_kg):
    nodes, rels = rows_of(project(shipped_kg, "BGD"))
    found = by_uri(nodes)
    practice = found[f"{MKGID}BGD/practice/unnm_mgf_practice"]
    assert practice[0] == ("Practice",)
    groups = {(group.type, group.start, group.end) for group in rels}
    assert ("MENTIONS", "Source", "Actor") in groups
    assert ("IMPLEMENTED_BY", "Practice", "Actor") in groups
    assert ("CITES", "Practice", "Source") in groups


def test_actor_type_labels_are_the_ontology_class_names():
    classes = {c.iri.rsplit("#", 1)[1] for c in default_vocabulary().actor_types.values()}
    assert classes == set(ACTOR_LABELS) - {"GovernmentActor"}


def test_properties_of_a_node(tiny_graph):
    nodes, _ = rows_of(tiny_graph)
    labels, props = by_uri(nodes)[f"{MKGID}XYZ/actor/bureau"]
    assert props["uri"] == f"{MKGID}XYZ/actor/bureau"
    assert props["code"] == "bureau" and props["label"] == "Bureau of Employment" and props["acronym"] == "BOE"
    assert props["actor_type"] == "department" and props["government"] is True and props["country"] == "XYZ"
    assert props["name"] == "BOE"
    assert props["_dataset"] == DATASET and props["_scope"] == "XYZ"
    assert props["_hash"] == content_hash(labels, props)
    assert "kind" not in props
    objective = by_uri(nodes)[f"{MKGID}gcm/objective/6"][1]
    assert objective["number"] == 6 and objective["_scope"] == "" and objective["name"].startswith("O6 ")
    responsibility = next(p for (labels, p) in by_uri(nodes).values() if labels == ("Responsibility",) and p["actor"] == "bureau")
    assert (responsibility["objective"], responsibility["action"], responsibility["role"], responsibility["status"]) == (6, "6.c", "support", "mandated")
    assert responsibility["evidence"] == "The Bureau shall register migrant workers." and responsibility["source"] == "labour_act"
    for labels, props in by_uri(nodes).values():
        assert all(v is not None for v in props.values())
        assert all(isinstance(v, (str, int, bool)) for v in props.values()), props


def test_relationship_types_and_directions(tiny_graph):
    _, rels = rows_of(tiny_graph)
    groups = {(g.type, g.start, g.end) for g in rels}
    assert ("HOLDS", "Actor", "Responsibility") in groups  # the projection's responsibility -> actor, turned round
    assert ("FOR_OBJECTIVE", "Responsibility", "GCMObjective") in groups
    assert ("FOR_ACTION", "Responsibility", "GCMAction") in groups
    assert ("MEMBER_OF", "Actor", "Actor") in groups
    assert ("PART_OF", "Actor", "Actor") in groups
    assert ("ADDRESSES", "PolicyInstrument", "GCMAction") in groups
    assert ("CITES", "Responsibility", "Source") in groups
    assert (SHORTCUT, "Actor", "GCMObjective") in groups
    member = next(r for g, rows in rels.items() if g.type == "MEMBER_OF" for r in rows if r["start"].endswith("/mofa"))
    assert member["end"] == f"{MKGID}XYZ/actor/taskforce"
    assert member["props"]["role"] == "co-chair" and member["props"]["source"] == "taskforce_note"
    assert member["key"] == f"{MKGID}XYZ/actor/mofa MEMBER_OF {MKGID}XYZ/actor/taskforce" == member["props"]["_key"]


def test_responsible_for_shortcut_is_kept_in_step(tiny_graph):
    _, rels = rows_of(tiny_graph)
    shortcuts = rels[RelGroup(SHORTCUT, "Actor", "GCMObjective")]
    responsibilities = [n for n, d in tiny_graph.nodes(data=True) if d["kind"] == "Responsibility"]
    assert len(shortcuts) == len(responsibilities) == 4
    bureau = next(r for r in shortcuts if r["start"].endswith("/bureau"))
    assert bureau["end"] == f"{MKGID}gcm/objective/6"  # the action's objective
    assert {k: bureau["props"][k] for k in ("role", "action", "status", "category")} == {"role": "support", "action": "6.c", "status": "mandated", "category": "outward"}
    assert bureau["props"]["responsibility"].startswith(f"{MKGID}XYZ/responsibility/")
    assert bureau["key"].endswith(bureau["props"]["responsibility"])


def test_hashes_are_stable_and_follow_content(tmp_path, tiny):
    first = by_uri(node_batches(project(build(tiny), "XYZ")))
    second = by_uri(node_batches(project(build(tiny), "XYZ")))
    assert {u: p["_hash"] for u, (_, p) in first.items()} == {u: p["_hash"] for u, (_, p) in second.items()}
    changed_dir = write_country(tmp_path / "changed", actors_csv="""\
        id,name,acronym,aliases,type,parent,name_bn
        mol,Ministry of Labour and Employment,MoL,Labour Ministry,ministry,,
        mofa,Ministry of Foreign Affairs,MoFA,,ministry,,
        bureau,Bureau of Employment,BOE,Employment Bureau;The Bureau,department,mol,
        taskforce,Tinyland Migration Taskforce,TMT,,coordination_body,,
        ngo,Migrant Rights Forum,MRF,,civil_society,,
        """)
    changed = by_uri(node_batches(project(build(changed_dir), "XYZ")))
    differ = {u for u in first if first[u][1]["_hash"] != changed[u][1]["_hash"]}
    assert differ == {f"{MKGID}XYZ/actor/mol"}


def test_every_group_is_one_the_linted_statements_cover(tiny_graph, shipped_kg):
    known_nodes, known_rels = set(all_node_groups()), set(all_rel_groups())
    for graph in (tiny_graph, project(shipped_kg)):
        nodes, rels = rows_of(graph)
        assert set(nodes) <= known_nodes
        assert set(rels) <= known_rels
    assert {g.type for g in known_rels} == set(ALL_REL_TYPES)
    assert set(REL_TYPES) == {"broader", "action_of", "has_target", "has_indicator", "aligns_with", "in_scope", "in_country", "part_of",
                              "issued_by", "addresses", "covers", "source", "actor", "objective", "action", "category", "basis", "member_of",
                              "mentions", "implemented_by", "upholds", "contributes_to"}


def test_rows_read_back_give_the_same_projection_and_gaps(tiny_graph, shipped_kg):
    for graph, iso3 in ((tiny_graph, "XYZ"), (project(shipped_kg, "BGD"), "BGD")):
        nodes, rels = rows_of(graph)
        back = graph_from_rows(
            [(g.labels, r["props"]) for g, rows in nodes.items() for r in rows],
            [(r["start"], g.type, r["end"], r["props"]) for g, rows in rels.items() for r in rows],
        )
        assert list(back.nodes(data=True)) == list(graph.nodes(data=True))
        assert list(back.edges(keys=True, data=True)) == list(graph.edges(keys=True, data=True))
        assert gaps.analyse(back, iso3) == gaps.analyse(graph, iso3)
        assert gaps.coverage_matrix(back, iso3) == gaps.coverage_matrix(graph, iso3)


def test_rows_read_back_in_any_order(tiny_graph):
    nodes, rels = rows_of(tiny_graph)
    node_rows = [(g.labels, r["props"]) for g, rows in nodes.items() for r in rows][::-1]
    rel_rows = [(r["start"], g.type, r["end"], r["props"]) for g, rows in rels.items() for r in rows][::-1]
    back = graph_from_rows(node_rows + [(("Foreign",), {"uri": "urn:x"})], rel_rows + [("urn:x", "LIKES", "urn:y", {})])
    assert list(back.nodes(data=True)) == list(tiny_graph.nodes(data=True))
    assert list(back.edges(keys=True, data=True)) == list(tiny_graph.edges(keys=True, data=True))


def test_all_countries_round_trip(shipped_kg):
    graph = project(shipped_kg)
    nodes, rels = rows_of(graph)
    back = graph_from_rows(
        [(g.labels, r["props"]) for g, rows in nodes.items() for r in rows],
        [(r["start"], g.type, r["end"], r["props"]) for g, rows in rels.items() for r in rows],
    )
    assert list(back.nodes(data=True)) == list(graph.nodes(data=True))
    assert gaps.analyse_all(back) == gaps.analyse_all(graph)


def test_batching():
    rows = [{"uri": str(i)} for i in range(1001)]
    batches = list(chunks(rows, 500))
    assert [len(b) for b in batches] == [500, 500, 1]
    assert [r for b in batches for r in b] == rows
    with pytest.raises(ValueError):
        list(chunks(rows, 0))


def test_keep_lists_name_every_label_and_type(tiny_graph):
    nodes, rels = rows_of(tiny_graph)
    keep_nodes, keep_rels = keys_by_label(nodes), keys_by_type(rels)
    assert set(keep_nodes) == set(NODE_LABELS)
    assert set(keep_rels) == set(ALL_REL_TYPES)
    assert f"{MKGID}XYZ/actor/mol" in keep_nodes["Actor"]
    assert keep_rels["BROADER"] and keep_rels[SHORTCUT]
    assert sum(map(len, keep_nodes.values())) == tiny_graph.number_of_nodes()


def test_expand_inverts_compact(shipped_kg):
    from kg.namespaces import compact

    for node in project(shipped_kg, "BGD"):
        assert compact(expand(node)) == node


def test_statements_use_parameters_only():
    texts = [cy.create_constraint(label) for label in NODE_LABELS]
    texts += [cy.merge_nodes(g) for g in all_node_groups()] + [cy.merge_rels(g) for g in all_rel_groups()]
    texts += [cy.prune_rels(t) for t in ALL_REL_TYPES] + [cy.prune_nodes(label) for label in NODE_LABELS]
    for text in texts:
        assert "'" not in text and '"' not in text, text  # no literal values spliced in
    for text in texts[len(NODE_LABELS):]:
        assert set(re.findall(r"\$(\w+)", text)) <= set(cy.EXAMPLE_PARAMETERS), text


def test_merges_write_only_what_differs():
    node = cy.merge_nodes(NodeGroup(("Responsibility",)))
    assert "MERGE (n:Responsibility {uri: row.uri})" in node
    assert "WHERE n._hash IS NULL OR n._hash <> row.hash" in node and "SET n = row.props" in node
    assert "REMOVE" not in node
    rel = cy.merge_rels(RelGroup("MEMBER_OF", "Actor", "Actor"))
    assert "MERGE (a)-[r:MEMBER_OF {_key: row.key}]->(b)" in rel and "WHERE r._hash IS NULL OR r._hash <> row.hash" in rel
    assert "_dataset = $dataset" in cy.prune_nodes("Actor") and "DETACH DELETE n" in cy.prune_nodes("Actor")
    assert cy.constraint_statements()[0] == "CREATE CONSTRAINT migkg_migration_category_uri IF NOT EXISTS FOR (n:MigrationCategory) REQUIRE n.uri IS UNIQUE"


def test_unsafe_names_are_refused():
    with pytest.raises(ValueError):
        cy.merge_nodes(NodeGroup(("Actor) DETACH DELETE (m",)))
    with pytest.raises(ValueError):
        cy.prune_rels("X]->() DELETE r //")


def test_lint_schema_names_the_mapping():
    schema = lint_schema()
    assert "Ministry" in schema["labels"] and "GCMObjective" in schema["labels"]
    assert SHORTCUT in schema["relationshipTypes"]
    assert {"uri", "_hash", "_dataset", "role", "evidence"} <= set(schema["propertyKeys"])
    assert {"from": "Ministry", "to": "Responsibility", "relType": "HOLDS"} in schema["graphSchema"]


def test_the_docs_name_every_label_and_relationship_type():
    from kg.paths import PROJECT_ROOT

    text = (PROJECT_ROOT / "docs" / "neo4j.md").read_text(encoding="utf-8")
    for name in (*NODE_LABELS, *ACTOR_LABELS, *ALL_REL_TYPES):
        assert f"`{name}`" in text or f" {name} " in text or f"{name} -" in text, name
    assert "```mermaid" in text


def test_an_unmapped_kind_or_relation_fails_loudly(tiny_graph):
    graph = tiny_graph.copy()
    graph.add_node("mkgid:XYZ/annotation/a1", kind="Annotation", label="An annotation")
    with pytest.raises(ValueError, match="node kind 'Annotation' has no Neo4j label"):
        node_batches(graph)
    graph = tiny_graph.copy()
    graph.add_edge("mkgid:XYZ/actor/mol", "mkgid:XYZ/actor/mofa", key="admires", rel="admires")
    with pytest.raises(ValueError, match="relation 'admires'"):
        rel_batches(graph)
