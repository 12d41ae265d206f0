"""Issue 18, findings 4 and 5: field lengths, content types and redirects of the API.

Before: a 4 MB ``id`` was accepted (201), after which every ``GET /incidents`` answer was
12 MB and the report could not be fetched by its id (id paths stop at 300 characters);
``Content-Type: text/plain; a=json`` was taken as JSON; ``/reports/`` redirected (307) to
an address built from the Host header.
"""
from __future__ import annotations

import pytest
from api_data import AUTH

from strikeledger.limits import LIMITS

TEXT = "Russia launched 12 drones at Sumy overnight, the Air Force said."


@pytest.mark.parametrize("field", ["id", "url", "publisher"])
def test_a_field_over_its_limit_is_refused_naming_it(client, field):
    body = {"id": "limits-1", "text": TEXT, field: "x" * 4_000_000}
    r = client.post("/reports", json=body, headers=AUTH)
    assert r.status_code == 422, r.text
    message = r.json()["error"]["message"]
    assert f"'{field}'" in message and f"{LIMITS[field]:,}" in message
    assert client.get("/meta").json()["reports"] == 4          # nothing stored


def test_a_text_over_its_limit_is_413_naming_the_field(make_client):
    client = make_client(max_body=8 * 1024 * 1024)
    r = client.post("/reports", json={"id": "big", "text": "Kyiv. " * (LIMITS["text"] // 6 + 1)},
                    headers=AUTH)
    assert r.status_code == 413, r.text
    assert "'text'" in r.json()["error"]["message"]


def test_a_report_at_the_id_limit_can_be_fetched_by_its_id(client):
    rid = "r" * LIMITS["id"]
    r = client.post("/reports", json={"id": rid, "text": TEXT}, headers=AUTH)
    assert r.status_code == 201, r.text
    got = client.get(f"/reports/{rid}")
    assert got.status_code == 200 and got.json()["report_id"] == rid


@pytest.mark.parametrize("ctype", ["text/plain; a=json", "text/json-ish", "application/jsonx",
                                   "multipart/form-data; boundary=json", "",
                                   "application/x-www-form-urlencoded"])
def test_only_a_json_media_type_is_json(client, ctype):
    headers = {**AUTH, "Content-Type": ctype}
    r = client.post("/reports", content=b'{"id": "ct", "text": "Russia launched 3 drones."}',
                    headers=headers)
    assert r.status_code == 415, (ctype, r.text)
    assert r.json()["error"]["code"] == "unsupported_media_type"


@pytest.mark.parametrize("ctype", ["application/json", "application/json; charset=utf-8",
                                   "Application/JSON; charset=UTF-8", "application/ld+json"])
def test_json_media_types_are_taken(client, ctype):
    r = client.post("/reports", content=b'{"id": "ct-ok", "text": "Russia launched 3 drones '
                    b'at Odesa."}', headers={**AUTH, "Content-Type": ctype})
    assert r.status_code == 201, (ctype, r.text)


def test_a_trailing_slash_never_redirects_to_the_host_header(client):
    for path in ("/reports/", "/incidents/", "/meta/"):
        r = client.get(path, headers={"Host": "evil.example"}, follow_redirects=False)
        assert "evil.example" not in r.headers.get("location", ""), path
        assert r.status_code in (404, 307, 308), path
        if r.status_code != 404:
            assert r.headers["location"].startswith("/"), path


def test_a_write_without_a_content_type_is_refused(client):
    r = client.post("/reports", content=b'{"id": "ct-none", "text": "Russia launched 3 drones."}',
                    headers={**AUTH, "Content-Type": ""})
    assert r.status_code == 415
    request = client.build_request("POST", "/reports", content=b'{"text": "x"}', headers=AUTH)
    request.headers.pop("content-type", None)
    assert "content-type" not in request.headers
    assert client.send(request).status_code == 415
