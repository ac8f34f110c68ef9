"""Everything this project can send to Neo4j, written out for Neo4j's own linter.

``python -m kg.neo4j_lint --out-dir build/cypher-lint`` writes ``schema.json`` (labels,
relationship types and property keys of the mapping, as a linter ``DbSchema``) and
``statements.json``: every statement the sync can build (constraints, a merge per label
combination and per relationship type and endpoints, the prunes) and the console examples the
read-only guard accepts. ``tools/lint_cypher.mjs`` lints them with the ``.cypher`` files of
``kg/cypher/`` (``make lint-cypher``).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg import guards
from kg import neo4j_cypher as cy
from kg.neo4j_mapping import ALL_REL_TYPES, NODE_LABELS, all_node_groups, all_rel_groups, lint_schema


def statements() -> list[dict]:
    """``[{"name", "text", "parameters"}]`` for every generated statement and accepted console example."""
    out: list[dict] = []
    params = cy.EXAMPLE_PARAMETERS

    def add(name: str, text: str, *keys: str) -> None:
        out.append({"name": name, "text": text, "parameters": {k: params[k] for k in keys}})

    for label in NODE_LABELS:
        add(f"constraint:{label}", cy.create_constraint(label))
    for group in all_node_groups():
        add(f"merge-nodes:{':'.join(group.labels)}", cy.merge_nodes(group), "rows")
    for group in all_rel_groups():
        add(f"merge-rels:{group.start}-{group.type}-{group.end}", cy.merge_rels(group), "rows")
    for rel_type in ALL_REL_TYPES:
        add(f"prune-rels:{rel_type}", cy.prune_rels(rel_type), "dataset", "keep", "limit")
    for label in NODE_LABELS:
        add(f"prune-nodes:{label}", cy.prune_nodes(label), "dataset", "keep", "limit")
    for i, text in enumerate(guards.CYPHER_ACCEPTED, 1):
        out.append({"name": f"console-accepted:{i}", "text": text, "parameters": {}})
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=Path("build/cypher-lint"))
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "schema.json").write_text(json.dumps(lint_schema(), indent=2) + "\n", encoding="utf-8")
    (args.out_dir / "statements.json").write_text(json.dumps(statements(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out_dir / 'schema.json'} and {args.out_dir / 'statements.json'} ({len(statements())} statements)")


if __name__ == "__main__":  # pragma: no cover
    main()
