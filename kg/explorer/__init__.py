"""The explorer's logic: everything the Streamlit pages in ``app_pages/`` show, without Streamlit.

* :mod:`kg.explorer.data` — the :class:`~kg.explorer.data.Explorer` (one projection, gap results per
  country) and the tables the overview, gaps and matrix pages show;
* :mod:`kg.explorer.entities` — entity catalogue and pages: attributes, relations, and the source and
  quote behind each;
* :mod:`kg.explorer.network` — the responsibility map: filters, a precomputed ring layout and the
  pyvis HTML (generated in memory, every data string escaped);
* :mod:`kg.explorer.briefs` — actor and objective briefs in Markdown;
* :mod:`kg.explorer.query` — read-only SPARQL/Cypher consoles with row limit and timeout, saved questions;
* :mod:`kg.explorer.backend` — which store the explorer reads (embedded, or Neo4j through ``kg.store``);
* :mod:`kg.explorer.params` — shareable URL query parameters;
* :mod:`kg.explorer.mentions` — document mentions (hook for ``kg.documents``);
* :mod:`kg.explorer.ui` — the only Streamlit-aware module: caching and shared widgets.
"""
