"""Fixtures for the store tests: a fresh store per test, on DuckDB and on a real PostgreSQL.

The PostgreSQL cluster is started once per session by ``pgcluster.PgCluster`` (initdb into
a temp dir, trust auth, 127.0.0.1 on a free port) and deleted at the end. Each PostgreSQL
store gets its own schema through the URL's search_path. Without the server binaries the
PostgreSQL tests are skipped, except under CI (env CI set), where they fail.
"""
from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

# pgcluster.py sits beside this file; make it importable whatever pytest's import mode.
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from pgcluster import throwaway_cluster  # noqa: E402
from strikeledger.store import Store, open_store

BACKENDS = [
    pytest.param("duckdb", id="duckdb"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]

_names = itertools.count()


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """The URL of a database in a throwaway cluster that lives for the session."""
    with throwaway_cluster() as cluster:
        yield cluster.create_database("strikeledger_test")


@pytest.fixture(scope="session")
def new_pg_url(pg_database: str) -> Callable[[], str]:
    """Make a fresh, empty schema and return a URL whose tables land in it."""
    def make() -> str:
        name = f"store_{next(_names)}"
        with psycopg.connect(pg_database, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")  # our own counter, not user input
        return f"{pg_database}?options=-csearch_path%3D{name}"
    return make


@pytest.fixture(params=BACKENDS)
def new_target(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> Callable[[], str]:
    """Make targets of fresh, empty stores of the backend under test."""
    if request.param == "postgres":
        return request.getfixturevalue("new_pg_url")
    root = tmp_path_factory.mktemp("duckdb")
    return lambda: str(root / f"store_{next(_names)}.duckdb")


@pytest.fixture
def store(new_target: Callable[[], str]) -> Iterator[Store]:
    with open_store(new_target()) as s:
        yield s
