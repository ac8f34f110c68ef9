"""Converters from official downloads to the project's shipped reference data.

``ingest.reference.regenerate(source_dir, out_dir)`` rebuilds ``data/reference/`` from the
files described in ``shared/reference/README.md``; ``python -m ingest --from ... --out ...``
does the same from the command line. One transform per source (``ingest.sdg``,
``ingest.gcm``, ``ingest.sources``), each a generator of frozen records (``ingest.models``);
curated files are checked by ``ingest.curated``. Importing the package has no side effects.
"""
