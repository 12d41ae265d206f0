"""`strikeledger figures`: stored figures as a table or JSON lines."""
from __future__ import annotations

import json

from cli_data import run


def test_json_lines_filtered_by_kind(db):
    result = run("figures", "--db", db, "--kind", "drones_launched", "--json")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert sorted(r["value"] for r in rows) == [40, 90, 120]
    assert all(r["kind"] == "drones_launched" for r in rows)


def test_table_filtered_by_dates_and_oblast(db):
    result = run("figures", "--db", db, "--from", "2025-06-05", "--to", "2025-06-30")
    assert result.exit_code == 0, result.stderr
    assert "2025-06-08" in result.stdout and "2025-06-01" not in result.stdout
    assert result.stdout.rstrip().endswith("2 figure(s)")
    kharkiv = run("figures", "--db", db, "--oblast", "kharkiv", "--json")
    assert {json.loads(x)["kind"] for x in kharkiv.stdout.splitlines()} == {"killed",
                                                                             "injured"}


def test_limit(db):
    result = run("figures", "--db", db, "--limit", "3", "--json")
    assert len(result.stdout.splitlines()) == 3


def test_missing_store_is_refused(tmp_path):
    """Regression (issue 16): a mistyped --db created an empty store and exited 0."""
    db = tmp_path / "typo.duckdb"
    result = run("figures", "--db", db)
    assert result.exit_code == 2
    assert f"no store at {db}" in result.stderr
    assert not db.exists()
