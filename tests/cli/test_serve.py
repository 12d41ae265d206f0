"""`strikeledger serve`: refuses a missing store; serves the API and dashboard."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from cli_data import run

BIN = Path(sys.executable).parent / "strikeledger"


def test_missing_store_is_refused(tmp_path):
    result = run("serve", "--db", tmp_path / "typo.duckdb")
    assert result.exit_code == 2
    assert "no store at" in result.stderr
    assert not (tmp_path / "typo.duckdb").exists()


@pytest.mark.slow
@pytest.mark.skipif(not BIN.exists(), reason="the strikeledger script is not installed")
def test_serves_dashboard_and_api(db, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("STRIKELEDGER_TOKEN")}
    proc = subprocess.Popen([str(BIN), "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                meta = httpx.get(f"{base}/meta", timeout=1)
                break
            except httpx.HTTPError:
                assert proc.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        assert meta.json()["reports"] == 5
        assert httpx.get(f"{base}/").status_code == 200
    finally:
        proc.terminate()
        proc.wait(10)
