"""Each incident rule against a hand-written incident (tests/incidents/rule_cases.py),
kept by the store: one report per transaction (the path that extends a stored incident
from its rows) and all reports in one batch, on DuckDB and PostgreSQL."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

_INCIDENTS = Path(__file__).parent.parent / "incidents"
if str(_INCIDENTS) not in sys.path:
    sys.path.insert(0, str(_INCIDENTS))

from rule_cases import CASES, IDS, check, from_store  # noqa: E402


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("batch", [1, 100], ids=["one-by-one", "one-batch"])
def test_rule_on_a_hand_written_incident_in_the_store(store, case, batch):
    store.add_many(case.pairs, batch_size=batch)
    inc = store.incident(case.incident)
    check(from_store(inc), case)
    assert store.incidents()["total"] == 1
    assert store.rebuild().changes == 0
