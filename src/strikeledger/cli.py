"""The command line: a thin shell over the library.

Commands parse options, call library functions and print. A library error becomes
one clear line on stderr and a non-zero exit (see `_fail`); no traceback reaches a
user for bad input.
"""
from __future__ import annotations

import datetime as dt
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
out = Console()
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
            partitions: int = typer.Option(0, help="Dask partitions (default: 4 per worker)")):
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
    from .incidents import build_incidents
    store = _open(db)
    try:
        incidents = build_incidents(rec for _, rec in store.records())
    except StrikeledgerError as e:
        _fail(e)
    finally:
        store.close()
    t = Table("attack", "reports", "drones launched/downed", "missiles launched/downed",
              "killed", "injured", "oblasts hit")

    def best(inc, kind):
        est = inc.estimates.get(kind)
        return est.label() if est else "–"
    for inc in incidents:
        t.add_row(f"{inc.date or '?'}", str(len(inc.report_ids)),
                  f"{best(inc, 'drones_launched')} / {best(inc, 'drones_downed')}",
                  f"{best(inc, 'missiles_launched')} / {best(inc, 'missiles_downed')}",
                  best(inc, "killed"), best(inc, "injured"), ", ".join(inc.oblasts_hit))
    out.print(t)


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


def main():  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
