"""The DuckDB backend: one embedded file (or ``:memory:``), one writer process at a time.

DuckDB locks its file for the process that opens it; a second process gets
StoreBusyError (after waiting up to ``busy_timeout`` seconds). Writes go in as Arrow
tables, one transaction per batch: row-by-row INSERTs cost ~0.5 ms each in DuckDB,
Arrow batches ~0.2 ms per whole report.

Full-text search uses substring matching: DuckDB's ``fts`` extension is not bundled
with the Python wheel and cannot be downloaded here.

Memory stays flat however big the store grows: the tables have no keys or indexes (see
``schema.py``: DuckDB keeps each one whole in memory), so the writer checks ``uid`` and
``content_hash`` against the stored reports itself, holding a per-file lock in this
process (the file lock keeps other processes out); and while ``add_many`` runs, DuckDB's
buffer cache is capped at ``INGEST_MEMORY_LIMIT``, as without a cap it keeps every page
the ingest wrote or read, up to 80% of RAM. A store created with keys (before this
change) is ingested into without the cap: its keys need memory in proportion to its
size, and a checkpoint that cannot get it invalidates the database.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from strikeledger.errors import StoreBusyError, StoreError
from strikeledger.model import Record, Report
from strikeledger.store import integrity, migrations, schema
from strikeledger.store.base import (
    CHILD_TABLES, REPORT_COLUMNS, SUMMARY_COLUMNS, AddResult, Params, PreparedReport, Store)

log = logging.getLogger(__name__)

# DuckDB's buffer cache while add_many runs. Ingest needs a few MB per batch; the cache
# only saves re-reading pages of the reports table for the duplicate check. 64 MB keeps
# the peak flat from 10k reports on, at no cost in speed (benchmarks/bench_ingest_rss.py).
INGEST_MEMORY_LIMIT = "64MB"
_TABLES = ("reports", *CHILD_TABLES)

# One writer at a time per database file in this process: the duplicate check and the
# insert must not interleave with another connection's (DuckDB shares one database
# instance between the connections of a process to the same file).
_write_locks: dict[str, threading.Lock] = {}
_write_locks_guard = threading.Lock()


def _write_lock(path: str) -> threading.Lock:
    if path == ":memory:":  # every connection to :memory: is a database of its own
        return threading.Lock()
    key = os.path.realpath(path)
    with _write_locks_guard:
        return _write_locks.setdefault(key, threading.Lock())


def has_keys(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store's tables carry keys or indexes (stores made before they were
    dropped from the DuckDB schema)."""
    names = ", ".join(f"'{t}'" for t in _TABLES)  # our own constants
    (n,) = con.execute(
        "SELECT (SELECT count(*) FROM duckdb_constraints() WHERE database_name ="
        f" current_database() AND table_name IN ({names}) AND constraint_type IN"
        " ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY'))"
        " + (SELECT count(*) FROM duckdb_indexes() WHERE database_name ="
        f" current_database() AND table_name IN ({names}))").fetchone()
    return n > 0

def _is_lock_error(exc: duckdb.Error) -> bool:
    message = str(exc).lower()
    return "lock" in message and ("conflicting" in message or "could not set" in message)


