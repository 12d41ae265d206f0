"""Serving while ingesting: a read command works while a server has the DuckDB file;
``serve --watch`` ingests files as they appear; the change feed tells what changed."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from api_data import REPORTS

from strikeledger.api import create_app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_read_commands_work_while_a_server_has_the_duckdb_file(db, tmp_path):
    """Regression: a running `serve` kept the DuckDB file locked, so `strikeledger
    incidents` on it failed with "Could not set lock"."""
    port = _free_port()
    exe = Path(sys.executable).parent / "strikeledger"
    server = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/meta", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, server.stderr.read()
            time.sleep(0.3)
        for args in (["incidents"], ["summary"], ["incidents", "--show", "2025-05-11"],
                     ["incidents", "--history", "2025-05-11"]):
            # the server answers requests meanwhile
            assert httpx.get(f"http://127.0.0.1:{port}/incidents", timeout=30).status_code == 200
            run = subprocess.run([str(exe), *args, "--db", str(db)], capture_output=True,
                                 text=True, timeout=120)
            assert run.returncode == 0, run.stderr
            assert "lock" not in run.stderr.lower()
        assert "2025-05-11" in run.stdout
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
def test_serve_watch_ingests_new_files_and_the_change_feed_shows_them(db, tmp_path):
    from fastapi.testclient import TestClient
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with TestClient(create_app(str(db), watch=inbox)) as client:
        before = client.get("/incidents").json()["total"]
        cursor = client.get("/changes?limit=2000").json()["cursor"]
        (inbox / "kyiv-2025-07-01.txt").write_text(
            "date 2025-07-01\nDrones hit Kyiv overnight, killing three people, Mayor Vitali "
            "Klitschko said.\n", encoding="utf-8")
        deadline = time.monotonic() + 60
        while client.get("/incidents").json()["total"] == before:
            assert time.monotonic() < deadline, "the new file was not ingested"
            time.sleep(0.3)
        ids = [i["incident_id"] for i in client.get("/incidents").json()["items"]]
        assert "2025-07-01" in ids
        changes = client.get(f"/changes?after={cursor}").json()
        assert {c["incident_id"] for c in changes["items"]} == {"2025-07-01"}
        assert changes["items"][0]["new"] == "created"
        assert changes["cursor"] > cursor
        history = client.get("/incidents/2025-07-01/history").json()["items"]
        assert [h["report_id"] for h in history][0] == "kyiv-2025-07-01"


def test_meta_gives_the_change_cursor(client):
    """The dashboard starts its live view at ``/meta``'s ``changes_cursor`` (the latest
    change), not at 0, which would replay the whole change log."""
    from api_data import AUTH
    cursor = client.get("/meta").json()["changes_cursor"]
    assert cursor > 0
    assert client.get(f"/changes?after={cursor}").json()["items"] == []
    r = client.post("/reports", headers=AUTH, json={
        "id": "kyiv-2025-07-01", "published": "2025-07-01",
        "text": "date 2025-07-01\nTwo people were killed in Kyiv overnight, Mayor Vitali Klitschko said."})
    assert r.status_code == 201
    items = client.get(f"/changes?after={cursor}").json()["items"]
    assert {c["incident_id"] for c in items} == {"2025-07-01"}
    assert client.get("/meta").json()["changes_cursor"] == items[-1]["seq"]


def test_change_stream_sends_server_sent_events(client):
    with client.stream("GET", "/changes/stream?seconds=1&every=0.2") as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        body = "".join(r.iter_text())
    events = [e for e in body.split("\n\n") if e.startswith("id:")]
    assert events and all("event: change" in e and "data: {" in e for e in events)
    last = int(events[-1].split("\n")[0].split(":")[1])
    with client.stream("GET", "/changes/stream?seconds=0.5&every=0.2",
                       headers={"Last-Event-ID": str(last)}) as r:
        assert [e for e in "".join(r.iter_text()).split("\n\n") if e.startswith("id:")] == []


def test_as_of_and_history_over_http(client):
    from api_data import AUTH
    early = "2000-01-01T00:00:00Z"
    assert client.get(f"/incidents?as_of={early}").json()["total"] == 0
    assert client.get("/incidents?as_of=not-a-time").status_code == 422
    r = client.post("/reports", headers=AUTH, json={
        "id": "late", "published": "2025-06-02",
        "text": "date 2025-06-02\nThe toll of the overnight attack on Lviv rose to five, Mayor Andriy Sadovyi said."})
    assert r.status_code == 201 and r.json()["incidents"] == ["2025-06-02"]
    history = client.get("/incidents/2025-06-02/history").json()["items"]
    assert any(h["kind"] == "killed" and h["field"] == "estimate" and h["report_id"] == "late"
               for h in history)
    at = history[0]["changed_at"]
    then = client.get("/incidents/2025-06-02", params={"as_of": at}).json()
    now = client.get("/incidents/2025-06-02").json()
    assert then["estimates"]["killed"]["value"] == 2 and now["estimates"]["killed"]["value"] == 5
