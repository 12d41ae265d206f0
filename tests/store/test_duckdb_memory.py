"""DuckDB store without keys: identity checked by the writer, memory capped while ingesting."""
from __future__ import annotations

import datetime as dt
import sys
import threading
from pathlib import Path

import duckdb
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_store import numbered, pair  # noqa: E402

from strikeledger.errors import StoreError
from strikeledger.store import open_store
from strikeledger.store import duckdb_store
from strikeledger.store.base import prepare
from strikeledger.store.schema import statements


# the schema of stores written before keys were dropped (kept to test that they still work)
OLD_SCHEMA = (Path(__file__).parent / "data" / "duckdb_keyed_schema_v1.sql").read_text()


def test_a_new_store_has_no_keys_or_indexes(tmp_path):
    with open_store(tmp_path / "s.duckdb") as store:
        assert not duckdb_store.has_keys(store._con)
        assert store._con.execute(
            "SELECT count(*) FROM duckdb_indexes() WHERE table_name != 'meta'").fetchone() == (0,)


def test_readding_and_repeats_within_a_batch_are_skipped(tmp_path):
    pairs = numbered(30)
    with open_store(tmp_path / "s.duckdb") as store:
        assert store.add_many(pairs + pairs[:5], batch_size=7) == (30, 5)
        assert store.add_many(pairs, batch_size=4) == (0, 30)
        assert store.count_reports() == 30
        assert len(store.figures()) == 30
        assert store._con.execute("SELECT count(DISTINCT uid), count(DISTINCT content_hash)"
                                  " FROM reports").fetchone() == (30, 30)


def test_a_uid_taken_by_another_text_is_an_error(tmp_path):
    now = dt.datetime.now(dt.timezone.utc)
    a = prepare(*pair("a", "Text of report a."), now)
    b = prepare(*pair("b", "Text of report b."), now)
    b.uid = a.uid  # a 64-bit prefix collision, forged
    with open_store(tmp_path / "s.duckdb") as store:
        assert store._write_batch([a])[0] == 1
        with pytest.raises(StoreError, match=f"uid {a.uid}.*taken"):
            store._write_batch([b])
        with pytest.raises(StoreError, match=f"share uid {a.uid}"):
            store._write_batch([prepare(*pair("c", "Text c."), now), b,
                                prepare(*pair("c2", "Text of report a."), now)][1:] + [a])
        assert store.count_reports() == 1


def test_two_stores_of_one_file_in_threads_store_each_report_once(tmp_path):
    path = tmp_path / "s.duckdb"
    pairs = numbered(200)
    stores = [open_store(path), open_store(path)]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run(store, order):
        try:
            barrier.wait()
            results.append(store.add_many(order, batch_size=10))
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(stores[0], pairs)),
               threading.Thread(target=run, args=(stores[1], pairs[::-1]))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sum(r.added for r in results) == 200
    assert stores[0].count_reports() == 200
    assert stores[0]._con.execute("SELECT count(DISTINCT uid) FROM reports").fetchone() == (200,)
    for s in stores:
        s.close()


def test_memory_is_capped_while_adding_and_restored_after(tmp_path):
    with open_store(tmp_path / "s.duckdb") as store:
        limit = lambda: store._con.execute(  # noqa: E731
            "SELECT current_setting('memory_limit')").fetchone()[0]
        before = limit()
        seen = []

        def pairs():
            for p in numbered(3):
                seen.append(limit())
                yield p
        store.add_many(pairs())
        assert seen == ["61.0 MiB"] * 3  # DuckDB's rendering of 64MB (10^6 bytes)
        assert limit() == before
        with pytest.raises(RuntimeError):
            store.add_many(iter_raising())
        assert limit() == before


def iter_raising():
    yield from numbered(1)
    raise RuntimeError("reader failed")


def test_memory_store_is_not_capped():
    with open_store(":memory:") as store:
        before = store._con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        seen = []

        def pairs():
            for p in numbered(2):
                seen.append(store._con.execute(
                    "SELECT current_setting('memory_limit')").fetchone()[0])
                yield p
        store.add_many(pairs())
        assert seen == [before, before]


def test_a_store_made_with_keys_still_ingests_without_the_cap(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    for s in statements(OLD_SCHEMA):
        con.execute(s)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    pairs = numbered(20)
    with open_store(path) as store:
        assert store._keyed
        before = store._con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        assert store.add_many(pairs, batch_size=6) == (20, 0)
        assert store.add_many(pairs) == (0, 20)
        assert store._con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == before
        assert len(store.figures(kind="killed")) == 20
