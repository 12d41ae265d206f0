"""The read endpoints over a store of four invented reports (tests/api/reports.py).

Three attacks: 2025-05-11 (Kharkiv; two reports, drones launched contested between the Air
Force's 210 and the president's "about 150", the toll revised from 4 to 9), 2025-05-20
(Odesa) and 2025-06-02 (Lviv).
"""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from strikeledger.store import open_store


def ids(page: dict) -> list[str]:
    return [i["incident_id"] for i in page["items"]]


# --- incidents ---------------------------------------------------------------------

def test_incidents_lists_every_attack_oldest_first(client):
    page = client.get("/incidents").json()
    assert page["total"] == 3
    assert ids(page) == ["2025-05-11", "2025-05-20", "2025-06-02"]
    first = page["items"][0]
    assert first["report_count"] == 2
    assert first["oblasts_hit"] == ["Kharkiv Oblast"]
    assert first["estimates"]["drones_launched"]["grade"] == "contested"
    assert first["estimates"]["drones_launched"]["label"] == "150–210 (contested)"
    assert first["estimates"]["killed"]["value"] == 9
    assert first["casualties_by_oblast"] == {"Kharkiv Oblast": {"killed": 9}}
    assert first["contested"] is True and first["conflict_count"] == 1
    assert first["revision_count"] == 1


def test_incidents_paging(client):
    assert ids(client.get("/incidents?limit=2").json()) == ["2025-05-11", "2025-05-20"]
    page = client.get("/incidents?limit=2&offset=2").json()
    assert ids(page) == ["2025-06-02"] and page["total"] == 3 and page["offset"] == 2
    assert client.get("/incidents?offset=10").json()["items"] == []


@pytest.mark.parametrize("query, expected", [
    ("date_from=2025-05-12", ["2025-05-20", "2025-06-02"]),
    ("date_to=2025-05-20", ["2025-05-11", "2025-05-20"]),
    ("date_from=2025-05-12&date_to=2025-05-31", ["2025-05-20"]),
    ("oblast=kharkiv", ["2025-05-11"]),
    ("oblast=Lviv%20Oblast", ["2025-06-02"]),
    ("oblast=kyiv", []),                       # Kyiv is only mentioned, not hit
    ("kind=injured", ["2025-05-20"]),
    ("kind=missiles_launched", ["2025-05-11"]),
    ("grade=contested", ["2025-05-11"]),
    ("grade=weak&kind=killed", ["2025-05-11", "2025-06-02"]),
    ("contested=true", ["2025-05-11"]),
    ("kind=killed&oblast=lviv", ["2025-06-02"]),
    # "50 drones at Lviv" is a local count: no national drones-launched headline
    ("kind=drones_launched&oblast=lviv", []),
])
def test_incidents_filters(client, query, expected):
    assert ids(client.get(f"/incidents?{query}").json()) == expected


def test_incident_detail_has_claims_with_sentences_conflicts_revisions(client):
    inc = client.get("/incidents/2025-05-11").json()
    assert inc["incident_id"] == "2025-05-11"
    assert sorted(inc["report_ids"]) == ["af-2025-05-11", "wire-2025-05-11"]
    by_text = {c["evidence"]["text"]: c for c in inc["claims"]}
    claim = by_text["210 drones"]
    assert claim["speaker"] == "Ukrainian Air Force" and claim["kind"] == "drones_launched"
    sentence = claim["evidence"]["sentence"]
    assert sentence["text"].startswith("Russia attacked Ukraine overnight with 210 drones")
    s, e = sentence["mark"]
    assert sentence["text"][s:e] == "210 drones"
    # the sentence's offsets index the stored report text
    text = client.get("/reports/af-2025-05-11").json()["text"]
    assert text[sentence["start"]:sentence["end"]] == sentence["text"]
    [conflict] = inc["conflicts"]
    assert conflict["scope"]["kind"] == "drones_launched"
    assert "210" in conflict["reason"] and "150" in conflict["reason"]
    [revision] = inc["revisions"]
    assert "4 to 9" in revision["reason"]
    old = next(c for c in inc["claims"] if c["claim_id"] == revision["old"])
    assert old["current"] is False and old["superseded_by"] == revision["new"]
    assert inc["places"][0]["evidence"][0]["text"] == "Kharkiv"


