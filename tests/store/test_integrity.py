"""The checks on open (store/integrity.py): a damaged store takes no writes, a healthy
one is never taken for damaged."""
from __future__ import annotations

import os
import shutil

import psycopg
import pytest

from strikeledger.errors import StoreDamagedError
from strikeledger.model import Record, Report
from strikeledger.store import open_store


def _pair(i: int) -> tuple[Report, Record]:
    text = f"Report {i}: Russia launched {i + 10} drones at Kharkiv overnight."
    return Report(report_id=f"r{i}", text=text), Record(report_id=f"r{i}")


def test_healthy_duckdb_stores_are_never_flagged(tmp_path):
    db = str(tmp_path / "s.duckdb")
    for round_ in range(4):     # new, grown in batches, reopened
        with open_store(db) as store:
            assert store.damage is None
            store.add_many((_pair(i) for i in range(round_ * 300, (round_ + 1) * 300)),
                           batch_size=37)
    with open_store(db) as store:
        assert store.damage is None and store.count_reports() == 1200


def test_a_truncated_duckdb_file_is_readable_but_refuses_writes(tmp_path):
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        store.add_many(_pair(i) for i in range(3000))
    os.truncate(db, int(os.path.getsize(db) * 0.7))
    size = os.path.getsize(db)
    with open_store(db) as store:
        assert store.damage and "cut short" in store.damage
        with pytest.raises(StoreDamagedError, match="restore the last backup"):
            store.add_many([_pair(99_999)])
        assert store.count_reports() == 3000     # still readable where it can be
    assert os.path.getsize(db) == size


def test_a_file_that_is_no_store_is_refused_as_damaged(tmp_path):
    db = tmp_path / "s.duckdb"
    db.write_bytes(b"not a database\n" * 1000)
    with pytest.raises(StoreDamagedError, match="cannot be opened"):
        open_store(db)


def test_a_copy_of_a_healthy_store_is_healthy(tmp_path):
    db = tmp_path / "s.duckdb"
    with open_store(db) as store:
        store.add_many(_pair(i) for i in range(200))
    shutil.copy(db, tmp_path / "copy.duckdb")
    with open_store(tmp_path / "copy.duckdb") as store:
        assert store.damage is None


@pytest.mark.postgres
def test_postgres_schema_version_is_checked(new_pg_url):
    url = new_pg_url()
    with open_store(url) as store:
        assert store.damage is None
        store.add_many([_pair(1)])
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP TABLE weapons")
    with open_store(url) as store:
        assert store.damage and "weapons" in store.damage
        with pytest.raises(StoreDamagedError):
            store.add_many([_pair(2)])
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE meta SET value = 'x' WHERE key = 'schema_version'")
    with pytest.raises(Exception):
        open_store(url)     # migrations cannot read the version: refused outright
