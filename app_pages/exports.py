"""Exports: the graph as Turtle, N-Triples, JSON-LD, GraphML and CSV (nodes and edges), one country or all."""

import streamlit as st

from kg.explorer import data, ui

ui.own_params(("scope",))
b = ui.backend()
ex = b.explorer
iso3 = ui.country()

st.title("Exports")
st.caption(
    "The knowledge graph for use elsewhere. Every export holds the reference layer (GCM, SDGs) and the chosen countries; it is built "
    "from the source files (the same as `migkg export`) and generated when you click."
    + (" The explorer reads Neo4j, which `migkg neo4j sync` fills from these same files." if b.kind == "neo4j" else "")
)
scope = ui.selectbox("Countries", ["country", "all"], "scope", default="country",
                     format_func=lambda s: f"{ex.country_name(iso3)} only" if s == "country" else f"all {len(ex.countries())} countries")
country = iso3 if scope == "country" else None
stem = f"migration-kg-{iso3}" if country else "migration-kg"
store_scope = ui.scope()

FORMATS = [
    ("ttl", "Turtle (RDF)", "text/turtle", ".ttl", "for triple stores and RDF tools"),
    ("jsonld", "JSON-LD (RDF)", "application/ld+json", ".jsonld", "RDF as JSON, with a compact @context"),
    ("nt", "N-Triples (RDF)", "application/n-triples", ".nt", "one statement per line"),
    ("graphml", "GraphML", "application/graphml+xml", ".graphml", "the networkx projection, for Gephi, yEd, Cytoscape"),
]
for fmt, label, mime, ext, what in FORMATS:
    c1, c2 = st.columns([1, 2])
    c1.download_button(f"Download {label}", data=lambda fmt=fmt, s=store_scope, c=country: ui.export_bytes(s, fmt, c)[fmt], file_name=f"{stem}{ext}",
                       mime=mime, key=f"dl_{fmt}", icon=":material/download:", width="stretch")
    c2.caption(what)
c1, c2 = st.columns([1, 2])
c1.download_button("Download CSV: nodes", data=lambda s=store_scope, c=country: ui.export_bytes(s, "csv", c)["nodes.csv"], file_name=f"{stem}-nodes.csv",
                   mime="text/csv", key="dl_nodes", icon=":material/download:", width="stretch")
c2.caption("every node: id, kind, label and attributes")
c1, c2 = st.columns([1, 2])
c1.download_button("Download CSV: edges", data=lambda s=store_scope, c=country: ui.export_bytes(s, "csv", c)["edges.csv"], file_name=f"{stem}-edges.csv",
                   mime="text/csv", key="dl_edges", icon=":material/download:", width="stretch")
c2.caption("every edge: from, to, relation and attributes (`source` is the document a row cites)")

st.subheader("What is in it")
ui.table(
    [row for row in data.country_counts(ex) if country is None or row["iso3"] == country],
    file_name="countries.csv", key="dl_counts",
)
