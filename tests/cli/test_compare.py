"""`strikeledger compare`: the store's launched/downed against a reference file."""
from __future__ import annotations

from cli_data import run, write_reference

def test_agreement_per_date(db, tmp_path):
    ref = write_reference(tmp_path / "ref.csv", [
        {"time_start": "2025-05-31 18:00", "time_end": "2025-06-01 09:00",
         "model": "Shahed-136/131", "launched": "90", "destroyed": "80", "source": "kpszsu/posts/invented"},
        {"time_start": "2025-05-31 18:00", "time_end": "2025-06-01 09:00",
         "model": "Kh-101", "launched": "5", "destroyed": "4", "source": "kpszsu/posts/invented"},
        {"time_start": "2025-06-07 18:00", "time_end": "2025-06-08 09:00",
         "model": "Zircon-Z9", "launched": "3", "destroyed": "0", "source": "kpszsu/posts/invented"},
    ])
    result = run("compare", ref, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "2025-06-01" in result.stdout
    assert "1 date(s) in both" in result.stdout
    # an unknown weapon model is left out, and the library's log line reaches stderr
    assert "Zircon-Z9" in result.stdout


def test_missing_reference_file(db, tmp_path):
    result = run("compare", tmp_path / "none.csv", "--db", db)
    assert result.exit_code == 1
    assert "none.csv: no such file" in result.stderr
