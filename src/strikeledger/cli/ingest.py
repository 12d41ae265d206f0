"""`strikeledger ingest`: extract reports and add them to the store (creating it)."""
from __future__ import annotations

from typing import Annotated

import typer

from . import logs
from .console import err, out, skipped
from .options import Db, Paths, Wait
from .paths import check_paths
from .stores import writing


def ingest(
    paths: Paths,
    db: Db = None,
    batch_size: Annotated[int, typer.Option(
        "--batch-size", metavar="N", min=1, help="reports per transaction")] = 500,
    progress: Annotated[bool, typer.Option(
        "--progress/--no-progress", show_default=False,
        help="show a progress bar on stderr (default: on)")] = True,
    wait: Wait = 600.0,
) -> None:
    """Extract reports and add them to the store (re-running is a no-op)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..ingest.run import ingest_paths
    empty = check_paths(paths)
    with writing(db, wait=wait) as store:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"),
                      TextColumn("{task.completed} reports"), TimeElapsedColumn(),
                      console=err, disable=not progress or logs.quiet(), transient=True) as bar:
            task = bar.add_task("ingesting", total=None)
            result = ingest_paths(paths, store, skipped, batch_size=batch_size,
                                  progress=lambda n: bar.advance(task, n))
    out.print(f"{result.read} report(s) read: {result.added} added, "
              f"{result.skipped} already stored; {len(result.errors)} input error(s)")
    if result.errors or empty:
        raise typer.Exit(1)
