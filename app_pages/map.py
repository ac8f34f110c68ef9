"""Responsibility map: actors and GCM objectives as an interactive network, edges coloured by role."""

from dataclasses import astuple

import streamlit as st

from kg.explorer import network, ui
from kg.explorer.data import ACTOR_TYPE_ORDER
from kg.gaps import ROLE_ORDER

ui.own_params(("cat", "atype", "role", "obj", "layer", "gaps", "node"))
ex = ui.explorer()
iso3 = ui.country()
idx = ex.index(iso3)
result = ex.gaps(iso3)

st.title(f"Responsibility map: {ex.country_name(iso3)}")
st.caption(
    "Inner ring: the 23 GCM objectives (red with a black ring = gap, orange = partial, green = covered). Outer ring: the actors "
    "holding them, grouped by type. An edge is an actor's responsibility for an objective, coloured by its strongest role. "
    "Hover for details and sources; click a node to fade the rest; scroll to zoom."
)

categories = [c for c in idx.reference.categories]
actor_types = [t for t in ACTOR_TYPE_ORDER if any(a.type == t for a in idx.actors.values())]
objectives = [o.number for o in result.objectives]
titles = {o.number: f"{o.number} {o.short_label or o.title} ({o.status})" for o in result.objectives}

with st.container(border=True):
    c1, c2, c3, c4 = st.columns(4)
    cats = ui.multiselect("Migration category", categories, "cat", where=c1, format_func=lambda c: idx.reference.categories.get(c, c),
                          help="A row matches its category and every broader one (outward counts for international). Rows without a category are left out when filtering.")
    types = ui.multiselect("Actor type", actor_types, "atype", where=c2, format_func=lambda t: t.replace("_", " "))
    roles = ui.multiselect("Role", list(ROLE_ORDER), "role", where=c3)
    objs = ui.multiselect("GCM objective", objectives, "obj", where=c4, ints=True, format_func=lambda n: titles[n])
    c5, c6 = st.columns([3, 1])
    layers = ui.multiselect("Also show", list(network.LAYERS), "layer", where=c5, format_func=lambda l: network.LAYER_LABELS[l],
                            placeholder="SDG targets, instruments, coordination bodies")
    gaps_only = ui.toggle("Only gap and partial objectives", "gaps", where=c6)

filters = network.MapFilters(tuple(cats), tuple(types), tuple(roles), tuple(objs), tuple(layers), gaps_only)
view = network.map_view(ex, iso3, filters)
choices = network.node_choices(view)
labels = dict(choices)

left, right = st.columns([3, 1])
with right:
    st.subheader("Selected")
    selected = ui.selectbox("Node", ["", *labels], "node", format_func=lambda k: labels.get(k, k) if k else "— pick a node —",
                            help="pyvis cannot call back into the app: pick here what you clicked on the map.")
    if selected:
        d = view.nodes[selected]
        if d["group"] == "objective":
            o = next(o for o in result.objectives if o.number == d["number"])
            st.markdown(f"**Objective {o.number}: {o.short_label}** {ui.status_badge(o.status)}")
            st.caption(o.title)
            for f in o.flags:
                st.markdown(f"- `{f.type}` ({f.severity}): {f.explanation}")
            st.page_link("app_pages/briefs.py", label="Objective brief", icon=":material/description:",
                         query_params={"country": iso3, "brief": "objective", "id": str(o.number)})
        elif d["group"] == "actor":
            st.markdown(f"**{d['name']}**")
            st.caption(d["type"].replace("_", " "))
            st.page_link("app_pages/briefs.py", label="Actor brief", icon=":material/description:",
                         query_params={"country": iso3, "brief": "actor", "id": d["id"]})
        else:
            st.markdown(f"**{labels[selected]}**")
        st.page_link("app_pages/entities.py", label="Entity page: relations and sources", icon=":material/search:",
                     query_params={"country": iso3, "entity": selected})
        ui.table(network.neighbours(ex, iso3, view, selected), file_name=f"{iso3}-map-selection.csv", key="dl_selection",
                 empty="Not linked to anything under these filters.")
with left:
    if view.number_of_edges() == 0 and not layers:
        st.info("No responsibility matches these filters. Clear a filter to see more.")
    html = ui.map_html(ui.scope(), iso3, astuple(filters), selected or None)
    st.iframe(html, height=network.HEIGHT_PX + 80)
    st.caption(network.view_summary(view))

links = network.link_rows(view)
with st.expander(f"The {len(links)} actor–objective links as a table"):
    ui.table(links, file_name=f"{iso3}-map-links.csv", key="dl_links")
