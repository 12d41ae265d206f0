"""The command line: a thin shell over the library.

Commands parse options, call library functions and print. A library error becomes
one clear line on stderr and a non-zero exit (see `_fail`); no traceback reaches a
user for bad input.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from .errors import InputError, StrikeledgerError

app = typer.Typer(help="Turn reports of air attacks into a source-traced dataset.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
# a wide table when printed to a file or a pipe (rich assumes 80 columns there)
out = Console() if sys.stdout.isatty() else Console(width=160)
err = Console(stderr=True)

DbOption = typer.Option(None, "--db", help="DuckDB file (default ./strikeledger.duckdb) "
                                          "or postgresql:// URL")


def _fail(e: Exception, code: int = 1):
    err.print(f"[red]error:[/red] {e}", highlight=False, markup=True)
    raise typer.Exit(code)


def _on_error(e: InputError) -> None:
    err.print(f"[yellow]skipped[/yellow] {e}", highlight=False)


def _open(db):
    from .store import open_store
    try:
        return open_store(db)
    except StrikeledgerError as e:
        _fail(e)


@app.command()
def extract(paths: list[str] = typer.Argument(..., help="files, folders or - for stdin"),
            output: Optional[Path] = typer.Option(None, "-o", "--output",
                                                  help="write JSONL here instead of stdout"),
            dask: Optional[str] = typer.Option(
                None, "--dask", help="extract on Dask: a scheduler address, or 'local' for a "
                                     "LocalCluster", show_default=False),
            partitions: int = typer.Option(0, help="Dask partitions in flight at once (default: 4 per "
                                                   "worker thread; each up to 50 reports)")):
    """Print one contract record (JSONL) per report, without touching a store."""
    from .ingest.run import RunResult, extracted
    result = RunResult()
    sink = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        if dask is not None:
            from .scale import extract_with_dask
            for line in extract_with_dask(paths, address=None if dask == "local" else dask,
                                          partitions=partitions or None, on_error=_on_error,
                                          result=result):
                sink.write(line + "\n")
        else:
            for _, rec in extracted(paths, _on_error, result):
                sink.write(rec.to_json() + "\n")
    except StrikeledgerError as e:
        _fail(e)
    finally:
        if output:
            sink.close()
    if result.errors:
        err.print(f"{len(result.errors)} input(s) failed; {result.read} report(s) extracted")
        raise typer.Exit(1)


@app.command()
def ingest(paths: list[str] = typer.Argument(..., help="files, folders or - for stdin"),
           db: Optional[str] = DbOption,
           batch_size: int = typer.Option(500, help="reports per transaction"),
           progress: bool = typer.Option(True, help="show a progress bar")):
    """Extract reports and add them to the store (re-running is a no-op)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .ingest.run import ingest_paths
    store = _open(db)
    try:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"),
                      TextColumn("{task.completed} reports"), TimeElapsedColumn(),
                      console=err, disable=not progress, transient=True) as bar:
            task = bar.add_task("ingesting", total=None)
            result = ingest_paths(paths, store, _on_error, batch_size=batch_size,
                                  progress=lambda n: bar.advance(task, n))
    except StrikeledgerError as e:
        _fail(e)
    finally:
        store.close()
    out.print(f"{result.read} report(s) read: {result.added} added, "
              f"{result.skipped} already stored; {len(result.errors)} input error(s)")
    if result.errors:
        raise typer.Exit(1)


