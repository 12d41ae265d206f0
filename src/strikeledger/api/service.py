"""The API's hold on the store: one lock, and the store opened for each use or kept.

A Store is not thread-safe and FastAPI runs plain endpoints in a thread pool, so every
store call goes through ``Service.use()``, which holds one lock. Nothing is cached:
incidents are tables in the store, kept up to date by every write (``Store.add_many``),
so each read is a query and sees writes by other processes too (PostgreSQL).

A DuckDB file is locked by the process that has it open, so a server that kept it open
would shut every other process out ("Could not set lock"). The server therefore closes a
DuckDB file when it has been idle for ``linger`` seconds, and at the latest ``hold``
seconds after opening it, then leaves it closed for ``gap`` seconds: between requests a
user's ``strikeledger incidents`` or ``ingest`` opens it, and while one holds it the other
waits (``busy_timeout``) instead of failing. Opening a file (and checking it, see
``store.integrity``) takes tens of milliseconds: opening it for every request made 50
clients' reads queue behind each other's opens (seconds at p50). PostgreSQL stores (and
``:memory:``) are kept open.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from strikeledger.store import Store, open_store, store_file

log = logging.getLogger(__name__)


BUSY_TIMEOUT = 30.0      # seconds a request waits for a DuckDB file another process holds
LINGER = 0.25            # seconds an idle DuckDB file stays open
HOLD = 5.0               # seconds a busy DuckDB file stays open at most...
GAP = 0.3                # ...before it is left closed this long for other processes


def _keeps_open(db: str | None) -> bool:
    return store_file(db) is None


class Service:
    def __init__(self, db: str | None, keep_open: bool | None = None,
                 busy_timeout: float = BUSY_TIMEOUT, linger: float = LINGER,
                 hold: float = HOLD, gap: float = GAP):
        self.db = db
        self.keep_open = _keeps_open(db) if keep_open is None else keep_open
        self.busy_timeout = busy_timeout
        self.linger, self.hold, self.gap = linger, hold, gap
        self._store: Store | None = None
        self._lock = threading.RLock()
        self._opened = self._last = self._closed_at = 0.0
        self._closer: threading.Thread | None = None
        self._stopped = threading.Event()

    def open(self) -> None:
        """Open the store (a store that cannot be opened fails here, at start)."""
        with self._lock:
            if self._store is None:
                if not self.keep_open:
                    wait = self._closed_at + self.gap - time.monotonic()
                    if wait > 0 and self._closed_at:
                        time.sleep(wait)       # another process's turn
                self._store = open_store(self.db, busy_timeout=self.busy_timeout)
                self._opened = time.monotonic()
                log.info("serving %s%s", self._store.target, "" if self.keep_open else
                         " (opened per request: other processes may use it in between)")

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
                self._closed_at = time.monotonic()

    def shutdown(self) -> None:
        """Close the store and stop closing it when idle (the app's end)."""
        self._stopped.set()
        self.close()

    def release(self) -> None:
        """Close a DuckDB file between uses (after ``open`` checked it at start)."""
        if not self.keep_open:
            self.close()

    def _close_when_idle(self) -> None:
        while not self._stopped.wait(self.linger / 2):
            with self._lock:
                if self._store is not None and \
                        time.monotonic() - self._last >= self.linger:
                    self.close()

    @contextmanager
    def use(self) -> Iterator[Store]:
        """The store, held for the duration of the block."""
        with self._lock:
            if self._store is None:
                self.open()
            assert self._store is not None
            try:
                yield self._store
            finally:
                if not self.keep_open:
                    self._last = now = time.monotonic()
                    if self.linger <= 0 or now - self._opened >= self.hold:
                        self.close()
                    elif self._closer is None or not self._closer.is_alive():
                        self._stopped.clear()
                        self._closer = threading.Thread(target=self._close_when_idle,
                                                        daemon=True, name="strikeledger-idle")
                        self._closer.start()

    def incidents(self, **filters) -> dict:
        """A page of incidents (``Store.incidents``)."""
        with self.use() as store:
            return store.incidents(**filters)
