"""Opening the store from the CLI: read commands refuse a store that does not exist.

A mistyped ``--db`` must not silently create an empty DuckDB file and report "0
attacks": only ``ingest`` creates a store. PostgreSQL URLs are passed through (the
server says whether the database exists).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..store import Store, open_store, store_file
from .console import USAGE_ERROR, fail, library_errors


def _missing_file(db: str | None) -> Path | None:
    """The DuckDB file ``db`` names, if it does not exist."""
    path = store_file(db)
    return path if path is not None and not path.exists() else None


def require_store(db: str | None) -> None:
    """Exit 2 with a clear line when ``db`` names a DuckDB file that does not exist."""
    missing = _missing_file(db)
    if missing is not None:
        fail(f"no store at {missing} (`strikeledger ingest PATH --db {missing}` creates "
             f"one; --db takes a DuckDB file or a postgresql:// URL)", USAGE_ERROR)


# How long a command waits for a DuckDB file that another process (a running `serve`,
# another ingest) holds, before giving up: a server holds it only while it answers.
BUSY_TIMEOUT = 60.0


@contextmanager
def reading(db: str | None) -> Iterator[Store]:
    """An existing store, closed after the block; library errors become ``fail``."""
    require_store(db)
    with library_errors():
        store = open_store(db, busy_timeout=BUSY_TIMEOUT)
    try:
        with library_errors():
            yield store
    finally:
        store.close()


@contextmanager
def writing(db: str | None, wait: float = 0.0) -> Iterator[Store]:
    """The store at ``db``, created if needed; a DuckDB file another process is writing
    is waited for up to ``wait`` seconds (the library says so on stderr once)."""
    with library_errors():
        store = open_store(db, busy_timeout=wait)
    try:
        with library_errors():
            yield store
    finally:
        store.close()
