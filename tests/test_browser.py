"""The explorer in a real headless Chromium: `streamlit run app.py` as a subprocess, driven by Playwright.

Checks that the responsibility map draws its nodes on the vis-network canvas, that the matrix and gaps
pages list the objectives, that an export downloads, and saves screenshots into ``test-artifacts/``
(set ``MIGKG_SCREENSHOTS=docs`` to refresh ``docs/screenshots/`` as well). Skips, saying why, when
``/usr/bin/chromium`` or Playwright is missing; never downloads a browser.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kg.paths import PROJECT_ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
DOC_SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
TIMINGS: dict[str, float] = {}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited with {process.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"streamlit did not answer /_stcore/health within {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture(scope="module")
def server(request) -> str:
    """``streamlit run app.py`` on a free port (killed, with its process group, when the module ends)."""
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (apt-get install chromium chromium-driver)")
    pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright Python package (pip install -e '.[test]')")
    ARTIFACTS.mkdir(exist_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = ARTIFACTS / "streamlit.log"
    env = {k: v for k, v in os.environ.items() if k not in ("MIGKG_DATA_DIR", "NEO4J_URI")}
    started = time.monotonic()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
             "--client.toolbarMode", "viewer"],
            cwd=PROJECT_ROOT, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )

    def stop() -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)

    request.addfinalizer(stop)
    _wait_healthy(url, process, log)
    TIMINGS["server_healthy_s"] = round(time.monotonic() - started, 2)
    TIMINGS["_started"] = started
    return url


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()
    TIMINGS.pop("_started", None)
    (ARTIFACTS / "timings.json").write_text(json.dumps(TIMINGS, indent=2) + "\n")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, accept_downloads=True)
    yield context.new_page()
    context.close()


def _ready(page, timeout: float = 30_000) -> None:
    """The page's script has finished (a title is shown and Streamlit is no longer running)."""
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=timeout)
    idle = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
    for _ in range(2):  # the running indicator appears after a short delay: look twice
        page.wait_for_function(idle, timeout=timeout)
        page.wait_for_timeout(300)
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator('[data-testid="stException"]').first.inner_text()


def _screenshot(page, name: str) -> None:
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    if os.environ.get("MIGKG_SCREENSHOTS") == "docs":
        DOC_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOC_SCREENSHOTS / f"{name}.png")


def test_first_page_is_ready_quickly(server, page):
    started = time.monotonic()
    page.goto(server + "/")
    _ready(page)
    page.wait_for_selector('[data-testid="stMetric"]')
    TIMINGS["first_page_after_healthy_s"] = round(time.monotonic() - started, 2)
    TIMINGS["cold_start_to_first_page_s"] = round(time.monotonic() - TIMINGS["_started"], 2)
    assert "Bangladesh" in page.locator("h1").first.inner_text()
    assert TIMINGS["first_page_after_healthy_s"] < 20  # docs/explorer.md reports the measured time
    _screenshot(page, "overview")


def test_map_draws_the_network_on_a_canvas(server, page):
    page.set_viewport_size({"width": 1600, "height": 1400})
    page.goto(server + "/map?country=BGD")
    _ready(page)
    page.wait_for_selector("iframe")
    frame = None
    deadline = time.monotonic() + 30
    while frame is None and time.monotonic() < deadline:
        frame = next((f for f in page.frames if f.query_selector("#mynetwork")), None)
        if frame is None:
            page.wait_for_timeout(200)
    assert frame is not None, "the map iframe has no #mynetwork"
    frame.wait_for_selector("#mynetwork canvas", timeout=30_000)
    frame.wait_for_function("() => window.migkgNetwork !== undefined")
    ids = frame.evaluate("() => window.migkgNetwork.body.data.nodes.getIds()")
    assert {f"mkgid:gcm/objective/{n}" for n in range(1, 24)} <= set(ids)
    assert any(i.startswith("mkgid:BGD/actor/") for i in ids)
    positions = frame.evaluate("() => window.migkgNetwork.getPositions()")
    assert len(positions) == len(ids)
    drawn = frame.evaluate(
        """() => { const c = document.querySelector('#mynetwork canvas'); const d = c.getContext('2d')
                   .getImageData(0, 0, c.width, c.height).data; let ink = 0;
                   for (let i = 0; i < d.length; i += 4) { if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) ink++; }
                   return ink; }"""
    )
    assert drawn > 5000, "the canvas is blank"
    assert "lead" in frame.inner_text("#legend")
    page.locator("iframe").first.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.evaluate("() => window.scrollTo(0, 0)")
    _screenshot(page, "map")


def test_matrix_lists_the_objectives(server, page):
    page.goto(server + "/matrix?country=BGD")
    _ready(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for()
    page.wait_for_function("() => document.querySelector('[data-testid=\"stDataFrame\"]').textContent.includes('Counter smuggling')",
                           timeout=15_000)
    text = grid.text_content()
    for objective in ("Data", "Counter smuggling", "Remittances", "Eradicate trafficking"):
        assert objective in text
    _screenshot(page, "matrix")


def test_gaps_lists_objectives_with_explanations(server, page):
    page.goto(server + "/gaps?country=BGD")
    _ready(page)
    page.get_by_text("10. Eradicate trafficking — partial").first.wait_for(timeout=15_000)
    body = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    assert "7 gap · 10 partial · 6 covered" in body
    for label in ("9. Counter smuggling — gap", "2. Minimize adverse drivers — gap", "10. Eradicate trafficking — partial"):
        assert label in body
    _screenshot(page, "gaps")


def test_export_downloads_turtle(server, page):
    page.goto(server + "/exports?country=BGD")
    _ready(page)
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Download Turtle (RDF)").click()
    path = download.value.path()
    text = Path(path).read_text(encoding="utf-8")
    assert text.startswith("@prefix") and "Bangladesh" in text
