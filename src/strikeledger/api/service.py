"""The API's hold on the store: one Store, one lock, and the incidents built from it.

A Store is not thread-safe and FastAPI runs plain endpoints in a thread pool, so every
store call goes through ``Service.use()``, which holds one lock. Incidents are built by
``strikeledger.incidents.build_incidents`` over every stored report and cached until the
store changes (a write through this API, or a different report count, which catches
writers in other processes on PostgreSQL).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from strikeledger.incidents import build_incidents
from strikeledger.incidents.types import Incident
from strikeledger.store import Store, open_store

log = logging.getLogger(__name__)


class Service:
    def __init__(self, db: str | None):
        self.db = db
        self._store: Store | None = None
        self._lock = threading.RLock()
        self._incidents: list[Incident] | None = None
        self._incidents_key: tuple | None = None
        self._generation = 0

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

    def changed(self) -> None:
        """Note a write: the cached incidents are stale."""
        with self._lock:
            self._generation += 1

    def incidents(self) -> list[Incident]:
        """Every incident in the store (cached until the store changes)."""
        with self.use() as store:
            key = (self._generation, store.count_reports())
            if self._incidents is None or key != self._incidents_key:
                self._incidents = build_incidents(store.records())
                self._incidents_key = key
            return self._incidents
