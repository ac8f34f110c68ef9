"""Gaps: the gap report with each flag's explanation; CSV, Markdown and JSON downloads; the ranking across countries."""

import streamlit as st

from kg import gap_report
from kg.explorer import data, ui
from kg.gaps import SEVERITY

ui.own_params(("status", "flag"))
ex = ui.explorer()
iso3 = ui.country()
result = ex.gaps(iso3)
summary = result.summary()

st.title(f"Responsibility gaps: {ex.country_name(iso3)}")
st.markdown(
    f"**{summary['gap']} gap · {summary['partial']} partial · {summary['covered']} covered** (of {len(result.objectives)} GCM objectives); "
    f"{summary['categories_uncovered']} of {len(result.categories)} categories in scope uncovered; "
    f"{summary['sdg_targets_at_risk']} of {len(result.sdg_targets)} aligned SDG targets at risk."
)
st.caption("Same analysis as `migkg gaps --country " + iso3 + "`; the rules and why they matter: docs/gaps.md.")

d1, d2, d3 = st.columns(3)
d1.download_button("Download the report (Markdown)", gap_report.render(result, "md").encode("utf-8"), file_name=f"{iso3}-gaps.md",
                   mime="text/markdown", key="dl_md")
d2.download_button("Download every finding (CSV)", gap_report.render(result, "csv").encode("utf-8"), file_name=f"{iso3}-gaps.csv",
                   mime="text/csv", key="dl_csv")
d3.download_button("Download (JSON)", gap_report.render(result, "json").encode("utf-8"), file_name=f"{iso3}-gaps.json",
                   mime="application/json", key="dl_json")

with st.expander("What the flags mean", expanded=False):
    ui.table([{"flag": f, "severity": SEVERITY[f], "meaning": data.FLAG_TEXT.get(f, "")} for f in SEVERITY],
             file_name="gap-flags.csv", key="dl_flags")

st.subheader("GCM objectives")
c1, c2 = st.columns(2)
statuses = ui.multiselect("Status", ["gap", "partial", "covered"], "status", where=c1)
flag_types = [f for f in SEVERITY if f != "category_uncovered"]
flags = ui.multiselect("Flag", flag_types, "flag", where=c2)
rows = data.objective_table(result, statuses, flags)
ui.table(rows, file_name=f"{iso3}-gap-objectives.csv", key="dl_objectives", status="status", empty="No objective matches these filters.")

st.subheader("Why: every flag with its explanation")
shown = {r["objective"] for r in rows}
for o in result.objectives:
    if o.number not in shown:
        continue
    icon = {"gap": ":material/error:", "partial": ":material/warning:", "covered": ":material/check_circle:"}[o.status]
    with st.expander(f"{o.number}. {o.short_label or o.title} — {o.status}" + (f" ({', '.join(f.type for f in o.flags)})" if o.flags else ""),
                     icon=icon, expanded=o.status == "gap" and len(shown) <= 8):
        st.caption(o.title)
        if not o.flags:
            st.markdown("No flag: an accountable lead, coordinated government actors and society involved.")
        for f in o.flags:
            st.markdown(f"**`{f.type}`** ({f.severity}: {data.FLAG_TEXT.get(f.type, '')})  \n{f.explanation}")
        st.page_link("app_pages/briefs.py", label="Objective brief", icon=":material/description:",
                     query_params={"country": iso3, "brief": "objective", "id": str(o.number)})

st.subheader("Migration categories in scope")
ui.table(data.category_table(result), file_name=f"{iso3}-gap-categories.csv", key="dl_categories", status="status", empty="No category in scope.")

st.subheader("SDG targets")
st.caption("A target is at risk when every GCM objective aligned with it has status gap.")
ui.table(data.sdg_table(result), file_name=f"{iso3}-gap-sdg-targets.csv", key="dl_sdg")

results = ex.all_gaps()
if len(results) > 1:
    st.subheader(f"All {len(results)} countries: objectives ranked by how many leave them a gap")
    st.caption("As `migkg gaps --all`; ties share a rank.")
    ui.table(data.country_gap_table(results), file_name="gaps-countries.csv", key="dl_all_countries")
    ui.table(data.ranking_table(results), file_name="gaps-ranking.csv", key="dl_ranking", label="Download the ranking (CSV)")
    st.download_button("Download all countries (Markdown)", gap_report.render_all(results, "md").encode("utf-8"),
                       file_name="gaps-all.md", mime="text/markdown", key="dl_all_md")
