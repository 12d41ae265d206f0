"""Benchmark: incidents kept in the store, at 100k and 1M stored reports (issue 15).

    .venv/bin/python benchmarks/bench_incidents.py --sizes 100000 1000000
    .venv/bin/python benchmarks/bench_incidents.py --sizes 2000 --stores duckdb   # a quick look

For each store (DuckDB file; PostgreSQL: a throwaway cluster on 127.0.0.1, as the tests
start one) and each size N it

1. generates N reports with their records, without extraction but shaped like the real
   flow (``generate``): nights of ~250 reports each (the Air Force's summary and its
   correction, the president's rounded restatement, governors' rising tolls per oblast,
   wire stories each syndicated in several near-identical copies, local news with local
   counts), plus undated analysis pieces and week-dated round-ups;
2. ingests them with ``Store.add_many`` (batches of 1000: incidents updated per batch,
   as any ingest does) and reports the time;
3. in a fresh process, times ``Store.incidents`` (the first page, what ``strikeledger
   incidents`` and ``GET /incidents`` run) and ``Store.incident`` of random incidents
   with every claim (``incidents --show``), ``--repeat`` times each: median and p95;
4. times adding one new report to an existing night, with its incident updated (one
   ``add`` call, its own transaction): median and p95 over ``--repeat`` new reports;
5. runs ``strikeledger incidents`` and ``strikeledger incidents --show ID`` as commands,
   each in a fresh process, and records their peak RSS and wall time.

It prints one table per store and the growth ratios from the smallest to the largest
size (the targets: p95 < 300 ms for reads, < 200 ms for one new report, read peak RSS
< 500 MB and flat). Nothing is downloaded; the machine should be otherwise idle (say so
when it was not).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OBLASTS = [("Kyiv", "Kyiv City"), ("Kharkiv", "Kharkiv Oblast"), ("Odesa", "Odesa Oblast"),
           ("Dnipro", "Dnipropetrovsk Oblast"), ("Lviv", "Lviv Oblast"),
           ("Zaporizhzhia", "Zaporizhzhia Oblast"), ("Sumy", "Sumy Oblast"),
           ("Chernihiv", "Chernihiv Oblast"), ("Poltava", "Poltava Oblast"),
           ("Mykolaiv", "Mykolaiv Oblast"), ("Kherson", "Kherson Oblast"),
           ("Vinnytsia", "Vinnytsia Oblast")]
WIRES = ["Wire A", "Wire B", "Agency C", "Daily D", "Broadcaster E", "Outlet F"]
START = dt.date(2022, 3, 1)


# --- the corpus ------------------------------------------------------------------------

def generate(n: int, seed: int = 7, per_night: int = 250):
    """N (Report, Record) pairs, night after night (see the module doc)."""
    from strikeledger.model import (Attack, Evidence, Figure, Place, Record, Report, Source,
                                    Speaker, TextSpan)
    rng = random.Random(seed)
    count = 0

    def figure(text, phrase, kind, value, qualifier="exact", *, speaker=None, place=None,
               weapon=None, families=(), scope=None):
        i = text.index(phrase)
        low, high = {"exact": (value, value), "approx": (None, None),
                     "at_least": (value, None)}[qualifier]
        start = text.rfind(". ", 0, i)
        start = 0 if start < 0 else start + 2
        end = text.find(".", i + len(phrase))
        return Figure(kind=kind, value=value, qualifier=qualifier, low=low, high=high,
                      weapon=weapon, place=place, speaker=speaker, scope=scope,
                      evidence=Evidence(start=i, end=i + len(phrase), text=phrase),
                      sentence=TextSpan(start=start, end=len(text) if end < 0 else end + 1),
                      families=tuple(families))

    def place(text, name, admin1):
        i = text.index(name)
        return Place(name=name, admin1=admin1, lat=50.0, lon=30.0, role="hit",
                     evidence=Evidence(start=i, end=i + len(name), text=name))

    def report(rid, text, day, published, figures, places=(), speakers=(), precision="day",
               publisher=None):
        record = Record(report_id=rid, source=Source(published=published, publisher=publisher),
                        attack=Attack(date=day, date_precision=precision if day else None),
                        figures=figures, places=list(places),
                        speakers=[Speaker(name=s, role=r) for s, r in speakers])
        return Report(report_id=rid, text=text, published=published, publisher=publisher), record

    night = 0
    while True:
        day = START + dt.timedelta(days=night)
        drones, missiles = rng.randint(40, 700), rng.randint(0, 60)
        down_d, down_m = int(drones * rng.uniform(0.7, 0.95)), int(missiles * rng.uniform(0.5, 0.9))
        hit = rng.sample(OBLASTS, rng.randint(2, 6))
        items = []
        t = (f"Overnight on {day} the enemy attacked with {drones} strike drones and "
             f"{missiles} missiles, the Air Force said. Air defence shot down {down_d} drones "
             f"and {down_m} missiles. Report {night}.")
        af = "Ukrainian Air Force"
        items.append(report(f"af-{night}", t, day, day, [
            figure(t, f"{drones} strike drones", "drones_launched", drones, speaker=af,
                   weapon="Shahed-136/131", families=["shahed"], scope="national"),
            figure(t, f"{missiles} missiles", "missiles_launched", missiles, speaker=af,
                   scope="national"),
            figure(t, f"{down_d} drones", "drones_downed", down_d, speaker=af, scope="national"),
            figure(t, f"{down_m} missiles", "missiles_downed", down_m, speaker=af,
                   scope="national")], speakers=[(af, None)]))
        t2 = (f"Update on {day}: the Air Force corrected its count, {drones + 3} drones were "
              f"launched overnight. Report {night}.")
        items.append(report(f"af-upd-{night}", t2, day, day + dt.timedelta(days=1), [
            figure(t2, f"{drones + 3} drones", "drones_launched", drones + 3, speaker=af,
                   scope="national")], speakers=[(af, None)]))
        t3 = (f"President Volodymyr Zelenskyy said Russia launched some {round(drones, -1)} "
              f"drones at Ukraine on {day}. Report {night}.")
        items.append(report(f"pres-{night}", t3, day, day, [
            figure(t3, f"some {round(drones, -1)} drones", "drones_launched",
                   round(drones, -1), "approx", speaker="Volodymyr Zelenskyy",
                   scope="national")], speakers=[("Volodymyr Zelenskyy", "President")]))
        for city, admin1 in hit:
            toll = rng.randint(0, 6)
            for k in range(rng.randint(2, 4)):
                toll += rng.randint(0, 3)
                tg = (f"In {city} {toll} people were killed and {toll * 2 + k} injured after "
                      f"the attack on {day}, the governor said in update {k} of night {night}.")
                items.append(report(f"gov-{night}-{city}-{k}", tg, day, day, [
                    figure(tg, f"{toll} people were killed", "killed", toll,
                           speaker=f"Governor of {admin1}", place=city, scope="settlement"),
                    figure(tg, f"{toll * 2 + k} injured", "injured", toll * 2 + k,
                           speaker=f"Governor of {admin1}", place=city, scope="settlement")],
                    [place(tg, city, admin1)], [(f"Governor of {admin1}", "governor")]))
        while len(items) < per_night + rng.randint(-80, 80):
            w = len(items)
            if rng.random() < 0.6:        # a wire story and its syndicated copies
                city, admin1 = rng.choice(hit)
                base = (f"KYIV ({rng.choice(WIRES)}) - Russia launched about {drones} drones "
                        f"and {missiles} missiles at Ukraine overnight into {day}, officials "
                        f"said, in an attack that hit {city} among other places; story {w} "
                        f"of night {night} follows with reactions, damage and the toll as "
                        f"officials gave it through the morning.")
                for c in range(rng.randint(1, 5)):
                    text = base if c == 0 else f"date {day}\n{base} Copy {c}."
                    items.append(report(f"wire-{night}-{w}-{c}", text, day,
                                        day + dt.timedelta(days=c // 3), [
                        figure(text, f"about {drones} drones", "drones_launched", drones,
                               "approx", scope="national"),
                        figure(text, f"{missiles} missiles", "missiles_launched", missiles,
                               scope="national")], [place(text, city, admin1)],
                        publisher=WIRES[c % len(WIRES)]))
            else:                          # local news: a local count
                city, admin1 = rng.choice(hit)
                k = rng.randint(1, 12)
                text = (f"Local news {w} of night {night}: {k} drones were shot down over "
                        f"{city} on {day}, the city council said.")
                items.append(report(f"local-{night}-{w}", text, day, day, [
                    figure(text, f"{k} drones", "drones_downed", k, place=city,
                           speaker="city council", scope="settlement")],
                    [place(text, city, admin1)], [("city council", "council")]))
        if night % 50 == 0:
            tu = (f"Analysts say more than {1000 + night} drones were launched in the war so "
                  f"far; analysis {night}.")
            items.append(report(f"analysis-{night}", tu, None, day, [
                figure(tu, f"more than {1000 + night} drones", "drones_launched",
                       1000 + night, "at_least")]))
        if night % 70 == 0:
            tw = f"During the week {drones * 5} drones were launched; weekly round-up {night}."
            items.append(report(f"week-{night}", tw, day, day, [
                figure(tw, f"{drones * 5} drones", "drones_launched", drones * 5)],
                precision="week"))
        rng.shuffle(items)                 # reports of one night arrive in any order
        for item in items:
            yield item
            count += 1
            if count >= n:
                return
        night += 1


# --- measuring -------------------------------------------------------------------------

def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def build(target: str, n: int, batch: int, bulk: bool = False) -> dict:
    """Store N generated reports: with ``Store.add_many`` (incidents updated batch by
    batch, as any ingest does), or with ``bulk`` by loading the rows straight into the
    report tables (Arrow on DuckDB, COPY on PostgreSQL, 10,000 reports per
    transaction) and then building every incident with ``Store.rebuild``."""
    from strikeledger.store import open_store
    t0 = time.perf_counter()
    out: dict = {"build": "bulk load + rebuild" if bulk else f"add_many (batches of {batch})"}
    with open_store(target) as store:
        if bulk:
            from itertools import islice
            from strikeledger.store.base import CHILD_TABLES, REPORT_COLUMNS, prepare
            now = dt.datetime.now(dt.timezone.utc)
            pairs = generate(n)
            while chunk := list(islice(pairs, 10_000)):
                prepared = [prepare(report, record, now) for report, record in chunk]
                with store._writing():
                    store._insert_rows("reports", REPORT_COLUMNS, [
                        (*p.report[:8], store._ts(p.report[8]), *p.report[9:])
                        for p in prepared])
                    for name, columns in CHILD_TABLES.items():
                        store._insert_rows(name, columns,
                                           [row for p in prepared for row in p.children[name]])
            out["load_s"] = time.perf_counter() - t0
            store.rebuild()
        else:
            store.add_many(generate(n), batch_size=batch)
        out["reports"] = store.count_reports()
        out["incidents"] = store.incidents(limit=1)["total"]
    out["build_s"] = time.perf_counter() - t0
    return out


def reads(target: str, repeat: int, seed: int = 1) -> dict:
    from strikeledger.store import open_store
    rng = random.Random(seed)
    with open_store(target) as store:
        total = store.incidents(limit=1)["total"]
        first, show = [], []
        for _ in range(repeat):
            t = time.perf_counter()
            store.incidents(limit=50)
            first.append(time.perf_counter() - t)
        ids = [store.incidents(limit=1, offset=rng.randrange(total))["items"][0]["incident_id"]
               for _ in range(repeat)]
        claims = []
        for iid in ids:
            t = time.perf_counter()
            inc = store.incident(iid)
            show.append(time.perf_counter() - t)
            claims.append(len(inc["claims"]))
        nights = [i["date"] for i in store.incidents(limit=None)["items"]
                  if i["date_precision"] == "day"]
        one = []
        for k in range(repeat):          # a new report about an existing night
            day = rng.choice(nights)
            from strikeledger.model import Attack, Evidence, Figure, Record, Report, TextSpan
            text = f"A late report {k}: 3 people were killed in Kyiv on {day}, police said."
            i = text.index("3 people were killed")
            rec = Record(report_id=f"late-{seed}-{k}", attack=Attack(date=day, date_precision="day"),
                         figures=[Figure(kind="killed", value=3, qualifier="exact", low=3, high=3,
                                         place="Kyiv", speaker="police", scope="settlement",
                                         evidence=Evidence(start=i, end=i + 20,
                                                           text=text[i:i + 20]),
                                         sentence=TextSpan(start=0, end=len(text)))])
            t = time.perf_counter()
            store.add(Report(report_id=rec.report_id, text=text, published=day), rec)
            one.append(time.perf_counter() - t)
    ms = lambda xs: (1000 * statistics.median(xs), 1000 * p95(xs))  # noqa: E731
    return {"first_page_ms": ms(first), "show_ms": ms(show), "add_one_ms": ms(one),
            "claims_per_show": statistics.median(claims), "show_id": ids[0]}


def command_rss(target: str, args: list[str]) -> tuple[float, float]:
    """Peak RSS (MB) and wall time (s) of one strikeledger command in a fresh process."""
    code = ("import resource, sys, runpy\n"
            f"sys.argv = ['strikeledger', *{args!r}, '--db', {target!r}]\n"
            "try:\n    runpy.run_module('strikeledger.cli', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "sys.stderr.write('RSS %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    wall = time.perf_counter() - t
    rss = [line for line in proc.stderr.splitlines() if line.startswith("RSS ")]
    if not rss:
        raise RuntimeError(proc.stderr[-2000:])
    return int(rss[-1].split()[1]) / 1024, wall


def child(args) -> None:
    """Run one measurement in this (fresh) process and print it as JSON."""
    if args.child == "build":
        out = build(args.target, args.n, args.batch, args.bulk)
    else:
        out = reads(args.target, args.repeat)
    print("RESULT " + json.dumps(out))


def run_child(what: str, target: str, n: int, args) -> dict:
    cmd = [sys.executable, __file__, "--child", what, "--target", target, "--n", str(n),
           "--batch", str(args.batch), "--repeat", str(args.repeat)]
    if args.bulk:
        cmd.append("--bulk")
    proc = subprocess.run(cmd, capture_output=True, text=True)
    line = [x for x in proc.stdout.splitlines() if x.startswith("RESULT ")]
    if proc.returncode != 0 or not line:
        raise RuntimeError(f"{what} failed: {proc.stderr[-3000:]}")
    return json.loads(line[-1][7:])


def postgres_url(work: Path):
    sys.path.insert(0, str(ROOT / "tests" / "store"))
    from pgcluster import PgCluster, find_bindir
    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL server binaries not found (apt-get install postgresql)")
    cluster = PgCluster(bindir).start()
    return cluster


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--stores", nargs="+", default=["duckdb", "postgres"],
                    choices=["duckdb", "postgres"])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--bulk", action="store_true",
                    help="load the generated rows in bulk and build the incidents with"
                         " rebuild (for 1M), instead of add_many")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--child", default=None)
    ap.add_argument("--target", default=None)
    ap.add_argument("--n", type=int, default=0)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-incidents-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {}
    cluster = None
    try:
        for backend in args.stores:
            for n in args.sizes:
                if backend == "duckdb":
                    target = str(work / f"store-{n}.duckdb")
                    if os.path.exists(target):
                        os.remove(target)
                else:
                    if cluster is None:
                        cluster = postgres_url(work)
                    target = cluster.create_database(f"bench_{n}")
                print(f"[{backend} N={n}] building ...", flush=True)
                row = run_child("build", target, n, args)
                print(f"[{backend} N={n}] {row['reports']} reports, {row['incidents']} "
                      f"incidents in {row['build_s']:.0f} s ({row['build']}"
                      + (f"; rows loaded in {row['load_s']:.0f} s" if "load_s" in row else "")
                      + "); measuring ...", flush=True)
                row.update(run_child("reads", target, n, args))
                row["incidents_rss_mb"], row["incidents_wall_s"] = command_rss(
                    target, ["incidents", "--limit", "50"])
                row["show_rss_mb"], row["show_wall_s"] = command_rss(
                    target, ["incidents", "--show", row["show_id"]])
                results[f"{backend}/{n}"] = row
    finally:
        if cluster is not None:
            cluster.stop()
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print()
    head = ("store", "N", "incidents", "build s", "page med/p95 ms", "show med/p95 ms",
            "claims", "add 1 med/p95 ms", "RSS incidents MB", "RSS show MB")
    print(" | ".join(head))
    for key, r in results.items():
        backend, n = key.split("/")
        print(" | ".join([backend, f"{int(n):,}", f"{r['incidents']:,}", f"{r['build_s']:.0f}",
                          "%.0f / %.0f" % tuple(r["first_page_ms"]),
                          "%.0f / %.0f" % tuple(r["show_ms"]), f"{r['claims_per_show']:.0f}",
                          "%.0f / %.0f" % tuple(r["add_one_ms"]),
                          f"{r['incidents_rss_mb']:.0f}", f"{r['show_rss_mb']:.0f}"]))
    for backend in args.stores:
        keys = [f"{backend}/{n}" for n in args.sizes if f"{backend}/{n}" in results]
        if len(keys) >= 2:
            a, b = results[keys[0]], results[keys[-1]]
            ratio = lambda x, y: y / x if x else float("nan")  # noqa: E731
            print(f"{backend} growth {keys[0].split('/')[1]} -> {keys[-1].split('/')[1]}: "
                  f"page p95 x{ratio(a['first_page_ms'][1], b['first_page_ms'][1]):.2f}, "
                  f"show p95 x{ratio(a['show_ms'][1], b['show_ms'][1]):.2f}, "
                  f"add one p95 x{ratio(a['add_one_ms'][1], b['add_one_ms'][1]):.2f}, "
                  f"RSS incidents x{ratio(a['incidents_rss_mb'], b['incidents_rss_mb']):.2f}, "
                  f"RSS show x{ratio(a['show_rss_mb'], b['show_rss_mb']):.2f}")
    if args.out:
        args.out.write_text(json.dumps(results, indent=1, default=str))
        print(f"results: {args.out}")


if __name__ == "__main__":
    main()
