"""`strikeledger watch`: ingest a folder's report files as they appear or change."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from .console import library_errors, out, skipped
from .options import Db
from .stopping import stop_on_signals


def watch(
    folder: Annotated[Path, typer.Argument(
        metavar="FOLDER", show_default=False, help="the folder to watch (recursively)")],
    db: Db = None,
    settle: Annotated[float, typer.Option(
        "--settle", metavar="S", min=0.05,
        help="seconds a file must stay unchanged before it is read")] = 1.0,
) -> None:
    """Ingest a folder's reports, then each new or changed file within seconds (Ctrl-C stops)."""
    from ..ingest.watch import watch_folder

    def batch(files, result):
        names = escape(files[0].name) + (f" and {len(files) - 1} more" if len(files) > 1 else "")
        out.print(f"{names}: {result.read} report(s) read: {result.added} added, "
                  f"{result.skipped} already stored; {len(result.errors)} input error(s)",
                  highlight=False)

    with stop_on_signals() as stop, library_errors():
        out.print(f"watching {escape(str(folder))} (Ctrl-C stops)", highlight=False)
        totals = watch_folder(folder, db, stop=stop, on_error=skipped, on_batch=batch,
                              settle=settle)
    out.print(f"stopped: {totals.files} file(s) read, {totals.added} report(s) added, "
              f"{totals.errors} input error(s)", highlight=False)
