"""`strikeledger extract`: one contract record (JSONL) per report, no store."""
from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from .console import err, library_errors, skipped
from .options import OutputFile, Paths
from .paths import check_paths


def extract(
    paths: Paths,
    output: OutputFile = None,
    dask: Annotated[Optional[str], typer.Option(
        "--dask", metavar="ADDR", show_default=False,
        help="extract on Dask: a scheduler address, or 'local' for a LocalCluster")] = None,
    partitions: Annotated[Optional[int], typer.Option(
        "--partitions", metavar="N", min=1, show_default=False,
        help="with --dask: partitions in flight at once (default: 4 per worker thread; "
             "each up to 50 reports)")] = None,
) -> None:
    """Print one contract record (JSONL) per report, without touching a store."""
    from ..ingest.run import RunResult, extracted
    result = RunResult()
    empty = check_paths(paths)
    sink = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        with library_errors():
            if dask is not None:
                from ..scale import extract_with_dask
                for line in extract_with_dask(paths, address=None if dask == "local" else dask,
                                              partitions=partitions, on_error=skipped,
                                              result=result):
                    sink.write(line + "\n")
            else:
                for _, rec in extracted(paths, skipped, result):
                    sink.write(rec.to_json() + "\n")
    finally:
        if output:
            sink.close()
    if result.errors:
        err.print(f"{len(result.errors)} input(s) failed; {result.read} report(s) extracted")
    if result.errors or empty:
        raise typer.Exit(1)