@app.command()
def figures(db: Optional[str] = DbOption,
            date_from: Optional[str] = typer.Option(None, "--from", help="attack date from (YYYY-MM-DD)"),
            date_to: Optional[str] = typer.Option(None, "--to", help="attack date to (YYYY-MM-DD)"),
            kind: Optional[str] = typer.Option(None, help="figure kind, e.g. killed"),
            oblast: Optional[str] = typer.Option(None, help="oblast (admin1) name or part of it"),
            limit: int = typer.Option(200, help="at most this many rows"),
            as_json: bool = typer.Option(False, "--json", help="print JSONL instead of a table")):
    """Query the stored figures."""
    store = _open(db)
    try:
        rows = store.figures(date_from=date_from, date_to=date_to, kind=kind, oblast=oblast,
                             limit=limit)
    except StrikeledgerError as e:
        _fail(e)
    finally:
        store.close()
    if as_json:
        for r in rows:
            print(json.dumps(r, default=str))
        return
    t = Table("date", "kind", "amount", "weapon", "place", "speaker", "evidence", "report")
    for r in rows:
        amount = r["value"] if r["value"] is not None else f"{r['low']}–{r['high'] or ''}"
        t.add_row(str(r.get("attack_date") or ""), r["kind"], f"{r['qualifier']} {amount}",
                  r.get("weapon") or "", r.get("place") or "", r.get("speaker") or "",
                  r.get("ev_text") or "", r.get("report_id") or "")
    out.print(t)
    out.print(f"{len(rows)} figure(s)")


@app.command()
def summary(db: Optional[str] = DbOption):
    """Per attack: what was launched, downed, killed and injured, and where."""
    found = _load_incidents(db)
    t = Table("attack", "reports", "drones launched / downed", "missiles launched / downed",
              "killed", "injured", "oblasts hit")

    def best(inc, kind):
        est = inc.estimates.get(kind)
        return est.label() if est else "–"
    for inc in found:
        t.add_row(f"{inc.date or '?'}", str(len(inc.report_ids)),
                  f"{best(inc, 'drones_launched')} / {best(inc, 'drones_downed')}",
                  f"{best(inc, 'missiles_launched')} / {best(inc, 'missiles_downed')}",
                  best(inc, "killed"), best(inc, "injured"), ", ".join(inc.oblasts_hit))
    out.print(t)
    out.print(f"{len(found)} attack(s); `strikeledger incidents --show ID` shows one with its claims")


@app.command("eval")
def evaluate(gold_dir: Path = typer.Argument(..., help="folder of NAME.txt + NAME.gold.json"),
             scorer: Optional[Path] = typer.Option(None, help="score.py (default: found beside "
                                                              "the gold folder or ../shared/eval)"),
             per_report: bool = typer.Option(False, "--per-report",
                                             help="list each report's missed and spurious figures"),
             as_json: bool = typer.Option(False, "--json", help="print the scores as JSON")):
    """Extract a gold folder and print the scores of the evaluation scorer."""
    from .evaluate import run_scorer
    try:
        run_scorer(gold_dir, scorer, per_report=per_report, as_json=as_json)
    except StrikeledgerError as e:
        _fail(e)


@app.command()
def quantity(text: str = typer.Argument(..., help="a quantity phrase, e.g. 'over thirty'")):
    """Read one quantity phrase: value, qualifier, low, high (JSON)."""
    from .extract.quantities import parse_quantity
    q = parse_quantity(text)
    print(json.dumps(q.model_dump(mode="json") if q is not None else None))


def _load_incidents(db):
    from .incidents import build_incidents
    store = _open(db)
    try:
        return build_incidents(store.records())
    except StrikeledgerError as e:
        _fail(e)
    finally:
        store.close()


