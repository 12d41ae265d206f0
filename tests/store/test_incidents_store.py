"""Incidents kept in the store: incremental updates equal a rebuild and the in-memory
build, whatever the ingest order and batches; reads, history and as-of."""
from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

_INCIDENTS = Path(__file__).parent.parent / "incidents"
if str(_INCIDENTS) not in sys.path:
    sys.path.insert(0, str(_INCIDENTS))

from incident_builders import (AF_TEXT, PRES_TEXT, WIRE_TEXT, damage, fig,  # noqa: E402
                               night_pairs, pair, place)

from strikeledger.errors import NotFoundError  # noqa: E402
from strikeledger.export.tables import DERIVED_ROWS, DERIVED_SCHEMAS  # noqa: E402
from strikeledger.incidents import build_incidents  # noqa: E402
from strikeledger.store import open_store  # noqa: E402

COPY = "date 2025-10-12\n" + WIRE_TEXT
REWRITE = WIRE_TEXT.replace("officials said", "officials in Kyiv said")
EARLY = "Two people were killed in Kyiv overnight, Mayor Vitali Klitschko said."
LATER = "The death toll in Kyiv rose to five, Mayor Vitali Klitschko said on Monday."
ODESA = "Drones hit Odesa overnight, injuring three people, Governor Oleh Kiper said."
ODESA2 = "Drones hit Odesa overnight, injuring four people, Governor Oleh Kiper said."
UNDATED = "Analysts say Russia has launched more than 5,000 drones at Ukraine this year."
WEEK = "During the week 120 drones hit the Sumy region, the governor said."
MAYOR = [("Vitali Klitschko", "Mayor of Kyiv")]
# another story that calls itself "wire" too (report ids are not unique)
OTHER_WIRE = "Debris of a downed drone killed six people in Kyiv overnight, a local paper wrote."


def pool() -> list:
    """Invented reports of two nights, with copies, a rising toll, conflicts, an undated
    and a week-dated report, and two reports sharing a report id."""
    af, pres, wire = night_pairs()
    return [
        af, pres, wire,
        pair("wire-copy", COPY, "2025-10-12", "2025-10-13", publisher="Reprinter", figures=[
            fig(COPY, "some 500 drones", "drones_launched", 500, "approx"),
            fig(COPY, "at least four people were killed", "killed", 4, "at_least",
                place="Kyiv")], places=[place(COPY, "Kyiv", "Kyiv City", 50.45, 30.52)],
            damage_=[damage(COPY, "A kindergarten", "education", "Kyiv")]),
        pair("wire-rewrite", REWRITE, "2025-10-12", "2025-10-11", publisher="Daily", figures=[
            fig(REWRITE, "some 500 drones", "drones_launched", 500, "approx")]),
        pair("mayor-early", EARLY, "2025-10-12", "2025-10-12", speakers=MAYOR, figures=[
            fig(EARLY, "Two people were killed", "killed", 2, place="Kyiv",
                speaker="Vitali Klitschko")],
            places=[place(EARLY, "Kyiv", "Kyiv City", 50.45, 30.52)]),
        pair("mayor-later", LATER, "2025-10-12", "2025-10-13", speakers=MAYOR, figures=[
            fig(LATER, "rose to five", "killed", 5, place="Kyiv", speaker="Vitali Klitschko")],
            places=[place(LATER, "Kyiv", "Kyiv City", 50.45, 30.52)]),
        pair("odesa", ODESA, "2025-10-13", speakers=[("Oleh Kiper", "Governor")], figures=[
            fig(ODESA, "injuring three people", "injured", 3, place="Odesa",
                speaker="Oleh Kiper")],
            places=[place(ODESA, "Odesa", "Odesa Oblast", 46.48, 30.72)]),
        pair("odesa-next", ODESA2, "2025-10-14", speakers=[("Oleh Kiper", "Governor")],
             figures=[fig(ODESA2, "injuring four people", "injured", 4, place="Odesa",
                          speaker="Oleh Kiper")],
             places=[place(ODESA2, "Odesa", "Odesa Oblast", 46.48, 30.72)]),
        pair("undated", UNDATED, None, "2025-10-14", figures=[
            fig(UNDATED, "more than 5,000 drones", "drones_launched", 5000, "more_than")]),
        pair("week", WEEK, "2025-10-06", "2025-10-12", precision="week", figures=[
            fig(WEEK, "120 drones", "drones_launched", 120, place="Sumy Oblast")]),
        pair("wire", OTHER_WIRE, "2025-10-12", publisher="Local paper", figures=[
            fig(OTHER_WIRE, "killed six people", "killed", 6, place="Kyiv")]),
    ]


