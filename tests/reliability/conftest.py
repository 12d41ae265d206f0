"""Fixtures for the reliability tests: helper imports, a throwaway PostgreSQL, Hypothesis.

The PostgreSQL cluster is ``tests/store/pgcluster.PgCluster`` (initdb into a temp dir,
trust auth, 127.0.0.1 on a free port), started once per session when a test asks for it.
Without the server binaries those tests are skipped, except under CI (env CI set), where
they fail.
"""
from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
for folder in (HERE, HERE.parent / "store"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from pgcluster import PgCluster, throwaway_cluster  # noqa: E402

_names = itertools.count()


@pytest.fixture(autouse=True)
def _no_token_env(monkeypatch):
    monkeypatch.delenv("STRIKELEDGER_TOKEN", raising=False)
    monkeypatch.delenv("STRIKELEDGER_TOKEN_FILE", raising=False)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgCluster]:
    with throwaway_cluster() as cluster:
        yield cluster


@pytest.fixture(scope="session")
def new_pg_url(pg_server: PgCluster) -> Callable[[], str]:
    """A URL of a fresh, empty database of the throwaway cluster."""
    def make() -> str:
        return pg_server.create_database(f"reliability_{next(_names)}")
    return make
