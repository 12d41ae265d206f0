"""Benchmark: peak memory of `strikeledger ingest` into DuckDB as the input grows.

    .venv/bin/python benchmarks/bench_ingest_rss.py --sizes 10000 100000
    .venv/bin/python benchmarks/bench_ingest_rss.py --sizes 5000 20000 50000 --mode store

For each N it writes N synthetic reports (benchmarks/templates.py, via
bench_extract.write_corpus) as JSONL shards and measures, in a fresh child process per N,
the peak RSS (VmHWM) and the reports/s of:

  --mode ingest (default): ``ingest_paths`` into a new DuckDB file, exactly what
      ``strikeledger ingest`` does (read + extract + store);
  --mode store: ``Store.add_many`` into a new DuckDB file from pairs extracted once
      beforehand (on all cores) and cached as JSONL, so the store path alone, ~10x faster
      to iterate on. The cache is the first N pairs of the largest size; corpora are
      prefixes of each other (templates.report(i) depends only on the seed and i).

Every child also samples its RSS every `--sample` reports (the growth curve), and reports
DuckDB's own accounting (``duckdb_memory()``, ``PRAGMA database_size``) at the end, before
closing the store. ``--tracemalloc`` adds Python's peak traced allocation, to split Python
from DuckDB memory (slower). It prints a table and the ratio of peak RSS at the largest
size to that at the smallest (target <= 1.2), and writes JSON (``--out``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_extract  # noqa: E402
from bench_extract import peak_rss_mb, shards, write_corpus  # noqa: E402


def current_rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


# --- children ------------------------------------------------------------------------------

def _cached_pairs(cache: Path, n: int):
    from strikeledger.model import Record, Report
    with open(cache, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= n:
                break
            row = json.loads(line)
            yield Report.model_validate(row["report"]), Record.model_validate(row["record"])


def _duckdb_stats(store) -> dict:
    con = getattr(store, "_con", None)
    if con is None:
        return {}
    out = {}
    try:
        rows = con.execute("SELECT tag, memory_usage_bytes FROM duckdb_memory()"
                           " WHERE memory_usage_bytes > 0").fetchall()
        out["duckdb_memory_mb"] = {tag: round(b / 2**20, 1) for tag, b in rows}
        cur = con.execute("PRAGMA database_size")
        names = [d[0] for d in cur.description]
        out["database_size"] = dict(zip(names, cur.fetchone()))
        out["settings"] = dict(con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN"
            " ('memory_limit', 'threads', 'preserve_insertion_order', 'checkpoint_threshold')"
        ).fetchall())
    except Exception as exc:  # stats are best effort
        out["stats_error"] = repr(exc)
    return out


def child(mode: str, folder: Path, db: Path, n: int, batch_size: int, sample: int,
          cache: Path | None, trace: bool, sql: str = "") -> dict:
    from strikeledger.ingest.run import ingest_paths
    from strikeledger.model import Report
    from strikeledger.ingest.run import safe_extract
    from strikeledger.store import open_store

    # Warm up extraction (vocabularies, patterns) so the curve starts from a loaded process.
    safe_extract(Report(report_id="warm", text="Two people were killed in Kyiv overnight."))
    if trace:
        import tracemalloc
        tracemalloc.start()
    curve: list[tuple[int, float]] = []
    seen = 0

    def tick(k: int = 1) -> None:
        nonlocal seen
        seen += k
        if seen % sample == 0:
            curve.append((seen, round(current_rss_mb(), 1)))

    base_rss = current_rss_mb()
    t0 = time.perf_counter()
    with open_store(str(db)) as store:
        for statement in filter(None, (x.strip() for x in sql.split(";"))):
            store._con.execute(statement)
        if mode == "ingest":
            result = ingest_paths(shards(folder), store, lambda e: None,
                                  batch_size=batch_size, progress=tick)
            read, added, failed = result.read, result.added, len(result.errors)
        else:
            def pairs():
                for pair in _cached_pairs(cache, n):
                    tick()
                    yield pair
            res = store.add_many(pairs(), batch_size=batch_size)
            read, added, failed = res.added + res.skipped, res.added, 0
        wall = time.perf_counter() - t0
        stats = _duckdb_stats(store)
    rss, method = peak_rss_mb()
    out = {"mode": mode, "n": n, "reports": read, "added": added, "failed": failed,
           "batch_size": batch_size, "seconds": wall, "reports_per_s": read / wall,
           "peak_rss_mb": rss, "rss_method": method, "start_rss_mb": base_rss,
           "rss_curve": curve, **stats,
           "db_mb": db.stat().st_size / 2**20 if db.exists() else None}
    if trace:
        import tracemalloc
        out["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return out


# --- cache of extracted pairs (store mode) ----------------------------------------------------

def _extract_chunk(lines: list[str]) -> list[str]:
    from strikeledger.ingest.run import safe_extract
    from strikeledger.model import Report
    out = []
    for line in lines:
        report = Report.model_validate_json(line)
        rec = safe_extract(report)
        if isinstance(rec, Exception):
            continue
        out.append(json.dumps({"report": report.model_dump(mode="json"),
                               "record": json.loads(rec.to_json())}, ensure_ascii=False))
    return out


def build_cache(cache: Path, n: int, seed: int, workers: int, log) -> None:
    """Extract the first n reports once, on all cores, into `cache` (JSONL of pairs)."""
    import multiprocessing as mp

    from strikeledger.ingest.readers import read_reports
    from strikeledger.errors import InputError

    if cache.exists():
        with open(cache, encoding="utf-8") as f:
            if sum(1 for _ in f) >= n:
                return
    tmp_corpus = cache.parent / f"cache-corpus-{n}"
    write_corpus(tmp_corpus, n, seed, shard=min(bench_extract.SHARD, n))
    log(f"extracting {n:,} reports into {cache} ({workers} processes)")

    def chunks():
        chunk = []
        for item in read_reports(shards(tmp_corpus)):
            if isinstance(item, InputError):
                continue
            chunk.append(item.model_dump_json())
            if len(chunk) == 100:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    tmp = cache.with_suffix(".tmp")
    with mp.get_context("spawn").Pool(workers) as pool, open(tmp, "w", encoding="utf-8") as f:
        for lines in pool.imap(_extract_chunk, chunks(), chunksize=1):
            for line in lines:
                f.write(line + "\n")
    tmp.replace(cache)
    shutil.rmtree(tmp_corpus, ignore_errors=True)


# --- driver ----------------------------------------------------------------------------------

def run_child(*args: str) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"child failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def print_table(rows: list[dict]) -> None:
    head = ["N", "mode", "peak RSS MB", "rep/s", "seconds", "DB MB", "duckdb MB", "py peak MB"]
    cells = []
    for r in rows:
        dmem = sum((r.get("duckdb_memory_mb") or {}).values())
        cells.append([f"{r['n']:,}", r["mode"], f"{r['peak_rss_mb']:,.0f}",
                      f"{r['reports_per_s']:,.0f}", f"{r['seconds']:,.1f}",
                      f"{r['db_mb']:,.0f}" if r.get("db_mb") is not None else "–",
                      f"{dmem:,.0f}",
                      f"{r['tracemalloc_peak_mb']:,.0f}" if "tracemalloc_peak_mb" in r else "–"])
    bench_extract.print_columns(head, cells)
    for r in rows:
        print(f"N={r['n']:,}: duckdb_memory() MB {r.get('duckdb_memory_mb')}")
    if len(rows) >= 2:
        small, large = rows[0], rows[-1]
        print(f"\npeak RSS at N={large['n']:,} / N={small['n']:,}: "
              f"{large['peak_rss_mb'] / small['peak_rss_mb']:.3f} (target <= 1.2)")


def main(argv: list[str] | None = None) -> list[dict]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--mode", choices=("ingest", "store"), default="ingest")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--sample", type=int, default=1000, help="sample RSS every N reports")
    ap.add_argument("--tracemalloc", action="store_true")
    ap.add_argument("--sql", default="",
                    help="statements run on the DuckDB connection after opening (experiments)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="processes that build the store-mode cache")
    ap.add_argument("--workdir", type=Path, default=None,
                    help="corpora, caches and DuckDB files (default: a temp dir, removed)")
    ap.add_argument("--out", type=Path, default=None, help="JSON results file")
    ap.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        mode, folder, db, n, batch, sample, cache, trace, sql = args.child
        out = child(mode, Path(folder), Path(db), int(n), int(batch), int(sample),
                    Path(cache) if cache != "-" else None, trace == "1", sql)
        print(json.dumps(out, default=str))
        return [out]

    def log(msg: str) -> None:
        print(f"[{dt.datetime.now():%H:%M:%S}] {msg}", file=sys.stderr, flush=True)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="strikeledger-ingest-rss-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    try:
        cache = None
        if args.mode == "store":
            cache = work / f"pairs-seed{args.seed}.jsonl"
            build_cache(cache, max(args.sizes), args.seed, args.workers, log)
        for n in args.sizes:
            folder = work / f"corpus-{n}"
            if args.mode == "ingest":
                log(f"writing {n:,} reports to {folder}")
                write_corpus(folder, n, args.seed, shard=min(bench_extract.SHARD, n))
            db = work / f"ingest-{n}.duckdb"
            for p in (db, Path(str(db) + ".wal")):
                p.unlink(missing_ok=True)
            log(f"{args.mode} {n:,} reports into {db}")
            row = run_child(args.mode, str(folder), str(db), str(n), str(args.batch_size),
                            str(args.sample), str(cache) if cache else "-",
                            "1" if args.tracemalloc else "0", args.sql)
            log(f"  peak RSS {row['peak_rss_mb']:.0f} MB, {row['reports_per_s']:.0f} reports/s")
            rows.append(row)
            for p in (db, Path(str(db) + ".wal")):
                p.unlink(missing_ok=True)
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(rows, indent=2, default=str) + "\n", encoding="utf-8")
    print_table(rows)
    return rows


if __name__ == "__main__":
    main()
