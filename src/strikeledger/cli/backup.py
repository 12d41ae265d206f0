"""`strikeledger backup` and `strikeledger restore`: a store to a file and back."""
from __future__ import annotations

from typing import Annotated

import typer

from .console import library_errors, out
from .options import Db, Force, Wait
from .stores import require_store


def backup(
    dest: Annotated[str, typer.Argument(
        metavar="FILE", show_default=False,
        help="the backup file (DuckDB: a copy of the store; PostgreSQL: a pg_dump archive)")],
    db: Db = None,
    force: Force = False,
    wait: Wait = 60.0,
) -> None:
    """Back the store up to FILE, checked before it is called done (see README)."""
    from ..store.backup import backup as run
    require_store(db)
    with library_errors():
        path = run(db, dest, force=force, busy_timeout=wait)
    out.print(f"backed up {db or 'strikeledger.duckdb'} to {path}", highlight=False)


def restore(
    source: Annotated[str, typer.Argument(
        metavar="FILE", show_default=False, help="a file written by `strikeledger backup`")],
    db: Db = None,
    force: Force = False,
) -> None:
    """Replace the store by a backup (--force when the store exists or holds reports)."""
    from ..store.backup import restore as run
    with library_errors():
        n = run(source, db, force=force)
    out.print(f"restored {n} report(s) from {source} into {db or 'strikeledger.duckdb'}",
              highlight=False)
