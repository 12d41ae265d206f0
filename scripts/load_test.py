#!/usr/bin/env python3
"""A bounded load test of the HTTP API on 127.0.0.1: requests/s, latency, 5xx, memory.

    .venv/bin/python scripts/load_test.py                    # 50 clients for 30 s
    .venv/bin/python scripts/load_test.py --seconds 15 --clients 50 --json

By default it fills a temporary DuckDB store from examples/ (``strikeledger ingest``),
starts ``strikeledger serve`` on a free port of 127.0.0.1 with a write token, runs the
clients, stops the server and deletes the store. ``--url`` aims at a server that is
already running instead (reads only, unless ``--token`` is given). It always stops by
itself: each client stops sending at the deadline and every request has a timeout.

Each client is a thread with one keep-alive connection, sending a mix of the dashboard's
reads (meta, report lists and pages, figures, incidents, incident pages, search, a CSV
export), pausing ``--think`` seconds on average between requests (a person at a
dashboard, not a tight loop). With the token it also sends writes: re-sends of stored
reports (skipped: the store does not change) and, unless ``--no-pathological``, new
pathological reports, each unique: "Kyiv. " x 100 KB, "KYIV " x 500 KB, a batch of five
~980,000-character reports in one 4.9 MiB body, and a single 4.9 MiB text (over the
text limit: 413). Writes are queued (202) or refused when the queue is full (429).

The result separates reads from writes (``read_p95_ms``: the reads answered while
writes were queued), counts statuses, and samples the resident memory of the server
and its extraction processes (``peak_rss_mb``). ``--baseline`` first runs the same
clients with reads only (``baseline``), on the same server in the same run, so that
``read_p95_ratio`` says how much the writes slowed the reads on this machine now. Exit status 1 when any answer was a 5xx
or a request failed outright.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _cli() -> str:
    here = Path(sys.executable).parent / "strikeledger"
    return str(here) if here.exists() else (shutil.which("strikeledger") or "strikeledger")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_json(base: str, path: str, timeout: float = 10.0):
    u = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, (json.loads(body) if body else None)
    finally:
        conn.close()


def _rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants, in KiB (0 once gone)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next((int(line.split()[1]) for line in status.splitlines()
                           if line.startswith("VmRSS:")), 0)
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


class Server:
    """``strikeledger serve`` over a temporary store filled from examples/."""

    def __init__(self, inputs: list[str], serve_args: list[str] | None = None):
        self.root = Path(tempfile.mkdtemp(prefix="strikeledger-load-"))
        self.db = str(self.root / "store.duckdb")
        self.token = secrets.token_hex(16)
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(self.root / "server.log", "wb")
        self.proc: subprocess.Popen | None = None
        self.serve_args = serve_args or []
        done = subprocess.run([_cli(), "ingest", *inputs, "--db", self.db, "--no-progress"],
                              capture_output=True, text=True, timeout=600)
        if done.returncode not in (0, 1):  # 1: some inputs skipped, the rest stored
            raise SystemExit(f"ingest failed: {done.stderr}")

    def start(self) -> "Server":
        env = dict(os.environ, STRIKELEDGER_TOKEN=self.token)
        env.pop("STRIKELEDGER_TOKEN_FILE", None)
        self.proc = subprocess.Popen([_cli(), "serve", "--db", self.db, "--host", "127.0.0.1",
                                      "--port", str(self.port), *self.serve_args], env=env,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                if _get_json(self.base, "/meta", timeout=1)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise SystemExit("the server did not start: "
                         + (self.root / "server.log").read_text(errors="replace")[-2000:])

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(15)
        self.log.close()
        shutil.rmtree(self.root, ignore_errors=True)


# Pathological writes: (weight, name, body template). "{u}" becomes a unique token, so
# that every one is a new report (a re-sent text would be skipped, not extracted).
_BIG = 980_000
PATHOLOGICAL = (
    (0.4, "kyiv-dot-100k", '{{"id": "{u}", "text": "{u} ' + "Kyiv. " * 17_000 + '"}}'),
    (0.3, "kyiv-caps-500k", '{{"id": "{u}", "text": "{u} ' + "KYIV " * 100_000 + '"}}'),
    (0.1, "batch-4.7mib", "[" + ", ".join(
        f'{{{{"id": "{{u}}-{i}", "text": "{{u}} {i} ' + "Kyiv. KYIV " * (_BIG // 11) + '"}}'
        for i in range(5)) + "]"),
    (0.2, "text-4.9mib", '{{"id": "{u}", "text": "{u} ' + "Kyiv. " * 856_000 + '"}}'),
)


def plan(base: str, token: str | None, pathological: bool = True
         ) -> list[tuple[float, str, str, bytes | None]]:
    """Weighted (weight, method, path, body) requests, from what the server holds; a
    pathological write's body is a template (str) filled per request."""
    status, reports = _get_json(base, "/reports?limit=50")
    if status != 200:
        raise SystemExit(f"GET /reports answered {status}")
    uids = [r["uid"] for r in reports["items"]]
    _, incidents = _get_json(base, "/incidents?limit=50")
    ids = [i["incident_id"] for i in incidents["items"]] if incidents else []
    reqs: list[tuple[float, str, str, bytes | None]] = [
        (10, "GET", "/meta", None),
        (10, "GET", "/reports?limit=20", None),
        (10, "GET", "/figures?kind=killed&limit=50", None),
        (5, "GET", "/figures?oblast=kyiv&limit=50", None),
        (10, "GET", "/incidents?limit=20", None),
        (5, "GET", "/incidents?contested=true", None),
        (8, "GET", "/search?q=drones", None),
        (4, "GET", "/search?q=killed%20kyiv", None),
        (1, "GET", "/export/csv?table=incidents", None),
    ]
    reqs += [(15 / max(1, len(uids)), "GET", f"/reports/{u}", None) for u in uids]
    reqs += [(10 / max(1, len(ids)), "GET", f"/incidents/{urllib.parse.quote(i, safe='')}", None)
             for i in ids]
    if token:
        for u in uids[:10]:
            _, full = _get_json(base, f"/reports/{u}")
            body = json.dumps({"id": full["report_id"], "text": full["text"]}).encode()
            reqs.append((0.3, "POST", "/reports", body))
        if pathological:
            reqs += [(w, "POST", "/reports", template) for w, _, template in PATHOLOGICAL]
    return reqs


