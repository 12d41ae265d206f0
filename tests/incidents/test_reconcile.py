import math

import pytest
from incident_builders import fig, pair, place

from strikeledger.incidents import build_incidents
from strikeledger.incidents.intervals import interval


@pytest.mark.parametrize("value,qualifier,low,high,expected", [
    (4, "exact", 4, 4, (4, 4)),
    (4, "at_least", 4, None, (4, math.inf)),
    (40, "more_than", 41, None, (41, math.inf)),
    (10, "at_most", None, 10, (0, 10)),
    (10, "less_than", None, 9, (0, 9)),
    (500, "nearly", None, 499, (400, 499)),
    (500, "approx", None, None, (450, 550)),
    (350, "approx", None, None, (315, 385)),      # not 386: 1.1 * 350 is 385.00000000000006
    (600, "approx", None, None, (540, 660)),
    (35, "nearly", None, 34, (28, 34)),
    (None, "range", 10, 15, (10, 15)),
    (None, "vague", 24, None, (24, math.inf)),
])
def test_interval_of_each_qualifier(value, qualifier, low, high, expected):
    assert interval(value, qualifier, low, high) == expected


def _conflicting_pairs(inc):
    return {tuple(sorted((inc.claim(x.a).evidence.text, inc.claim(x.b).evidence.text)))
            for x in inc.conflicts}


def test_nearly_500_and_some_500_conflict_with_the_air_force_595(night):
    [inc] = build_incidents(night)
    assert _conflicting_pairs(inc) == {
        ("595 strike UAVs", "nearly 500 attack drones"),
        ("595 strike UAVs", "some 500 drones"),
        ("48 missiles", "some 40 missiles"),
    }
    drones = inc.estimates["drones_launched"]
    assert (drones.value, drones.grade) == (595, "contested")
    assert drones.label() == "500–595 (contested)"
    assert inc.claim(drones.chosen).speaker == "Ukrainian Air Force"


def test_air_force_is_preferred_for_launched_even_when_others_agree_with_each_other(night):
    [inc] = build_incidents(night)
    assert inc.estimates["missiles_launched"].value == 48
    assert inc.estimates["drones_downed"].label() == "568"


T1 = "At least four people were killed in Dnipro, the governor said in the morning."
T2 = "The death toll in Dnipro rose to seven, the governor said."
T3 = "Police said three people were killed in Dnipro."


def _toll(rid, text, phrase, value, qualifier, published, speaker="Serhii Lysak"):
    return pair(rid, text, "2025-06-01", published,
                speakers=[(speaker, "Governor of Dnipropetrovsk Oblast")],
                places=[place(text, "Dnipro", "Dnipropetrovsk Oblast")],
                figures=[fig(text, phrase, "killed", value, qualifier, place="Dnipro",
                             speaker=speaker)])


def test_rising_toll_is_a_revision_not_a_conflict():
    early = _toll("early", T1, "At least four people were killed", 4, "at_least", "2025-06-01")
    later = _toll("later", T2, "rose to seven", 7, "exact", "2025-06-01")
    [inc] = build_incidents([early, later])
    assert inc.conflicts == []
    [rev] = inc.revisions
    assert (rev.old, rev.new) == ("early:f0", "later:f0")
    assert inc.claim("early:f0").superseded_by == "later:f0"
    est = inc.estimates["killed"]
    assert (est.value, est.label(), est.grade) == (7, "7", "weak")


def test_exact_tolls_rising_between_speakers_and_days_are_revisions():
    a = _toll("a", T3.replace("three", "four"), "four people were killed", 4, "exact",
              "2025-06-01", speaker="National Police")
    b = _toll("b", T2, "rose to seven", 7, "exact", "2025-06-02")
    [inc] = build_incidents([a, b])
    assert inc.conflicts == [] and len(inc.revisions) == 1
    assert inc.estimates["killed"].value == 7


def test_a_lower_toll_published_later_by_another_source_is_a_conflict():
    high = _toll("high", T2, "rose to seven", 7, "exact", "2025-06-01")
    low = _toll("low", T3, "three people were killed", 3, "exact", "2025-06-02",
                speaker="National Police")
    [inc] = build_incidents([high, low])
    assert inc.revisions == []
    assert len(inc.conflicts) == 1
    assert inc.estimates["killed"].label() == "3–7 (contested)"
    assert inc.estimates["killed"].conservative() == 3


def test_a_source_correcting_its_own_launched_count_is_a_revision():
    t1 = "The Air Force said 60 drones were launched."
    t2 = "The Air Force corrected its count: 58 drones were launched."
    a = pair("a", t1, "2025-06-01", "2025-06-01", figures=[
        fig(t1, "60 drones", "drones_launched", 60, speaker="Ukrainian Air Force")])
    b = pair("b", t2, "2025-06-01", "2025-06-02", figures=[
        fig(t2, "58 drones", "drones_launched", 58, speaker="Ukrainian Air Force")])
    [inc] = build_incidents([a, b])
    assert inc.conflicts == []
    assert [(r.old, r.new) for r in inc.revisions] == [("a:f0", "b:f0")]
    assert inc.estimates["drones_launched"].value == 58


def test_claims_about_other_places_or_weapons_are_not_compared():
    t = ("The Air Force said 40 missiles were launched, including 6 Kinzhal missiles. "
         "In Kyiv 12 missiles were shot down.")
    p = pair("r", t, "2025-06-01", figures=[
        fig(t, "40 missiles", "missiles_launched", 40, speaker="Ukrainian Air Force"),
        fig(t, "6 Kinzhal missiles", "missiles_launched", 6, weapon="X-47 Kinzhal",
            speaker="Ukrainian Air Force"),
        fig(t, "12 missiles were shot down", "missiles_downed", 12, place="Kyiv")])
    t2 = "Zelenskyy said nearly 30 missiles were launched."
    q = pair("q", t2, "2025-06-01", figures=[
        fig(t2, "nearly 30 missiles", "missiles_launched", 30, "nearly",
            speaker="Volodymyr Zelenskyy")])
    [inc] = build_incidents([p, q])
    # only the two national totals meet: 40 against "nearly 30"
    assert _conflicting_pairs(inc) == {("40 missiles", "nearly 30 missiles")}
    # a local count stays under its place and never becomes the national headline
    assert "missiles_downed" not in inc.estimates
    assert [(s.place, s.value) for s in inc.scopes if s.kind == "missiles_downed"] == [
        ("Kyiv", 12)]


def test_shahed_count_is_the_drone_total_and_a_subtotal_word_makes_a_subtotal():
    t = ("The Air Force said 300 Shahed drones were launched; 250 were shot down and 30 "
         "were lost locationally.")
    t2 = "The president said about 200 drones attacked."
    a = pair("a", t, "2025-06-01", figures=[
        fig(t, "300 Shahed drones", "drones_launched", 300, weapon="Shahed-136/131",
            families=["shahed"], speaker="Ukrainian Air Force"),
        fig(t, "250 were shot down", "drones_downed", 250, speaker="Ukrainian Air Force"),
        fig(t, "30 were lost locationally", "drones_downed", 30,
            speaker="Ukrainian Air Force")])
    b = pair("b", t2, "2025-06-01", figures=[
        fig(t2, "about 200 drones", "drones_launched", 200, "approx",
            speaker="Volodymyr Zelenskyy")])
    [inc] = build_incidents([a, b])
    assert _conflicting_pairs(inc) == {("300 Shahed drones", "about 200 drones")}
    assert inc.estimates["drones_downed"].value == 250
