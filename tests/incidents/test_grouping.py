import datetime as dt

import pytest
from incident_builders import fig, pair, place

from strikeledger.errors import InputError, NotFoundError
from strikeledger.incidents import build_incidents, filter_incidents, get_incident

KHARKIV = "Two people were injured in Kharkiv during the overnight attack, the governor said."
ODESA = "In Odesa region an energy facility was hit overnight, the governor said."
LOCAL = "A missile struck Sumy on Friday afternoon, killing one man."
UNDATED = "Analysts say the drone campaign has grown over the past year."
MONTHLY = "In May Russia launched more drones than in any month before."


def test_nationwide_attack_told_by_many_governors_is_one_incident(night):
    kh = pair("kh", KHARKIV, "2025-10-12", places=[place(KHARKIV, "Kharkiv", "Kharkiv Oblast")],
              figures=[fig(KHARKIV, "Two people were injured", "injured", 2, place="Kharkiv")])
    od = pair("od", ODESA, "2025-10-12", "2025-10-13",
              places=[place(ODESA, "Odesa Oblast", "Odesa Oblast", phrase="Odesa region")])
    incidents = build_incidents([*night, kh, od])
    assert [i.incident_id for i in incidents] == ["2025-10-12"]
    assert incidents[0].oblasts_hit == ["Kharkiv Oblast", "Kyiv City", "Lviv Oblast",
                                        "Odesa Oblast"]
    assert incidents[0].report_ids == ["af", "pres", "wire", "kh", "od"]


def test_local_strike_on_another_day_is_another_incident(night):
    local = pair("sumy", LOCAL, "2025-10-17", places=[place(LOCAL, "Sumy", "Sumy Oblast")],
                 figures=[fig(LOCAL, "killing one man", "killed", 1, place="Sumy")])
    incidents = build_incidents([local, *night])
    assert [i.incident_id for i in incidents] == ["2025-10-12", "2025-10-17"]
    assert incidents[1].estimates["killed"].label() == "1"


def test_undated_and_month_precision_reports_are_their_own_incidents_listed_last(night):
    undated = pair("essay", UNDATED, None)
    monthly = pair("may", MONTHLY, "2025-05-01", precision="month")
    incidents = build_incidents([undated, monthly, *night])
    assert [(i.incident_id, i.date) for i in incidents] == [
        ("month-2025-05-01-may", dt.date(2025, 5, 1)), ("2025-10-12", dt.date(2025, 10, 12)),
        ("undated-essay", None)]


def test_records_alone_are_accepted_and_the_summary_interface_holds(night):
    incidents = build_incidents(rec for _, rec in night)
    [inc] = incidents
    assert inc.date == dt.date(2025, 10, 12)
    assert inc.report_ids == ["af", "pres", "wire"]
    assert inc.estimates["drones_launched"].label() == "500–595 (contested)"
    assert inc.estimates["killed"].label() == "4"
    assert inc.oblasts_hit == ["Kyiv City", "Lviv Oblast"]
    assert all(c.evidence.sentence is None for c in inc.claims)   # no text given


def test_bad_items_are_an_input_error():
    with pytest.raises(InputError, match="item 0"):
        build_incidents(["not a record"])


def test_filter_and_get(night):
    local = pair("sumy", LOCAL, "2025-10-17", places=[place(LOCAL, "Sumy", "Sumy Oblast")])
    incidents = build_incidents([*night, local])
    assert [i.incident_id for i in filter_incidents(incidents, oblast="sumy")] == ["2025-10-17"]
    assert [i.incident_id for i in filter_incidents(incidents, contested=True)] == ["2025-10-12"]
    assert [i.incident_id for i in filter_incidents(incidents, date_from="2025-10-13")] == \
        ["2025-10-17"]
    assert [i.incident_id for i in filter_incidents(incidents, kind="killed",
                                                    grade="confirmed")] == ["2025-10-12"]
    assert get_incident(incidents, "sumy").incident_id == "2025-10-17"
    with pytest.raises(NotFoundError):
        get_incident(incidents, "1999-01-01")
    with pytest.raises(InputError):
        filter_incidents(incidents, date_from="yesterday")
