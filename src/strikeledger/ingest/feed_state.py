"""The feed follower's memory, kept in the store beside the reports it added.

Two tables, declared with the store's own table spec (``store/schema.py``) and created
on first use (``CREATE TABLE IF NOT EXISTS``: they are additive, so no schema version
is involved):

- ``feeds``: per feed URL, its HTTP validators (ETag, Last-Modified), how many polls in a
  row failed, when it may be polled next (seconds since the epoch), the last error;
- ``feed_items``: one row per key an item was seen under: ``guid FEED GUID``,
  ``url LINK`` or ``hash CONTENT_HASH``, with the content hash of the text it gave and
  whether that text is stored (``done``).

An item's keys are written with ``done`` false before its report is added and set true
after, each in its own transaction. A follower killed in between finds the keys pending
on its next start; when the store holds their content hash the item is done, otherwise
it is read again. So a killed follower neither loses an item (it is only done once its
report is stored) nor adds one twice, even when the linked page changed meanwhile.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..store import Store
from ..store.schema import DUCKDB, Column, Table

FEEDS = Table("feeds", (
    Column("url", "text", False), Column("etag", "text"), Column("last_modified", "text"),
    Column("failures", "int", False), Column("next_poll", "double", False),
    Column("polled_at", "double"), Column("last_error", "text"),
), key=("url",))
FEED_ITEMS = Table("feed_items", (
    Column("key", "text", False), Column("content_hash", "text"),
    Column("done", "bool", False), Column("feed", "text", False),
    Column("seen_at", "double", False),
), key=("key",))

_CREATE_LOCK = (7305, 15)     # pg_advisory_xact_lock: one creator of these tables at a time


@dataclass
class FeedRecord:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_poll: float = 0.0
    polled_at: float | None = None
    last_error: str | None = None


def _in(p: list, values: Iterable[str]) -> str:
    p.append(list(values))
    return f"(SELECT unnest(CAST(${len(p)} AS TEXT[])))"


class FeedState:
    """Read and write the follower's tables in an open store."""

    def __init__(self, store: Store):
        self.store = store
        self._duck = store.backend == DUCKDB
        # DDL takes locks even when it changes nothing: skip it once the tables are there
        have = self._rows("SELECT count(*) AS n FROM information_schema.tables WHERE"
                          " table_schema = current_schema() AND table_name IN"
                          " ('feeds', 'feed_items')", [])
        if have[0]["n"] == 2:
            return
        with store._mapped("creating the feed tables"), store._transaction():
            if not self._duck:
                store._execute("SELECT pg_advisory_xact_lock($1, $2)", list(_CREATE_LOCK))
            for table in (FEEDS, FEED_ITEMS):
                for statement in table.ddl(store.backend):
                    store._execute(statement)

    def _rows(self, sql: str, params: list) -> list[dict]:
        with self.store._mapped("reading the feed state"):
            return self.store._fetch(sql, params)

    def feed(self, url: str) -> FeedRecord:
        rows = self._rows(f"SELECT {', '.join(FEEDS.names)} FROM feeds WHERE url = $1", [url])
        return FeedRecord(**rows[0]) if rows else FeedRecord(url)

    def save(self, rec: FeedRecord) -> None:
        values = [getattr(rec, c) for c in FEEDS.names]
        self._upsert(FEEDS, [values])

    def lookup(self, keys: Iterable[str]) -> dict[str, tuple[str | None, bool]]:
        """key -> (content hash, done) of the keys seen before."""
        keys = sorted(set(keys))
        if not keys:
            return {}
        p: list = []
        rows = self._rows(f"SELECT key, content_hash, done FROM feed_items WHERE key IN "
                          f"{_in(p, keys)}", p)
        return {r["key"]: (r["content_hash"], bool(r["done"])) for r in rows}

    def stored(self, hashes: Iterable[str]) -> set[str]:
        """The content hashes among ``hashes`` of reports in the store."""
        hashes = sorted(set(hashes))
        if not hashes:
            return set()
        p: list = []
        rows = self._rows(f"SELECT content_hash FROM reports WHERE content_hash IN "
                          f"{_in(p, hashes)}", p)
        return {r["content_hash"] for r in rows}

    def mark(self, items: Iterable[tuple[list[str], str | None]], feed: str, done: bool,
             now: float) -> None:
        """Record each (keys, content hash) as seen, pending or done, in one transaction."""
        rows = [[k, h, done, feed, now] for keys, h in items for k in keys]
        if rows:
            self._upsert(FEED_ITEMS, rows)

    def _upsert(self, table: Table, rows: list[list]) -> None:
        key = table.key[0]
        by_key = {r[table.names.index(key)]: r for r in rows}     # last one wins
        rows = list(by_key.values())
        cols = ", ".join(table.names)
        marks = ", ".join(f"${i}" for i in range(1, len(table.names) + 1))
        store = self.store
        with store._mapped(f"writing {table.name}"), store._transaction():
            if self._duck:      # no keys on DuckDB (see store/schema.py): replace the rows
                p: list = []
                store._execute(f"DELETE FROM {table.name} WHERE {key} IN {_in(p, by_key)}", p)
                for row in rows:
                    store._execute(f"INSERT INTO {table.name} ({cols}) VALUES ({marks})", row)
            else:
                sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in table.names if c != key)
                for row in rows:
                    store._execute(f"INSERT INTO {table.name} ({cols}) VALUES ({marks})"
                                   f" ON CONFLICT ({key}) DO UPDATE SET {sets}", row)
