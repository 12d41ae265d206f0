"""`strikeledger check`: read the whole store and list what is wrong with it."""
from __future__ import annotations

import json

import typer

from .console import err, library_errors, out
from .options import AsJson, Db
from .stores import reading


def check(db: Db = None, as_json: AsJson = False) -> None:
    """Verify the store: every record parses, every evidence span matches its text, rows
    agree with records, incidents build (exit 1 on any problem).

    DuckDB: every block of every table is read, so damage inside the file shows up."""
    from ..store.check import check_store, summary
    with reading(db) as store, library_errors():
        result = check_store(store)
    if as_json:
        out.print_json(json.dumps(summary(result)))
    else:
        for problem in result.problems:
            err.print(f"[red]problem:[/red] {problem}", highlight=False, markup=True)
        if result.n_problems > len(result.problems):
            err.print(f"… and {result.n_problems - len(result.problems)} more", highlight=False)
        verdict = "ok" if result.ok else f"{result.n_problems} problem(s)"
        incidents = "" if result.incidents is None else f", {result.incidents} incident(s)"
        out.print(f"{result.target}: {result.reports} report(s){incidents}: {verdict}",
                  highlight=False)
    if not result.ok:
        raise typer.Exit(1)
