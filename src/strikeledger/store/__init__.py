"""Where reports and their records are kept: DuckDB (default) or PostgreSQL.

    from strikeledger.store import open_store
    with open_store("reports.duckdb") as store:          # or "postgresql://..."
        store.add(report, record)                         # False if already stored
        store.figures(kind="killed", oblast="kharkiv")

Both backends keep the same tables (see ``schema.py``): ``reports`` keyed by ``uid``
(the first 16 hex digits of the SHA-256 of the text, so two texts that share a
report_id are both kept), and ``figures``, ``places``, ``damage``, ``speakers``,
``weapons`` referring to it. Ingest is idempotent on the text's hash.
"""
from __future__ import annotations

from pathlib import Path

from strikeledger.extras import require
from strikeledger.store.base import AddResult, Store, uid_of

__all__ = ["AddResult", "Store", "open_store", "store_file", "uid_of", "DEFAULT_PATH"]

DEFAULT_PATH = "strikeledger.duckdb"
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def store_file(target: str | Path | None = None) -> Path | None:
    """The DuckDB file ``target`` names (as ``open_store`` reads it), or None for a
    PostgreSQL URL or ``":memory:"``."""
    if isinstance(target, str) and (target == ":memory:"
                                    or target.lower().startswith(_POSTGRES_SCHEMES)):
        return None
    return Path(DEFAULT_PATH) if target is None else Path(target)


def open_store(target: str | Path | None = None, *, busy_timeout: float = 0.0) -> Store:
    """Open (creating if needed) the store at ``target``.

    ``None`` is the DuckDB file ``strikeledger.duckdb`` in the working directory; a path
    (or ``":memory:"``) is a DuckDB file; a ``postgresql://`` or ``postgres://`` URL is a
    PostgreSQL database. ``busy_timeout`` is how many seconds to wait for a DuckDB file
    that another process holds before raising StoreBusyError.
    """
    if isinstance(target, str) and target.lower().startswith(_POSTGRES_SCHEMES):
        require("psycopg", "postgres", "a PostgreSQL store")
        from strikeledger.store.postgres_store import PostgresStore
        return PostgresStore(target)
    from strikeledger.store.duckdb_store import DuckDBStore
    return DuckDBStore(Path(DEFAULT_PATH) if target is None else target,
                       busy_timeout=busy_timeout)
