"""`strikeledger rebuild`: recompute every incident from the stored reports."""
from __future__ import annotations

from .console import library_errors, out
from .options import Db
from .stores import reading


def rebuild(db: Db = None) -> None:
    """Recompute the duplicate groups and every incident from the stored reports.

    Ingest keeps incidents up to date, so on a healthy store this changes nothing; after
    a change of the rules (data/source_preference.json) it records what changed.
    """
    with reading(db) as store, library_errors():
        result = store.rebuild()
    out.print(f"{len(result.incidents)} incident(s) changed; {result.changes} change(s) "
              "logged", highlight=False)
