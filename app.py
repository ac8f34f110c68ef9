"""The migration-kg explorer: routing only (pages live in app_pages/, logic in kg/)."""

import streamlit as st

st.set_page_config(page_title="migration-kg explorer", layout="wide")
navigation = st.navigation([st.Page("app_pages/overview.py", title="Overview", default=True)])
navigation.run()
