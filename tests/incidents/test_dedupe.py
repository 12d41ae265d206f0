import datetime as dt

from incident_builders import fig, pair

from strikeledger.incidents import build_incidents
from strikeledger.incidents.dedupe import duplicate_groups, shingles

STORY = ("Russia launched 120 drones and 9 missiles at Ukraine overnight, damaging a power "
         "substation near Odesa and injuring three people, the regional governor said on "
         "Telegram. Air defence destroyed most of the drones, the Air Force said.")
REWRITE = ("Russia launched 120 drones and 9 missiles at Ukraine overnight, damaging a power "
           "substation near Odesa and injuring three people, the regional governor said on "
           "Telegram on Sunday. Air defence destroyed most of the drones, the Air Force added.")
OTHER = ("A guided bomb hit a village in Kharkiv region on Tuesday afternoon. Two houses "
         "burned down and an elderly woman was hurt, police said.")


def test_syndicated_copy_with_other_header_and_light_rewrite_is_one_group():
    texts = [STORY, " date 2025-07-01 " + STORY, REWRITE, OTHER]
    groups = duplicate_groups(texts)
    assert sorted(map(sorted, groups)) == [[0, 1, 2], [3]]


def test_canonical_copy_is_the_earliest_published():
    groups = duplicate_groups([STORY, REWRITE], published=[dt.date(2025, 7, 2),
                                                           dt.date(2025, 7, 1)])
    assert groups == [[1, 0]]


def test_same_template_on_other_dates_is_not_a_duplicate():
    """Regression: daily bulletins share most words; different attack dates keep them apart."""
    a = STORY
    b = STORY.replace("120", "121")
    groups = duplicate_groups([a, b], dates=[dt.date(2025, 7, 1), dt.date(2025, 7, 2)])
    assert sorted(map(sorted, groups)) == [[0], [1]]


def test_no_text_is_never_a_duplicate():
    assert duplicate_groups([None, None, ""]) == [[0], [1], [2]]
    assert shingles("") == set()


def test_copies_count_as_one_source_and_stay_linked():
    p1 = pair("orig", STORY, "2025-07-01", figures=[
        fig(STORY, "120 drones", "drones_launched", 120)], publisher="Agency")
    p2 = pair("copy", " date 2025-07-01 " + STORY, "2025-07-01", figures=[
        fig(" date 2025-07-01 " + STORY, "120 drones", "drones_launched", 120)],
        publisher="Reprinter")
    [inc] = build_incidents([p1, p2])
    assert inc.report_ids == ["orig", "copy"]
    assert [(s.source_id, s.report_ids) for s in inc.sources] == [("orig", ["orig", "copy"])]
    [claim] = inc.claims
    assert claim.copies == ["copy"]
    # one source: the copy does not confirm the figure
    assert inc.estimates["drones_launched"].grade == "weak"