def state(store) -> dict:
    """Every current incident row (without validity), and each report's group."""
    out = {}
    for table, columns in DERIVED_SCHEMAS.items():
        rows = store._fetch(f"SELECT {', '.join(columns)} FROM {table}"
                            " WHERE valid_to IS NULL", [])
        out[table] = sorted((tuple(r[c] for c in columns) for r in rows), key=repr)
    out["report_incidents"] = sorted(
        (r["report_id"], r["incident_id"]) for r in
        store._fetch("SELECT report_id, incident_id FROM report_incidents", []))
    return out


def in_memory(store) -> dict:
    """The same tables from ``build_incidents`` over the stored reports: an independent
    path (in-memory duplicate index, one pass)."""
    incidents = build_incidents(store.records())
    out = {}
    for table, columns in DERIVED_SCHEMAS.items():
        out[table] = sorted((tuple(r[c] for c in columns)
                             for r in DERIVED_ROWS[table](incidents)), key=repr)
    return out


def _check(store) -> None:
    before = state(store)
    assert {t: v for t, v in before.items() if t != "report_incidents"} == in_memory(store)
    result = store.rebuild()
    assert (result.incidents, result.changes) == ([], 0)
    assert state(store) == before


@st.composite
def ingest_plans(draw):
    n = len(pool())
    order = draw(st.permutations(range(n)))
    cuts = sorted(draw(st.sets(st.integers(1, n - 1), max_size=4)))
    batches = [order[a:b] for a, b in zip([0, *cuts], [*cuts, n])]
    again = draw(st.lists(st.integers(0, n - 1), max_size=3))     # re-sent reports
    return batches, again


@given(plan=ingest_plans())
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_incremental_equals_rebuild_for_any_ingest_order(new_target, plan):
    batches, again = plan
    reports = pool()
    with open_store(new_target()) as store:
        for batch in batches:
            store.add_many([reports[i] for i in batch])
        assert store.add_many([reports[i] for i in again]).added == 0
        assert store.count_reports() == len(reports)
        _check(store)


@given(order=st.permutations(range(len(pool()))))
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_one_report_at_a_time_in_any_order_equals_rebuild(new_target, order):
    """One report per transaction: a report that duplicates none joins its night's
    incident from the stored rows (incident_state.extend), never from its reports."""
    reports = pool()
    with open_store(new_target()) as store:
        for i in order:
            store.add(*reports[i])
        _check(store)


def test_one_report_at_a_time_then_rebuild_changes_nothing(store):
    for p in pool():
        store.add(*p)
    _check(store)
    incidents = store.incidents(limit=None)
    assert [i["incident_id"] for i in incidents["items"]] == [
        "week-2025-10-06-week", "2025-10-12", "2025-10-13", "2025-10-14", "undated-undated"]


SAME_ID_ONE = "Three people were killed in Kyiv overnight when debris fell on a house, police said."
SAME_ID_TWO = "In Kyiv three people were killed in the night as a drone hit a garage block."


def test_reports_sharing_a_report_id_keep_distinct_claims(store):
    """Report ids are not unique (uid is): two unrelated stories called alike are two
    sources with two claims, and the change log names the right one."""
    one = pair("kyiv-2025-10-12", SAME_ID_ONE, "2025-10-12", figures=[
        fig(SAME_ID_ONE, "Three people were killed", "killed", 3, place="Kyiv")])
    two = pair("kyiv-2025-10-12", SAME_ID_TWO, "2025-10-12", figures=[
        fig(SAME_ID_TWO, "three people were killed", "killed", 4, place="Kyiv")])
    store.add(*one)
    store.add(*two)
    inc = store.incident("2025-10-12")
    assert sorted(c["claim_id"] for c in inc["claims"]) == [
        "kyiv-2025-10-12#2:f0", "kyiv-2025-10-12:f0"]
    assert sorted(s["source_id"] for s in inc["sources"]) == [
        "kyiv-2025-10-12", "kyiv-2025-10-12#2"]
    # the toll rose from 3 to 4 (the second story); its report is the cause
    assert inc["estimates"]["killed"]["chosen"] == "kyiv-2025-10-12#2:f0"
    [change] = [h for h in store.incident_history("2025-10-12")
                if (h["kind"], h["field"]) == ("killed", "estimate") and h["new"] == "4"]
    [uid_two] = [r["uid"] for r in store.reports() if r["report_id"] == "kyiv-2025-10-12"
                 and r["uid"] == change["report_uid"]]
    assert store.get_report(uid_two)["text"] == SAME_ID_TWO
    _check(store)


