"""`strikeledger summary`: one line per attack."""
from __future__ import annotations

from cli_data import run


def test_one_line_per_attack(db):
    result = run("summary", "--db", db)
    assert result.exit_code == 0, result.stderr
    lines = [x for x in result.stdout.splitlines() if x.startswith("│ 2025-")]
    assert [x.split("│")[1].strip() for x in lines] == ["2025-06-01", "2025-06-08"]
    first = lines[0]
    assert "90–120 (contested) / 80" in first and "Kharkiv Oblast" in first
    assert "2 attack(s)" in result.stdout


def test_missing_store_is_refused_and_not_created(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)                      # the default ./strikeledger.duckdb
    result = run("summary")
    assert result.exit_code == 2
    assert "no store at strikeledger.duckdb" in result.stderr
    assert not (tmp_path / "strikeledger.duckdb").exists()
