"""`strikeledger summary`: one line per attack."""
from __future__ import annotations

from rich.table import Table

from .console import out
from .options import Db
from .stores import load_incidents


def best(inc, kind: str) -> str:
    est = inc.estimates.get(kind)
    return est.label() if est else "–"


def summary(db: Db = None) -> None:
    """Per attack: what was launched, downed, killed and injured, and where."""
    found = load_incidents(db)
    t = Table("attack", "reports", "drones launched / downed", "missiles launched / downed",
              "killed", "injured", "oblasts hit")
    for inc in found:
        t.add_row(f"{inc.date or '?'}", str(len(inc.report_ids)),
                  f"{best(inc, 'drones_launched')} / {best(inc, 'drones_downed')}",
                  f"{best(inc, 'missiles_launched')} / {best(inc, 'missiles_downed')}",
                  best(inc, "killed"), best(inc, "injured"), ", ".join(inc.oblasts_hit))
    out.print(t)
    out.print(f"{len(found)} attack(s); `strikeledger incidents --show ID` shows one with its claims")
