"""The spaCy comparison and the linear-time benchmark as CI runs them (`make bench-ci`).

No timing is asserted here: only that a missing baseline stops the comparison loudly (exit
code 2, a message saying how to install it, no ratio printed), and that the linear-time
benchmark prints its table and keeps its exit code for a ratio over the limit apart from
`--report-only`.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args],
                          capture_output=True, text=True, timeout=600)


def test_missing_baseline_fails_loudly():
    proc = _run("bench_spacy.py", "--model", "no_such_spacy_model_xyz", "--repeat", "1")
    assert proc.returncode == 2
    assert "BASELINE MISSING" in proc.stderr
    assert "no_such_spacy_model_xyz" in proc.stderr
    assert "make bench" in proc.stderr
    assert "x spaCy" not in proc.stdout


@pytest.mark.slow
def test_linear_benchmark_reports_a_ratio_over_the_limit():
    # a limit no extraction can meet: the ratio is printed as OVER; exit 1, or 0 when
    # --report-only (the way CI runs it)
    args = ["--sizes", "2000", "--shapes", "kyiv-dot", "one-word", "--repeat", "1",
            "--limit", "0.0001"]
    failing = _run("bench_linear.py", *args)
    assert failing.returncode == 1, failing.stderr[-2000:]
    assert "OVER the limit" in failing.stdout
    rows = [line.split()[0] for line in failing.stdout.splitlines()[2:-1]]
    assert rows == ["kyiv-dot", "one-word"]
    reported = _run("bench_linear.py", *args, "--report-only")
    assert reported.returncode == 0, reported.stderr[-2000:]
    assert "OVER the limit" in reported.stdout
