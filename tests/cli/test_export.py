"""`strikeledger export`: files in every format, filtered like `incidents`."""
from __future__ import annotations

import csv
import json
import os
import stat

from cli_data import run


def test_csv_tables_into_a_folder(db, tmp_path):
    out = tmp_path / "tables"
    out.mkdir()
    result = run("export", "csv", "-o", out, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert {p.name for p in out.iterdir()} == {"incidents.csv", "claims.csv", "places.csv",
                                              "damage.csv", ".strikeledger-export.json"}
    with open(out / "incidents.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["incident_id"] for r in rows] == ["2025-06-01", "2025-06-08"]
    assert "2 incident(s) exported" in result.stdout


def test_one_table_to_a_file_with_filters(db, tmp_path):
    out = tmp_path / "claims.jsonl"
    result = run("export", "jsonl", "--table", "claims", "-o", out, "--db", db,
                 "--oblast", "odesa")
    assert result.exit_code == 0, result.stderr
    claims = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert {c["incident_id"] for c in claims} == {"2025-06-08"}


def test_geojson(db, tmp_path):
    out = tmp_path / "incidents.geojson"
    result = run("export", "geojson", "-o", out, "--db", db)
    assert result.exit_code == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def test_unknown_format(db, tmp_path):
    result = run("export", "xlsx", "-o", tmp_path / "x", "--db", db)
    assert result.exit_code == 1
    assert "xlsx" in result.stderr and "Traceback" not in result.stderr


def test_exports_get_the_usual_file_mode(db, tmp_path):
    """Regression (issue 16): exports were written 0600 (mkstemp's mode, kept by the rename)."""
    old = os.umask(0o022)
    try:
        out = tmp_path / "tables"
        out.mkdir()
        assert run("export", "csv", "-o", out, "--db", db).exit_code == 0
        assert run("export", "parquet", "-o", out, "--table", "claims", "--db", db).exit_code == 0
        assert run("export", "geojson", "-o", out / "i.geojson", "--db", db).exit_code == 0
        assert run("export", "acled", "-o", out / "acled.csv", "--db", db).exit_code == 0
    finally:
        os.umask(old)
    files = sorted(out.iterdir())
    assert len(files) == 8       # 7 exported files and the export manifest
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o644, f


def test_a_users_file_needs_force_and_own_files_do_not(db, tmp_path):
    """Issue 18, finding 3: a user's own incidents.csv was overwritten without a word."""
    mine = tmp_path / "incidents.csv"
    mine.write_text("my notes\n", encoding="utf-8")
    refused = run("export", "csv", "-o", tmp_path, "--db", db)
    assert refused.exit_code == 1
    message = " ".join(refused.stderr.split())
    assert "not written by strikeledger export" in message and "--force" in message
    assert mine.read_text(encoding="utf-8") == "my notes\n"
    forced = run("export", "csv", "-o", tmp_path, "--db", db, "--force")
    assert forced.exit_code == 0, forced.stderr
    again = run("export", "csv", "-o", tmp_path, "--db", db)   # its own files now
    assert again.exit_code == 0, again.stderr


def test_several_tables_to_a_file_name_ask_for_a_folder(db, tmp_path):
    """Issue 18, finding 3: `-o out.txt` for a multi-table format made a directory."""
    result = run("export", "csv", "-o", tmp_path / "out.txt", "--db", db)
    assert result.exit_code == 1
    assert "needs a folder" in " ".join(result.stderr.split())
    assert not (tmp_path / "out.txt").exists()
    one = run("export", "csv", "--table", "incidents", "-o", tmp_path / "out.txt", "--db", db)
    assert one.exit_code == 0, one.stderr
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").startswith("incident_id,")


def test_a_trailing_slash_names_a_new_folder(db, tmp_path):
    result = run("export", "acled", "-o", f"{tmp_path}/new/deeper/", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "new" / "deeper" / "acled.csv").is_file()