class DuckDBStore(Store):
    backend = "duckdb"
    _driver_errors = (duckdb.Error, pa.ArrowException, OverflowError)  # pyarrow: a value past int64

    def __init__(self, path: str | Path, busy_timeout: float = 0.0):
        path = str(path)
        super().__init__(path)
        self._path = path
        self._lock = _write_lock(path)
        self._con = self._connect(path, busy_timeout)
        try:
            self.damage = integrity.duckdb_damage(self._con, path)
            if self.damage is None:   # a damaged file gets no migration: that is a write
                self._create_schema()
                self.damage = integrity.schema_damage(self)
            if self.damage is not None:
                log.warning("%s", integrity.damaged(path, self.damage))
            with self._mapped("reading the schema"):
                self._keyed = has_keys(self._con)
            if self._keyed and path != ":memory:":
                log.info("%s was created with keys and indexes: an ingest's memory grows "
                         "with the store (export and ingest into a new store to avoid it)",
                         path)
        except BaseException:
            self._con.close()
            raise

    @staticmethod
    def _connect(path: str, busy_timeout: float) -> duckdb.DuckDBPyConnection:
        if path != ":memory:" and not Path(path).parent.is_dir():
            raise StoreError(f"{path}: cannot create the store: "
                             f"directory {str(Path(path).parent)!r} does not exist")
        deadline = time.monotonic() + max(0.0, busy_timeout)
        pause = 0.05
        waiting = False
        while True:
            try:
                return duckdb.connect(path)
            except duckdb.Error as exc:
                if not _is_lock_error(exc):
                    if Path(path).is_file():
                        raise integrity.damaged(path, f"it cannot be opened: {exc}") from exc
                    raise StoreError(f"{path}: cannot open the DuckDB store: {exc}") from exc
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"{path}: the DuckDB store is in use by another process "
                        f"(DuckDB allows one writer process per file; waited "
                        f"{busy_timeout:g} s): {exc}") from exc
                if not waiting:   # once, not at every retry
                    log.warning("%s is in use by another process; waiting up to %g s for "
                                "it to finish", path, busy_timeout)
                    waiting = True
                time.sleep(pause)
                pause = min(pause * 2, 0.5)

    def _create_schema(self) -> None:
        """Create a new store's tables, or migrate an older store (``migrations``)."""
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        with self._mapped("reading the schema version"):
            (exists,) = self._con.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE database_name ="
                " current_database() AND schema_name = current_schema()"
                " AND table_name = 'meta'").fetchone()
        with self._mapped("creating the schema"), self._lock, self._transaction():
            if not exists:
                migrations.create(self, schema.DUCKDB, now)
                return
            steps = migrations.pending(migrations.stored_version(self))
            for step in steps:
                migrations.apply(self, step, schema.DUCKDB, now)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        self._con.execute("COMMIT")

    def _execute(self, sql: str, params: list | None = None) -> None:
        # fetched, so that the connection has no unfinished result (register() needs none)
        self._con.execute(sql, params or []).fetchall()

    def _update_rows(self, table: str, key: tuple[str, ...], columns: tuple[str, ...],
                     rows: list[tuple]) -> None:
        if not rows:
            return
        spec = schema.BY_NAME[table]
        fields = [(c, spec.column(c).arrow_type()) for c in (*key, *columns)]
        arrays = [pa.array(col, type=t) for col, (_, t) in zip(zip(*rows), fields)]
        self._con.register("_updates", pa.Table.from_arrays(arrays, names=[c for c, _ in fields]))
        try:
            sets = ", ".join(f"{c} = u.{c}" for c in columns)
            match = " AND ".join(f"{table}.{k} = u.{k}" for k in key)
            self._con.execute(f"UPDATE {table} SET {sets} FROM _updates u WHERE {match}").fetchall()
        finally:
            self._con.unregister("_updates")

    def _close(self) -> None:
        self._con.close()

    def add_many(self, pairs: Iterable[tuple[Report, Record]],
                 batch_size: int = 500) -> AddResult:
        with self._ingest_memory():
            return super().add_many(pairs, batch_size=batch_size)

    @contextmanager
    def _ingest_memory(self) -> Iterator[None]:
        """Cap DuckDB's buffer cache while writing, then put the previous limit back.

        Not for :memory: (the cache is the database) nor for a store with keys (see the
        module's docstring). The limit is the database instance's, so it also holds for
        other connections of this process to the same file meanwhile.
        """
        if self._path == ":memory:" or self._keyed:
            yield
            return
        with self._mapped("limiting memory"):
            (before,) = self._con.execute("SELECT current_setting('memory_limit')").fetchone()
            self._con.execute(f"SET memory_limit = '{INGEST_MEMORY_LIMIT}'")
        try:
            yield
        finally:
            try:
                # The setting reads back rounded ('18.8 GiB'): setting that would drift
                # down a little on every call, so go back to the default when it was.
                self._con.execute("RESET memory_limit")
                (now,) = self._con.execute("SELECT current_setting('memory_limit')").fetchone()
                if now != before:
                    self._con.execute(f"SET memory_limit = '{before}'")  # DuckDB's own text
            except duckdb.Error as exc:  # e.g. the database was invalidated meanwhile
                log.warning("%s: could not restore memory_limit %s: %s", self.target,
                            before, exc)

    def _write_batch(self, batch: list[PreparedReport]) -> tuple[int, list[str]]:
        if not batch:
            return 0, []
        with self._lock:
            return self._write_locked(batch)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        with self._lock, self._transaction():
            yield

    def _ts(self, when: dt.datetime) -> dt.datetime:
        # DuckDB keeps TIMESTAMP naive: UTC wall time.
        return when.astimezone(dt.timezone.utc).replace(tzinfo=None)

    def _stored(self, batch: list[PreparedReport]) -> set[str]:
        """Content hashes of the batch that are stored already.

        Raises StoreError when a stored report, or another report of the batch, has the
        same uid but another text (16 hex digits of SHA-256: never seen in practice, but
        the uid must stay a key).
        """
        by_uid: dict[str, str] = {}
        for p in batch:
            other = by_uid.setdefault(p.uid, p.content_hash)
            if other != p.content_hash:
                raise StoreError(f"{self.target}: two reports share uid {p.uid} but not "
                                 f"their text ({other} vs {p.content_hash})")
        keys = pa.table({"uid": pa.array(list(by_uid), type=pa.string())})
        self._con.register("_batch_uids", keys)
        try:
            rows = self._con.execute(
                "SELECT r.uid, r.content_hash FROM reports r"
                " JOIN _batch_uids b ON r.uid = b.uid").fetchall()
        finally:
            self._con.unregister("_batch_uids")
        for uid, content_hash in rows:
            if by_uid[uid] != content_hash:
                raise StoreError(f"{self.target}: uid {uid} of {by_uid[uid]} is taken by "
                                 f"the stored report {content_hash}")
        return {h for _, h in rows}

    def _write_locked(self, batch: list[PreparedReport]) -> tuple[int, list[str]]:
        changed: list[str] = []
        with self._transaction():
            stored = self._stored(batch)
            new = [p for p in batch if p.content_hash not in stored]
            if new:
                [(last,)] = self._con.execute(
                    "SELECT coalesce(max(seq), -1) FROM reports").fetchall()
                rows = [p.report for p in new]
                rows = [(*r[:8], self._ts(r[8]), *r[9:]) for r in rows]
                self._insert_rows("reports", REPORT_COLUMNS, rows)
                for name, columns in CHILD_TABLES.items():
                    child_rows = [row for p in new for row in p.children[name]]
                    if child_rows:
                        self._insert_rows(name, columns, child_rows)
                seqs = dict(self._con.execute("SELECT uid, seq FROM reports WHERE seq > $1",
                                              [last]).fetchall())
                changed = self._sync(new, seqs, new[0].report[8])
        return len(new), changed

    def _insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if not rows:
            return
        spec = schema.BY_NAME[table]
        types = [spec.column(c).arrow_type() for c in columns]
        arrays = [pa.array(col, type=t) for col, t in zip(zip(*rows), types)]
        view = f"_batch_{table}"
        self._con.register(view, pa.Table.from_arrays(arrays, names=list(columns)))
        try:
            cols = ", ".join(columns)
            self._con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {view}").fetchall()
        finally:
            self._con.unregister(view)

    def _fetch(self, sql: str, params: list) -> list[dict]:
        cur = self._con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def _stream(self, sql: str, params: list, size: int) -> Iterator[tuple]:
        cur = self._con.cursor()  # its own connection: the caller may write meanwhile
        try:
            cur.execute(sql, params)
            while rows := cur.fetchmany(size):
                yield from rows
        finally:
            cur.close()

    def _search(self, terms: list[str], q: str, limit: int) -> list[dict]:
        p = Params()
        where = " AND ".join(f"strpos(lower(r.text), {p(t)}) > 0" for t in terms)
        cols = ", ".join(f"r.{c}" for c in SUMMARY_COLUMNS)
        sql = (f"SELECT {cols}, r.text FROM reports r WHERE {where}"
               f" ORDER BY r.attack_date DESC NULLS LAST, r.seq LIMIT {p(limit)}")
        return self._fetch(sql, p.values)
