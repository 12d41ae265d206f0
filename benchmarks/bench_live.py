"""How soon `strikeledger watch` stores a report file after it lands in the folder.

Starts a real watcher process on a temp folder, moves invented report files into it one
at a time, and times each from the rename to the watcher's line for it. The baseline,
measured in the same run: the same reports ingested by the library in this process, the
store opened and closed each time as the watcher does (extraction and storage alone,
no watching, no settling). Prints median and p95 of both and their ratio.

    python benchmarks/bench_live.py [--files 15] [--settle 0.5]

Run it on an idle core (`taskset -c 0 ...`) for figures worth comparing.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def report(i: int) -> str:
    return (f"date 2025-08-{1 + i % 28:02d}\nRussia launched {40 + i} drones and {i % 5 + 1} "
            f"missiles at Ukraine overnight, the Air Force said; air defence downed {30 + i} "
            f"drones. In Kharkiv, {i % 4 + 1} people were injured, Governor Oleh Syniehubov "
            f"said. Benchmark report number {i}.\n")


def p95(xs: list[float]) -> float:
    return sorted(xs)[max(0, round(0.95 * len(xs)) - 1)]


def baseline(n: int, work: Path) -> list[float]:
    from strikeledger.ingest.live import ingest_reports
    from strikeledger.ingest.readers import read_reports
    from strikeledger.store import open_store

    db = work / "baseline.duckdb"
    src = work / "baseline"
    src.mkdir()
    times = []
    for i in range(-1, n):        # the first one warms the extractor up, as in the watcher
        f = src / f"b{i + 1000}.txt"
        f.write_text(report(i + 1000), encoding="utf-8")
        t = time.perf_counter()
        with open_store(db) as store:
            ingest_reports(store, read_reports([f]), lambda e: None)
        if i >= 0:
            times.append(time.perf_counter() - t)
    return times


def watch_latency(n: int, settle: float, work: Path) -> list[float]:
    folder, staging = work / "inbox", work / "staging"
    folder.mkdir()
    staging.mkdir()
    (folder / "warm.txt").write_text(report(9999), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "strikeledger.cli", "watch", str(folder),
                             "--db", str(work / "watch.duckdb"), "--settle", str(settle)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    seen: dict[str, float] = {}

    def read() -> None:
        for line in proc.stdout:
            name = line.split(":", 1)[0].strip()
            seen.setdefault(name, time.perf_counter())

    threading.Thread(target=read, daemon=True).start()
    try:
        deadline = time.monotonic() + 300
        while "warm.txt" not in seen:
            assert time.monotonic() < deadline and proc.poll() is None, "watcher did not start"
            time.sleep(0.01)
        times = []
        for i in range(n):
            name = f"r{i:04d}.txt"
            (staging / name).write_text(report(i), encoding="utf-8")
            t = time.perf_counter()
            (staging / name).rename(folder / name)
            while name not in seen:
                assert time.monotonic() < deadline and proc.poll() is None, f"{name} not read"
                time.sleep(0.005)
            times.append(seen[name] - t)
        return times
    finally:
        proc.terminate()
        proc.wait(60)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=15)
    ap.add_argument("--settle", type=float, default=0.5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = baseline(args.files, work)
        watched = watch_latency(args.files, args.settle, work)
    print(f"{'':28} {'median s':>9} {'p95 s':>9}")
    print(f"{'library ingest (baseline)':28} {statistics.median(base):9.3f} {p95(base):9.3f}")
    print(f"{f'watch, --settle {args.settle:g}':28} {statistics.median(watched):9.3f} "
          f"{p95(watched):9.3f}")
    print(f"watch / baseline (median): {statistics.median(watched) / statistics.median(base):.1f}x;"
          f" watch minus settle: {statistics.median(watched) - args.settle:.3f} s")


if __name__ == "__main__":
    main()
