"""A small run of benchmarks/bench_live.py: it prints both rows and the ratio (no timing
is asserted)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_live.py"


@pytest.mark.slow
def test_watch_latency_benchmark_runs():
    proc = subprocess.run([sys.executable, str(SCRIPT), "--files", "3", "--settle", "0.3"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "library ingest (baseline)" in proc.stdout
    assert "watch, --settle 0.3" in proc.stdout
    assert "watch / baseline (median): " in proc.stdout
