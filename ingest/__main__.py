"""``python -m ingest --from ../shared/reference --out data/reference``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ingest.curated import CURATED, load_curated
from ingest.reference import regenerate, validate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Regenerate the reference CSVs from the official downloads, or check a reference directory.",
    )
    parser.add_argument("--from", dest="source_dir", type=Path, help="directory of the downloads (shared/reference)")
    parser.add_argument("--out", type=Path, default=Path("data/reference"), help="reference directory to write")
    parser.add_argument("--check", action="store_true", help="only validate --out (generated and curated files)")
    args = parser.parse_args(argv)
    try:
        if args.check:
            counts = validate(args.out)
        else:
            if args.source_dir is None:
                parser.error("--from is required unless --check is given")
            counts = regenerate(args.source_dir, args.out)
            # curated files found in --out were checked against the new data by regenerate()
            curated = load_curated(args.out, required=False)
            counts.update({f"{CURATED[name].filename} (curated, checked)": len(rows) for name, rows in curated.items()})
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for name, count in counts.items():
        print(f"{count:6d}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
