"""`strikeledger figures`: the stored figures, filtered."""
from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from .console import out
from .options import AsJson, DateFrom, DateTo, Db, Kind, Oblast
from .stores import reading


def figures(
    db: Db = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    kind: Kind = None,
    oblast: Oblast = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", min=1,
                                       help="at most this many rows")] = 200,
    as_json: AsJson = False,
) -> None:
    """Query the stored figures (--json: one JSON object per line)."""
    with reading(db) as store:
        rows = store.figures(date_from=date_from, date_to=date_to, kind=kind, oblast=oblast,
                             limit=limit)
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
