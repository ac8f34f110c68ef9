"""Streamlit glue shared by the pages: the cached store, the country picker, URL-synced widgets.

This is the only module of :mod:`kg.explorer` that imports Streamlit. Resources (the store and
its projection) are cached once per process with ``st.cache_resource``; derived outputs (map HTML,
exports) with a bounded ``st.cache_data`` (``max_entries``), keyed by country and filters.

URL-synced widgets: a widget's first value comes from the URL (``?cat=outward``), else from what
the user chose earlier in the session on that page, else its default; every run writes the value
back into ``st.query_params``, so the address bar always holds the view and can be shared.
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

import pandas as pd
import streamlit as st

from kg.explorer import params as P
from kg.explorer.backend import Backend, open_backend
from kg.explorer.data import Explorer, data_dir

KEEP = "_keep_"


@st.cache_resource(show_spinner="Opening the knowledge graph…", max_entries=4)
def _backend(folder: str, neo4j_uri: str) -> Backend:
    """One store per data folder and Neo4j URI, for the life of the process."""
    from pathlib import Path

    return open_backend(Path(folder))


def scope() -> tuple[str, str]:
    """What the cached resources depend on: the data folder and the Neo4j URI."""
    import os

    return str(data_dir()), os.environ.get("NEO4J_URI", "")


def backend() -> Backend:
    """The store the explorer reads (``$MIGKG_DATA_DIR`` or the shipped data; Neo4j when ``NEO4J_URI`` is set)."""
    return _backend(*scope())


def explorer() -> Explorer:
    return backend().explorer


# --- URL state ---------------------------------------------------------------------------------------


def own_params(keys: Iterable[str]) -> None:
    """Drop URL parameters that belong to other pages (call first on every page)."""
    mine = set(keys) | set(P.GLOBAL_KEYS)
    for key in list(st.query_params.keys()):
        if key not in mine:
            del st.query_params[key]


def set_param(key: str, value) -> None:
    text = P.encode(value)
    current = st.query_params.get(key)
    if text:
        if current != text:
            st.query_params[key] = text
    elif key in st.query_params:
        del st.query_params[key]


def _init(key: str, from_url, default) -> None:
    if key in st.session_state:
        return
    if key in st.query_params:
        st.session_state[key] = from_url(st.query_params.get(key))
    elif KEEP + key in st.session_state:
        st.session_state[key] = st.session_state[KEEP + key]
    else:
        st.session_state[key] = default


def _after(key: str, value) -> None:
    st.session_state[KEEP + key] = value
    set_param(key, value)


def multiselect(label: str, options: Sequence, key: str, *, format_func: Callable = str, help: str | None = None,
                placeholder: str = "all", ints: bool = False, where=None) -> list:
    where = where or st
    if ints:
        _init(key, lambda v: P.parse_ints(v, options), [])
    else:
        _init(key, lambda v: P.parse_list(v, options), [])
    st.session_state[key] = [v for v in st.session_state[key] if v in options]
    value = where.multiselect(label, options, key=key, format_func=format_func, help=help, placeholder=placeholder)
    _after(key, value)
    return value


def selectbox(label: str, options: Sequence, key: str, *, default=None, format_func: Callable = str, help: str | None = None,
              where=None, url: bool = True):
    where = where or st
    options = list(options)
    if not options:
        return None
    fallback = default if default in options else options[0]
    lookup = {str(o): o for o in options}
    _init(key, lambda v: lookup.get(v, fallback), fallback)
    if st.session_state[key] not in options:
        st.session_state[key] = fallback
    value = where.selectbox(label, options, key=key, format_func=format_func, help=help)
    st.session_state[KEEP + key] = value
    if url:
        set_param(key, "" if value == fallback and key not in ("country",) else value)
    return value


def toggle(label: str, key: str, *, default: bool = False, help: str | None = None, where=None) -> bool:
    where = where or st
    _init(key, P.parse_bool, default)
    value = where.toggle(label, key=key, help=help)
    st.session_state[KEEP + key] = value
    set_param(key, "1" if value and not default else ("0" if default and not value else ""))
    return value


# --- shared page parts ---------------------------------------------------------------------------------


def country() -> str:
    """The country picked in the sidebar (``app.py`` renders the picker on every run)."""
    value = st.session_state.get("country")
    codes = [c for c, _ in explorer().countries()]
    return value if value in codes else (codes[0] if codes else "")


def country_picker() -> str | None:
    """The sidebar: which store is read, and the country (kept in ``?country=``)."""
    b = backend()
    ex = b.explorer
    countries = ex.countries()
    names = dict(countries)
    with st.sidebar:
        if not countries:
            st.error(f"No country in the data ({b.data_dir}). Add one: see docs/template.md.")
            return None
        default = "BGD" if "BGD" in names else countries[0][0]
        iso3 = selectbox("Country", [c for c, _ in countries], "country", default=default,
                         format_func=lambda c: f"{names.get(c, c)} ({c})")
        st.query_params["country"] = iso3
        st.caption(f"**Store:** {ex.store.description}" + (f" · {b.documents} ingested documents" if b.documents else ""))
        if b.notice:
            st.warning(b.notice)
        st.caption("The address bar holds this view (country, filters, selection): copy it to share.")
    return iso3


def table(rows: list[dict] | pd.DataFrame, *, file_name: str, key: str, label: str = "Download CSV", height: int | str = "auto",
          column_config: dict | None = None, empty: str = "Nothing to show.", status: str | None = None) -> pd.DataFrame:
    """A dataframe with its CSV download button (every table in the explorer is downloadable).

    ``status`` names a column of gap statuses to colour (gap red, partial orange, covered green).
    """
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows)
    if frame.empty:
        st.info(empty)
    else:
        shown = frame.style.map(status_style, subset=[status]) if status and status in frame.columns else frame
        st.dataframe(shown, hide_index=True, width="stretch", height=height, column_config=column_config)
    st.download_button(label, frame.to_csv(index=False).encode("utf-8"), file_name=file_name, mime="text/csv", key=key,
                       disabled=frame.empty)
    return frame


def status_style(value: object) -> str:
    """CSS for a status cell (``gap``, ``partial``, ``covered``; ``gap``/``covered`` for categories)."""
    from kg.explorer.data import STATUS_COLOUR

    colour = STATUS_COLOUR.get(str(value))
    return f"background-color: {colour}; color: white; font-weight: 600" if colour else ""


def status_badge(status: str) -> str:
    colour = {"gap": "red", "partial": "orange", "covered": "green"}.get(status, "gray")
    return f":{colour}-badge[{status}]"


def print_css() -> None:
    """Printing a brief prints the brief, not the app around it."""
    st.html(
        "<style>@media print { [data-testid='stSidebar'], [data-testid='stHeader'], [data-testid='stToolbar'],"
        " [data-testid='stDecoration'], .stDownloadButton, [data-testid='stElementToolbar'] { display: none !important; }"
        " .main .block-container { padding-top: 0 !important; } }</style>"
    )


# --- cached outputs -------------------------------------------------------------------------------------


@st.cache_data(max_entries=32, show_spinner="Drawing the map…")
def map_html(store_scope: tuple[str, str], iso3: str, filters_key: tuple, selected: str | None) -> str:
    """The responsibility map's HTML for one store, country, filter set and selection (bounded cache)."""
    from kg.explorer.network import MapFilters, map_view, to_html

    filters = MapFilters(*filters_key)
    ex = _backend(*store_scope).explorer
    return to_html(ex, iso3, map_view(ex, iso3, filters), filters, selected)


@st.cache_data(max_entries=12, show_spinner="Preparing the export…")
def export_bytes(store_scope: tuple[str, str], fmt: str, iso3: str | None) -> dict[str, bytes]:
    """One export from the files (Turtle, N-Triples, JSON-LD, GraphML, or CSV nodes/edges)."""
    from kg import export

    data = export.render(_backend(*store_scope).files_kg(), fmt, iso3)
    return data if isinstance(data, dict) else {fmt: data}