def test_copies_are_one_source_and_the_earliest_published_is_canonical(store):
    store.add_many(pool()[:5])
    inc = store.incident("2025-10-12")
    [wire] = [s for s in inc["sources"] if len(s["report_ids"]) > 1]
    # wire-rewrite was published first: it is the canonical copy
    assert wire["source_id"] == "wire-rewrite"
    assert sorted(wire["report_ids"]) == ["wire", "wire-copy", "wire-rewrite"]


def test_a_rising_toll_is_a_revision_and_the_change_log_names_the_report(store):
    reports = {r.report_id: (r, rec) for r, rec in pool()}
    store.add(*reports["mayor-early"])
    store.add(*reports["mayor-later"])
    inc = store.incident("2025-10-12")
    assert inc["estimates"]["killed"]["value"] == 5
    assert [(r["old"], r["new"]) for r in inc["revisions"]] == [
        ("mayor-early:f0", "mayor-later:f0")]
    history = [(h["kind"], h["field"], h["old"], h["new"], h["report_id"])
               for h in store.incident_history("2025-10-12")]
    assert ("killed", "estimate", "2", "5", "mayor-later") in history
    assert history[0] == (None, "incident", None, "created", "mayor-early")
    # a report id finds its incident
    assert store.incident_history("mayor-early") == store.incident_history("2025-10-12")


def test_as_of_gives_the_incidents_as_they_stood(store):
    reports = {r.report_id: (r, rec) for r, rec in pool()}
    store.add(*reports["mayor-early"])
    between = dt.datetime.now(dt.timezone.utc)
    time.sleep(0.01)
    store.add(*reports["mayor-later"])
    store.add(*reports["odesa"])
    now = store.incidents()
    then = store.incidents(as_of=between)
    assert now["total"] == 2 and then["total"] == 1
    assert then["items"][0]["estimates"]["killed"]["value"] == 2
    assert now["items"][0]["estimates"]["killed"]["value"] == 5
    assert store.incident("2025-10-12", as_of=between)["claim_total"] == 1
    with pytest.raises(NotFoundError):
        store.incident("2025-10-13", as_of=between)
    before_all = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    assert store.incidents(as_of=before_all)["total"] == 0


def test_changes_since_a_cursor(store):
    reports = pool()
    store.add(*reports[0])
    first = store.changes()
    assert first["items"] and first["cursor"] == first["items"][-1]["seq"]
    assert store.changes(after=first["cursor"])["items"] == []
    store.add(*reports[7])
    later = store.changes(after=first["cursor"])
    assert {c["incident_id"] for c in later["items"]} == {"2025-10-13"}


def test_listing_filters_are_sql(store):
    store.add_many(pool())
    ids = lambda **kw: [i["incident_id"] for i in store.incidents(**kw)["items"]]  # noqa: E731
    assert ids(date_from="2025-10-13") == ["2025-10-13", "2025-10-14"]
    assert ids(date_to="2025-10-12") == ["week-2025-10-06-week", "2025-10-12"]
    assert ids(oblast="odesa") == ["2025-10-13", "2025-10-14"]
    assert ids(kind="killed") == ["2025-10-12"]
    assert ids(grade="contested") == ["2025-10-12"]
    assert ids(contested=True) == ["2025-10-12"]
    page = store.incidents(limit=2, offset=1)
    assert page["total"] == 5 and [i["incident_id"] for i in page["items"]] == [
        "2025-10-12", "2025-10-13"]
