"""`strikeledger export`: the incidents as files."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from .console import fail, library_errors, out
from .options import AsOf, Contested, DateFrom, DateTo, Db, Force, Oblast
from .stores import reading


def export(
    fmt: Annotated[str, typer.Argument(
        metavar="FORMAT", show_default=False, help="csv, jsonl, parquet, geojson or acled")],
    output: Annotated[Optional[str], typer.Option(
        "-o", "--output", metavar="PATH", show_default=False,
        help="csv/jsonl/parquet: a folder for the tables (default ./strikeledger-export; "
             "created if missing), or a file with one --table; geojson/acled: the file "
             "(default incidents.geojson / acled.csv)")] = None,
    table: Annotated[Optional[list[str]], typer.Option(
        "--table", metavar="TABLE", show_default=False,
        help="incidents, claims, places or damage (repeatable; default all)")] = None,
    db: Db = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    oblast: Oblast = None,
    contested: Contested = False,
    force: Force = False,
    as_of: AsOf = None,
) -> None:
    """Export incidents, claims and places (CSV, JSONL, Parquet, GeoJSON, ACLED-style CSV).

    Files are replaced only when an earlier export wrote them and they were not changed
    since (the folder's .strikeledger-export.json lists them); anything else needs
    --force."""
    from ..export import export as write
    filters = dict(date_from=date_from, date_to=date_to, oblast=oblast, contested=contested)
    with reading(db) as store, library_errors():
        try:
            written = write(None, fmt, output, tables=table or None, store=store,
                            as_of=as_of, force=force, **filters)
        except OSError as e:
            fail(f"{getattr(e, 'filename', None) or output}: {e.strerror or e}")
        total = store.incidents(limit=1, as_of=as_of, **filters)["total"]
    for path in written:
        out.print(f"wrote {path}", highlight=False)
    out.print(f"{total} incident(s) exported")
