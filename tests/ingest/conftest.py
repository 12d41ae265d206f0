"""Fixtures for the live-input tests: a throwaway PostgreSQL cluster (tests/store/pgcluster.py)
started once per session when a test asks for it."""
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


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgCluster]:
    with throwaway_cluster() as cluster:
        yield cluster


@pytest.fixture
def pg_url(pg_server: PgCluster) -> str:
    """The URL of a fresh, empty database."""
    return pg_server.create_database(f"live_{next(_names)}")
