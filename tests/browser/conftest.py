"""Fixtures for the browser tests: a real uvicorn server on 127.0.0.1 and Debian's chromium.

The store is filled through the real pipeline (``ingest_paths`` over .txt files written
here). Playwright drives the system chromium (``/usr/bin/chromium``, or ``$CHROMIUM``):
``playwright install`` downloads a browser of its own and cannot work on these machines.
Without chromium the tests are skipped, except under CI (env CI set), where they fail.
Screenshots go to ``out/screenshots/`` at the repository root (git-ignored).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "out" / "screenshots"
TOKEN = "browser-test-token-0123456789"

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

# Invented reports: three attacks on three days (gaps of 7 and 6 days). On 2025-03-02 the
# President's "nearly 90 drones" disagrees with the Air Force's 120, and 95 were downed:
# drawn from the low end, launched would look smaller than downed (issue 16). The Kyiv toll
# is revised from three to five. The Odesa report quotes a script tag.
REPORTS = {
    "kyiv-2025-03-02": """\
        date 2025-03-02
        Russia attacked Kyiv overnight with 120 drones and 8 missiles, the Ukrainian Air Force said.
        Air defence shot down 95 drones and 6 missiles. Three people were killed in Kyiv,
        the head of the city military administration Tymur Tkachenko said.
        """,
    "kyiv-2025-03-02-b": """\
        date 2025-03-02
        At least five people were injured in Kyiv after a drone hit an apartment building
        overnight, Mayor Vitali Klitschko wrote on Telegram.
        """,
    "president-2025-03-02": """\
        date 2025-03-02
        Russia launched nearly 90 drones against Ukraine overnight, President Volodymyr Zelenskyy said.
        """,
    "kyiv-2025-03-03-toll": """\
        date 2025-03-03
        The death toll from Sunday's drone attack on Kyiv has risen to five, the head of the city military administration Tymur Tkachenko said.
        """,
    "kharkiv-2025-03-09": """\
        date 2025-03-09
        A Russian missile strike on Kharkiv on Sunday killed two people and injured 14,
        Governor Oleh Syniehubov said. Russia launched 40 drones overnight.
        """,
    "odesa-2025-03-15": """\
        date 2025-03-15
        Drones struck Odesa overnight. Seven people were injured <script>window.__pwned = 1</script>
        in the port city, Governor Oleh Kiper said. <img src=x onerror="window.__pwned = 2">
        """,
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _chromium() -> str | None:
    path = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    return path if Path(path).exists() else shutil.which("chromium")


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    from strikeledger.ingest.run import ingest_paths
    from strikeledger.store import open_store
    root = tmp_path_factory.mktemp("browser")
    inputs = root / "reports"
    inputs.mkdir()
    for name, text in REPORTS.items():
        (inputs / f"{name}.txt").write_text(textwrap.dedent(text), encoding="utf-8")
    db = root / "store.duckdb"
    with open_store(db) as store:
        result = ingest_paths([inputs], store)
    assert result.added == len(REPORTS) and not result.errors
    return db


@pytest.fixture(scope="session")
def server(store_path: Path) -> Iterator[str]:
    """A uvicorn server in a subprocess, on a free port of 127.0.0.1; yields its base URL."""
    port = _free_port()
    code = ("import sys, uvicorn; from strikeledger.api import create_app; "
            "uvicorn.run(create_app(sys.argv[1], token=sys.argv[2]), host='127.0.0.1', "
            "port=int(sys.argv[3]), log_level='warning')")
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-c", code, str(store_path), TOKEN, str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/meta", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"server did not start: {log.read().decode(errors='replace')}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    exe = _chromium()
    if exe is None:
        message = "Debian's chromium is not installed: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=exe, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 1000})
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser_context, server):
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    # Only this server may be reached: any other request fails the test.
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    page.route("**/*", guard)
    page.outside = outside
    yield page
    page.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
