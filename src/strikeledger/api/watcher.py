"""``serve --watch FOLDER``: ingest report files as they appear, while serving.

The live inputs' own watcher (``strikeledger.ingest.watch.watch_folder``: a first pass
over the folder, then new or changed files within seconds) runs in a thread of the
server. It opens the store for each batch, as the server does for each request, so the
two take turns with each other and with other processes; every batch updates its
incidents (``Store.add_many``), which the change feed (``/changes``) then shows.
"""
from __future__ import annotations

import logging
import threading
from pathlib import Path

from strikeledger.errors import InputError

log = logging.getLogger(__name__)


class Watcher:
    """Watch ``folder`` for the store at ``db`` in a thread, until ``stop()``."""

    def __init__(self, folder: str | Path, db: str | None, settle: float = 1.0):
        self.folder = Path(folder)
        self.db = db
        self.settle = settle
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def check(self) -> None:
        if not self.folder.is_dir():
            raise InputError("--watch: not a folder", path=str(self.folder))

    def start(self) -> None:
        self.check()
        self._thread = threading.Thread(target=self._run, name="strikeledger-watch",
                                        daemon=True)
        self._thread.start()

    def _run(self) -> None:
        from strikeledger.ingest.watch import watch_folder

        def on_error(e: InputError) -> None:
            log.warning("watch: skipped %s", e)

        def on_batch(files, result) -> None:
            log.info("watch: %d file(s): %d report(s) added", len(files), result.added)
        try:
            watch_folder(self.folder, self.db, stop=self._stop, on_error=on_error,
                         on_batch=on_batch, settle=self.settle)
        except Exception:          # the server goes on serving; the log says why
            log.exception("watch: stopped")

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=15)
