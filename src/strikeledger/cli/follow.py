"""`strikeledger follow`: poll RSS/Atom feeds and ingest each new item once."""
from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from .console import library_errors, out, skipped
from .options import Db
from .stopping import stop_on_signals


def follow(
    feeds: Annotated[list[str], typer.Argument(
        metavar="FEED", show_default=False, help="RSS or Atom feed URLs")],
    db: Db = None,
    interval: Annotated[float, typer.Option(
        "--interval", metavar="S", min=0.1, help="seconds between polls of a feed")] = 300.0,
    once: Annotated[bool, typer.Option(
        "--once", show_default=False,
        help="poll each feed once (not those backing off after failures) and exit")] = False,
    timeout: Annotated[float, typer.Option(
        "--timeout", metavar="S", min=0.1, help="seconds to wait for a server")] = 20.0,
    max_backoff: Annotated[float, typer.Option(
        "--max-backoff", metavar="S", min=0.1,
        help="longest wait after failed polls")] = 3600.0,
) -> None:
    """Poll RSS/Atom feeds and ingest each new item once (state kept in the store)."""
    from ..ingest.follow import follow as run

    def polled(r) -> None:
        name = escape(r.feed)
        if r.outcome == "failed":
            out.print(f"{name}: failed ({escape(r.error or '')}); try {r.failures} in a "
                      f"row, next in {r.retry_in:.1f} s", highlight=False)
        elif r.outcome == "waiting":
            out.print(f"{name}: backing off after {r.failures} failure(s), next try in "
                      f"{r.retry_in:.1f} s", highlight=False)
        elif r.outcome == "not modified":
            out.print(f"{name}: not modified", highlight=False)
        else:
            out.print(f"{name}: {r.items} new item(s), {r.read} report(s) read: {r.added} "
                      f"added, {r.skipped} already stored; {len(r.errors)} error(s)",
                      highlight=False)

    with stop_on_signals() as stop, library_errors():
        totals = run(db, feeds, stop, once=once, interval=interval, timeout=timeout,
                     max_backoff=max_backoff, on_error=skipped, on_poll=polled)
    out.print(f"stopped: {totals.polls} poll(s), {totals.added} report(s) added, "
              f"{totals.failed} failed poll(s), {totals.errors} item error(s)",
              highlight=False)
    if once and (totals.failed or totals.errors):
        raise typer.Exit(1)
