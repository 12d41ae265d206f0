"""`strikeledger extract`: one contract record per report, no store."""
from __future__ import annotations

import json

from cli_data import REPORTS, run


def test_prints_one_record_per_report(reports_dir):
    result = run("extract", reports_dir)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(r["report_id"] for r in records) == sorted(REPORTS)
    af = next(r for r in records if r["report_id"] == "af-2025-06-01")
    assert {(f["kind"], f["value"]) for f in af["figures"]} == {
        ("drones_launched", 90), ("missiles_launched", 5), ("drones_downed", 80),
        ("missiles_downed", 4)}


def test_output_file_holds_the_same_records(reports_dir, tmp_path):
    out = tmp_path / "records.jsonl"
    result = run("extract", reports_dir / "af-2025-06-01.txt", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    [record] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert record["attack"]["date"] == "2025-06-01"


def test_bad_file_is_named_and_the_batch_goes_on(reports_dir, tmp_path):
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"id": "x", "text": "Two drones were shot down."}\nnot json\n',
                   encoding="utf-8")
    result = run("extract", bad, reports_dir / "af-2025-06-01.txt")
    assert result.exit_code == 1
    assert f"{bad}:2" in result.stderr
    assert "1 input(s) failed; 2 report(s) extracted" in result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_folder_without_reports_is_an_error(tmp_path):
    """Regression (issue 16): a folder of PDFs gave "0 report(s)" and exit 0."""
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    result = run("extract", tmp_path)
    assert result.exit_code == 1
    assert f"no reports found under {tmp_path} (looked for *.csv," in result.stderr
    assert result.stdout == ""


def test_partitions_without_a_default_number_in_help():
    """Regression (issue 16): help said "[default: 0]" beside "default: 4 per worker"."""
    result = run("extract", "--help")
    assert "default: 4 per worker thread" in result.stdout
    assert "[default: 0]" not in result.stdout
