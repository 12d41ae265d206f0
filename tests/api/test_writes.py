"""POST /reports: bearer-token writes, all-or-nothing batches, idempotence, body limits."""
from __future__ import annotations

import pytest
from api_data import AUTH, TOKEN

from strikeledger.errors import InputError

NEW = {"id": "sumy-2025-07-01", "published": "2025-07-01", "publisher": "Test Wire",
       "url": "https://example.org/sumy",
       "text": "Russian drones struck Sumy overnight, killing three people, Governor Oleh "
               "Hryhorov said."}


def count(client) -> int:
    return client.get("/meta").json()["reports"]


def test_post_one_report_is_extracted_stored_and_served(client):
    r = client.post("/reports", json=NEW, headers=AUTH)
    assert r.status_code == 201
    body = r.json()
    assert body["added"] == 1 and body["skipped"] == 0
    assert body["reports"][0]["report_id"] == "sumy-2025-07-01"
    stored = client.get(f"/reports/{body['reports'][0]['uid']}").json()
    assert stored["publisher"] == "Test Wire" and stored["published"] == "2025-07-01"
    assert [(f["kind"], f["value"]) for f in stored["record"]["figures"]] == [("killed", 3)]
    # the incidents are rebuilt after a write
    assert "2025-07-01" in [i["incident_id"] for i in client.get("/incidents").json()["items"]]


def test_post_a_list_and_resend_is_harmless(client):
    second = {"id": "kherson-2025-07-02",
              "text": "date 2025-07-02 Shelling of Kherson injured four people."}
    r = client.post("/reports", json=[NEW, second], headers=AUTH)
    assert r.status_code == 201 and r.json()["added"] == 2
    again = client.post("/reports", json=[NEW, second], headers=AUTH)
    assert again.status_code == 200 and again.json() == {**again.json(), "added": 0,
                                                         "skipped": 2}
    assert count(client) == 6


def test_an_invalid_item_stores_nothing(client):
    r = client.post("/reports", json=[NEW, {"id": "x", "text": ""},
                                      {"id": "y", "text": "ok", "published": "yesterday"}],
                    headers=AUTH)
    assert r.status_code == 422
    message = r.json()["error"]["message"]
    assert "item 2" in message and "empty" in message
    assert "item 3" in message and "published" in message
    assert count(client) == 4


@pytest.mark.parametrize("payload", [b"[]", b"42", b'"text"', b"null", b"[null]",
                                     b'{"id": "x"}', b'{"text": 5}'])
def test_post_rejects_non_report_json(client, payload):
    r = client.post("/reports", content=payload,
                    headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["error"]["status"] == 422
    assert count(client) == 4


def test_post_rejects_broken_json_and_other_media(client):
    r = client.post("/reports", content=b'{"id": "x", "text": ', headers={
        **AUTH, "Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_request"
    r = client.post("/reports", content=b"id=x", headers={
        **AUTH, "Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415
    assert count(client) == 4


# --- authentication ----------------------------------------------------------------

@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Bearer wrong-token-wrong-token"},
    {"Authorization": f"Basic {TOKEN}"},
    {"Authorization": "Bearer "},
    {"Authorization": f"Bearer {TOKEN}x"},
    {"Authorization": TOKEN},
])
def test_writes_without_the_token_get_401_and_write_nothing(client, headers):
    r = client.post("/reports", json=NEW, headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.json()["error"]["code"] == "unauthorized"
    assert count(client) == 4
    assert client.get("/reports/sumy-2025-07-01").status_code == 404


def test_without_a_configured_token_writes_are_refused(make_client):
    client = make_client(token=None)
    r = client.post("/reports", json=NEW, headers=AUTH)
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "writes_disabled"
    assert client.get("/meta").json()["writes_enabled"] is False
    assert count(client) == 4


def test_token_from_environment(make_client, monkeypatch):
    monkeypatch.setenv("STRIKELEDGER_TOKEN", "env-token-0123456789")
    client = make_client(token=None)
    assert client.post("/reports", json=NEW, headers=AUTH).status_code == 401
    r = client.post("/reports", json=NEW,
                    headers={"Authorization": "Bearer env-token-0123456789"})
    assert r.status_code == 201


def test_token_from_file(make_client, monkeypatch, tmp_path):
    path = tmp_path / "token"
    path.write_text("file-token-0123456789\n", encoding="utf-8")
    monkeypatch.setenv("STRIKELEDGER_TOKEN_FILE", str(path))
    client = make_client(token=None)
    r = client.post("/reports", json=NEW,
                    headers={"Authorization": "Bearer file-token-0123456789"})
    assert r.status_code == 201


def test_unusable_token_settings_stop_the_app(db, monkeypatch, tmp_path):
    from strikeledger.api import create_app
    with pytest.raises(InputError, match="at least 16"):
        create_app(str(db), token="short")
    monkeypatch.setenv("STRIKELEDGER_TOKEN_FILE", str(tmp_path / "missing"))
    with pytest.raises(InputError, match="token file"):
        create_app(str(db))


# --- body size ---------------------------------------------------------------------

def test_oversized_body_gets_413_before_parsing(make_client):
    client = make_client(max_body=1000)
    big = {**NEW, "text": "x" * 2000}
    r = client.post("/reports", json=big, headers=AUTH)
    assert r.status_code == 413
    assert r.json()["error"] == {"status": 413, "code": "payload_too_large",
                                 "message": "request body is larger than 1000 bytes"}
    assert count(client) == 4


def test_oversized_body_without_content_length_gets_413(make_client):
    client = make_client(max_body=1000)

    def chunks():
        for _ in range(10):
            yield b"[" + b" " * 300
    r = client.post("/reports", content=chunks(), headers={**AUTH,
                                                            "Content-Type": "application/json"})
    assert "content-length" not in r.request.headers
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"
    assert count(client) == 4


def test_oversized_body_is_refused_even_without_a_token(make_client):
    client = make_client(max_body=1000)
    r = client.post("/reports", content=b"x" * 5000)
    assert r.status_code == 413
    assert count(client) == 4


def test_too_many_reports_in_one_request(client):
    r = client.post("/reports", json=[{"text": f"r{i}"} for i in range(1001)], headers=AUTH)
    assert r.status_code == 413
    assert count(client) == 4