@app.command()
def incidents(db: Optional[str] = DbOption,
              date_from: Optional[str] = typer.Option(None, "--from", help="attack date from (YYYY-MM-DD)"),
              date_to: Optional[str] = typer.Option(None, "--to", help="attack date to (YYYY-MM-DD)"),
              oblast: Optional[str] = typer.Option(None, help="oblast hit (name or part of it)"),
              kind: Optional[str] = typer.Option(None, help="only incidents with a figure of this kind"),
              grade: Optional[str] = typer.Option(None, help="confirmed, fair, weak or contested"),
              contested: bool = typer.Option(False, "--contested", help="only incidents with a conflict"),
              show: Optional[str] = typer.Option(None, "--show", help="one incident (its id, or a report id) "
                                                                      "with its claims, conflicts and evidence")):
    """List incidents (one per attack), or show one with every claim and conflict."""
    from .incidents import filter_incidents, get_incident
    found = _load_incidents(db)
    try:
        if show:
            inc = get_incident(found, show)
        else:
            found = filter_incidents(found, date_from=date_from, date_to=date_to, oblast=oblast,
                                     kind=kind, grade=grade, contested=contested)
    except StrikeledgerError as e:
        _fail(e)
    if not show:
        t = Table("incident", "reports", "sources", "drones l/d", "missiles l/d", "killed",
                  "injured", "conflicts", "oblasts hit")

        def best(i, k):
            e = i.estimates.get(k)
            return f"{e.label()} [{e.grade}]" if e else "–"
        for i in found:
            t.add_row(i.incident_id, str(len(i.report_ids)), str(len(i.sources)),
                      f"{best(i, 'drones_launched')} / {best(i, 'drones_downed')}",
                      f"{best(i, 'missiles_launched')} / {best(i, 'missiles_downed')}",
                      best(i, "killed"), best(i, "injured"), str(len(i.conflicts)),
                      ", ".join(i.oblasts_hit))
        out.print(t)
        out.print(f"{len(found)} incident(s)")
        return
    out.print(f"[bold]{inc.incident_id}[/bold]  attack date {inc.date or 'unknown'}"
              f" ({inc.date_precision or 'no date'}); {len(inc.report_ids)} report(s) from "
              f"{len(inc.sources)} source(s); oblasts hit: {', '.join(inc.oblasts_hit) or '–'}")
    for s in inc.sources:
        if len(s.report_ids) > 1:
            out.print(f"  near-duplicates counted as one source: {', '.join(s.report_ids)}",
                      highlight=False)
    t = Table("figure", "scope", "best", "grade", "low–high", "basis")
    for e in inc.scopes:
        scope = " ".join(x for x in (e.place, e.weapon) if x) or "national"
        t.add_row(e.kind, scope, e.label(), e.grade,
                  f"{e.low if e.low is not None else ''}–{e.high if e.high is not None else ''}",
                  e.basis)
    out.print(t)
    t = Table("claim", "kind", "stated", "place", "weapon", "speaker", "published", "status",
              "evidence sentence")
    conflicted = {x.a for x in inc.conflicts} | {x.b for x in inc.conflicts}
    for c in inc.claims:
        stated = f"{c.qualifier} {c.value if c.value is not None else c.low}"
        status = ("superseded" if c.superseded_by else "conflict" if c.claim_id in conflicted
                  else "current")
        t.add_row(c.claim_id, c.kind, stated, c.place or "", c.weapon or "", c.speaker or "",
                  str(c.published or ""), status, c.evidence.sentence or c.evidence.text)
    out.print(t)
    for x in inc.conflicts:
        out.print(f"[red]conflict[/red] {x.scope[0]}: {x.reason}", highlight=False)
    for r in inc.revisions:
        out.print(f"[yellow]revision[/yellow] {r.old} → {r.new}: {r.reason}", highlight=False)
    for p in inc.places:
        refs = "; ".join(f"{e.report_id}:{e.start}-{e.end}" for e in p.evidence)
        out.print(f"place {p.name} ({p.admin1 or '?'}) {p.role}: {refs}", highlight=False)
    for d in inc.damage:
        refs = "; ".join(f"{e.report_id}:{e.start}-{e.end}" for e in d.evidence)
        out.print(f"damage {d.category}: {d.text} ({d.place or '–'}): {refs}", highlight=False)


