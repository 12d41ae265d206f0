"""Shared pieces of the reliability tests: corpora, store digests, span checks, servers.

Corpora come from ``benchmarks/templates.py`` (invented reports in seven styles), so the
crash and concurrency tests ingest realistic, varied text without copying any real or
evaluation report. A store digest is a SHA-256 over every row of every table (sorted,
so it does not depend on ingestion order), which lets a test say "nothing changed"
precisely.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from strikeledger.model import Record
from strikeledger.store.base import CHILD_TABLES, REPORT_COLUMNS

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
CLI = str(VENV_BIN / "strikeledger") if (VENV_BIN / "strikeledger").exists() else "strikeledger"

_templates = None


def templates():
    """benchmarks/templates.py, imported by path (it is not a package)."""
    global _templates
    if _templates is None:
        spec = importlib.util.spec_from_file_location("sl_bench_templates",
                                                      REPO / "benchmarks" / "templates.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _templates = module
    return _templates


def write_corpus(path: Path, n: int, seed: int = 11, start: int = 0) -> list[dict]:
    """Write reports start..start+n-1 of corpus ``seed`` as JSONL; return them."""
    rows = list(templates().reports(n, seed=seed, start=start))
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


# --- evidence -------------------------------------------------------------------------

def span_problems(text: str, record: Record) -> list[str]:
    """Every evidence span of ``record`` that does not index ``text`` exactly."""
    bad = []
    items = [("figure", f) for f in record.figures] + [("place", p) for p in record.places] \
        + [("damage", d) for d in record.damage]
    for what, item in items:
        ev = item.evidence
        if not (0 <= ev.start <= ev.end <= len(text)):
            bad.append(f"{what} span {ev.start}:{ev.end} outside 0:{len(text)}")
        elif text[ev.start:ev.end] != ev.text:
            bad.append(f"{what} span {ev.start}:{ev.end} is {text[ev.start:ev.end]!r}, "
                       f"evidence says {ev.text!r}")
        elif ev.start == ev.end:
            bad.append(f"{what} span {ev.start}:{ev.end} is empty")
    return bad


# --- store digests --------------------------------------------------------------------

REPORT_DIGEST_COLUMNS = tuple(c for c in REPORT_COLUMNS if c not in ("ingested_at",))


def table_rows(store, table: str, columns: Iterable[str]) -> list[tuple]:
    cols = ", ".join(columns)
    rows = store._fetch(f"SELECT {cols} FROM {table}", [])
    return sorted((tuple(_norm(v) for v in r.values()) for r in rows), key=repr)


def _norm(value):
    if isinstance(value, dict):  # PostgreSQL jsonb comes back parsed
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if isinstance(value, str) and value[:1] == "{":
        try:
            return json.dumps(json.loads(value), sort_keys=True, ensure_ascii=False)
        except ValueError:
            return value
    return value


def store_counts(store) -> dict[str, int]:
    return {t: int(store._fetch(f"SELECT count(*) AS n FROM {t}", [])[0]["n"])
            for t in ("reports", *CHILD_TABLES)}


def store_digest(store, with_times: bool = True) -> str:
    """SHA-256 over every row of every table (``ingested_at`` too when ``with_times``)."""
    h = hashlib.sha256()
    cols = REPORT_COLUMNS if with_times else REPORT_DIGEST_COLUMNS
    for table, columns in (("reports", cols), *CHILD_TABLES.items()):
        h.update(table.encode())
        for row in table_rows(store, table, columns):
            h.update(repr(row).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def integrity_problems(store) -> list[str]:
    """Duplicates, orphans and reports whose child rows disagree with their record."""
    problems = []
    dup = store._fetch("SELECT content_hash, count(*) AS n FROM reports"
                       " GROUP BY content_hash HAVING count(*) > 1", [])
    if dup:
        problems.append(f"{len(dup)} content hash(es) stored more than once")
    for table in CHILD_TABLES:
        orphans = store._fetch(f"SELECT count(*) AS n FROM {table} c WHERE NOT EXISTS"
                               f" (SELECT 1 FROM reports r WHERE r.uid = c.uid)", [])[0]["n"]
        if orphans:
            problems.append(f"{orphans} orphan row(s) in {table}")
    counts = {}
    for table in CHILD_TABLES:
        for row in store._fetch(f"SELECT uid, count(*) AS n FROM {table} GROUP BY uid", []):
            counts[(table, row["uid"])] = int(row["n"])
    key = {"figures": "figures", "places": "places", "damage": "damage",
           "speakers": "speakers", "weapons": "weapons"}
    for row in store._fetch("SELECT uid, record FROM reports", []):
        record = row["record"] if isinstance(row["record"], dict) else json.loads(row["record"])
        for table, field in key.items():
            want = len(record[field])
            got = counts.get((table, row["uid"]), 0)
            if want != got:
                problems.append(f"report {row['uid']}: {got} {table} row(s), record has {want}")
    return problems


# --- processes and servers ------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("STRIKELEDGER_TOKEN", None)
    env.pop("STRIKELEDGER_TOKEN_FILE", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def wait_for(predicate, timeout: float, interval: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=timeout,
                          env=child_env(), stdin=subprocess.DEVNULL)


# --- Hypothesis -----------------------------------------------------------------------

def fuzz_settings(n: int):
    """Bounded Hypothesis settings: ``n`` examples (times RELIABILITY_SCALE), no deadline."""
    from hypothesis import HealthCheck, settings
    scale = float(os.environ.get("RELIABILITY_SCALE", "1"))
    return settings(max_examples=max(1, int(n * scale)), deadline=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture,
                                           HealthCheck.filter_too_much])
