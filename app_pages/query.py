"""Query: read-only SPARQL on the embedded store (Cypher too when Neo4j is connected), with saved example questions."""

import pandas as pd
import streamlit as st

from kg.explorer import query, ui
from kg.explorer.backend import LANGUAGE_LABELS

ui.own_params(("lang", "q"))
b = ui.backend()
ex = b.explorer
iso3 = ui.country()

st.title("Query")
st.caption(
    f"Reads the {ex.store.description}. Read-only: write queries are refused before they run; at most the row limit is "
    "returned; a query running past the timeout is stopped. Pick a saved question to start from, or write your own."
)

languages = b.languages()
c1, c2 = st.columns([1, 3])
language = ui.selectbox("Language", languages, "lang", default=languages[0], where=c1, format_func=lambda l: LANGUAGE_LABELS[l])
if b.kind != "neo4j":
    c1.caption("Cypher needs Neo4j: set `NEO4J_URI` (docs/explorer.md).")
examples = query.examples(language, {"country": iso3})
names = list(examples)


def load_example() -> None:
    name = st.session_state.get("q")
    if name in examples:
        st.session_state["query_text"] = examples[name].text


chosen = c2.selectbox("Saved question", names, key="q", format_func=lambda n: examples[n].title, on_change=load_example,
                      index=names.index(st.query_params["q"]) if st.query_params.get("q") in names else 0)
ui.set_param("q", chosen)
st.caption(examples[chosen].description)
if "query_text" not in st.session_state or st.session_state.get("_query_lang") != language or st.session_state.get("_query_country") != iso3:
    st.session_state["query_text"] = examples[chosen].text
    st.session_state["_query_lang"] = language
    st.session_state["_query_country"] = iso3

text = st.text_area("Query", key="query_text", height=260)
c3, c4, c5 = st.columns([1, 1, 2])
limit = c3.number_input("Row limit", min_value=1, max_value=query.MAX_LIMIT, value=query.DEFAULT_LIMIT, step=50, key="limit")
timeout = c4.number_input("Timeout (seconds)", min_value=1.0, max_value=query.MAX_TIMEOUT, value=query.DEFAULT_TIMEOUT, step=1.0, key="timeout")
c5.write("")
run = c5.button("Run", type="primary", icon=":material/play_arrow:", key="run")

if run:
    outcome = query.run(b.console_store(language), language, text, int(limit), float(timeout))
    st.session_state["outcome"] = outcome
outcome = st.session_state.get("outcome")
if outcome is not None:
    if outcome.refused:
        st.error(f"Refused: this console is read-only. {outcome.refused}", icon=":material/block:")
    elif outcome.error:
        st.error(outcome.error)
    else:
        frame = pd.DataFrame(outcome.records(), columns=list(outcome.columns))
        note = f" (cut at the row limit of {int(limit)})" if outcome.truncated else ""
        st.success(f"{len(frame)} row{'' if len(frame) == 1 else 's'}{note} in {outcome.seconds:.2f} s")
        ui.table(frame, file_name=f"query-{chosen}.csv", key="dl_result", label="Download the result (CSV)", empty="The query returned no rows.")
