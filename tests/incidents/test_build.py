"""build.py: claim and source ids stay distinct when reports share a report id."""
from __future__ import annotations

from incident_builders import fig, pair, place

from strikeledger.incidents import build_incidents
from strikeledger.incidents.build import report_keys

# Two unrelated stories that both call themselves "kyiv-2025-10-12" (report ids are not
# unique; the store tells reports apart by their text's hash).
ONE = "Three people were killed in Kyiv overnight when debris fell on a house, police said."
TWO = "In Kyiv three people were killed in the night as a drone hit a garage block."


def same_id_pairs():
    return [
        pair("kyiv-2025-10-12", ONE, "2025-10-12", publisher="Paper A", figures=[
            fig(ONE, "Three people were killed", "killed", 3, place="Kyiv")],
            places=[place(ONE, "Kyiv", "Kyiv City")]),
        pair("kyiv-2025-10-12", TWO, "2025-10-12", publisher="Paper B", figures=[
            fig(TWO, "three people were killed", "killed", 3, place="Kyiv")],
            places=[place(TWO, "Kyiv", "Kyiv City")]),
    ]


def test_report_keys_number_the_second_and_later_reports_of_an_id():
    assert report_keys(["a", "b", "a", "a", "a#2"]) == ["a", "b", "a#2", "a#3", "a#2#2"]
    assert report_keys([]) == []


def test_two_reports_sharing_a_report_id_keep_two_claims_and_two_sources():
    [inc] = build_incidents(same_id_pairs())
    assert [c.claim_id for c in inc.claims] == ["kyiv-2025-10-12:f0", "kyiv-2025-10-12#2:f0"]
    assert [s.source_id for s in inc.sources] == ["kyiv-2025-10-12", "kyiv-2025-10-12#2"]
    assert [c.report_id for c in inc.claims] == ["kyiv-2025-10-12", "kyiv-2025-10-12"]
    assert all(c.copies == [] for c in inc.claims)
    # two independent sources state 3: confirmed (one merged claim would be weak)
    killed = inc.estimates["killed"]
    assert (killed.value, killed.grade, killed.sources) == (3, "confirmed", 2)
