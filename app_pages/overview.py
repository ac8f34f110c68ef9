"""Overview: what the shipped graph holds (a first page until the full explorer lands)."""

import streamlit as st

from kg.explorer_data import load_graph, overview_table

kg = load_graph()
st.title("migration-kg")
st.caption("Who is responsible for what in migration governance — Global Compact for Migration, SDGs, actors and their responsibilities.")
st.subheader("Countries in the graph")
st.dataframe(overview_table(kg), hide_index=True, use_container_width=True)
