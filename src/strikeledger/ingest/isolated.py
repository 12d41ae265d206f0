"""Extraction in a child process, with a time budget that is enforced by killing it.

The extractor is linear in its text and has a cooperative per-report budget of its own
(``extract.pipeline``), but a server must not trust either with its liveness: a report
that runs away in code that never checks the budget would hold a thread, its memory and
the GIL for as long as it likes. ``IsolatedExtractor`` runs ``safe_extract`` in a child
process; when a report is not done within ``budget`` seconds the child is killed
(SIGKILL), the report becomes ``TimeBudgetExceeded``, and the next report gets a fresh
child. Children run at a lower CPU priority (nice 10), so the server's reads go first. Reports and records cross the pipe as JSON.

    with IsolatedExtractor() as ex:
        outcome = ex.extract(report, budget=30.0)   # Record | InputError | TimeBudgetExceeded
"""
from __future__ import annotations

import multiprocessing as mp
import os
from multiprocessing.connection import Connection

from ..errors import InputError, TimeBudgetExceeded
from ..model import Record, Report

# forkserver: children fork from a clean server process (not from the threaded caller)
# that has imported the extractor and loaded its vocabularies once (``_warm``), so a
# new child, after a kill too, starts at once
_CONTEXT = "forkserver"
_PRELOAD = ["strikeledger.ingest._warm"]
_NICE = 10               # the children's CPU priority below the server's
_START_TIMEOUT = 60.0    # seconds a new child may take to import the extractor


def _child(conn: Connection) -> None:
    from ._warm import warm
    from .run import safe_extract
    os.nice(_NICE)                # reads and the server's own work come first
    warm()                        # vocabularies loaded (in the fork server, normally)
    conn.send(("ready", ""))
    while True:
        try:
            payload = conn.recv()
        except (EOFError, OSError):
            return
        if payload is None:
            return
        outcome = safe_extract(Report.model_validate_json(payload))
        if isinstance(outcome, InputError):
            conn.send(("error", outcome.message))
        else:
            conn.send(("record", outcome.model_dump_json()))


def prepare() -> None:
    """Start the fork server (and load the extractor in it) now, not at the first report."""
    ctx = mp.get_context(_CONTEXT)
    ctx.set_forkserver_preload(_PRELOAD)
    from multiprocessing import forkserver
    forkserver.ensure_running()


class IsolatedExtractor:
    """One extraction child process, restarted after a kill. Not thread-safe: one per
    worker thread."""

    def __init__(self) -> None:
        self._ctx = mp.get_context(_CONTEXT)
        self._ctx.set_forkserver_preload(_PRELOAD)
        self._proc = None
        self._conn: Connection | None = None

    def __enter__(self) -> "IsolatedExtractor":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start the child now (else the first report starts it)."""
        self._start()

    def _start(self) -> Connection:
        if self._conn is None:
            ours, theirs = self._ctx.Pipe()
            proc = self._ctx.Process(target=_child, args=(theirs,), daemon=True,
                                     name="strikeledger-extract")
            proc.start()
            theirs.close()
            self._proc, self._conn = proc, ours
            if not ours.poll(_START_TIMEOUT):
                self.kill()
                raise RuntimeError("the extraction process did not start")
            ours.recv()
        return self._conn

    def extract(self, report: Report, budget: float) -> Record | InputError:
        """The report's record, or an InputError naming it; TimeBudgetExceeded (raised)
        when it was not done within ``budget`` seconds (its process is killed)."""
        conn = self._start()
        try:
            conn.send(report.model_dump_json())
            ready = conn.poll(budget)
            kind, body = conn.recv() if ready else (None, None)
        except (EOFError, OSError):          # the child died (out of memory, a signal)
            self.kill()
            return InputError("extraction failed: its process died", path=report.origin)
        if kind is None:
            self.kill()
            raise TimeBudgetExceeded(f"report {report.report_id!r}: extraction took longer "
                                     f"than its time budget of {budget:g} s and was stopped")
        if kind == "error":
            return InputError(body)
        return Record.model_validate_json(body)

    def kill(self) -> None:
        """Stop the child at once (a running extraction is abandoned)."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(5)
        if self._conn is not None:
            self._conn.close()
        self._proc = self._conn = None

    def close(self) -> None:
        """Ask the child to exit; kill it if it does not."""
        if self._conn is not None:
            try:
                self._conn.send(None)
            except OSError:
                pass
        if self._proc is not None:
            self._proc.join(2)
        self.kill()
