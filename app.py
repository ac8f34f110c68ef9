"""The migration-kg explorer: routing only (pages live in app_pages/, logic in kg/explorer/)."""

import streamlit as st

from kg.explorer import ui

st.set_page_config(page_title="migration-kg explorer", page_icon=":material/hub:", layout="wide")

PAGES = {
    "Country": [
        st.Page("app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("app_pages/map.py", title="Responsibility map", icon=":material/hub:"),
        st.Page("app_pages/matrix.py", title="Coverage matrix", icon=":material/grid_on:"),
        st.Page("app_pages/gaps.py", title="Gaps", icon=":material/report:"),
    ],
    "Evidence": [
        st.Page("app_pages/entities.py", title="Entities", icon=":material/search:"),
        st.Page("app_pages/briefs.py", title="Briefs", icon=":material/description:"),
    ],
    "Data": [
        st.Page("app_pages/query.py", title="Query", icon=":material/terminal:"),
        st.Page("app_pages/exports.py", title="Exports", icon=":material/download:"),
    ],
}

navigation = st.navigation(PAGES)
if ui.country_picker() is None:
    st.stop()
navigation.run()
