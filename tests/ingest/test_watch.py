"""`strikeledger watch FOLDER`: a real watcher process and a folder written while it runs."""
from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest

if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from procs import Proc  # noqa: E402
from strikeledger.ingest.watch import Settler
from strikeledger.store import open_store

# invented reports
KHARKIV = "date 2025-05-02\nTwo drones hit Kharkiv overnight, injuring three people, the governor said.\n"
KHARKIV_REVISED = ("date 2025-05-02\nTwo drones hit Kharkiv overnight, injuring five people, "
                   "the governor said.\n")
SUMY = "date 2025-05-03\nA guided bomb struck Sumy on Saturday, killing one man.\n"
ODESA = "date 2025-05-04\nRussia launched 40 drones at Odesa Oblast overnight; 31 were downed.\n"
LINES = [{"id": f"wire-{i}", "text": f"Air defence downed {i + 3} drones over Kyiv Oblast overnight.",
          "published": "2025-05-05"} for i in range(6)]


def test_settler_waits_until_a_file_is_still(tmp_path):
    t0 = 1_750_000_000.0
    f = tmp_path / "a.txt"

    def write(text, at):
        f.write_text(text)
        os.utime(f, (at, at))

    write("x", t0)
    s = Settler(settle=1.0)
    s.saw(f)
    assert s.ready(now=t0 + 0.2) == []             # just written
    write("xy", t0 + 0.8)                          # still being written
    assert s.ready(now=t0 + 0.9) == []
    assert s.ready(now=t0 + 1.5) == []             # unchanged for 0.6 s of our watch
    assert s.ready(now=t0 + 2.0) == [f]            # unchanged for 1.1 s
    assert len(s) == 0


def test_settler_trusts_its_own_watch_over_a_future_mtime(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("x")
    os.utime(f, (2e9, 2e9))                        # a clock ahead of ours
    s = Settler(settle=1.0)
    s.saw(f)
    assert s.ready(now=1e9) == []
    assert s.ready(now=1e9 + 1.0) == [f]


def test_settler_hands_out_old_files_at_once_and_forgets_deleted_ones(tmp_path):
    old, gone = tmp_path / "old.txt", tmp_path / "gone.txt"
    old.write_text("x")
    gone.write_text("y")
    s = Settler(settle=1.0)
    s.saw(old)
    s.saw(gone)
    gone.unlink()
    assert s.ready(now=old.stat().st_mtime + 5) == [old]
    assert len(s) == 0


@pytest.mark.slow
def test_watch_ingests_what_appears_and_changes(tmp_path):
    folder, db = tmp_path / "inbox", tmp_path / "store.duckdb"
    folder.mkdir()
    (folder / "kharkiv.txt").write_text(KHARKIV, encoding="utf-8")      # there before
    proc = Proc("watch", folder, "--db", db, "--settle", "0.8")
    try:
        proc.wait_for("kharkiv.txt: 1 report(s) read: 1 added")
        # a new file in new subfolders, written before their watches can be in place
        (folder / "north" / "sumy").mkdir(parents=True)
        (folder / "north" / "sumy" / "sumy.txt").write_text(SUMY, encoding="utf-8")
        proc.wait_for("sumy.txt: 1 report(s) read: 1 added")
        # a bad file: one line naming it, and the watch goes on
        (folder / "blank.txt").write_text("  \n", encoding="utf-8")
        proc.wait_for(f"{folder / 'blank.txt'}: empty file", on="err")
        # a file written slowly, pausing shorter than --settle: read once, whole
        slow = folder / "wire.jsonl"
        with slow.open("w", encoding="utf-8") as f:
            for i, line in enumerate(LINES):
                text = json.dumps(line)
                f.write(text[:20])
                f.flush()
                time.sleep(0.15)
                f.write(text[20:] + "\n")
                f.flush()
                time.sleep(0.15)
        proc.wait_for("wire.jsonl: 6 report(s) read: 6 added, 0 already stored; 0 input error(s)")
        # written elsewhere and moved in: one event for the final name
        tmp = tmp_path / "odesa.txt"
        tmp.write_text(ODESA, encoding="utf-8")
        tmp.rename(folder / "odesa.txt")
        proc.wait_for("odesa.txt: 1 report(s) read: 1 added")
        # a changed file: the new text is a new version
        (folder / "kharkiv.txt").write_text(KHARKIV_REVISED, encoding="utf-8")
        proc.wait_for(lambda: proc.count("kharkiv.txt: 1 report(s) read: 1 added") == 2)
        # hidden files and unknown suffixes are not input
        (folder / ".draft.txt").write_text(SUMY + "draft", encoding="utf-8")
        (folder / "notes.md").write_text(SUMY, encoding="utf-8")
        (folder / "sumy-again.txt").write_text(SUMY, encoding="utf-8")   # same text, new name
        proc.wait_for("sumy-again.txt: 1 report(s) read: 0 added, 1 already stored")
        assert proc.stop(signal.SIGTERM) == 0
    finally:
        proc.kill()
    assert "stopped: " in proc.out[-1] and "10 report(s) added" in proc.out[-1]
    assert "Traceback" not in proc.stderr
    assert proc.count("wire.jsonl") == 1 and "draft" not in proc.stdout
    assert "notes.md" not in proc.stdout
    with open_store(db) as store:
        assert store.count_reports() == 10
        versions = [r for r in store.reports(limit=None) if r["report_id"] == "kharkiv"]
        assert len(versions) == 2                    # the older text stays beside the new


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_a_restart_reads_only_whats_new(tmp_path):
    folder, db = tmp_path / "inbox", tmp_path / "store.duckdb"
    folder.mkdir()
    (folder / "sumy.txt").write_text(SUMY, encoding="utf-8")
    proc = Proc("watch", folder, "--db", db, "--settle", "0.3")
    try:
        proc.wait_for("sumy.txt: 1 report(s) read: 1 added")
        assert proc.stop(signal.SIGINT) == 0
    finally:
        proc.kill()
    assert "stopped: 1 file(s) read, 1 report(s) added" in proc.stdout
    assert "Traceback" not in proc.stderr and "KeyboardInterrupt" not in proc.stderr
    # written while no watcher ran: the next start's first pass reads it
    (folder / "odesa.txt").write_text(ODESA, encoding="utf-8")
    proc = Proc("watch", folder, "--db", db, "--settle", "0.3")
    try:
        proc.wait_for("2 report(s) read: 1 added, 1 already stored")
        assert proc.stop() == 0
    finally:
        proc.kill()
    with open_store(db) as store:
        assert store.count_reports() == 2


def test_watch_refuses_a_file(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(SUMY)
    proc = Proc("watch", f, "--db", tmp_path / "s.duckdb")
    assert proc.p.wait(60) == 1
    proc.stop()
    assert "not a folder" in proc.stderr and "Traceback" not in proc.stderr
