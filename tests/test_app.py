"""The explorer's pages, driven by streamlit's AppTest (no browser)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from kg.paths import PROJECT_ROOT
from kg.stats import stats


def test_overview_lists_countries_with_their_counts(shipped_kg):
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    assert not app.exception
    table = app.dataframe[0].value
    bgd = table[table["iso3"] == "BGD"].iloc[0]
    expected = stats(shipped_kg)["countries"]["BGD"]
    assert bgd["country"] == "Bangladesh"
    assert bgd["actors"] == expected["actors"]
    assert bgd["responsibilities"] == expected["responsibilities"]
