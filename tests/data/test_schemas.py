"""Every packaged data file loads through its schema; a bad file gets one error listing
every bad entry as PATH: message, whichever file it is."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from strikeledger.data import LANGUAGES, check, load, schemas
from strikeledger.errors import VocabularyError

NEUTRAL = {"weapons.json": schemas.Weapons, "gazetteer.json": schemas.Gazetteer,
           "bodies.json": schemas.Bodies}
PER_LANGUAGE = {"figure_cues.json": schemas.FigureCues, "figure_patterns.json": schemas.FigurePatterns,
                "sentences.json": schemas.Sentences,
                "context_cues.json": schemas.ContextCues,
                "dates.json": schemas.Dates, "place_cues.json": schemas.PlaceCues,
                "speakers.json": schemas.SpeakerWords, "reporting.json": schemas.Reporting,
                "quantities.json": schemas.Quantities, "damage_terms.json": schemas.DamageTerms,
                "scope_cues.json": schemas.ScopeCues, "furniture.json": schemas.FurnitureLines}


def _raw(name: str) -> dict:
    return json.loads(resources.files("strikeledger.data").joinpath(name).read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(NEUTRAL))
def test_language_neutral_files_load(name):
    assert load(name, NEUTRAL[name]) is not None


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(PER_LANGUAGE))
def test_every_language_has_every_file(lang, name):
    assert load(f"{lang}/{name}", PER_LANGUAGE[name]) is not None


def test_every_json_file_of_a_language_folder_has_a_schema():
    for lang in LANGUAGES:
        shipped = {p.name for p in resources.files("strikeledger.data").joinpath(lang).iterdir()
                   if p.name.endswith(".json")}
        assert shipped == set(PER_LANGUAGE), lang


def test_a_misspelt_key_is_an_error_not_a_silent_default():
    raw = _raw("en/reporting.json")
    raw["verb"] = raw.pop("verbs")
    with pytest.raises(VocabularyError) as err:
        check(raw, schemas.Reporting, "en/reporting.json")
    assert str(err.value) == ("en/reporting.json: 2 bad entries:\n"
                              "  verbs: Field required\n"
                              "  verb: Extra inputs are not permitted")


def test_bad_patterns_and_phrases_are_all_listed():
    raw = _raw("en/context_cues.json")
    raw["comparison"] = ["\\b(?:largest"]
    raw["other_event"].append("")
    raw["inherit_clause"] = []
    with pytest.raises(VocabularyError) as err:
        check(raw, schemas.ContextCues, "cues.json")
    msg = str(err.value)
    assert msg.startswith("cues.json: 3 bad entries:\n")
    assert "comparison.0: not a regular expression: missing ), unterminated subpattern" in msg
    assert f"other_event.{len(raw['other_event']) - 1}: must be a non-empty pattern" in msg
    assert "inherit_clause: List should have at least 1 item" in msg


def test_weapon_list_problems_within_and_across_entries_are_reported_together():
    raw = {"weapons": [
        {"canonical": "Kalibr", "category": "missile", "family": "kalibr", "variants": ["Kalibr"]},
        {"canonical": "Kalibr", "category": "rocket", "family": "", "variants": []},
        {"canonical": "X-22 and X-32", "category": "missile", "family": "kh-22", "variants": ["Kh-22"]},
        {"canonical": "Oniks", "category": "missile", "family": "oniks", "variants": ["Kalibr"]},
    ]}
    with pytest.raises(VocabularyError) as err:
        check(raw, schemas.Weapons, "weapons.json")
    msg = str(err.value)
    for needle in ("weapons.1.category: Input should be 'drone', 'missile', 'bomb' or 'other' (got 'rocket')",
                   "weapons.1.family: must be a non-empty phrase",
                   "weapons.2: combined label 'X-22 and X-32' is not a weapon type",
                   "weapons.1: duplicate canonical 'Kalibr'",
                   "weapons.3: spelling 'Kalibr' belongs to both 'Kalibr' and 'Oniks'"):
        assert needle in msg
    assert msg.startswith("weapons.json: 5 bad entries:")


def test_dates_numbers_are_checked_against_the_calendar():
    raw = _raw("en/dates.json")
    raw["months"]["smarch"] = 13
    raw["holidays"]["leap day"] = [2, 30]
    raw["weekdays"]["funday"] = 7
    with pytest.raises(VocabularyError) as err:
        check(raw, schemas.Dates, "dates.json")
    msg = str(err.value)
    assert "months.smarch: Input should be less than or equal to 12 (got 13)" in msg
    assert "holidays.leap day: day is out of range for month" in msg
    assert "weekdays.funday: Input should be less than or equal to 6 (got 7)" in msg


def test_a_person_spelling_claimed_by_two_officials_is_an_error():
    raw = _raw("en/speakers.json")
    first, second = list(raw["persons"])[:2]
    raw["persons"][second]["variants"].append(first)
    with pytest.raises(VocabularyError, match=f"variant '{first}' already belongs to {first}"):
        check(raw, schemas.SpeakerWords, "speakers.json")


def test_every_body_and_official_named_by_a_language_is_listed():
    listed = load("bodies.json", schemas.Bodies)
    names = {b.name for b in listed.bodies} | {p.name for p in listed.persons}
    for lang in LANGUAGES:
        words = load(f"{lang}/speakers.json", schemas.SpeakerWords)
        assert set(words.bodies) | set(words.persons) <= names


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_cyrillic_amounts_and_their_generated_forms_load(lang):
    q = load(f"{lang}/quantities.json", schemas.CyrillicQuantities)
    forms = load(f"{lang}/forms.json", schemas.Forms).forms
    assert set(q.numbers) <= set(forms) and set(q.counting_nouns) <= set(forms)


def test_a_cyrillic_vague_amount_needs_a_low_of_at_least_one():
    raw = _raw("uk/quantities.json")
    raw["vague"].append({"lemmas": ["кілька"], "low": 0})
    raw["range_words"]["between"] = [" від"]
    with pytest.raises(VocabularyError) as err:
        check(raw, schemas.CyrillicQuantities, "uk/quantities.json")
    msg = str(err.value)
    assert msg.startswith("uk/quantities.json: 2 bad entries:")
    assert f"vague.{len(raw['vague']) - 1}.low: Input should be greater than or equal to 1" in msg


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_cyrillic_date_words_load_and_every_inflected_word_has_its_forms(lang):
    from strikeledger.data.forms import expand, expand_table

    d = load(f"{lang}/dates.json", schemas.Dates)
    months = expand_table(lang, d.months)
    assert len(months) > 3 * len(d.months) and set(months.values()) == set(range(1, 13))
    assert len(expand(lang, d.attack_nouns)) > len(d.attack_nouns)


def test_a_lemma_without_generated_forms_is_a_clear_error():
    from strikeledger.data.forms import expand

    with pytest.raises(VocabularyError, match="no forms of 'небувальщина'"):
        expand("uk", ["~небувальщина"])
