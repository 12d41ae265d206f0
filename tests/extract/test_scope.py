"""Scope: what part of the attack a figure counts (CONTRACT.md v1.1, issue 13)."""
from __future__ import annotations

import pytest

from strikeledger.errors import VocabularyError
from strikeledger.extract import scope as scope_mod
from strikeledger.extract.scope import figure_scope, place_scope
from strikeledger.extract.text import sentences
from strikeledger.model import Scope


def scope_of(text: str, phrase: str, place: str | None = None, speaker: str | None = None,
             jurisdiction: str | None = None) -> str:
    start = text.index(phrase)
    end = start + len(phrase)
    sents = sentences(text)
    i = next(k for k, s in enumerate(sents) if s.start <= start < s.end)
    prev = (sents[i - 1].start, sents[i - 1].end) if i else None
    return figure_scope(text, (sents[i].start, sents[i].end), start, end, place, speaker,
                        jurisdiction, previous=prev).value


@pytest.mark.parametrize("text, phrase, place, speaker, want", [
    # the contract's own examples
    ("The Air Force said 595 drones were launched.", "595 drones", None, "Ukrainian Air Force", "national"),
    ("Nine drones were shot down over Kyiv.", "Nine drones were shot down", "Kyiv", None, "settlement"),
    ("Three missiles were fired at the plant.", "Three missiles", None, None, "site"),
    # issue 13: a local count is never the night's total
    ("Between three and five missiles were fired at the plant near Zaporizhzhia.",
     "Between three and five missiles", "Zaporizhzhia", None, "site"),
    ("One drone was shot down over Sumy, the mayor said.", "One drone was shot down", "Sumy", None,
     "settlement"),
    ("Over the Kharkiv region, 14 drones were shot down.", "14 drones were shot down", "Kharkiv Oblast",
     None, "oblast"),
    # a national toll stays national even when a city is named elsewhere in the sentence
    ("Across the country, nine people were killed, the State Emergency Service said.",
     "nine people were killed", None, "State Emergency Service", "national"),
    ("The police said 12 people had been injured nationwide, most of them in Kharkiv.",
     "12 people had been injured", None, "National Police", "national"),
    # a place named for the figure wins over a national cue further off
    ("Drones struck several regions across Ukraine overnight, including Kharkiv, where four people died.",
     "four people died", "Kharkiv", None, "settlement"),
])
def test_scope_of_the_contract_and_the_issue(text, phrase, place, speaker, want):
    assert scope_of(text, phrase, place, speaker) == want


@pytest.mark.parametrize("text, phrase, place, want", [
    # the count is located at one building or facility
    ("The governor said four were killed in the apartment building and six in the warehouse.",
     "four were killed", "Kryvyi Rih", "site"),
    ("Two workers were injured at the plant.", "Two workers were injured", "Zaporizhzhia", "site"),
    ("The ministry said the attack injured three workers at one energy facility.", "three workers",
     None, "site"),
    ("At Okhmatdyt, two adults were killed and 16 people were injured.", "two adults were killed", "Kyiv",
     "site"),
    ("Two adults were killed in the missile attack on the children's hospital, the mayor said.",
     "Two adults were killed", "Kyiv", "site"),
    ("In Mykolaiv, a drone hit a residential building, killing two people.", "killing two people",
     "Mykolaiv", "site"),
    ("Missile debris hit the building overnight. Four people died there.", "Four people died", "Kyiv",
     "site"),
    # the count is located in a place; the building is only the cause
    ("In Kyiv, four people were killed after debris hit a 16-storey building.", "four people were killed",
     "Kyiv", "settlement"),
    ("Odesa: the governor reports two killed after a strike on a residential building.", "two killed",
     "Odesa", "settlement"),
    ("Three people were killed in Dnipro when a missile hit an apartment block.",
     "Three people were killed", "Dnipro", "settlement"),
    # where victims were taken is not where they were hurt
    ("Six people were injured and taken to a hospital in Kharkiv.", "Six people were injured", "Kharkiv",
     "settlement"),
    ("A child died in the hospital, the governor wrote.", "A child died", "Dnipropetrovsk Oblast", "oblast"),
])
def test_site_counts_are_counts_at_one_building(text, phrase, place, want):
    assert scope_of(text, phrase, place) == want


def test_without_a_place_local_cues_and_officials_keep_a_count_local():
    """A local count whose place was not read must still not become the national headline."""
    assert scope_of("Air defence downed 14 drones over the region.", "14 drones", None) == "oblast"
    assert scope_of("Three people were injured in the city, he said.", "Three people", None) == "settlement"
    assert scope_of("Two drones were shot down, the mayor said.", "Two drones", None,
                    jurisdiction="Sumy") == "settlement"
    assert scope_of("Five drones were shot down, the governor said.", "Five drones", None,
                    jurisdiction="Sumy Oblast") == "oblast"
    assert scope_of("Russia launched 48 drones, the Air Force said.", "48 drones", None,
                    speaker="Ukrainian Air Force") == "national"


def test_place_scope_follows_the_gazetteer_level():
    assert place_scope("Kharkiv Oblast") is Scope.oblast
    assert place_scope("Kharkiv") is Scope.settlement
    assert place_scope("Holosiivskyi District") is Scope.settlement
    assert place_scope(None) is None


def test_a_bad_vocabulary_file_is_one_clear_error(monkeypatch):
    from strikeledger.data import check
    bad = {"site_nouns": ["plant"], "local_cues": {"town": []}, "national_speakers": [""]}
    monkeypatch.setattr(scope_mod, "load", lambda name, schema: check(bad, schema, f"strikeledger/data/{name}"))
    scope_mod.cues.cache_clear()
    try:
        with pytest.raises(VocabularyError) as err:
            scope_mod.cues()
        message = str(err.value)
        assert "scope_cues.json" in message and "site_links" in message and "local_cues.town" in message
    finally:
        scope_mod.cues.cache_clear()


def test_scope_reads_a_bounded_window_of_a_long_sentence():
    """Linear time: each figure reads at most a fixed window of its sentence, however long
    the sentence (a 40,000-character one full of buildings here), never the whole of it."""
    unit = "and a drone hit the school at the plant near the station in the city, killing 2 people "
    text = "Russia attacked " + unit * 450 + "."
    sent = (0, len(text))
    widths = set()
    for k in range(0, len(text) - 200, len(unit) * 7):
        i = text.index("killing 2", k)
        c0, c1 = scope_mod._clause(text, sent, i, i + 9)
        widths.add(c1 - c0)
        assert figure_scope(text, sent, i, i + 9, None) is Scope.settlement  # "in the city"
    assert max(widths) <= 2 * scope_mod._WINDOW + 9
