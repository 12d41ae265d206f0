"""Every error has one JSON shape: {"error": {"status", "code", "message"}}."""
from __future__ import annotations

import pytest

from strikeledger.errors import StoreBusyError


def assert_shape(r, status: int, code: str) -> dict:
    assert r.status_code == status
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status and body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]


def test_unknown_path_is_404(client):
    err = assert_shape(client.get("/no/such/thing"), 404, "not_found")
    assert "/no/such/thing" in err["message"]


def test_unknown_static_file_is_404(client):
    assert_shape(client.get("/static/nope.js"), 404, "not_found")


def test_wrong_method_is_405(client):
    err = assert_shape(client.delete("/incidents"), 405, "method_not_allowed")
    assert "DELETE" in err["message"]
    assert_shape(client.put("/reports"), 405, "method_not_allowed")


@pytest.mark.parametrize("url, field", [
    ("/incidents?date_from=yesterday", "date_from"),
    ("/incidents?kind=tanks", "kind"),
    ("/incidents?grade=excellent", "grade"),
    ("/incidents?limit=0", "limit"),
    ("/incidents?limit=100000", "limit"),
    ("/incidents?offset=-1", "offset"),
    ("/reports?date_to=2025-02-30", "date_to"),
    ("/figures?kind=KILLED", "kind"),
    ("/search?q=", "q"),
    (f"/figures?oblast={'x' * 101}", "oblast"),
])
def test_invalid_parameters_are_422_naming_the_field(client, url, field):
    err = assert_shape(client.get(url), 422, "invalid_request")
    assert field in err["message"]


def test_unauthorized_is_401(client):
    assert_shape(client.post("/reports", json={"text": "x"}), 401, "unauthorized")


def test_too_large_is_413(make_client):
    client = make_client(max_body=10)
    assert_shape(client.post("/reports", content=b"x" * 100), 413, "payload_too_large")


def test_unexpected_error_is_500_without_internals(make_client):
    client = make_client(raise_server_exceptions=False)

    def boom(**filters):
        raise RuntimeError("secret internal detail")
    client.app.state.service.incidents = boom
    err = assert_shape(client.get("/incidents"), 500, "internal_error")
    assert "secret" not in err["message"]


def test_busy_store_is_503(make_client):
    client = make_client()

    def busy(**filters):
        raise StoreBusyError("store.duckdb: in use by another process")
    client.app.state.service.incidents = busy
    err = assert_shape(client.get("/incidents"), 503, "unavailable")
    assert "in use" in err["message"]
