"""Crash safety and idempotence: SIGKILL an ingest or an export midway, then look.

Ingest: a store already holds some reports; a real ``strikeledger ingest`` subprocess
(batches of 50) is killed with SIGKILL once it has committed at least one new batch.
The store must then hold whole batches only, nothing stored before may have changed
(row for row, ``ingested_at`` included), and no table may hold orphans or duplicates.
Running the same ingest again must store every report exactly once and end in the same
content as one clean ingest; a third run must change nothing at all.

Export: a subprocess rewrites every export format in a loop, alternating between two
different incident sets, and is killed at random moments. Each final file must then be
byte-identical to one complete export or the other, never a half-written file.
"""
from __future__ import annotations

import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from relhelp import (CLI, REPO, child_env, integrity_problems, run_cli, store_counts,
                     store_digest, table_rows, wait_for, write_corpus)
from strikeledger.store import open_store
from strikeledger.store.base import CHILD_TABLES, REPORT_COLUMNS

N_EARLY = 150   # stored before the crash (three whole batches of 50)
N_ALL = 600     # the killed ingest's input; starts with the N_EARLY reports
BATCH = 50


def snapshot(target: str) -> dict[str, set]:
    with open_store(target, busy_timeout=30) as store:
        return {t: set(table_rows(store, t, cols))
                for t, cols in (("reports", REPORT_COLUMNS), *CHILD_TABLES.items())}


def _progress(target: str, backend: str, baseline: int):
    """A cheap "has the killed ingest committed something new" probe for each backend."""
    if backend == "postgres":
        import psycopg

        def committed() -> bool:
            with psycopg.connect(target, autocommit=True) as conn:
                return conn.execute("SELECT count(*) FROM reports").fetchone()[0] > baseline
        return committed
    files = [Path(target), Path(target + ".wal")]

    def grew() -> bool:
        return sum(f.stat().st_size for f in files if f.exists()) > baseline
    return grew


