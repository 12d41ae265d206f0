"""SQL-injection strings in every filter parameter: a 4xx or an empty result, data intact.

Each payload goes into every query parameter and path parameter of every read endpoint.
The answer must be a 4xx in the one error shape or a 200 whose result is empty (or, for
/search, the rows whose text holds every word of the payload: none here); afterwards the
store still holds the same reports, byte for byte.
"""
from __future__ import annotations

import urllib.parse

import pytest

from strikeledger.store.base import search_terms

PAYLOADS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    "'; DROP TABLE reports; --",
    "\"; DROP TABLE figures; --",
    "1; DELETE FROM reports",
    "x' UNION SELECT uid, text FROM reports --",
    "2025-05-11' OR '1'='1",
    "%' OR 1=1 --",
    "\\'; TRUNCATE reports; --",
    "') OR ('a'='a",
    "1) OR (1=1",
    "kharkiv'/**/OR/**/1=1--",
    "\x00' OR 1=1",
]

QUERY_PARAMS = {
    "/incidents": ["date_from", "date_to", "oblast", "kind", "grade", "contested", "limit",
                   "offset"],
    "/reports": ["date_from", "date_to", "limit", "offset"],
    "/figures": ["date_from", "date_to", "kind", "oblast", "limit", "offset"],
    "/search": ["q", "limit"],
    "/export/csv": ["table"],
}
PATHS = ["/incidents/{}", "/reports/{}", "/export/{}"]


def snapshot(client) -> list[tuple]:
    rows = client.get("/reports?limit=1000").json()["items"]
    out = []
    for r in rows:
        full = client.get(f"/reports/{r['uid']}").json()
        out.append((full["uid"], full["report_id"], full["text"], len(full["record"]["figures"])))
    return sorted(out)


def matches(client, row: dict, q: str) -> bool:
    """A search hit is a report whose text holds every word of the query."""
    text = client.get(f"/reports/{row['uid']}").json()["text"].lower()
    return all(term in text for term in search_terms(q))


def is_empty(body: dict) -> bool:
    return body.get("items") == [] and body.get("total", 0) == 0


@pytest.fixture
def before(client):
    return snapshot(client)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_in_every_parameter_leaves_data_intact(client, before, payload):
    outcomes = []
    for endpoint, params in QUERY_PARAMS.items():
        for param in params:
            url = f"{endpoint}?{urllib.parse.urlencode({param: payload})}"
            r = client.get(url)
            if 400 <= r.status_code < 500:
                assert set(r.json()["error"]) == {"status", "code", "message"}, url
            elif endpoint == "/search" and param == "q":
                assert r.status_code == 200, url
                assert all(matches(client, row, payload) for row in r.json()["items"]), url
            else:
                assert r.status_code == 200, url
                assert is_empty(r.json()), (url, r.json())
            outcomes.append(r.status_code)
    for template in PATHS:
        url = template.format(urllib.parse.quote(payload, safe=""))
        r = client.get(url)
        assert 400 <= r.status_code < 500, url
        assert r.json()["error"]["status"] == r.status_code
    assert snapshot(client) == before
    assert client.get("/incidents").json()["total"] == 3
    assert len(client.get("/figures?limit=100").json()["items"]) == 10


def test_injection_inside_a_posted_report_is_stored_as_text(client, before):
    from api_data import AUTH
    text = "date 2025-08-01 '; DROP TABLE reports; -- Drones struck Dnipro, injuring two."
    r = client.post("/reports", json={"id": "x'); DELETE FROM reports; --", "text": text},
                    headers=AUTH)
    assert r.status_code == 201
    stored = client.get(f"/reports/{r.json()['reports'][0]['uid']}").json()
    assert stored["text"] == text and stored["report_id"] == "x'); DELETE FROM reports; --"
    assert len(snapshot(client)) == len(before) + 1
