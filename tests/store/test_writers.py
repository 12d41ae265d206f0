"""PostgreSQL as the store of many writers: N ingest processes and a server at once; no
report lost or doubled, and the incidents equal a rebuild and the in-memory build."""
from __future__ import annotations

import multiprocessing
import random
import sys
import warnings
from pathlib import Path

import pytest

if str(Path(__file__).parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).parent))

from test_incidents_store import in_memory, state  # noqa: E402
from writers_helper import worker  # noqa: E402

from strikeledger.store import open_store  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from strikeledger.api import create_app  # noqa: E402

N_REPORTS = 96
N_WORKERS = 4


@pytest.mark.slow
@pytest.mark.postgres
def test_many_writers_and_a_server_on_postgres(new_pg_url):
    url = new_pg_url()
    with open_store(url):
        pass                                   # the schema, before the writers race
    rng = random.Random(5)
    # every report is offered by two workers, each in its own random order
    plans = [[] for _ in range(N_WORKERS)]
    for i in range(N_REPORTS):
        for w in rng.sample(range(N_WORKERS), 2):
            plans[w].append(i)
    for p in plans:
        rng.shuffle(p)
    ctx = multiprocessing.get_context("spawn")
    with TestClient(create_app(url)) as client, ctx.Pool(N_WORKERS) as pool:
        jobs = [pool.apply_async(worker, (url, p, s)) for s, p in enumerate(plans)]
        seen = 0
        while not all(j.ready() for j in jobs):   # the server reads while they write
            page = client.get("/incidents?limit=50").json()
            assert page["total"] >= seen
            seen = page["total"]
        added = [j.get(timeout=600) for j in jobs]
        assert client.get("/meta").json()["reports"] == N_REPORTS
        assert client.get("/incidents").json()["total"] == seen or seen <= N_REPORTS
    assert sum(added) == N_REPORTS                 # every report added exactly once
    with open_store(url) as store:
        assert store.count_reports() == N_REPORTS
        [dup] = store._fetch("SELECT count(*) - count(DISTINCT content_hash) AS n"
                             " FROM reports", [])
        assert dup["n"] == 0
        before = state(store)
        assert {t: v for t, v in before.items() if t != "report_incidents"} == in_memory(store)
        result = store.rebuild()
        assert (result.incidents, result.changes) == ([], 0)
        assert state(store) == before