def test_claims_carry_their_report_language(target, make_client):
    """The dashboard marks evidence with its language (issue 14): a claim's ``language``
    and the incident's ``languages`` come from the record's ``language`` (CONTRACT.md
    v1.1), here a Ukrainian report whose record is written by hand."""
    from strikeledger.model import Evidence, Figure, Record, Report, Source
    text = "У ніч на 11 травня противник атакував 210 ударними БпЛА, повідомили Повітряні сили."
    phrase = "210 ударними БпЛА"
    at = text.index(phrase)
    record = Record(report_id="uk-af-2025-05-11", language="uk",
                    source=Source(published="2025-05-11"),
                    attack={"date": "2025-05-11", "date_precision": "day"},
                    figures=[Figure(kind="drones_launched", value=210, qualifier="exact",
                                    low=210, high=210, speaker="Ukrainian Air Force",
                                    evidence=Evidence.of(text, at, at + len(phrase)))])
    with open_store(target) as store:
        assert store.add(Report(report_id="uk-af-2025-05-11", text=text,
                                published="2025-05-11"), record)
    client = make_client()
    inc = client.get("/incidents/2025-05-11").json()
    [uk] = [c for c in inc["claims"] if c["report_id"] == "uk-af-2025-05-11"]
    assert uk["language"] == "uk" and uk["evidence"]["text"] == phrase
    assert inc["languages"]["uk-af-2025-05-11"] == "uk"
    # the English reports' language is whatever their records say (as /reports/{id} gives)
    for rid in ("af-2025-05-11", "wire-2025-05-11"):
        stored = client.get(f"/reports/{rid}").json()["record"].get("language")
        assert inc["languages"][rid] == stored
        assert {c["language"] for c in inc["claims"] if c["report_id"] == rid} == {stored}


def test_incident_detail_damage_and_interval_without_infinity(client):
    inc = client.get("/incidents/2025-05-20").json()
    assert [d["category"] for d in inc["damage"]] == ["education"]
    [claim] = inc["claims"]
    assert claim["interval"] == [6, 6]
    contested = client.get("/incidents/2025-05-11").json()
    approx = next(c for c in contested["claims"] if c["qualifier"] == "approx")
    assert approx["interval"] == [135, 165]


def test_incident_by_report_id_and_unknown(client):
    assert client.get("/incidents/lviv-2025-06-02").json()["incident_id"] == "2025-06-02"
    r = client.get("/incidents/1999-01-01")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"


# --- reports, figures, search ------------------------------------------------------

def test_reports_list_paging_and_dates(client):
    page = client.get("/reports").json()
    assert len(page["items"]) == 4 and page["next_offset"] is None
    assert "text" not in page["items"][0]
    assert page["items"][0]["attack_date"] == "2025-06-02"      # newest attack first
    first = client.get("/reports?limit=3").json()
    assert len(first["items"]) == 3 and first["next_offset"] == 3
    rest = client.get("/reports?limit=3&offset=3").json()
    assert len(rest["items"]) == 1 and rest["next_offset"] is None
    seen = {r["report_id"] for r in first["items"] + rest["items"]}
    assert seen == {"af-2025-05-11", "wire-2025-05-11", "odesa-2025-05-20", "lviv-2025-06-02"}
    dated = client.get("/reports?date_from=2025-05-15&date_to=2025-05-25").json()
    assert [r["report_id"] for r in dated["items"]] == ["odesa-2025-05-20"]


def test_report_by_id_uid_and_hash(client):
    r = client.get("/reports/odesa-2025-05-20").json()
    assert r["text"].startswith("date 2025-05-20\nDrones hit Odesa")
    assert r["record"]["figures"][0]["kind"] == "injured"
    assert client.get(f"/reports/{r['uid']}").json()["report_id"] == "odesa-2025-05-20"
    assert client.get(f"/reports/{r['content_hash']}").json()["uid"] == r["uid"]
    missing = client.get("/reports/nope")
    assert missing.status_code == 404
    assert missing.json() == {"error": {"status": 404, "code": "not_found",
                                        "message": "no report 'nope'"}}


