"""Briefs: one printable page per actor or GCM objective, downloadable as Markdown."""

import streamlit as st

from kg.explorer import briefs, ui

ui.own_params(("brief", "id"))
ex = ui.explorer()
iso3 = ui.country()
result = ex.gaps(iso3)
ui.print_css()

st.title("Briefs")
st.caption("What an adviser takes into a meeting: responsibilities with their evidence, the gap findings, coordination and sources. "
           "Print with your browser (the sidebar is left out) or download the Markdown.")

c1, c2 = st.columns([1, 3])
kind = ui.selectbox("Brief on", ["objective", "actor"], "brief", default="objective", where=c1,
                    format_func=lambda k: {"objective": "a GCM objective", "actor": "an actor"}[k])
if kind == "actor":
    names = dict(briefs.actor_choices(ex, iso3))
    default = "moewoe" if "moewoe" in names else next(iter(names), None)
    chosen = ui.selectbox("Actor", list(names), "id", default=default, where=c2, format_func=lambda a: names.get(a, a))
    if chosen is None:
        st.info("This country has no actors yet.")
        st.stop()
    text = briefs.actor_brief(ex, iso3, chosen)
    file_name = f"{iso3}-brief-{chosen}.md"
else:
    numbers = [str(o.number) for o in result.objectives]
    titles = {str(o.number): f"{o.number}. {o.short_label or o.title} ({o.status})" for o in result.objectives}
    worst = next((str(o.number) for o in result.objectives if o.status == "gap"), numbers[0])
    chosen = ui.selectbox("Objective", numbers, "id", default=worst, where=c2, format_func=lambda n: titles.get(n, n))
    text = briefs.objective_brief(ex, iso3, int(chosen))
    file_name = f"{iso3}-brief-objective-{chosen}.md"

st.download_button("Download this brief (Markdown)", text.encode("utf-8"), file_name=file_name, mime="text/markdown",
                   key="dl_brief", icon=":material/download:")
with st.container(border=True):
    st.markdown(text)
