"""What the explorer pages read: the graph (cached once per process) and tables built from it."""

from __future__ import annotations

import streamlit as st

from kg.build import KnowledgeGraph, build
from kg.paths import DEFAULT_DATA_DIR
from kg.stats import stats


@st.cache_resource(show_spinner="Building the knowledge graph…")
def load_graph() -> KnowledgeGraph:
    return build(DEFAULT_DATA_DIR)


def overview_table(kg: KnowledgeGraph) -> list[dict]:
    counts = stats(kg)["countries"]
    return [
        {"country": kg.countries[iso3].name, "iso3": iso3, **{k.replace("_", " "): v for k, v in row.items()}}
        for iso3, row in counts.items()
    ]
