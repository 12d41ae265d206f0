"""`strikeledger ingest`: extract and store; creates the store; re-running adds nothing."""
from __future__ import annotations

from cli_data import REPORTS, run

from strikeledger.store import open_store


def test_creates_the_store_and_is_idempotent(reports_dir, tmp_path):
    db = tmp_path / "new.duckdb"
    first = run("ingest", reports_dir, "--db", db, "--no-progress")
    assert first.exit_code == 0, first.stderr
    n = len(REPORTS)
    assert f"{n} report(s) read: {n} added, 0 already stored; 0 input error(s)" in first.stdout
    again = run("ingest", reports_dir, "--db", db, "--no-progress", "--batch-size", "2")
    assert f"{n} report(s) read: 0 added, {n} already stored" in again.stdout
    with open_store(db) as store:
        assert store.count_reports() == n


def test_empty_folder_is_an_error_and_stores_nothing(tmp_path):
    """Regression (issue 16): an empty folder gave "0 report(s) read" and exit 0."""
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".hidden.txt").write_text("date 2025-01-01\nFive drones.", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = run("ingest", empty, "--db", db, "--no-progress")
    assert result.exit_code == 1
    assert f"no reports found under {empty} (looked for" in result.stderr
    assert "*.txt" in result.stderr and "*.jsonl" in result.stderr


def test_one_empty_folder_among_good_paths_still_ingests_the_rest(reports_dir, tmp_path):
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    db = tmp_path / "s.duckdb"
    result = run("ingest", empty, reports_dir, "--db", db, "--no-progress")
    assert result.exit_code == 1
    assert f"{len(REPORTS)} added" in result.stdout
    assert "no reports found under" in result.stderr


def test_missing_file_is_named(tmp_path):
    result = run("ingest", tmp_path / "nope.txt", "--db", tmp_path / "s.duckdb",
                 "--no-progress")
    assert result.exit_code == 1
    assert f"{tmp_path / 'nope.txt'}: no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr
