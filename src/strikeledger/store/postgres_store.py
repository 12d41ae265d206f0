"""The PostgreSQL backend (psycopg 3): many concurrent writers, no duplicates.

Each batch is one transaction: the reports go in with ``INSERT ... ON CONFLICT
(content_hash) DO NOTHING RETURNING uid`` and only the reports that insert returns get
their child rows (by COPY). Before inserting, a batch takes a transaction advisory lock
per content hash, in hash order: two writers with overlapping batches then wait for each
other in one order and cannot deadlock, while rows still go in (and get ``seq``) in the
order they were given. Should a deadlock or serialization failure happen anyway, the
batch is retried.

Every query goes through psycopg's raw cursors (``RawCursor``, ``RawServerCursor``): the
``$1``-numbered placeholders the store writes are PostgreSQL's own, so psycopg sends the
query as it is and binds the values server-side; nothing rewrites the SQL.

Tables live in the connection's ``search_path`` (``?options=-csearch_path%3Dname`` in
the URL puts them in another schema).
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from strikeledger.errors import StoreError
from strikeledger.store import integrity, migrations, schema
from strikeledger.store.base import (
    CHILD_TABLES, REPORT_COLUMNS, SUMMARY_COLUMNS, PreparedReport, Store)

log = logging.getLogger(__name__)

# pg_advisory_xact_lock(class, key) keys: one schema creator at a time; one writer per hash.
_SCHEMA_LOCK = (7305, 0)
_HASH_LOCK_CLASS = 7306
_INCIDENTS_LOCK = (7307, 0)
_RETRIES = 5
_RETRYABLE = (pg_errors.DeadlockDetected, pg_errors.SerializationFailure)

_ARRAY_TYPES = {"published": "date", "ingested_at": "timestamptz", "attack_date": "date"}
_INSERT_REPORTS = (
    "INSERT INTO reports ({cols}) SELECT {select} FROM unnest({arrays}) AS b({cols})"
    " ON CONFLICT (content_hash) DO NOTHING RETURNING uid, seq").format(
    cols=", ".join(REPORT_COLUMNS),
    select=", ".join("record::jsonb" if c == "record" else c for c in REPORT_COLUMNS),
    arrays=", ".join(f"${i}::{_ARRAY_TYPES.get(c, 'text')}[]"
                     for i, c in enumerate(REPORT_COLUMNS, start=1)))


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.Error:
        return "<postgresql url>"
    if "password" in params:
        params["password"] = "***"
    host = params.get("host", "localhost")
    return f"postgresql://{params.get('user', '')}@{host}:{params.get('port', 5432)}/" \
           f"{params.get('dbname', '')}"


class PostgresStore(Store):
    backend = "postgres"
    _driver_errors = (psycopg.Error,)

    def __init__(self, url: str, connect_timeout: float = 10.0):
        super().__init__(redact(url))
        self._url = url
        self._conn = self._connect(connect_timeout)
        try:
            self._create_schema()
            self.damage = integrity.schema_damage(self)
            if self.damage is not None:
                log.warning("%s", integrity.damaged(self.target, self.damage))
        except BaseException:
            self._conn.close()
            raise

    def _connect(self, timeout: float) -> psycopg.Connection:
        try:
            params = conninfo_to_dict(self._url)
            params.setdefault("connect_timeout", str(max(1, int(timeout))))
            self._conninfo = make_conninfo(**params)
            conn = psycopg.connect(self._conninfo, autocommit=True,
                                   cursor_factory=psycopg.RawCursor)
            conn.server_cursor_factory = psycopg.RawServerCursor
            # JIT compiles for ~0.2 s on the figure queries whose estimates look big;
            # they run in a fraction of that without it.
            conn.execute("SET jit = off")
            return conn
        except psycopg.Error as exc:
            raise StoreError(f"{self.target}: cannot connect to PostgreSQL: {exc}") from exc

    def _has_meta(self) -> bool:
        return self._conn.execute("SELECT to_regclass('meta')").fetchone()[0] is not None

    def _create_schema(self) -> None:
        """Create a new store's tables, or migrate an older one (``migrations``).

        DDL takes table locks even when it changes nothing: a store already at the current
        version is left alone, so that opening it never waits for another's writes.
        """
        with self._mapped("reading the schema version"):
            if self._has_meta() and migrations.stored_version(self) == schema.SCHEMA_VERSION:
                return
        now = dt.datetime.now(dt.timezone.utc)
        with self._mapped("creating the schema"), self._transaction():
            self._execute("SELECT pg_advisory_xact_lock($1, $2)", list(_SCHEMA_LOCK))
            if not self._has_meta():
                migrations.create(self, schema.POSTGRES, now)
                return
            for step in migrations.pending(migrations.stored_version(self)):
                migrations.apply(self, step, schema.POSTGRES, now)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._conn.transaction():
            yield

    def _execute(self, sql: str, params: list | None = None) -> None:
        self._conn.execute(sql, params or None)

    def _update_rows(self, table: str, key: tuple[str, ...], columns: tuple[str, ...],
                     rows: list[tuple]) -> None:
        if not rows:
            return
        sets = ", ".join(f"{c} = ${len(key) + i}" for i, c in enumerate(columns, start=1))
        match = " AND ".join(f"{k} = ${i}" for i, k in enumerate(key, start=1))
        with self._conn.cursor() as cur:
            cur.executemany(f"UPDATE {table} SET {sets} WHERE {match}", rows)

    def _close(self) -> None:
        self._conn.close()

    def _refresh_statistics(self) -> None:
        # autovacuum gets there too, but a minute or more after a bulk ingest; until then
        # the planner takes the grown tables for small ones and scans them whole
        with self._mapped("analyzing tables"), self._conn.transaction():
            for table in schema.STATE + schema.DERIVED + (schema.REPORTS,):
                self._execute(f"ANALYZE {table.name}")     # our own table names

    def _write_batch(self, batch: list[PreparedReport]) -> tuple[int, list[str]]:
        if not batch:
            return 0, []
        for attempt in range(1, _RETRIES + 1):
            try:
                with self._conn.transaction():
                    return self._write_once(batch)
            except _RETRYABLE as exc:
                if attempt == _RETRIES:
                    raise
                log.warning("%s: batch retried after %s", self.target, type(exc).__name__)
                time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")

    @contextmanager
    def _writing(self) -> Iterator[None]:
        with self._conn.transaction():
            self._execute("SELECT pg_advisory_xact_lock($1, $2)", list(_INCIDENTS_LOCK))
            yield

    def _ts(self, when: dt.datetime) -> dt.datetime:
        return when

    def _insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        if not rows:
            return
        with self._conn.cursor() as cur:
            with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def _write_once(self, batch: list[PreparedReport]) -> tuple[int, list[str]]:
        columns = [list(col) for col in zip(*(p.report for p in batch))]
        # Writers take turns (the incidents they update are shared state): the lock is
        # taken before the reports get their seq, so incidents are updated in seq order.
        self._execute("SELECT pg_advisory_xact_lock($1, $2)", list(_INCIDENTS_LOCK))
        with self._conn.cursor() as cur:
            cur.execute("SELECT count(pg_advisory_xact_lock($1, hashtext(h)))"
                        " FROM (SELECT DISTINCT h FROM unnest($2::text[]) AS u(h)"
                        " ORDER BY h) AS ordered",
                        [_HASH_LOCK_CLASS, sorted(p.content_hash for p in batch)])
            cur.execute(_INSERT_REPORTS, columns)
            seqs = dict(cur.fetchall())
            new = [p for p in batch if p.uid in seqs]
            for name, cols in CHILD_TABLES.items():
                rows = [row for p in new for row in p.children[name]]
                if not rows:
                    continue
                with cur.copy(f"COPY {name} ({', '.join(cols)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        changed = self._sync(new, seqs, new[0].report[8]) if new else []
        return len(new), changed

    def _fetch(self, sql: str, params: list) -> list[dict]:
        with self._conn.cursor() as cur:
            cur.execute(sql, params)
            names = [d.name for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]

    def _stream(self, sql: str, params: list, size: int) -> Iterator[tuple]:
        # A server-side cursor on its own connection: rows arrive `size` at a time and
        # the caller may write through this store meanwhile.
        with psycopg.connect(self._conninfo, cursor_factory=psycopg.RawCursor) as conn:
            conn.server_cursor_factory = psycopg.RawServerCursor
            with conn.cursor(name="strikeledger_records") as cur:
                cur.itersize = size
                cur.execute(sql, params)
                yield from cur

    def _search(self, terms: list[str], q: str, limit: int) -> list[dict]:
        cols = ", ".join(f"r.{c}" for c in SUMMARY_COLUMNS)
        sql = (f"SELECT {cols}, r.text FROM reports r,"
               " plainto_tsquery('english', $1) AS query"
               " WHERE to_tsvector('english', r.text) @@ query"
               " ORDER BY ts_rank(to_tsvector('english', r.text), query) DESC, r.seq"
               " LIMIT $2")
        with self._conn.cursor() as cur:
            cur.execute(sql, [q, limit])
            names = [d.name for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]
