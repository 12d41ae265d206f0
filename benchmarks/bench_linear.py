"""Benchmark: extraction's cost per character by input shape and size (is it linear?).

    .venv/bin/python benchmarks/bench_linear.py                      # sizes 10k 100k 1M 5M
    .venv/bin/python benchmarks/bench_linear.py --sizes 10000 100000 --shapes kyiv-dot numbers

Normal reports (our English test sets, one report at a time) give the reference cost per
character. Each pathological shape is then extracted at each size, and its cost per
character is printed with its ratio to the reference; the target is at most 2x for every
text up to 5 MB. Costs are CPU time of this process (a shared machine slows the wall
clock, not the work), the median of ``--repeat`` runs, pinned to ``--core``. The time
budget is off here: the point is to see how long a shape would take.

Exit code 1 when a ratio is over ``--limit`` (default 2.0); with ``--report-only`` (as
CI runs it: a timing on a shared machine is no test) the ratio is printed as OVER the limit
and the exit code stays 0.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_ENGLISH = {"uk", "ru"}


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


SHAPES = {
    # the cases: repeated place names, repeated numbers, one giant sentence, no
    # punctuation, deeply nested quotes and brackets
    "kyiv-dot": lambda n: _repeat("Kyiv. ", n),
    "kyiv-caps": lambda n: _repeat("KYIV ", n),
    "numbers": lambda n: _repeat("5 ", n),
    "counted-numbers": lambda n: _repeat("5 drones, ", n),
    "giant-sentence": lambda n: _repeat("Russia launched 50 drones at Kyiv and 3 people were killed in Odesa "
                                        "and a school was damaged and ", n),
    "no-punctuation": lambda n: _repeat("russia launched drones at kyiv three people were killed ", n),
    "nested": lambda n: "(\"[" * (n // 6) + "]\")" * (n // 6),
    "one-word": lambda n: "a" * n,
}


def _cpu(fn) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def reference(repeat: int) -> float:
    """CPU seconds per character of normal reports, one at a time."""
    from strikeledger.extract.pipeline import extract_record
    from strikeledger.model import Report

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "cases").glob("*/*.txt"))
             if p.parent.name not in NOT_ENGLISH]
    reports = [Report(report_id=str(i), text=t) for i, t in enumerate(texts)]
    chars = sum(len(t) for t in texts)
    runs = [_cpu(lambda: [extract_record(r, budget=None) for r in reports]) for _ in range(repeat)]
    return statistics.median(runs) / chars


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000, 5_000_000])
    ap.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    ap.add_argument("--repeat", type=int, default=3, help="runs per cell; the median counts")
    ap.add_argument("--core", type=int, default=0)
    ap.add_argument("--limit", type=float, default=2.0, help="the highest ratio to normal reports allowed")
    ap.add_argument("--report-only", action="store_true",
                    help="print a ratio over the limit, but exit 0")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.core})

    from strikeledger.extract.pipeline import extract_record
    from strikeledger.model import Report

    ref = reference(args.repeat)
    print(f"normal reports: {ref * 1e6:.2f} us of CPU per character (median of {args.repeat}); "
          f"pinned to core {args.core}; load average {os.getloadavg()[0]:.1f}")
    print(f"{'shape':16s} " + " ".join(f"{n:>16,}" for n in args.sizes) + "   (us/char, x normal)")
    worst = 0.0
    for name in args.shapes:
        cells = []
        for n in args.sizes:
            report = Report(report_id=name, text=SHAPES[name](n))
            runs = [_cpu(lambda: extract_record(report, budget=None)) for _ in range(args.repeat)]
            per = statistics.median(runs) / len(report.text)
            worst = max(worst, per / ref)
            cells.append(f"{per * 1e6:8.2f} {per / ref:5.1f}x")
        print(f"{name:16s} " + " ".join(f"{c:>16s}" for c in cells))
    verdict = "within" if worst <= args.limit else "OVER"
    print(f"worst: {worst:.1f}x normal ({verdict} the limit of {args.limit:g}x)")
    return 0 if worst <= args.limit or args.report_only else 1


if __name__ == "__main__":
    sys.exit(main())
