"""Precision and recall of actor linking on the annotated corpus (data/documents/annotations.json).

Scored on the set of (document, actor id) pairs, micro-averaged over documents:
a document's predicted actors are the actors with at least one mention in it.
Run ``python -m kg.documents.evaluate`` for the table that docs/documents.md quotes.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from kg.documents.gazetteer import build_gazetteer
from kg.documents.ingest import ingest_file
from kg.documents.store import local_id
from kg.paths import DEFAULT_DATA_DIR

ANNOTATIONS = DEFAULT_DATA_DIR / "documents" / "annotations.json"


@dataclass
class DocScore:
    file: str
    expected: set[str]
    predicted: set[str]

    @property
    def tp(self) -> int:
        return len(self.expected & self.predicted)


@dataclass
class Scores:
    documents: list[DocScore] = field(default_factory=list)

    @property
    def tp(self) -> int:
        return sum(d.tp for d in self.documents)

    @property
    def fp(self) -> int:
        return sum(len(d.predicted - d.expected) for d in self.documents)

    @property
    def fn(self) -> int:
        return sum(len(d.expected - d.predicted) for d in self.documents)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def evaluate(kg, annotations: Path = ANNOTATIONS) -> Scores:
    spec = json.loads(annotations.read_text(encoding="utf-8"))
    gazetteers: dict[str, object] = {}
    scores = Scores()
    for doc in spec["documents"]:
        country = doc["country"]
        if country not in gazetteers:
            gazetteers[country] = build_gazetteer(kg, country)
        result = ingest_file(annotations.parent / doc["file"], gazetteers[country], country)
        predicted = {local_id(m.entity_id) for m in result.mentions if m.entity_type == "Actor"}
        scores.documents.append(DocScore(doc["file"], set(doc["actors"]), predicted))
    return scores


def report(scores: Scores) -> str:
    lines = ["| document | expected | found | missed | wrong |", "|---|---|---|---|---|"]
    for d in scores.documents:
        lines.append(f"| {Path(d.file).name} | {len(d.expected)} | {d.tp} | {', '.join(sorted(d.expected - d.predicted)) or '—'} "
                     f"| {', '.join(sorted(d.predicted - d.expected)) or '—'} |")
    lines.append("")
    lines.append(f"{len(scores.documents)} documents, {scores.tp + scores.fn} expected (document, actor) pairs: "
                 f"TP {scores.tp}, FP {scores.fp}, FN {scores.fn}; precision {scores.precision:.3f}, recall {scores.recall:.3f}")
    return "\n".join(lines)


def main() -> int:  # pragma: no cover - command line
    from kg.build import build

    scores = evaluate(build(DEFAULT_DATA_DIR))
    print(report(scores))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
