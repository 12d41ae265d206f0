"""`strikeledger incidents`: a page of incidents, one in full, or its change log."""
from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.table import Table

from .console import library_errors, out
from .options import AsOf, Contested, DateFrom, DateTo, Db, Oblast
from .show import show_history, show_incident
from .stores import reading


def _best(inc: dict, kind: str) -> str:
    e = inc["estimates"].get(kind)
    return escape(f"{e['label']} [{e['grade']}]") if e else "–"


def incidents(
    db: Db = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    oblast: Oblast = None,
    kind: Annotated[Optional[str], typer.Option(
        "--kind", metavar="KIND", show_default=False,
        help="only incidents with a figure of this kind")] = None,
    grade: Annotated[Optional[str], typer.Option(
        "--grade", metavar="GRADE", show_default=False,
        help="confirmed, fair, weak or contested")] = None,
    contested: Contested = False,
    limit: Annotated[int, typer.Option(
        "--limit", metavar="N", min=1, help="at most this many incidents")] = 100,
    offset: Annotated[int, typer.Option(
        "--offset", metavar="N", min=0, help="skip this many incidents")] = 0,
    as_of: AsOf = None,
    show: Annotated[Optional[str], typer.Option(
        "--show", metavar="ID", show_default=False,
        help="one incident (its id, or a report id) with its claims, conflicts and "
             "evidence")] = None,
    history: Annotated[Optional[str], typer.Option(
        "--history", metavar="ID", show_default=False,
        help="one incident's change log: every change of a headline estimate, interval "
             "or grade, and the report that caused it")] = None,
) -> None:
    """List incidents (one per attack), show one with every claim and conflict, or its
    change log."""
    with reading(db) as store, library_errors():
        if history:
            show_history(history, store.incident_history(history))
            return
        if show:
            show_incident(store.incident(show, as_of=as_of))
            return
        found = store.incidents(date_from=date_from, date_to=date_to, oblast=oblast,
                                kind=kind, grade=grade, contested=contested, limit=limit,
                                offset=offset, as_of=as_of)
    t = Table("incident", "reports", "sources", "drones l/d", "missiles l/d", "killed",
              "injured", "conflicts", "oblasts hit")
    for i in found["items"]:
        t.add_row(i["incident_id"], str(i["n_reports"]), str(i["n_sources"]),
                  f"{_best(i, 'drones_launched')} / {_best(i, 'drones_downed')}",
                  f"{_best(i, 'missiles_launched')} / {_best(i, 'missiles_downed')}",
                  _best(i, "killed"), _best(i, "injured"), str(i["n_conflicts"]),
                  ", ".join(i["oblasts_hit"]))
    out.print(t)
    shown = len(found["items"])
    more = (f" (showing {offset + 1}–{offset + shown}; --offset {offset + shown} for more)"
            if found["total"] > offset + shown else "")
    out.print(f"{found['total']} incident(s){more}")
