"""`check_store` finds what is wrong with a store; `backup` and `restore` round-trip one
(store/check.py, store/backup.py), on DuckDB and on a real PostgreSQL."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from strikeledger.errors import OverwriteRefused, StoreBusyError, StoreError
from strikeledger.ingest.run import extracted
from strikeledger.store import open_store
from strikeledger.store.backup import backup, restore
from strikeledger.store.check import check_store

REPORTS = {
    "kyiv": "Russia launched 120 drones at Kyiv overnight; air defence shot down 110, the Air "
            "Force said. Two people were killed, Mayor Vitali Klitschko said.",
    "odesa": "Drones hit Odesa overnight, injuring six people, Governor Oleh Kiper said. A "
             "school was damaged.",
    "kharkiv": "Four people were killed in Kharkiv after an overnight missile strike, Governor Oleh "
               "Syniehubov said.",
}


@pytest.fixture
def filled(tmp_path, new_target):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / f"{name}.txt").write_text(f"date 2025-05-11\n{text}\n", encoding="utf-8")
    target = new_target()
    with open_store(target) as store:
        store.add_many(extracted([folder], lambda e: None))
    return target


def test_a_healthy_store_checks_ok(filled):
    with open_store(filled) as store:
        result = check_store(store)
    assert result.ok, result.problems
    assert result.reports == 3 and result.incidents == 1


def test_check_finds_a_broken_record_a_moved_span_and_a_lost_row(filled):
    with open_store(filled) as store:
        rows = store._fetch("SELECT uid, report_id, record FROM reports ORDER BY seq", [])
        by_id = {r["report_id"]: r for r in rows}
        record = by_id["kyiv"]["record"]
        record = record if isinstance(record, dict) else json.loads(record)
        record["figures"][0]["evidence"]["start"] += 1            # evidence no longer matches
        store._execute("UPDATE reports SET record = $1 WHERE uid = $2",
                       [json.dumps(record), by_id["kyiv"]["uid"]])
        store._execute("UPDATE reports SET record = $1 WHERE uid = $2",
                       [json.dumps({"report_id": "odesa", "figures": "nope"}),
                        by_id["odesa"]["uid"]])
        store._execute("DELETE FROM places WHERE uid = $1", [by_id["kharkiv"]["uid"]])
        result = check_store(store)
    assert not result.ok
    text = "\n".join(result.problems)
    assert "'kyiv'" in text and "record figure 0: span" in text
    assert "'odesa'" in text and "does not parse as a contract record" in text
    assert "'kharkiv'" in text and "row(s) in places" in text


def test_check_reads_every_block_of_a_duckdb_file(tmp_path):
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        from strikeledger.model import Record, Report
        store.add_many((Report(report_id=f"r{i}", text=f"Report {i}: " + "x" * 500),
                        Record(report_id=f"r{i}")) for i in range(5000))
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    (block,) = con.execute("SELECT max(block_id) FROM pragma_storage_info('reports')"
                           " WHERE column_name = 'text' AND persistent").fetchone()
    con.close()
    with open(db, "r+b") as fh:        # flip bytes inside a block of report texts
        fh.seek(3 * 4096 + block * 262144 + 1000)
        fh.write(b"\xff" * 64)
    with open_store(db) as store:
        assert store.damage is None     # the checks on open cannot see this...
        result = check_store(store)
    assert not result.ok                # ...reading every block does
    assert any("reading the store failed" in p for p in result.problems), result.problems


def test_backup_then_restore_gives_back_the_same_store(tmp_path, filled):
    dest = tmp_path / "backups" / "store.bak"
    backup(filled, dest)
    assert dest.is_file()
    with pytest.raises(OverwriteRefused):
        backup(filled, dest)
    with open_store(filled) as store:
        before = store._fetch("SELECT uid, ingested_at, record FROM reports ORDER BY seq", [])
        store._execute("DELETE FROM weapons")          # damage the live store
        store._execute("DELETE FROM places")
    with pytest.raises(OverwriteRefused):
        restore(dest, filled)
    assert restore(dest, filled, force=True) == 3
    with open_store(filled) as store:
        assert store.damage is None
        after = store._fetch("SELECT uid, ingested_at, record FROM reports ORDER BY seq", [])
        assert after == before
        assert check_store(store).ok


def test_restore_removes_the_old_files_write_ahead_log(tmp_path):
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        from strikeledger.model import Record, Report
        store.add(Report(report_id="a", text="Report a"), Record(report_id="a"))
    backup(db, tmp_path / "b.duckdb")
    (tmp_path / "s.duckdb.wal").write_bytes(b"\x00stale log of the old file" * 100)
    restore(tmp_path / "b.duckdb", db, force=True)
    assert not (tmp_path / "s.duckdb.wal").exists()
    with open_store(db) as store:
        assert store.count_reports() == 1


def test_a_damaged_store_is_not_backed_up_and_a_damaged_backup_not_restored(tmp_path):
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        from strikeledger.model import Record, Report
        store.add_many((Report(report_id=f"r{i}", text=f"Report {i}: " + "y" * 300),
                        Record(report_id=f"r{i}")) for i in range(3000))
    backup(db, tmp_path / "good.bak")
    shutil.copy(tmp_path / "good.bak", tmp_path / "cut.bak")
    os.truncate(tmp_path / "cut.bak", os.path.getsize(tmp_path / "cut.bak") // 2)
    with pytest.raises(StoreError, match="damaged"):
        restore(tmp_path / "cut.bak", tmp_path / "new.duckdb")
    assert not (tmp_path / "new.duckdb").exists()
    os.truncate(db, os.path.getsize(db) * 2 // 3)
    with pytest.raises(StoreError, match="damaged"):
        backup(db, tmp_path / "again.bak")
    assert not (tmp_path / "again.bak").exists()
    restore(tmp_path / "good.bak", db, force=True)      # what a backup is for
    with open_store(db) as store:
        assert store.damage is None and store.count_reports() == 3000


def test_restore_refuses_a_store_another_process_holds(tmp_path):
    import subprocess
    import sys
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        from strikeledger.model import Record, Report
        store.add(Report(report_id="a", text="Report a"), Record(report_id="a"))
    backup(db, tmp_path / "b.bak")
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; "
                               f"c = duckdb.connect({str(db)!r}); print('held', flush=True); "
                               "sys.stdin.read()"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreBusyError, match="in use"):
            restore(tmp_path / "b.bak", db, force=True)
    finally:
        holder.stdin.close()
        holder.wait(30)
