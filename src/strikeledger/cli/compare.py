"""`strikeledger compare`: the store against the public reference dataset."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .console import library_errors, out
from .options import Db
from .stores import load_incidents

QUANTITIES = ("drones_launched", "drones_downed", "missiles_launched", "missiles_downed")


def _cell(row, q: str) -> str:
    s, r, ok = row.store[q], row.reference[q], row.agree[q]
    text = f"{'–' if s is None else s} / {'–' if r is None else r}"
    return text if ok is None else f"[green]{text}[/green]" if ok else f"[red]{text}[/red]"


def compare(
    csv_path: Annotated[Path, typer.Argument(
        metavar="CSV", show_default=False, help="missile_attacks_daily.csv (the reference)")],
    db: Db = None,
    tolerance: Annotated[float, typer.Option(
        "--tolerance", metavar="FRACTION",
        help="agreement: |store - reference| <= tolerance x reference")] = 0.05,
) -> None:
    """Compare the store's launched/downed per attack date with the reference dataset."""
    from ..incidents import compare_reference
    found = load_incidents(db)
    with library_errors():
        result = compare_reference(found, csv_path, tolerance=tolerance)
    t = Table("date", "drones launched", "drones downed", "missiles launched",
              "missiles downed", title="store / reference")
    for row in result.rows:
        t.add_row(str(row.date), *(_cell(row, q) for q in QUANTITIES))
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