def _pct(values: list[float], p: float) -> float | None:
    if not values:
        return None
    return round(values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000, 1)


def run(base: str, token: str | None, seconds: float, clients: int, seed: int = 1,
        think: float = 0.5, pathological: bool = True, pid: int | None = None) -> dict:
    reqs = plan(base, token, pathological)
    weights = [w for w, *_ in reqs]
    u = urllib.parse.urlsplit(base)
    lock = threading.Lock()
    latencies: list[float] = []
    reads: list[float] = []
    writes: list[float] = []
    write_status: Counter = Counter()
    statuses: Counter = Counter()
    failures: Counter = Counter()
    start_gate = threading.Barrier(clients + 1)
    t_end = [0.0]

    def client(k: int) -> None:
        rng = random.Random(seed * 1000 + k)
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        mine_lat, mine_st, mine_fail = [], Counter(), Counter()
        mine_reads, mine_writes, mine_wst = [], [], Counter()
        start_gate.wait()
        while time.monotonic() < t_end[0]:
            if think:
                time.sleep(min(rng.expovariate(1 / think), max(0.0, t_end[0] - time.monotonic())))
                if time.monotonic() >= t_end[0]:
                    break
            _, method, path, body = rng.choices(reqs, weights)[0]
            if isinstance(body, str):
                body = body.format(u=f"load-{k}-{rng.getrandbits(48):012x}").encode()
            headers = {}
            if body is not None:
                headers = {"Content-Type": "application/json",
                           "Authorization": f"Bearer {token}"}
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                took = time.perf_counter() - t0
                mine_st[resp.status] += 1
                mine_lat.append(took)
                if method == "GET":
                    mine_reads.append(took)
                else:
                    mine_writes.append(took)
                    mine_wst[resp.status] += 1
                if resp.getheader("connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException) as exc:
                mine_fail[type(exc).__name__] += 1
                conn.close()
                conn = http.client.HTTPConnection(u.hostname, u.port, timeout=30)
        conn.close()
        with lock:
            latencies.extend(mine_lat)
            reads.extend(mine_reads)
            writes.extend(mine_writes)
            write_status.update(mine_wst)
            statuses.update(mine_st)
            failures.update(mine_fail)

    peak = [0]
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.wait(0.25):
            if pid is not None:
                peak[0] = max(peak[0], _rss_kb(pid))
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    t_end[0] = time.monotonic() + seconds
    t0 = time.monotonic()
    start_gate.wait()
    for t in threads:
        t.join(seconds + 60)
    elapsed = time.monotonic() - t0
    sampling.set()
    sampler.join(5)
    for values in (latencies, reads, writes):
        values.sort()
    n = len(latencies)
    return {
        "clients": clients, "seconds": round(elapsed, 2), "requests": n, "think_s": think,
        "requests_per_s": round(n / elapsed, 1) if elapsed else 0.0,
        "p50_ms": _pct(latencies, 50), "p90_ms": _pct(latencies, 90),
        "p99_ms": _pct(latencies, 99),
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "reads": len(reads), "read_p50_ms": _pct(reads, 50), "read_p95_ms": _pct(reads, 95),
        "read_max_ms": _pct(reads, 100),
        "writes": len(writes), "write_p95_ms": _pct(writes, 95),
        "write_status": {str(k): v for k, v in sorted(write_status.items())},
        "peak_rss_mb": round(peak[0] / 1024, 1) if pid is not None else None,
        "status": {str(k): v for k, v in sorted(statuses.items())},
        "5xx": sum(v for k, v in statuses.items() if k >= 500),
        "failed": dict(failures), "hung_clients": sum(t.is_alive() for t in threads),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=30.0, help="how long clients send (30)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    ap.add_argument("--url", help="a running server (default: start one on 127.0.0.1)")
    ap.add_argument("--token", help="write token of --url's server (enables POSTs)")
    ap.add_argument("--inputs", nargs="*", default=[str(REPO / "examples")],
                    help="what the started server's store holds (default: examples/)")
    ap.add_argument("--think", type=float, default=0.5,
                    help="mean pause of a client between requests, seconds (0.5)")
    ap.add_argument("--no-pathological", action="store_true",
                    help="no pathological writes (only re-sent reports)")
    ap.add_argument("--serve-args", default="--max-jobs 20",
                    help="options of the started server (default: '--max-jobs 20')")
    ap.add_argument("--baseline", action="store_true",
                    help="first run the clients with reads only, for a same-run baseline")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    if args.seconds <= 0 or args.seconds > 3600 or not 1 <= args.clients <= 1000:
        ap.error("--seconds must be in (0, 3600] and --clients in [1, 1000]")
    if not 0 <= args.think <= 60:
        ap.error("--think must be in [0, 60]")
    if args.url:
        host = urllib.parse.urlsplit(args.url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            ap.error("--url must be on this machine (127.0.0.1)")
        result = run(args.url.rstrip("/"), args.token, args.seconds, args.clients,
                     think=args.think, pathological=not args.no_pathological)
    else:
        server = Server(args.inputs, args.serve_args.split()).start()
        try:
            baseline = run(server.base, None, args.seconds, args.clients, think=args.think,
                           pid=server.proc.pid) if args.baseline else None
            result = run(server.base, server.token, args.seconds, args.clients,
                         think=args.think, pathological=not args.no_pathological,
                         pid=server.proc.pid)
            if baseline is not None:
                result["baseline"] = baseline
                result["read_p95_ratio"] = round(
                    result["read_p95_ms"] / max(baseline["read_p95_ms"], 1.0), 2)
        finally:
            server.stop()
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['clients']} clients for {result['seconds']} s: {result['requests']} "
              f"requests, {result['requests_per_s']} requests/s")
        print(f"latency p50 {result['p50_ms']} ms, p90 {result['p90_ms']} ms, "
              f"p99 {result['p99_ms']} ms, max {result['max_ms']} ms")
        print(f"reads: {result['reads']}, p50 {result['read_p50_ms']} ms, p95 "
              f"{result['read_p95_ms']} ms, max {result['read_max_ms']} ms; writes: "
              f"{result['writes']} {result['write_status']}, p95 {result['write_p95_ms']} ms")
        if "baseline" in result:
            b = result["baseline"]
            print(f"baseline (reads only, same server): {b['reads']} reads, p50 "
                  f"{b['read_p50_ms']} ms, p95 {b['read_p95_ms']} ms; read p95 with writes / "
                  f"baseline: {result['read_p95_ratio']}")
        if result["peak_rss_mb"] is not None:
            print(f"server memory (with its extraction processes): peak "
                  f"{result['peak_rss_mb']} MB")
        print(f"status counts {result['status']}; 5xx: {result['5xx']}; "
              f"failed requests: {sum(result['failed'].values())} {result['failed'] or ''}")
    bad = result["5xx"] or result["failed"] or result["hung_clients"] or not result["requests"] \
        or ("baseline" in result and (result["baseline"]["5xx"] or result["baseline"]["failed"]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
