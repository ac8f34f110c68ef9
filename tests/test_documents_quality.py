"""The annotated corpus: provenance headers, and actor-linking precision and recall at the targets.

Figures (micro-averaged over documents, on (document, actor id) pairs) are reported in docs/documents.md;
``python -m kg.documents.evaluate`` prints the table.
"""

from __future__ import annotations

import json

from kg.documents.evaluate import ANNOTATIONS, evaluate, report
from kg.documents.frontmatter import split
from tests.documents_helpers import CORPUS

PRECISION_TARGET = 0.9
RECALL_TARGET = 0.85


def test_corpus_has_at_least_8_documents_with_provenance():
    files = sorted(CORPUS.glob("*.txt"))
    assert len(files) >= 8
    annotated = {d["file"] for d in json.loads(ANNOTATIONS.read_text(encoding="utf-8"))["documents"]}
    for path in files:
        assert f"corpus/{path.name}" in annotated, f"{path.name} is not annotated"
        assert path.stat().st_size <= 20 * 1024, f"{path.name} is over 20 KB"
        meta, body, problem = split(path.read_text(encoding="utf-8"))
        assert problem is None, f"{path.name}: {problem}"
        for key in ("id", "title", "url", "publisher", "date", "licence"):
            assert meta.get(key), f"{path.name}: header lacks {key!r}"
        assert meta["url"].startswith("http")
        assert body.strip()


def test_actor_linking_precision_and_recall(shipped_kg):
    scores = evaluate(shipped_kg)
    table = report(scores)
    assert scores.tp + scores.fn >= 40, table
    assert scores.precision >= PRECISION_TARGET, table
    assert scores.recall >= RECALL_TARGET, table