@app.command("export")
def export_cmd(fmt: str = typer.Argument(..., metavar="FORMAT",
                                         help="csv, jsonl, parquet, geojson or acled"),
               output: Optional[Path] = typer.Option(
                   None, "-o", "--output", help="csv/jsonl/parquet: a folder for the tables "
                   "(default ./strikeledger-export), or a file with --table; geojson/acled: "
                   "the file (default incidents.geojson / acled.csv)"),
               table: Optional[list[str]] = typer.Option(
                   None, "--table", help="incidents, claims, places, damage (repeatable; "
                                         "default all)"),
               db: Optional[str] = DbOption,
               date_from: Optional[str] = typer.Option(None, "--from", help="attack date from (YYYY-MM-DD)"),
               date_to: Optional[str] = typer.Option(None, "--to", help="attack date to (YYYY-MM-DD)"),
               oblast: Optional[str] = typer.Option(None, help="oblast hit (name or part of it)"),
               contested: bool = typer.Option(False, "--contested", help="only incidents with a conflict")):
    """Export incidents, claims and places (CSV, JSONL, Parquet, GeoJSON, ACLED-style CSV)."""
    from .export import export
    from .incidents import filter_incidents
    found = _load_incidents(db)
    try:
        found = filter_incidents(found, date_from=date_from, date_to=date_to, oblast=oblast,
                                 contested=contested)
        written = export(found, fmt, output, tables=table or None)
    except StrikeledgerError as e:
        _fail(e)
    except OSError as e:
        _fail(f"{getattr(e, 'filename', None) or output}: {e.strerror or e}")
    for path in written:
        out.print(f"wrote {path}", highlight=False)
    out.print(f"{len(found)} incident(s) exported")


@app.command()
def compare(csv_path: Path = typer.Argument(..., metavar="CSV",
                                            help="missile_attacks_daily.csv (the reference)"),
            db: Optional[str] = DbOption,
            tolerance: float = typer.Option(0.05, help="agreement: |store - reference| <= "
                                                       "tolerance x reference")):
    """Compare the store's launched/downed per attack date with the reference dataset."""
    from .incidents import compare_reference
    found = _load_incidents(db)
    try:
        result = compare_reference(found, csv_path, tolerance=tolerance)
    except StrikeledgerError as e:
        _fail(e)
    t = Table("date", "drones launched", "drones downed", "missiles launched",
              "missiles downed", title="store / reference")

    def cell(row, q):
        s, r, ok = row.store[q], row.reference[q], row.agree[q]
        text = f"{'–' if s is None else s} / {'–' if r is None else r}"
        return text if ok is None else f"[green]{text}[/green]" if ok else f"[red]{text}[/red]"
    for row in result.rows:
        t.add_row(str(row.date), *(cell(row, q) for q in
                                   ("drones_launched", "drones_downed", "missiles_launched",
                                    "missiles_downed")))
    out.print(t)
    out.print(f"{len(result.rows)} date(s) in both (store {result.store_dates}, reference "
              f"{result.reference_dates})")
    if result.rate is None:
        out.print("nothing to compare: no attack date with launched/downed counts in both")
    else:
        out.print(f"agreement: {result.agreed}/{result.compared} = {result.rate:.1%} "
                  f"(within {tolerance:.0%} of the reference)")
    if result.unmapped:
        out.print("left out (weapon label in no weapon list): " +
                  ", ".join(f"{k} ({n} row(s))" for k, n in sorted(result.unmapped.items())),
                  highlight=False)


@app.command()
def serve(db: Optional[str] = DbOption,
          host: str = typer.Option("127.0.0.1", help="address to listen on"),
          port: int = typer.Option(8000, help="port to listen on"),
          max_body: int = typer.Option(5 * 1024 * 1024, help="largest request body, in bytes")):
    """Serve the HTTP API and the dashboard (writes need STRIKELEDGER_TOKEN or
    STRIKELEDGER_TOKEN_FILE; see docs/api.md)."""
    import uvicorn

    from .api import create_app
    try:
        api = create_app(db, max_body=max_body)
    except StrikeledgerError as e:
        _fail(e)
    out.print(f"serving {db or 'strikeledger.duckdb'} at http://{host}:{port}/ "
              f"(API docs at /docs)", highlight=False)
    uvicorn.run(api, host=host, port=port, log_level="info")


def main():  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
