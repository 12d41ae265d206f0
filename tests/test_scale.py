"""Scale-out on Dask: the same records as the single-process run, errors still reported."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from strikeledger.errors import InputError
from strikeledger.ingest.run import RunResult, extracted
from strikeledger.model import Report
from strikeledger import scale
from strikeledger.scale import extract_partition, extract_with_dask, partition_reports

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases" / "reports"
sys.path.insert(0, str(ROOT / "benchmarks"))
import templates  # noqa: E402

STRIKELEDGER = Path(sys.executable).parent / "strikeledger"
BROKEN_LINE = 4


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A folder of .txt reports (generated and the hand-written cases) and a JSONL file
    with one line that is not JSON."""
    root = tmp_path_factory.mktemp("corpus")
    for i, rep in enumerate(templates.reports(24, seed=11)):
        (root / f"{rep['id']}.txt").write_text(rep["text"], encoding="utf-8")
    for case in sorted(CASES.glob("*.txt")):
        shutil.copy(case, root / case.name)
    lines = [json.dumps(r) for r in templates.reports(12, seed=12)]
    lines.insert(BROKEN_LINE - 1, '{"id": "broken", "text": ')
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def expected_reports(corpus: Path) -> int:
    return 24 + len(list(CASES.glob("*.txt"))) + 12


def test_partition_reports_cuts_by_count_and_reports_read_errors():
    reports = [Report(report_id=f"r{i}", text=f"Report {i}.") for i in range(7)]
    bad = InputError("not JSON", path="feed.jsonl", line=3)
    seen: list[InputError] = []
    result = RunResult()
    parts = list(partition_reports([*reports[:3], bad, *reports[3:]], seen.append, result,
                                   max_reports=3))
    assert [[r.report_id for r in p] for p in parts] == [["r0", "r1", "r2"],
                                                       ["r3", "r4", "r5"], ["r6"]]
    assert seen == [bad]
    assert result.errors == ["feed.jsonl:3: not JSON"]


def test_partition_reports_cuts_by_size():
    reports = [Report(report_id=f"r{i}", text="x" * 40) for i in range(5)]
    parts = list(partition_reports(reports, lambda e: None, max_reports=100, max_chars=100))
    assert [len(p) for p in parts] == [3, 2]


def test_extract_partition_returns_lines_and_errors(monkeypatch):
    good = Report(report_id="good", text="Three people were killed in Kharkiv overnight.")
    crash = Report(report_id="crash", text="Boom.", origin="in.jsonl:9")
    from strikeledger.extract import pipeline

    real = pipeline.extract_record

    def fake(report, **options):
        if report.report_id == "crash":
            raise ValueError("boom")
        return real(report, **options)
    monkeypatch.setattr(pipeline, "extract_record", fake)
    out = extract_partition([good, crash])
    assert out[0][0] == "ok"
    assert json.loads(out[0][1])["report_id"] == "good"
    assert out[1] == ("error", "extraction failed: ValueError: boom", "in.jsonl:9", None)


def test_extract_with_dask_matches_single_process_in_order(corpus):
    single_errors: list[InputError] = []
    single = [rec.to_json() for _, rec in extracted([corpus], single_errors.append)]

    errors: list[InputError] = []
    result = RunResult()
    # Small partitions and a window of 2 so that the driver waits on results mid-stream.
    lines = list(extract_with_dask([corpus], address=None, partitions=2, on_error=errors.append,
                                   result=result, partition_size=5))
    assert lines == single
    assert len(lines) == expected_reports(corpus) == result.read
    assert [(e.path, e.line) for e in errors] == [(str(corpus / "feed.jsonl"), BROKEN_LINE)]
    assert [(e.path, e.line) for e in single_errors] == [(str(corpus / "feed.jsonl"), BROKEN_LINE)]
    assert len(result.errors) == 1


@pytest.mark.skipif(not STRIKELEDGER.exists(), reason="strikeledger script not installed")
def test_cli_dask_output_identical_to_single_process(corpus, tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    one = subprocess.run([str(STRIKELEDGER), "extract", str(corpus), "-o", str(a)],
                         capture_output=True, text=True, timeout=600)
    many = subprocess.run([str(STRIKELEDGER), "extract", str(corpus), "--dask", "local",
                           "-o", str(b)], capture_output=True, text=True, timeout=600)
    # The broken JSONL line makes both runs exit 1 after writing everything else.
    assert one.returncode == many.returncode == 1, (one.stderr, many.stderr)
    where = f"feed.jsonl:{BROKEN_LINE}"
    assert where in one.stderr.replace("\n", "")
    assert where in many.stderr.replace("\n", "")

    def records(path: Path) -> list[str]:
        lines = path.read_text(encoding="utf-8").splitlines()
        return sorted(lines, key=lambda line: json.loads(line)["report_id"])
    ra, rb = records(a), records(b)
    assert len(ra) == expected_reports(corpus)
    assert ra == rb
    assert any(json.loads(line)["figures"] for line in ra)
