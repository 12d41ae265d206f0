"""The API's hold on the store: one lock, and the store opened for each use or kept.

A Store is not thread-safe and FastAPI runs plain endpoints in a thread pool, so every
store call goes through ``Service.use()``, which holds one lock. Nothing is cached:
incidents are tables in the store, kept up to date by every write (``Store.add_many``),
so each read is a query and sees writes by other processes too (PostgreSQL).

A DuckDB file is locked by the process that has it open, so a server that kept it open
would shut every other process out ("Could not set lock"). The server therefore opens a
DuckDB file for each request (or watcher batch) and closes it after: between requests a
user's ``strikeledger incidents`` or ``ingest`` opens it, and while one holds it the other
waits (``busy_timeout``) instead of failing. PostgreSQL stores (and ``:memory:``) are
kept open.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from strikeledger.store import Store, open_store, store_file

log = logging.getLogger(__name__)


BUSY_TIMEOUT = 30.0      # seconds a request waits for a DuckDB file another process holds


def _keeps_open(db: str | None) -> bool:
    return store_file(db) is None


class Service:
    def __init__(self, db: str | None, keep_open: bool | None = None,
                 busy_timeout: float = BUSY_TIMEOUT):
        self.db = db
        self.keep_open = _keeps_open(db) if keep_open is None else keep_open
        self.busy_timeout = busy_timeout
        self._store: Store | None = None
        self._lock = threading.RLock()

    def open(self) -> None:
        """Open the store (a store that cannot be opened fails here, at start)."""
        with self._lock:
            if self._store is None:
                self._store = open_store(self.db, busy_timeout=self.busy_timeout)
                log.info("serving %s%s", self._store.target, "" if self.keep_open else
                         " (opened per request: other processes may use it in between)")

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def release(self) -> None:
        """Close a DuckDB file between uses (after ``open`` checked it at start)."""
        if not self.keep_open:
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
                    self.close()

    def incidents(self, **filters) -> dict:
        """A page of incidents (``Store.incidents``)."""
        with self.use() as store:
            return store.incidents(**filters)
