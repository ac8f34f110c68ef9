"""How long ingesting a 1 MB text document takes (``python -m kg.documents.bench``).

The document is the annotated corpus repeated until it reaches the size asked
(``--mb``, default 1). The knowledge graph and gazetteer are built first and not
timed: they are built once per ``migkg ingest-doc`` run, whatever the number of
files. Target: under 2 s for 1 MB on the project's 2-core machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from kg.paths import DEFAULT_DATA_DIR


def make_text(size: int) -> str:
    from kg.documents import frontmatter

    parts = []
    for path in sorted((DEFAULT_DATA_DIR / "documents" / "corpus").glob("*.txt")):
        parts.append(frontmatter.split(path.read_text(encoding="utf-8"))[1])
    block = "\n\n".join(parts)
    return (block * (size // max(len(block), 1) + 1))[:size]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of the document in MB (default 1)")
    parser.add_argument("--country", default="BGD")
    args = parser.parse_args(argv)
    from kg.build import build
    from kg.documents.gazetteer import build_gazetteer
    from kg.documents.ingest import ingest_file

    t0 = time.perf_counter()
    kg = build(DEFAULT_DATA_DIR, countries=[args.country])
    gaz = build_gazetteer(kg, args.country)
    setup = time.perf_counter() - t0
    size = int(args.mb * 1_048_576)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.txt"
        path.write_text(make_text(size), encoding="utf-8")
        t1, c1 = time.perf_counter(), time.process_time()
        result = ingest_file(path, gaz, args.country)
        elapsed, cpu = time.perf_counter() - t1, time.process_time() - c1
    print(f"setup (graph + gazetteer, once per run): {setup:.2f} s")
    print(f"ingest {size:,} bytes: {elapsed:.2f} s wall, {cpu:.2f} s CPU "
          f"({result.document.sentences:,} sentences, {len(result.mentions):,} mentions, {len(result.relations):,} candidate relations)")
    print("target < 2 s: " + ("met" if elapsed < 2 else "NOT met") + ("" if elapsed < 2 or cpu >= 2 else " (but CPU time is under 2 s: the machine is busy)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
