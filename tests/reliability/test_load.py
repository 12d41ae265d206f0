"""The bounded load test, short: ``scripts/load_test.py`` against a real uvicorn on 127.0.0.1.

CI runs it for LOAD_SECONDS (default 5) with LOAD_CLIENTS (default 10) clients; the full
run (50 clients for 30 s) is ``.venv/bin/python scripts/load_test.py``. Every answer must
be below 500, no request may fail outright, and the run must stop by itself.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from relhelp import REPO, child_env


@pytest.mark.slow
def test_short_load_run_has_no_5xx_and_stops_by_itself():
    seconds = float(os.environ.get("LOAD_SECONDS", "5"))
    clients = int(os.environ.get("LOAD_CLIENTS", "10"))
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "load_test.py"), "--seconds",
                           str(seconds), "--clients", str(clients), "--json"],
                          capture_output=True, text=True, env=child_env(),
                          timeout=seconds + 240)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["5xx"] == 0 and result["failed"] == {} and result["hung_clients"] == 0
    assert result["requests"] > 0 and result["requests_per_s"] > 0
    assert seconds <= result["seconds"] < seconds + 40
    assert set(result["status"]) <= {"200", "201"}
    print(f"\nload: {result['requests_per_s']} requests/s, p50 {result['p50_ms']} ms, "
          f"p99 {result['p99_ms']} ms, 5xx {result['5xx']}")


def test_load_script_refuses_unbounded_or_remote_runs():
    script = str(REPO / "scripts" / "load_test.py")
    for args in (["--seconds", "0"], ["--seconds", "99999"], ["--clients", "0"],
                 ["--url", "http://example.com:80"]):
        proc = subprocess.run([sys.executable, script, *args], capture_output=True, text=True,
                              env=child_env(), timeout=60)
        assert proc.returncode == 2, (args, proc.stderr)
