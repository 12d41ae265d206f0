"""``strikeledger serve`` under SIGTERM with writes in flight (issue 18, finding 1).

Before the write queue, a POST of a slow report ran its extraction in the server's
thread pool: SIGTERM then hung at "Waiting for background tasks to complete" until a
second signal. Now a POST waits at most ``--write-wait``, uvicorn gives open requests
a bounded grace, and the write workers kill running extractions after theirs: the
server exits within seconds, and the jobs it accepted run at the next start.
"""
from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import threading
import time

import pytest

from relhelp import CLI, child_env, free_port, run_cli, wait_for

TOKEN = "serve-shutdown-token-0123456789"
SLOW = "KYIV " * 100_000                  # ~10 s of extraction
NORMAL = "Russian drones hit Dnipro overnight, injuring three people, the governor said."
EXIT_BOUND = 40                           # seconds: 15 s requests + 5 s workers + slack


def _request(port: int, method: str, path: str, body: dict | None = None,
             timeout: float = 60) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read() or b"null")
    finally:
        conn.close()


def _serve(db, port: int, *extra: str) -> subprocess.Popen:
    env = dict(child_env(), STRIKELEDGER_TOKEN=TOKEN)
    proc = subprocess.Popen([CLI, "serve", "--db", str(db), "--port", str(port), *extra],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def up() -> bool:
        try:
            return _request(port, "GET", "/meta", timeout=2)[0] == 200
        except OSError:
            return False
    assert wait_for(up, 60, 0.1), "the server did not start"
    return proc


def _terminate(proc: subprocess.Popen) -> float:
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(EXIT_BOUND)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        pytest.fail(f"SIGTERM: the server had not exited after {EXIT_BOUND} s")
    return time.monotonic() - started


@pytest.mark.slow
def test_sigterm_with_writes_in_flight_exits_and_the_next_start_finishes_them(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "kharkiv.txt").write_text("Drones hit Kharkiv overnight; two people were "
                                        "injured, the governor said.\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    assert run_cli("ingest", str(inputs), "--db", str(db), "--no-progress").returncode == 0
    port = free_port()
    proc = _serve(db, port, "--workers", "1", "--write-wait", "30")
    answers: dict[str, tuple] = {}

    def post(name: str, text: str) -> None:
        try:
            answers[name] = _request(port, "POST", "/reports", {"id": name, "text": text})
        except (OSError, http.client.HTTPException) as exc:
            answers[name] = (None, repr(exc))
    threads = [threading.Thread(target=post, args=(n, t), daemon=True)
               for n, t in (("slow", SLOW), ("dnipro", NORMAL))]
    for t in threads:
        t.start()
        time.sleep(0.5)
    time.sleep(1.0)                    # both POSTs are waiting for their jobs
    took = _terminate(proc)
    assert took < EXIT_BOUND
    for t in threads:
        t.join(5)
    print(f"\nSIGTERM with 2 POSTs in flight: exited in {took:.1f} s; answers "
          f"{ {k: v[0] for k, v in answers.items()} }")

    # the next start runs what was accepted: both reports end up stored, once
    port = free_port()
    proc = _serve(db, port, "--workers", "1")
    try:
        def stored() -> bool:
            return all(_request(port, "GET", f"/reports/{n}")[0] == 200
                       for n in ("slow", "dnipro"))
        assert wait_for(stored, 120, 0.5), answers
        status, listing = _request(port, "GET", "/reports?limit=10")
        assert status == 200 and sorted(r["report_id"] for r in listing["items"]) == \
            ["dnipro", "kharkiv", "slow"]
    finally:
        assert _terminate(proc) < EXIT_BOUND
    assert os.path.exists(db)
