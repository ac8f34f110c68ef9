"""Overview: one country's 23 GCM objectives at a glance, worst gaps first; categories; SDG targets at risk."""

import streamlit as st

from kg.explorer import data, ui

ui.own_params(())
ex = ui.explorer()
iso3 = ui.country()
result = ex.gaps(iso3)
summary = result.summary()

st.title(f"{ex.country_name(iso3)}: who is responsible for the Global Compact for Migration")
st.caption(
    "For each of the 23 GCM objectives: is anyone responsible, is one of them accountable (a lead), do the government "
    "actors involved sit in a common coordination body, and is society beyond government involved? "
    "Definitions: docs/gaps.md."
)

cols = st.columns(6)
cols[0].metric("Gap", summary["gap"], help="uncovered, or no lead/co-lead")
cols[1].metric("Partial", summary["partial"], help="contested lead, or government actors without a common coordination body")
cols[2].metric("Covered", summary["covered"])
cols[3].metric("Categories uncovered", f"{summary['categories_uncovered']} of {len(result.categories)}")
cols[4].metric("SDG targets at risk", f"{summary['sdg_targets_at_risk']} of {len(result.sdg_targets)}",
               help="every GCM objective aligned with the target has status gap")
cols[5].metric("Warnings", summary["warnings"], help="single actor, no civil society, unsourced rows")

st.subheader("GCM objectives, worst gaps first")
ui.table(
    data.worst_first(result), file_name=f"{iso3}-objectives-worst-first.csv", key="dl_worst", status="status", height=35 * 24 + 3,
    column_config={"status": st.column_config.TextColumn("status", help="gap · partial · covered")},
)
st.page_link("app_pages/gaps.py", label="Why: every flag with its explanation", icon=":material/report:")
st.page_link("app_pages/map.py", label="See it as a responsibility map", icon=":material/hub:")

left, right = st.columns(2)
with left:
    st.subheader("Migration categories in scope")
    st.caption("A category is covered when a responsibility row names it or a narrower category.")
    ui.table(data.category_table(result), file_name=f"{iso3}-categories.csv", key="dl_categories", status="status",
             empty="The country declares no category in scope.")
with right:
    st.subheader("SDG targets at risk")
    st.caption("At risk: every GCM objective aligned with the target is a gap.")
    ui.table(data.sdg_table(result, only_at_risk=True), file_name=f"{iso3}-sdg-targets-at-risk.csv", key="dl_sdg",
             empty="No aligned SDG target is at risk.")

st.subheader("Countries in the graph")
ui.table(data.country_counts(ex), file_name="countries.csv", key="dl_countries")
