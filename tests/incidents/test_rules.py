"""Each incident rule against a hand-written incident (tests/incidents/rule_cases.py),
for the in-memory ``build_incidents``; tests/store/test_incident_rules.py holds the
same cases against the store."""
from __future__ import annotations

import pytest
from rule_cases import CASES, IDS, check, from_incident

from strikeledger.incidents import build_incidents


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_rule_on_a_hand_written_incident(case):
    [inc] = build_incidents(case.pairs)
    assert inc.incident_id == case.incident
    check(from_incident(inc), case)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_the_order_reports_arrive_in_does_not_matter(case):
    [inc] = build_incidents(list(reversed(case.pairs)))
    got = from_incident(inc)
    # claim ids are per report: the same whatever the order
    check(got, case)
