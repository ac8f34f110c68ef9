"""Entity pages: any actor, objective, action, SDG target, instrument, coordination body, practice or source —
its relations and the source and quote behind each."""

import streamlit as st

from kg.explorer import entities, mentions, ui

ui.own_params(("kind", "entity"))
b = ui.backend()
ex = ui.explorer()
iso3 = ui.country()

st.title("Entities")
st.caption("Everything in the graph for the selected country, with the evidence behind each statement: the source and, where recorded, its words.")

kinds = list(entities.KINDS)
wanted = st.query_params.get("entity")
if wanted and wanted in ex.graph and "kind" not in st.session_state:
    found = entities.kind_of(ex.node(wanted))
    if found:
        st.session_state["kind"] = found
c1, c2 = st.columns([1, 3])
kind = ui.selectbox("Kind", kinds, "kind", default="actor", where=c1, format_func=lambda k: entities.KINDS[k])
items = entities.catalogue(ex, iso3, kind)
if not items:
    if kind == "practice":
        st.info("No practices in the graph yet: practices come from ingested documents (GCM Repository of Practices pages, "
                "`kg.documents`). Ingest some and they appear here.")
    else:
        st.info(f"No {entities.KINDS[kind].lower()} in the graph for {ex.country_name(iso3)}.")
    st.stop()
labels = dict(items)
key = ui.selectbox(entities.KINDS[kind], [k for k, _ in items], "entity", where=c2, format_func=lambda k: labels.get(k, k))
if st.session_state.get("entity") and st.query_params.get("entity") != key:
    st.query_params["entity"] = key

page = entities.describe(ex, iso3, key)
st.header(page.label)
st.caption(f"{page.kind} · `{page.iri}`")

left, right = st.columns([2, 1])
with left:
    if page.attributes:
        ui.table([{"attribute": k, "value": v} for k, v in page.attributes], file_name=f"{iso3}-entity-attributes.csv", key="dl_attributes")
with right:
    data = ex.node(key)
    if kind in ("actor", "body"):
        st.page_link("app_pages/briefs.py", label="Actor brief", icon=":material/description:",
                     query_params={"country": iso3, "brief": "actor", "id": str(data.get("code"))})
        st.page_link("app_pages/map.py", label="On the map", icon=":material/hub:", query_params={"country": iso3, "node": key})
    if kind == "objective":
        st.page_link("app_pages/briefs.py", label="Objective brief", icon=":material/description:",
                     query_params={"country": iso3, "brief": "objective", "id": str(data.get("number"))})
        st.page_link("app_pages/map.py", label="On the map", icon=":material/hub:", query_params={"country": iso3, "node": key, "obj": str(data.get("number"))})

if page.flags:
    st.subheader("Gap findings")
    for f in page.flags:
        where = f"objective {f['objective']}: " if "objective" in f else ""
        st.markdown(f"- {where}**`{f['type']}`** ({f['severity']}): {f['explanation']}")

st.subheader("Responsibilities")
if kind in ("actor", "body", "objective", "action", "instrument", "source"):
    st.caption("Each row: who holds which objective or action, in which role, on what basis — and the source with its words.")
    ui.table(
        page.responsibilities, file_name=f"{iso3}-entity-responsibilities.csv", key="dl_resp",
        column_config={"url": st.column_config.LinkColumn("url", display_text="open"), "actor_id": None},
        empty="No responsibility row names this entity." + (" This objective is uncovered: that is a finding." if kind == "objective" else ""),
    )
else:
    st.caption("Responsibilities are recorded against actors, objectives and actions; see the relations below.")

st.subheader("Relations")
rel_rows = [{k: v for k, v in r.items() if k != "key"} for r in page.relations]
ui.table(rel_rows, file_name=f"{iso3}-entity-relations.csv", key="dl_relations",
         column_config={"url": st.column_config.LinkColumn("url", display_text="open")}, empty="No other relation.")
others = {f"{r['relation']}: {r['other']}": r["key"] for r in page.relations if entities.kind_of(ex.node(r["key"])) in entities.KINDS}
if others:
    go = st.selectbox("Open a related entity", ["", *others], key="go_related", format_func=lambda s: s or "—")
    if go:
        target = others[go]
        st.page_link("app_pages/entities.py", label=f"Open {go}", icon=":material/arrow_forward:",
                     query_params={"country": iso3, "entity": target, "kind": entities.kind_of(ex.node(target))})

st.subheader("Mentions in documents")
found = mentions.mention_table(key, b.data_dir)
if not found:
    st.caption("No ingested document mentions this entity.")
else:
    ui.table(found, file_name=f"{iso3}-entity-mentions.csv", key="dl_mentions", column_config={"url": st.column_config.LinkColumn("url", display_text="open")})
