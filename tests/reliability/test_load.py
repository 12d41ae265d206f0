"""The load test, short: ``scripts/load_test.py`` against a real uvicorn on 127.0.0.1.

CI runs 50 clients (LOAD_CLIENTS) for LOAD_SECONDS (default 15) twice on one server: reads
only (the same-run baseline), then reads mixed with writes, pathological ones included
("Kyiv. " x 100 KB, "KYIV " x 500 KB, five ~980,000-character reports in one 4.7 MiB
body, a 4.9 MiB text). What must hold (issue 18): no 5xx and no failed request; every
write is queued (202), answered (200/201), refused as too large (413) or refused while
the queue is full (429); reads go on while writes are queued (their p95 under
LOAD_READ_P95_MS, default 5,000 ms: before the write queue, 46 such POSTs made every read
time out after 15 s); the server's memory with its extraction processes stays under
LOAD_RSS_MB (default 2,000 MB); the run stops by itself.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from relhelp import REPO, child_env


@pytest.mark.slow
def test_load_with_pathological_writes_has_no_5xx_and_reads_go_on():
    seconds = float(os.environ.get("LOAD_SECONDS", "15"))
    clients = int(os.environ.get("LOAD_CLIENTS", "50"))
    read_p95 = float(os.environ.get("LOAD_READ_P95_MS", "5000"))
    rss_mb = float(os.environ.get("LOAD_RSS_MB", "2000"))
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "load_test.py"), "--seconds",
                           str(seconds), "--clients", str(clients), "--baseline", "--json"],
                          capture_output=True, text=True, env=child_env(),
                          timeout=2 * seconds + 300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    base = result["baseline"]
    for run in (base, result):
        assert run["5xx"] == 0 and run["failed"] == {} and run["hung_clients"] == 0, run
        assert run["requests"] > 0 and seconds <= run["seconds"] < seconds + 40
    assert set(base["status"]) == {"200"}
    assert set(result["status"]) <= {"200", "201", "202", "413", "429"}, result["status"]
    assert result["write_status"].get("202", 0) > 0            # writes were queued ...
    assert result["read_p95_ms"] < read_p95, result            # ... and reads went on
    assert result["peak_rss_mb"] < rss_mb, result
    print(f"\nload, {clients} clients: reads only p95 {base['read_p95_ms']} ms; with writes "
          f"{result['write_status']}: read p50 {result['read_p50_ms']} ms, p95 "
          f"{result['read_p95_ms']} ms (x{result['read_p95_ratio']}), peak memory "
          f"{result['peak_rss_mb']} MB, 5xx {result['5xx']}")


def test_load_script_refuses_unbounded_or_remote_runs():
    script = str(REPO / "scripts" / "load_test.py")
    for args in (["--seconds", "0"], ["--seconds", "99999"], ["--clients", "0"],
                 ["--think", "-1"], ["--url", "http://example.com:80"]):
        proc = subprocess.run([sys.executable, script, *args], capture_output=True, text=True,
                              env=child_env(), timeout=60)
        assert proc.returncode == 2, (args, proc.stderr)
