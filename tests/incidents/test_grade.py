from incident_builders import fig, pair

from strikeledger.incidents import build_incidents


def _claim(rid, text, phrase, value, qualifier="exact", speaker=None, published="2025-03-03"):
    return pair(rid, text, "2025-03-03", published,
                figures=[fig(text, phrase, "killed", value, qualifier, speaker=speaker,
                             place="Kharkiv")])


A = "Five people were killed in Kharkiv, the mayor said."
B = "The governor said five people died in Kharkiv."
C = "At least three people were killed in Kharkiv."


def test_two_independent_sources_stating_the_value_confirm_it():
    inc, = build_incidents([_claim("a", A, "Five people were killed", 5, speaker="Ihor Terekhov"),
                            _claim("b", B, "five people died", 5, speaker="Oleh Syniehubov")])
    assert inc.estimates["killed"].grade == "confirmed"
    assert inc.estimates["killed"].sources == 2


def test_one_source_is_weak():
    inc, = build_incidents([_claim("a", A, "Five people were killed", 5, speaker="Ihor Terekhov")])
    assert inc.estimates["killed"].grade == "weak"


def test_two_sources_of_which_one_only_allows_the_value_is_fair():
    """'at least 3' (published later) does not state 5: it allows it."""
    inc, = build_incidents([
        _claim("a", A, "Five people were killed", 5, speaker="Ihor Terekhov"),
        _claim("c", C, "At least three people were killed", 3, "at_least",
               published="2025-03-04")])
    assert inc.revisions == [] and inc.conflicts == []
    assert inc.estimates["killed"].grade == "fair"


def test_two_stories_quoting_one_speaker_are_one_origin():
    inc, = build_incidents([
        _claim("a", A, "Five people were killed", 5, speaker="Ihor Terekhov"),
        _claim("b", B.replace("The governor", "The mayor"), "five people died", 5,
               speaker="Ihor Terekhov")])
    assert inc.estimates["killed"].grade == "weak"


def test_conflict_makes_contested(night):
    inc, = build_incidents(night)
    assert inc.estimates["drones_launched"].grade == "contested"
    assert inc.estimates["killed"].grade == "confirmed"   # wire "at least four" + president "four"