def test_figures_filters_and_paging(client):
    everything = client.get("/figures?limit=100").json()["items"]
    assert len(everything) == 10
    killed = client.get("/figures?kind=killed").json()["items"]
    assert sorted(f["value"] for f in killed) == [2, 4, 9]
    lviv = client.get("/figures?oblast=lviv").json()["items"]
    assert {f["kind"] for f in lviv} == {"drones_launched", "killed"}
    may = client.get("/figures?date_from=2025-05-12&date_to=2025-05-31").json()["items"]
    assert [(f["kind"], f["value"]) for f in may] == [("injured", 6)]
    page1 = client.get("/figures?limit=4").json()
    page2 = client.get("/figures?limit=4&offset=4").json()
    page3 = client.get("/figures?limit=4&offset=8").json()
    assert page1["next_offset"] == 4 and page2["next_offset"] == 8
    assert page3["next_offset"] is None and len(page3["items"]) == 2
    assert page1["items"] + page2["items"] + page3["items"] == everything
    assert killed[0]["ev_text"] and killed[0]["report_id"]


def test_search(client):
    res = client.get("/search?q=school damaged").json()
    assert [r["report_id"] for r in res["items"]] == ["odesa-2025-05-20"]
    assert "school" in res["items"][0]["snippet"].lower()
    assert client.get("/search?q=kharkiv&limit=1").json()["items"][0]["report_id"] in (
        "af-2025-05-11", "wire-2025-05-11")
    assert client.get("/search?q=zzzz").json()["items"] == []
    assert client.get("/search?q=!!!").json()["items"] == []     # no words: nothing
    assert client.get("/search").status_code == 422


# --- export ------------------------------------------------------------------------

def test_export_csv(client):
    r = client.get("/export/csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["incident_id"] for row in rows] == ["2025-05-11", "2025-05-20", "2025-06-02"]


def test_export_jsonl_claims(client):
    r = client.get("/export/jsonl?table=claims")
    lines = [json.loads(x) for x in r.text.splitlines()]
    claims = sum(i["claim_count"] for i in client.get("/incidents").json()["items"])
    assert len(lines) == claims == 10             # every claim of every incident
    assert {x["claim_id"] for x in lines} >= {"af-2025-05-11:f0", "wire-2025-05-11:f0"}


def test_export_parquet(client, tmp_path):
    r = client.get("/export/parquet")
    path = tmp_path / "x.parquet"
    path.write_bytes(r.content)
    assert pq.read_table(path).num_rows == 3


def test_export_unknown_format_and_table(client):
    r = client.get("/export/xlsx")
    assert r.status_code == 404 and "csv" in r.json()["error"]["message"]
    r = client.get("/export/csv?table=secrets")
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_request"


# --- meta, docs, dashboard ---------------------------------------------------------

def test_meta(client):
    meta = client.get("/meta").json()
    assert meta["reports"] == 4 and meta["writes_enabled"] is True
    assert "killed" in meta["kinds"] and "contested" in meta["grades"]
    assert "csv" in meta["export_formats"]


def test_openapi_lists_every_endpoint_and_docs_are_served_locally(client):
    spec = client.get("/openapi.json").json()
    for path in ("/incidents", "/incidents/{incident_id}", "/reports", "/reports/{key}",
                 "/figures", "/search", "/export/{fmt}", "/meta"):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/reports"]
    assert "requestBody" in spec["paths"]["/reports"]["post"]
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


def test_dashboard_is_served_with_a_strict_content_security_policy(client):
    r = client.get("/")
    assert r.status_code == 200 and 'id="map"' in r.text and 'id="timeline"' in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    geo = client.get("/static/oblasts.geojson").json()
    assert len(geo["features"]) == 27
    assert {f["properties"]["admin1"] for f in geo["features"]} >= {"Kyiv City", "Odesa Oblast",
                                                                   "Autonomous Republic of Crimea"}


def test_export_geojson_and_acled(client):
    geo = client.get("/export/geojson")
    assert geo.status_code == 200
    assert geo.headers["content-type"].startswith("application/geo+json")
    assert geo.json()["type"] == "FeatureCollection" and geo.json()["features"]
    acled = client.get("/export/acled")
    assert acled.status_code == 200 and acled.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(acled.text)))) >= 3