@pytest.fixture
def corpus(tmp_path) -> tuple[Path, Path, int]:
    early = tmp_path / "early.jsonl"
    everything = tmp_path / "all.jsonl"
    write_corpus(early, N_EARLY, seed=21)
    rows = write_corpus(everything, N_ALL, seed=21)
    distinct = len({r["text"] for r in rows})
    return early, everything, distinct


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_sigkill_midway_then_rerun_stores_every_report_exactly_once(
        request, tmp_path, corpus, backend):
    early, everything, distinct = corpus
    if backend == "postgres":
        target = request.getfixturevalue("new_pg_url")()
        reference_target = request.getfixturevalue("new_pg_url")()
    else:
        target = str(tmp_path / "store.duckdb")
        reference_target = str(tmp_path / "reference.duckdb")

    # 1. some reports are stored before anything goes wrong
    proc = run_cli("ingest", str(early), "--db", target, "--batch-size", str(BATCH),
                   "--no-progress")
    assert proc.returncode == 0, proc.stderr
    before = snapshot(target)
    assert len(before["reports"]) == N_EARLY

    # 2. a bigger ingest over the same store is killed once it has committed new batches
    if backend == "postgres":
        probe = _progress(target, backend, N_EARLY)
    else:
        probe = _progress(target, backend,
                          sum(f.stat().st_size for f in (Path(target), Path(target + ".wal"))
                              if f.exists()))
    killed = subprocess.Popen([CLI, "ingest", str(everything), "--db", target, "--batch-size",
                               str(BATCH), "--no-progress"], env=child_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(probe, timeout=120, interval=0.01), "the ingest committed nothing"
        time.sleep(random.Random(backend).uniform(0.2, 0.8))
        killed.send_signal(signal.SIGKILL)
    finally:
        killed.wait(30)
    assert killed.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"

    # 3. after the crash: whole batches, nothing earlier changed, no orphans or duplicates
    after_kill = snapshot(target)
    for table, rows in before.items():
        assert rows <= after_kill[table], f"{table}: rows stored before the crash changed"
    with open_store(target, busy_timeout=30) as store:
        assert integrity_problems(store) == []
        n_killed = store.count_reports()
    assert N_EARLY < n_killed < distinct, n_killed
    assert (n_killed - N_EARLY) % BATCH == 0, "a partial batch was committed"

    # 4. the same ingest again completes the store: every report exactly once
    proc = run_cli("ingest", str(everything), "--db", target, "--batch-size", str(BATCH),
                   "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert f"{distinct - n_killed} added" in proc.stdout, proc.stdout
    final = snapshot(target)
    for table, rows in after_kill.items():
        assert rows <= final[table], f"{table}: rows stored before the re-run changed"
    with open_store(target, busy_timeout=30) as store:
        assert integrity_problems(store) == []
        assert store.count_reports() == distinct
        recovered = store_digest(store, with_times=False)
        counts = store_counts(store)
        digest = store_digest(store)

    # ... with the same content as the same two ingests without a crash
    for source in (early, everything):
        proc = run_cli("ingest", str(source), "--db", reference_target, "--batch-size",
                       str(BATCH), "--no-progress")
        assert proc.returncode == 0, proc.stderr
    with open_store(reference_target, busy_timeout=30) as store:
        assert store_digest(store, with_times=False) == recovered
        assert store_counts(store) == counts

    # 5. idempotence: a third run changes nothing, not even ingestion times
    proc = run_cli("ingest", str(everything), "--db", target, "--batch-size", str(BATCH),
                   "--no-progress")
    assert proc.returncode == 0, proc.stderr
    assert "0 added" in proc.stdout and f"{distinct} already stored" in proc.stdout
    with open_store(target, busy_timeout=30) as store:
        assert store_digest(store) == digest
        assert store_counts(store) == counts


@pytest.mark.parametrize("backend", ["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_reingesting_mixed_inputs_changes_nothing(request, tmp_path, backend):
    """The demo inputs (txt, JSONL, CSV, HTML) twice, and again in another order."""
    target = (request.getfixturevalue("new_pg_url")() if backend == "postgres"
              else str(tmp_path / "store.duckdb"))
    examples = REPO / "examples"
    first = run_cli("ingest", str(examples), "--db", target, "--no-progress")
    assert first.returncode == 0, first.stderr
    with open_store(target) as store:
        digest, counts = store_digest(store), store_counts(store)
        assert counts["reports"] > 10 and counts["figures"] > 20
        assert integrity_problems(store) == []
    parts = sorted(str(p) for p in examples.iterdir() if p.is_dir())
    for args in ([str(examples)], list(reversed(parts)), [str(examples), str(examples)]):
        again = run_cli("ingest", *args, "--db", target, "--no-progress", "--batch-size", "3")
        assert again.returncode == 0, again.stderr
        assert " 0 added" in again.stdout, again.stdout
        with open_store(target) as store:
            assert store_digest(store) == digest
            assert store_counts(store) == counts


EXPORT_LOOP = textwrap.dedent("""
    import sys
    from strikeledger.export import export
    from strikeledger.incidents import build_incidents
    from strikeledger.store import open_store
    with open_store(sys.argv[1]) as store:
        records = list(store.records())
    sets = [build_incidents(records[: len(records) // 3]), build_incidents(records)]
    out = sys.argv[2]
    print("ready", flush=True)
    i = 0
    while True:
        incidents = sets[i % 2]
        for fmt in ("csv", "jsonl", "parquet"):
            export(incidents, fmt, f"{out}/{fmt}")
        export(incidents, "geojson", f"{out}/incidents.geojson")
        export(incidents, "acled", f"{out}/acled.csv")
        i += 1
""")


KILLS = 8


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def _temporaries(folder: Path) -> list[Path]:
    """A killed writer's hidden ``.NAME.*.tmp`` files (not the export manifest)."""
    return [p for p in folder.rglob(".*.tmp") if p.is_file()]


@pytest.mark.slow
def test_sigkill_during_export_never_leaves_a_half_file(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 300, seed=33)
    db = str(tmp_path / "store.duckdb")
    assert run_cli("ingest", str(corpus), "--db", db, "--no-progress").returncode == 0

    # the two complete versions every file must equal, whenever the writer dies
    from strikeledger.export import export
    from strikeledger.incidents import build_incidents
    with open_store(db) as store:
        records = list(store.records())
    versions = []
    started = time.monotonic()
    for k, subset in enumerate((records[: len(records) // 3], records)):
        folder = tmp_path / f"version{k}"
        folder.mkdir()
        incidents = build_incidents(subset)
        for fmt in ("csv", "jsonl", "parquet"):
            export(incidents, fmt, folder / fmt)
        export(incidents, "geojson", folder / "incidents.geojson")
        export(incidents, "acled", folder / "acled.csv")
        versions.append(_files(folder))
    # kills land anywhere in a round of the loop, however slow the (shared) machine is
    round_seconds = (time.monotonic() - started) / 2
    assert set(versions[0]) == set(versions[1]) and len(versions[0]) == 14
    assert all(versions[0][n] != versions[1][n] for n in versions[0])

    out = tmp_path / "out"
    out.mkdir()
    rng = random.Random(8)
    kills = interrupted = 0
    for _ in range(KILLS):
        proc = subprocess.Popen([sys.executable, "-c", EXPORT_LOOP, db, str(out)],
                                env=child_env(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
            time.sleep(rng.uniform(0.05, max(1.5, 1.2 * round_seconds)))
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.wait(30)
            proc.stdout.close()
            proc.stderr.close()
        kills += 1
        leftovers = _temporaries(out)
        interrupted += bool(leftovers)
        for name, data in _files(out).items():
            assert data in (versions[0][name], versions[1][name]), \
                f"{name} is neither complete version after a kill ({len(data)} bytes)"
        for p in leftovers:  # a killed writer cannot remove its temporary file
            p.unlink()
    assert kills == KILLS
    print(f"\nexport: {kills} kills, {interrupted} landed during a write")
    assert interrupted >= 2, "the kills never landed during a write: the test proved nothing"
    # whatever the kills left, every file there is still the export's own (its manifest
    # knew each new file before the rename): a full export replaces them without force
    full = build_incidents(records)
    for fmt in ("csv", "jsonl", "parquet"):
        export(full, fmt, out / fmt)
    export(full, "geojson", out / "incidents.geojson")
    export(full, "acled", out / "acled.csv")
    assert _files(out) == versions[1]


@pytest.mark.parametrize("backend", ["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_count_too_big_for_the_store_does_not_stop_the_ingest(request, tmp_path, backend):
    target = (request.getfixturevalue("new_pg_url")() if backend == "postgres"
              else str(tmp_path / "store.duckdb"))
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Russia launched 500 drones at Kyiv; four people were killed.\n")
    (inputs / "b.txt").write_text("Russia launched 99999999999999999999 drones at Kyiv overnight.\n")
    (inputs / "c.txt").write_text("Eight people were injured in Kharkiv after a missile strike.\n")
    proc = run_cli("ingest", str(inputs), "--db", target, "--no-progress")
    assert "Traceback" not in proc.stderr
    with open_store(target) as store:
        stored = {r["report_id"] for r in store.reports()}
    assert {"a", "c"} <= stored
