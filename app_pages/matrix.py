"""Coverage matrix: GCM objectives × actors, each cell the roles an actor holds, with each row's gap flags."""

import pandas as pd
import streamlit as st

from kg import gap_report
from kg.explorer import data, ui
from kg.explorer.data import ACTOR_TYPE_ORDER, MATRIX_SORTS, ROLE_COLOUR

ui.own_params(("atype", "status", "sort"))
ex = ui.explorer()
iso3 = ui.country()
matrix = ex.matrix(iso3)
result = ex.gaps(iso3)

st.title(f"Coverage matrix: {ex.country_name(iso3)}")
st.caption(
    "Rows: the 23 GCM objectives with their status and gap flags. Columns: every actor holding at least one responsibility "
    "(hover a column name for the full name). A cell lists the roles the actor holds for the objective or any of its actions. "
    "Click a column header to sort by it."
)

types = [t for t in ACTOR_TYPE_ORDER if any(a.type == t for a in matrix.actors)]
c1, c2, c3 = st.columns([2, 2, 1])
chosen_types = ui.multiselect("Actor type", types, "atype", where=c1, format_func=lambda t: t.replace("_", " "))
statuses = ui.multiselect("Objective status", ["gap", "partial", "covered"], "status", where=c2)
sort = ui.selectbox("Sort rows by", list(MATRIX_SORTS), "sort", default="objective", where=c3)

acronyms = {a.id: ex.actor_label(iso3, a.id, short=True) for a in matrix.actors}
view = data.matrix_view(matrix, result, chosen_types, statuses, sort, acronyms)
frame = pd.DataFrame(view.rows, columns=["#", "objective", "status", "flags", "actors", *view.actor_columns])

TINT = {"lead": "#c6dbef", "co-lead": "#dadaeb", "support": "#c7e9c0", "consulted": "#fdf0c2", "informed": "#eeeeee"}


def cell_style(value: str) -> str:
    role = data.top_role(str(value))
    if not role:
        return ""
    return f"background-color: {TINT.get(role, '#eeeeee')}; color: {ROLE_COLOUR.get(role, '#333333')}; font-weight: {'700' if role in ('lead', 'co-lead') else '400'}"


styled = frame.style.map(cell_style, subset=view.actor_columns).map(ui.status_style, subset=["status"])
config = {
    "#": st.column_config.NumberColumn("#", pinned=True, width="small"),
    "objective": st.column_config.TextColumn("objective", pinned=True, width="medium"),
    "status": st.column_config.TextColumn("status", width="small", help="gap · partial · covered (docs/gaps.md)"),
    "flags": st.column_config.TextColumn("flags", width="medium", help="every gap flag of the objective"),
    "actors": st.column_config.NumberColumn("actors", width="small", help="actors shown holding the objective"),
    **{col: st.column_config.TextColumn(col, help=view.actor_help[col], width="small") for col in view.actor_columns},
}
if frame.empty:
    st.info("No objective matches these filters.")
else:
    st.dataframe(styled, hide_index=True, width="stretch", height=35 * (len(frame) + 1) + 3, column_config=config)

legend = " · ".join(f":{c}-background[{r}]" for r, c in zip(("lead", "co-lead", "support", "consulted", "informed"), ("blue", "violet", "green", "orange", "gray")))
st.caption(f"Cell colour: strongest role held — {legend}. Actors shown: {len(view.actor_columns)} of {len(matrix.actors)}.")

d1, d2, d3 = st.columns(3)
d1.download_button("Download this view (CSV)", frame.to_csv(index=False).encode("utf-8"), file_name=f"{iso3}-coverage-matrix-view.csv",
                   mime="text/csv", key="dl_view", disabled=frame.empty)
d2.download_button("Download the full matrix (CSV, as `migkg matrix`)", gap_report.matrix_csv(matrix).encode("utf-8"),
                   file_name=f"{iso3}-coverage-matrix.csv", mime="text/csv", key="dl_full")
d3.download_button("Download the full matrix (JSON)", gap_report.render_matrix(matrix, "json").encode("utf-8"),
                   file_name=f"{iso3}-coverage-matrix.json", mime="application/json", key="dl_json")

with st.expander("Actors in the columns"):
    ui.table(data.matrix_column_table(view, matrix), file_name=f"{iso3}-matrix-actors.csv", key="dl_actors")
