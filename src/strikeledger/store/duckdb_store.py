"""The DuckDB backend: one embedded file (or ``:memory:``), one writer process at a time.

DuckDB locks its file for the process that opens it; a second process gets
StoreBusyError (after waiting up to ``busy_timeout`` seconds). Writes go in as Arrow
tables, one transaction per batch: row-by-row INSERTs cost ~0.5 ms each in DuckDB,
Arrow batches ~0.2 ms per whole report.

Full-text search uses substring matching: DuckDB's ``fts`` extension is not bundled
with the Python wheel and cannot be downloaded here.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow as pa

from strikeledger.errors import StoreBusyError, StoreError
from strikeledger.store import schema
from strikeledger.store.base import (
    CHILD_TABLES, REPORT_COLUMNS, SUMMARY_COLUMNS, PreparedReport, Store)

log = logging.getLogger(__name__)

_TEXT, _INT, _BIG, _FLOAT, _DATE = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.date32()
_ARROW_TYPES = {
    "uid": _TEXT, "seq": _INT, "kind": _TEXT, "value": _BIG, "qualifier": _TEXT,
    "low": _BIG, "high": _BIG, "weapon": _TEXT, "place": _TEXT, "admin1": _TEXT,
    "speaker": _TEXT, "ev_start": _INT, "ev_end": _INT, "ev_text": _TEXT,
    "attack_date": _DATE, "name": _TEXT, "lat": _FLOAT, "lon": _FLOAT, "role": _TEXT,
    "category": _TEXT, "text": _TEXT, "report_id": _TEXT, "content_hash": _TEXT,
    "published": _DATE, "url": _TEXT, "publisher": _TEXT, "origin": _TEXT,
    "ingested_at": pa.timestamp("us"), "date_precision": _TEXT, "record": _TEXT,
}
_SCHEMAS = {name: pa.schema([(c, _ARROW_TYPES[c]) for c in cols])
            for name, cols in {"reports": REPORT_COLUMNS, **CHILD_TABLES}.items()}


def _is_lock_error(exc: duckdb.Error) -> bool:
    message = str(exc).lower()
    return "lock" in message and ("conflicting" in message or "could not set" in message)


def _table(name: str, rows: list[tuple]) -> pa.Table:
    schema_ = _SCHEMAS[name]
    columns = list(zip(*rows)) if rows else [[] for _ in schema_.names]
    return pa.Table.from_arrays([pa.array(col, type=f.type) for col, f in zip(columns, schema_)],
                                schema=schema_)


class DuckDBStore(Store):
    backend = "duckdb"
    _driver_errors = (duckdb.Error, pa.ArrowException, OverflowError)  # pyarrow: a value past int64

    def __init__(self, path: str | Path, busy_timeout: float = 0.0):
        path = str(path)
        super().__init__(path)
        self._con = self._connect(path, busy_timeout)
        try:
            self._create_schema()
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
        while True:
            try:
                return duckdb.connect(path)
            except duckdb.Error as exc:
                if not _is_lock_error(exc):
                    raise StoreError(f"{path}: cannot open the DuckDB store: {exc}") from exc
                if time.monotonic() >= deadline:
                    raise StoreBusyError(
                        f"{path}: the DuckDB store is in use by another process "
                        f"(DuckDB allows one writer process per file; waited "
                        f"{busy_timeout:g} s): {exc}") from exc
                log.info("%s is locked by another process; waiting", path)
                time.sleep(pause)
                pause = min(pause * 2, 0.5)

    def _create_schema(self) -> None:
        with self._mapped("creating the schema"):
            self._con.execute("BEGIN TRANSACTION")
            try:
                for statement in schema.statements(schema.DUCKDB):
                    self._con.execute(statement)
                row = self._con.execute(
                    "SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                if row is None:
                    self._con.execute("INSERT INTO meta VALUES ('schema_version', ?)",
                                      [str(schema.SCHEMA_VERSION)])
                self._con.execute("COMMIT")
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
        if row is not None:
            self._check_version(row[0])

    def _close(self) -> None:
        self._con.close()

    def _write_batch(self, batch: list[PreparedReport]) -> int:
        if not batch:
            return 0
        con = self._con
        con.execute("BEGIN TRANSACTION")
        try:
            hashes = pa.table({"content_hash": pa.array([p.content_hash for p in batch],
                                                         type=pa.string())})
            con.register("_batch_hashes", hashes)
            try:
                stored = {h for (h,) in con.execute(
                    "SELECT r.content_hash FROM reports r"
                    " JOIN _batch_hashes b ON r.content_hash = b.content_hash").fetchall()}
            finally:
                con.unregister("_batch_hashes")
            new = [p for p in batch if p.content_hash not in stored]
            if new:
                rows = [p.report for p in new]
                # DuckDB keeps TIMESTAMP naive: store UTC wall time.
                rows = [(*r[:8], r[8].astimezone(dt.timezone.utc).replace(tzinfo=None), *r[9:])
                        for r in rows]
                self._insert("reports", REPORT_COLUMNS, rows)
                for name, columns in CHILD_TABLES.items():
                    child_rows = [row for p in new for row in p.children[name]]
                    if child_rows:
                        self._insert(name, columns, child_rows)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return len(new)

    def _insert(self, name: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        view = f"_batch_{name}"
        self._con.register(view, _table(name, rows))
        try:
            cols = ", ".join(columns)
            self._con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM {view}")
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
        where = " AND ".join(["strpos(lower(r.text), ?) > 0"] * len(terms))
        cols = ", ".join(f"r.{c}" for c in SUMMARY_COLUMNS)
        sql = (f"SELECT {cols}, r.text FROM reports r WHERE {where}"
               " ORDER BY r.attack_date DESC NULLS LAST, r.seq LIMIT ?")
        return self._fetch(sql, [*terms, limit])
