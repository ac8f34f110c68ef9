"""Documents as evidence: read practice pages, policies, reports and news, find the
knowledge-graph entities they mention, and propose (never merge) candidate
responsibilities and memberships for review.

One idea per module:

- :mod:`reader` (with :mod:`frontmatter`, :mod:`html_text`, :mod:`pdf`): a file → its text and metadata;
- :mod:`sentences`: sentence spans; :mod:`textnorm`: tokens and their matching keys;
- :mod:`variants` and :mod:`gazetteer`: the surface forms of every entity; :mod:`linker`: mentions;
- :mod:`relations` (with :mod:`topics`): candidate relations from explainable patterns;
- :mod:`practice`: GCM Repository of Practices pages → :class:`~kg.documents.model.Practice`;
- :mod:`ingest`: the pipeline; :mod:`store`: records and per-country candidates on disk;
- :mod:`review`: accept or reject candidates into the country's CSV files;
- :mod:`graph`: documents and mentions as RDF and networkx, and :func:`~kg.documents.graph.mentions_of`;
- :mod:`evaluate`: precision and recall of actor linking on the annotated corpus; :mod:`bench`: speed.

See docs/documents.md.
"""
