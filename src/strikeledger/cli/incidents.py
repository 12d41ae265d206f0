"""`strikeledger incidents`: the incidents as a table, or one of them in full."""
from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.table import Table

from rich.markup import escape

from .console import library_errors, out
from .options import Contested, DateFrom, DateTo, Db, Kind, Oblast
from .show import show_incident
from .stores import load_incidents


def _best(inc, kind: str) -> str:
    e = inc.estimates.get(kind)
    return escape(f"{e.label()} [{e.grade}]") if e else "–"


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
    show: Annotated[Optional[str], typer.Option(
        "--show", metavar="ID", show_default=False,
        help="one incident (its id, or a report id) with its claims, conflicts and "
             "evidence")] = None,
) -> None:
    """List incidents (one per attack), or show one with every claim and conflict."""
    from ..incidents import filter_incidents, get_incident
    found = load_incidents(db)
    with library_errors():
        if show:
            show_incident(get_incident(found, show))
            return
        found = filter_incidents(found, date_from=date_from, date_to=date_to, oblast=oblast,
                                 kind=kind, grade=grade, contested=contested)
    t = Table("incident", "reports", "sources", "drones l/d", "missiles l/d", "killed",
              "injured", "conflicts", "oblasts hit")
    for i in found:
        t.add_row(i.incident_id, str(len(i.report_ids)), str(len(i.sources)),
                  f"{_best(i, 'drones_launched')} / {_best(i, 'drones_downed')}",
                  f"{_best(i, 'missiles_launched')} / {_best(i, 'missiles_downed')}",
                  _best(i, "killed"), _best(i, "injured"), str(len(i.conflicts)),
                  ", ".join(i.oblasts_hit))
    out.print(t)
    out.print(f"{len(found)} incident(s)")
