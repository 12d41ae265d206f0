"""Fixtures for the API tests: a DuckDB store filled through the real pipeline, and an
in-process client (FastAPI's TestClient) over ``create_app``."""
from __future__ import annotations

import itertools
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

# api_data.py sits beside this file; make it importable whatever pytest's import mode.
if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from api_data import REPORTS, TOKEN  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from strikeledger.api import create_app  # noqa: E402
from strikeledger.ingest.run import ingest_paths  # noqa: E402
from strikeledger.store import open_store  # noqa: E402


@pytest.fixture(autouse=True)
def _no_token_env(monkeypatch):
    monkeypatch.delenv("STRIKELEDGER_TOKEN", raising=False)
    monkeypatch.delenv("STRIKELEDGER_TOKEN_FILE", raising=False)


@pytest.fixture
def db(tmp_path) -> Path:
    inputs = tmp_path / "reports"
    inputs.mkdir()
    for name, text in REPORTS.items():
        (inputs / f"{name}.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "store.duckdb"
    with open_store(path) as store:
        result = ingest_paths([inputs], store)
    assert result.added == len(REPORTS)
    return path


@pytest.fixture(scope="session")
def pg_server() -> Iterator:
    """A throwaway PostgreSQL cluster for the API tests (tests/store/pgcluster.py)."""
    store_tests = Path(__file__).parent.parent / "store"
    if str(store_tests) not in sys.path:
        sys.path.insert(0, str(store_tests))
    from pgcluster import throwaway_cluster
    with throwaway_cluster() as cluster:
        yield cluster


_databases = itertools.count()


@pytest.fixture(params=[pytest.param("duckdb", id="duckdb"),
                        pytest.param("postgres", id="postgres",
                                     marks=[pytest.mark.postgres, pytest.mark.slow])])
def target(request, db) -> str:
    """The API tests' store, on DuckDB and on a real PostgreSQL: the same reports."""
    if request.param == "duckdb":
        return str(db)
    cluster = request.getfixturevalue("pg_server")
    url = cluster.create_database(f"api_{next(_databases)}")
    with open_store(db) as src, open_store(url) as dst:
        dst.add_many(src.records())
    return url


@pytest.fixture
def make_client(target) -> Iterator:
    clients = []

    def make(**kwargs) -> TestClient:
        kwargs.setdefault("token", TOKEN)
        raise_errors = kwargs.pop("raise_server_exceptions", True)
        client = TestClient(create_app(target, **kwargs),
                            raise_server_exceptions=raise_errors)
        client.__enter__()
        clients.append(client)
        return client
    yield make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture
def client(make_client):
    return make_client()
