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
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from browser_support import guarded_page, ingest_texts, serving  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "out" / "screenshots"

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


def _chromium() -> str | None:
    path = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    return path if Path(path).exists() else shutil.which("chromium")


# Ingested after the others, in a second batch at least 2 s later: the change log then
# holds the toll's revision (killed 3 -> 5) and a new attack (Odesa), and "as of" a time
# between the batches shows the dataset without them.
LATER = ("kyiv-2025-03-03-toll", "odesa-2025-03-15")


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    db = root / "store.duckdb"
    ingest_texts(db, root / "first", {k: v for k, v in REPORTS.items() if k not in LATER})
    time.sleep(2.1)
    ingest_texts(db, root / "later", {k: REPORTS[k] for k in LATER})
    return db


@pytest.fixture(scope="session")
def server(store_path: Path) -> Iterator[str]:
    with serving(store_path) as base:
        yield base


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
    with guarded_page(browser_context, server) as page:
        yield page


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
