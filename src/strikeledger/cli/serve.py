"""`strikeledger serve`: the HTTP API and the dashboard."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..serving import BUDGET, MAX_JOBS, SHUTDOWN_GRACE, WAIT, WORKERS
from .console import library_errors, out
from .options import Db
from .stores import require_store


def serve(
    db: Db = None,
    host: Annotated[str, typer.Option("--host", metavar="ADDR",
                                      help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="PORT",
                                      help="port to listen on")] = 8000,
    max_body: Annotated[int, typer.Option("--max-body", metavar="BYTES",
                                          help="largest request body")] = 5 * 1024 * 1024,
    watch: Annotated[Optional[Path], typer.Option(
        "--watch", metavar="FOLDER", show_default=False,
        help="ingest report files as they appear in this folder, while serving")] = None,
    workers: Annotated[int, typer.Option(
        "--workers", metavar="N", min=1, max=64,
        help="extraction processes for POSTed reports")] = WORKERS,
    budget: Annotated[float, typer.Option(
        "--budget", metavar="SECONDS", min=0.1,
        help="time one POSTed report may take to extract; then it is stopped")] = BUDGET,
    max_jobs: Annotated[int, typer.Option(
        "--max-jobs", metavar="N", min=1,
        help="write jobs pending before a POST gets 429")] = MAX_JOBS,
    wait: Annotated[float, typer.Option(
        "--write-wait", metavar="SECONDS", min=0.0,
        help="how long a POST waits for its extraction before answering 202")] = WAIT,
) -> None:
    """Serve the HTTP API and the dashboard (writes need STRIKELEDGER_TOKEN or
    STRIKELEDGER_TOKEN_FILE; see docs/api.md)."""
    import uvicorn

    from ..api import create_app
    require_store(db)
    with library_errors():
        api = create_app(db, max_body=max_body, watch=watch, workers=workers,
                         budget=budget, max_jobs=max_jobs, wait=wait)
    out.print(f"serving {db or 'strikeledger.duckdb'} at http://{host}:{port}/ "
              f"(API docs at /docs){f'; watching {watch}' if watch else ''}", highlight=False)
    # SIGTERM: open requests get SHUTDOWN_GRACE seconds (a POST waits at most
    # --write-wait), then the write workers theirs (serving.GRACE): it never hangs
    uvicorn.run(api, host=host, port=port, log_level="info",
                timeout_graceful_shutdown=SHUTDOWN_GRACE)
