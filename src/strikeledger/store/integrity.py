"""Whether a store can be trusted with writes: the checks made each time one is opened.

DuckDB (a file): a checkpoint (which folds in a write-ahead log left by a crash), the
catalog (every table of the schema is there and can be listed), and the file's length
against the blocks its header says it holds. A file cut short (a full disk, a bad copy,
``truncate``) still opens and takes writes, which DuckDB appends to the blocks that
remain, until a read meets the missing ones ("checksum mismatch"): issue 18 ingested
16 reports into such a file, printed "16 added" and exited 0. The length check finds
that cheaply, on every open.

PostgreSQL: the schema version in ``meta`` and the tables of that version.

A store found damaged stays readable (``strikeledger check`` and read commands show
what can still be read) but refuses every write with StoreDamagedError, whose message
says what to do. Damage inside the blocks (flipped bits) is only found by reading them
all: ``strikeledger check`` does that.
"""
from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from strikeledger.errors import StoreDamagedError
from strikeledger.store import schema

if TYPE_CHECKING:
    import duckdb

    from strikeledger.store.base import Store

log = logging.getLogger(__name__)

# DuckDB's file: a main header and two database headers of 4 KiB each, then the blocks.
_DUCKDB_HEADERS = 3 * 4096


def advice(target: str) -> str:
    """What to do about a damaged store at ``target``."""
    return (f"restore the last backup (`strikeledger restore BACKUP --db {target} --force`) "
            "or ingest the inputs again into a new store; "
            f"`strikeledger check --db {target}` shows what can still be read")


def damaged(target: str, why: str) -> StoreDamagedError:
    return StoreDamagedError(f"{target} is damaged ({why}), so it takes no writes: "
                             + advice(target))


def duckdb_damage(con: "duckdb.DuckDBPyConnection", path: str) -> str | None:
    """Why the DuckDB file at ``path`` cannot take writes, or None.

    A file this process found whole before, and which has not changed since (same inode,
    size and mtime), is not checked again: a server may open its file per request.
    """
    import duckdb
    if path == ":memory:":
        return None
    try:
        con.execute("CHECKPOINT")
    except duckdb.Error as exc:
        return f"a checkpoint failed: {exc}"
    key = _file_key(path)
    if key is not None and key in _whole:
        return None
    try:
        why = _duckdb_blocks_missing(con, path)
    except duckdb.Error as exc:
        return f"its catalog cannot be read: {exc}"
    if why is None and key is not None:
        _whole.add(key)
    return why


_whole: set[tuple] = set()


def _file_key(path: str) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (os.path.realpath(path), st.st_ino, st.st_size, st.st_mtime_ns)


def _duckdb_blocks_missing(con: "duckdb.DuckDBPyConnection", path: str) -> str | None:
    """Whether the file ends before the last block its catalog uses.

    The highest block in use (table segments and metadata), not ``total_blocks``: free
    blocks at the end of the file are cut off by DuckDB itself yet still counted there.
    """
    (block_size,) = con.execute("SELECT block_size FROM pragma_database_size()"
                                " WHERE database_name = current_database()").fetchone()
    tables = [name for (name,) in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
        " AND schema_name = current_schema()").fetchall()]
    if tables and not {"meta", "reports"} <= set(tables):
        return f"its catalog lacks the table(s) {', '.join(sorted({'meta', 'reports'} - set(tables)))}"
    parts = ["SELECT max(block_id) AS b FROM pragma_metadata_info()"]
    parts += [f"SELECT max(greatest(block_id, coalesce(list_max(additional_block_ids), -1)))"
              f" AS b FROM pragma_storage_info('{name}') WHERE persistent"
              for name in tables if name.isidentifier()]   # names from the catalog
    (last,) = con.execute(f"SELECT max(b) FROM ({' UNION ALL '.join(parts)})").fetchone()
    if last is None or last < 0:
        return None
    size = os.path.getsize(path)
    needed = _DUCKDB_HEADERS + block_size * (last + 1)
    if size < needed:
        return (f"the file is {size:,} bytes but the blocks its catalog uses need "
                f"{needed:,}: it was cut short")
    return None


def schema_damage(store: "Store") -> str | None:
    """Why a store whose schema is in place (after creation or migration) is not whole:
    the version in ``meta`` is not this strikeledger's, or a table of it is missing."""
    try:
        rows = store._fetch("SELECT value FROM meta WHERE key = 'schema_version'", [])
    except Exception as exc:  # the driver's own error types differ per backend
        return f"its schema version cannot be read: {exc}"
    if not rows:
        return "its meta table has no schema_version"
    try:
        version = int(rows[0]["value"])
    except (TypeError, ValueError):
        return f"its schema version is {rows[0]['value']!r}"
    if version != schema.SCHEMA_VERSION:
        return f"its schema version is {version}, expected {schema.SCHEMA_VERSION}"
    for table in schema.TABLES:
        try:
            store._fetch(f"SELECT 1 FROM {table.name} LIMIT 1", [])  # our own names
        except Exception as exc:
            return f"its table {table.name} cannot be read: {exc}"
    return None
