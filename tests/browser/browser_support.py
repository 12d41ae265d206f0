"""What the browser tests share besides fixtures: a store filled through the real
pipeline, a uvicorn server in a subprocess, and a page that may reach that server only.
(conftest.py puts this folder on sys.path, as tests/api does for api_data.)"""
from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

TOKEN = "browser-test-token-0123456789"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ingest_texts(db: Path, folder: Path, reports: dict[str, str]) -> None:
    """Write ``reports`` as .txt files under ``folder`` and ingest them into ``db`` through
    the real pipeline."""
    from strikeledger.ingest.run import ingest_paths
    from strikeledger.store import open_store
    folder.mkdir(parents=True)
    for name, text in reports.items():
        (folder / f"{name}.txt").write_text(textwrap.dedent(text), encoding="utf-8")
    with open_store(db, busy_timeout=60) as store:   # a running server may hold the file
        result = ingest_paths([folder], store)
    assert result.added == len(reports) and not result.errors


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """A uvicorn server in a subprocess, on a free port of 127.0.0.1; yields its base URL."""
    port = _free_port()
    code = ("import sys, uvicorn; from strikeledger.api import create_app; "
            "uvicorn.run(create_app(sys.argv[1], token=sys.argv[2]), host='127.0.0.1', "
            "port=int(sys.argv[3]), log_level='warning')")
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-c", code, str(db), TOKEN, str(port)],
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


@contextmanager
def guarded_page(browser_context, server: str):
    """A new page that may reach ``server`` only (any other request is aborted and listed
    in ``page.outside``); uncaught script errors are listed in ``page.errors``."""
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
    try:
        yield page
    finally:
        page.close()
