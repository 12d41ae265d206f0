"""Two (or more) ingests into one store at the same time.

DuckDB allows one writer process per file: of two ``strikeledger ingest`` runs at once,
the second waits its turn (up to ``--wait`` seconds, saying so once), or past its wait
fails with a clear StoreBusyError message (no traceback) and leaves the store intact. PostgreSQL takes many
writers: concurrent ingests of overlapping inputs must all succeed, store every report
exactly once between them, and leave no orphan or missing child rows.
"""
from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from relhelp import CLI, child_env, integrity_problems, run_cli, wait_for, write_corpus
from strikeledger.store import open_store

INGEST = textwrap.dedent("""
    import sys, time
    from strikeledger.errors import StoreBusyError
    from strikeledger.ingest.run import ingest_paths
    from strikeledger.store import open_store
    target, path, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
    t0 = time.monotonic()
    try:
        store = open_store(target, busy_timeout=timeout)
    except StoreBusyError as e:
        print("BUSY", round(time.monotonic() - t0, 2), e, flush=True)
        sys.exit(3)
    print("OPEN", round(time.monotonic() - t0, 2), flush=True)
    with store:
        result = ingest_paths([path], store, batch_size=25)
    print("ADDED", result.added, flush=True)
""")


def _added(stdout: str) -> int:
    m = re.search(r"(\d+) added", stdout)
    assert m, stdout
    return int(m.group(1))


def _check_store(target: str, want: int) -> None:
    with open_store(target, busy_timeout=30) as store:
        assert integrity_problems(store) == []
        assert store.count_reports() == want
        assert sum(1 for _ in store.records()) == want  # every stored record still validates


@pytest.fixture
def corpora(tmp_path) -> tuple[Path, Path, int]:
    """Two overlapping inputs (reports 0-299 and 150-449) and their distinct texts."""
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    rows = write_corpus(a, 300, seed=41) + write_corpus(b, 300, seed=41, start=150)
    return a, b, len({r["text"] for r in rows})


def _first_ingest(folder, db: str) -> subprocess.Popen:
    """An `ingest` in the background, returned once it holds the DuckDB file."""
    first = subprocess.Popen([CLI, "ingest", str(folder), "--db", db, "--no-progress",
                              "--batch-size", "25"], env=child_env(), text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert wait_for(lambda: Path(db).exists(), timeout=60), "the first ingest never opened"
    return first


@pytest.mark.slow
def test_duckdb_second_ingest_waits_its_turn_with_a_message(tmp_path, corpora):
    """Issue 18, finding 5: a second `ingest` on a busy DuckDB file exited at once ("in use
    by another process") instead of waiting its turn. Now it says so once and waits (up
    to --wait seconds), then adds only what is new."""
    a, b, distinct = corpora
    db = str(tmp_path / "store.duckdb")
    first = _first_ingest(a, db)
    second = run_cli("ingest", str(b), "--db", db, "--no-progress", "--batch-size", "25")
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    message = " ".join(second.stderr.split())
    assert message.count("in use by another process; waiting up to 600 s") == 1, message
    assert _added(out) == 300 and _added(second.stdout) == distinct - 300
    _check_store(db, distinct)


@pytest.mark.slow
def test_duckdb_ingest_gives_up_after_its_wait_clearly(tmp_path, corpora):
    a, b, distinct = corpora
    db = str(tmp_path / "store.duckdb")
    first = _first_ingest(a, db)
    second = run_cli("ingest", str(b), "--db", db, "--no-progress", "--wait", "0.5")
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert second.returncode == 1
    assert "Traceback" not in second.stderr
    message = " ".join(second.stderr.split())
    assert "in use by another process" in message and "one writer process" in message
    _check_store(db, 300)

    # the refused ingest, run again now, adds only what is new
    again = run_cli("ingest", str(b), "--db", db, "--no-progress")
    assert again.returncode == 0, again.stderr
    assert _added(again.stdout) == distinct - 300
    _check_store(db, distinct)


@pytest.mark.slow
def test_duckdb_busy_timeout_waits_for_the_writer_then_ingests(tmp_path, corpora):
    a, b, distinct = corpora
    db = str(tmp_path / "store.duckdb")
    first = subprocess.Popen([sys.executable, "-c", INGEST, db, str(a), "0"], env=child_env(),
                             text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert first.stdout.readline().startswith("OPEN")
        impatient = subprocess.run([sys.executable, "-c", INGEST, db, str(b), "0.5"],
                                   env=child_env(), text=True, capture_output=True, timeout=120)
        patient = subprocess.Popen([sys.executable, "-c", INGEST, db, str(b), "120"],
                                   env=child_env(), text=True, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE)
        out, err = patient.communicate(timeout=300)
    finally:
        rest, first_err = first.communicate(timeout=300)
    assert first.returncode == 0, first_err
    assert impatient.returncode == 3, impatient.stderr
    assert impatient.stdout.startswith("BUSY") and "waited 0.5 s" in impatient.stdout
    assert patient.returncode == 0, err
    waited = float(out.split()[1])
    assert waited > 0.2, "the second writer did not wait for the first"
    added_first = int(rest.split()[-1])
    added_second = int(out.split()[-1])
    assert added_first == 300 and added_first + added_second == distinct
    _check_store(db, distinct)


@pytest.mark.slow
@pytest.mark.postgres
def test_postgres_concurrent_ingests_all_succeed_without_duplicates(tmp_path, corpora,
                                                                  new_pg_url):
    a, b, distinct = corpora
    url = new_pg_url()
    inputs = [a, b, a, b]  # four writers, every report offered by two of them
    procs = [subprocess.Popen([CLI, "ingest", str(p), "--db", url, "--no-progress",
                               "--batch-size", "20"], env=child_env(), text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for p in inputs]
    results = [p.communicate(timeout=600) for p in procs]
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    assert sum(_added(out) for out, _ in results) == distinct
    _check_store(url, distinct)


@pytest.mark.postgres
def test_postgres_concurrent_library_writers_of_the_same_batch(new_pg_url):
    """Threads in one process, each with its own Store, adding the same pairs at once."""
    import threading

    from strikeledger.extract.pipeline import extract_record
    from strikeledger.model import Report
    from relhelp import templates
    url = new_pg_url()
    reports = [Report(report_id=r["id"], text=r["text"]) for r in templates().reports(60, seed=3)]
    pairs = [(r, extract_record(r)) for r in reports]
    added, errors = [], []
    start = threading.Barrier(6)

    def write(k: int) -> None:
        try:
            with open_store(url) as store:
                start.wait()
                order = pairs if k % 2 else list(reversed(pairs))
                added.append(store.add_many(order, batch_size=7).added)
        except Exception as exc:  # reported below
            errors.append(exc)
    threads = [threading.Thread(target=write, args=(k,)) for k in range(6)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert sum(added) == len({r.text for r in reports})
    assert time.monotonic() - t0 < 120
    _check_store(url, len({r.text for r in reports}))
