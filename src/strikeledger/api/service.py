"""The API's hold on the store: one Store and one lock.

A Store is not thread-safe and FastAPI runs plain endpoints in a thread pool, so every
store call goes through ``Service.use()``, which holds one lock. Nothing is cached:
incidents are tables in the store, kept up to date by every write (``Store.add_many``),
so each read is a query and sees writes by other processes too (PostgreSQL).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from strikeledger.store import Store, open_store

log = logging.getLogger(__name__)


class Service:
    def __init__(self, db: str | None):
        self.db = db
        self._store: Store | None = None
        self._lock = threading.RLock()

    def open(self) -> None:
        with self._lock:
            if self._store is None:
                self._store = open_store(self.db, busy_timeout=5.0)
                log.info("serving %s", self._store.target)

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    @contextmanager
    def use(self) -> Iterator[Store]:
        """The store, held for the duration of the block."""
        with self._lock:
            if self._store is None:
                self.open()
            assert self._store is not None
            yield self._store

    def incidents(self, **filters) -> dict:
        """A page of incidents (``Store.incidents``)."""
        with self.use() as store:
            return store.incidents(**filters)
