"""`strikeledger compare`: the store against the public reference dataset."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from .console import library_errors, out
from .options import Db
from .stores import reading

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
    with reading(db) as store, library_errors():
        result = compare_reference(store, csv_path, tolerance=tolerance)
    t = Table("date", "drones launched", "drones downed", "missiles launched",
              "missiles downed", title="store / reference")
    for row in result.rows:
        t.add_row(str(row.date), *(_cell(row, q) for q in QUANTITIES))
    out.print(t)
    # which claim made each headline value: a disagreement leads to its sentence
    t = Table("date", "quantity", "store", "reference", "from", title="where each value came from")
    for row in result.rows:
        for q in QUANTITIES:
            made = row.claims.get(q)
            if row.store[q] is None or not made:
                continue
            who = made.get("speaker") or made.get("report_id") or ""
            said = made.get("sentence") or made.get("basis") or ""
            t.add_row(str(row.date), q, str(row.store[q]),
                      "–" if row.reference[q] is None else str(row.reference[q]),
                      escape(f"{made.get('claim_id') or ''} {who}: {said}".strip()))
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
