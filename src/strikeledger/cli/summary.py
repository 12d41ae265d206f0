"""`strikeledger summary`: one line per attack."""
from __future__ import annotations

from rich.markup import escape
from rich.table import Table

from .console import library_errors, out
from .options import AsOf, Db
from .stores import reading

PAGE = 500


def best(inc: dict, kind: str) -> str:
    e = inc["estimates"].get(kind)
    return escape(e["label"]) if e else "–"


def summary(db: Db = None, as_of: AsOf = None) -> None:
    """Per attack: what was launched, downed, killed and injured, and where."""
    t = Table("attack", "reports", "drones launched / downed", "missiles launched / downed",
              "killed", "injured", "oblasts hit")
    n = 0
    with reading(db) as store, library_errors():
        while True:            # page by page: the store's incident table, never a rebuild
            page = store.incidents(limit=PAGE, offset=n, as_of=as_of)["items"]
            for inc in page:
                t.add_row(f"{inc['date'] or '?'}", str(inc["n_reports"]),
                          f"{best(inc, 'drones_launched')} / {best(inc, 'drones_downed')}",
                          f"{best(inc, 'missiles_launched')} / {best(inc, 'missiles_downed')}",
                          best(inc, "killed"), best(inc, "injured"),
                          ", ".join(inc["oblasts_hit"]))
            n += len(page)
            if len(page) < PAGE:
                break
    out.print(t)
    out.print(f"{n} attack(s); `strikeledger incidents --show ID` shows one with its claims")
