"""Weapon names: the vocabulary, mentions in text, and the weapons used in the attack."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from strikeledger.extract.weapons import (
    canonical_weapon,
    extract_weapons,
    find_weapon_mentions,
    weapons_vocabulary,
)

VOCAB = weapons_vocabulary()

# Spellings reports use and the weapon each one is, written by hand from what the weapons
# are (not from weapons.json): a wrong mapping in the data fails here.
BY_HAND = [
    ("Kh-101", "X-101/X-555"), ("Kh-555", "X-101/X-555"), ("X-101", "X-101/X-555"),
    ("Kh-22", "X-22"), ("Kh-32", "X-32"), ("Kh-59", "X-59"), ("Kh-69", "X-69"),
    ("Kh-59/69", "X-59/X-69"), ("Kh-31P", "X-31P"), ("Kh-35", "X-35"),
    ("Kh-47M2 Kinzhal", "X-47 Kinzhal"), ("Kinzhal", "X-47 Kinzhal"),
    ("Kalibr", "Kalibr"), ("3M14", "Kalibr"),
    ("Iskander-M", "Iskander-M"), ("9M723", "Iskander-M"), ("Iskander-K", "Iskander-K"),
    ("9M728", "Iskander-K"), ("KN-23", "KN-23"),
    ("S-300", "C-300"), ("S-400", "C-400"),
    ("Zircon", "3M22 Zircon"), ("Tsirkon", "3M22 Zircon"), ("3M22", "3M22 Zircon"),
    ("Oniks", "P-800 Oniks"), ("P-800", "P-800 Oniks"),
    ("Shahed-136", "Shahed-136/131"), ("Shahed-131", "Shahed-136/131"), ("Geran-2", "Shahed-136/131"),
    ("Geran-1", "Shahed-136/131"), ("Lancet", "Lancet"), ("Orlan-10", "Orlan-10"),
    ("KAB-500", "KAB"), ("UMPK", "KAB"),
]


def test_vocabulary_has_no_combined_labels():
    assert VOCAB, "weapons.json is empty"
    assert not [name for name in VOCAB if " and " in name]


def test_vocabulary_uses_the_csv_labels():
    for label in ("Shahed-136/131", "X-101/X-555", "X-47 Kinzhal", "Iskander-M/KN-23", "C-300",
                  "C-300/C-400", "X-59/X-69", "P-800 Oniks", "3M22 Zircon", "Kalibr", "Iskander-K"):
        assert label in VOCAB


def test_categories():
    assert VOCAB["Shahed-136/131"].category == "drone"
    assert VOCAB["Kalibr"].category == "missile"
    assert VOCAB["C-300"].category == "missile"
    assert VOCAB["KAB"].category == "bomb"


def test_json_lists_every_entry_once():
    raw = json.loads(resources.files("strikeledger.data").joinpath("weapons.json").read_text("utf-8"))
    names = [e["canonical"] for e in raw["weapons"]]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("spelling,canonical", BY_HAND)
def test_a_spelling_is_the_weapon_it_names(spelling, canonical):
    text = f"Overnight the enemy launched {spelling} at the city."
    found = find_weapon_mentions(text)
    assert [(text[m.start:m.end], m.canonical) for m in found] == [(spelling, canonical)]
    assert canonical_weapon(spelling) == canonical


def test_the_matcher_finds_every_listed_spelling_whole():
    """Consistency of the pattern with its list (not a check of the mapping: BY_HAND is)."""
    missed = []
    for w in VOCAB.values():
        for spelling in w.variants:
            text = f"Overnight the enemy launched {spelling} at the city."
            found = [(text[m.start:m.end], m.canonical) for m in find_weapon_mentions(text)]
            if found != [(spelling, w.canonical)] or canonical_weapon(spelling) != w.canonical:
                missed.append((spelling, w.canonical, found))
    assert missed == []


@pytest.mark.parametrize("text,expected", [
    ("three Kh-101s", "X-101/X-555"),
    ("dozens of Shaheds", "Shahed-136/131"),
    ("two Kinzhals", "X-47 Kinzhal"),
    ("Kh101 missiles", "X-101/X-555"),
    ("Shahed-type drones", "Shahed-136/131"),
    ("Iranian-made Shahed-136s", "Shahed-136/131"),
    ("Geran-2 drones", "Shahed-136/131"),
    ("Gerbera decoys", "Shahed-136/131"),
    ("S-300/S-400 missiles", "C-300/C-400"),
    ("Kh-59/69 missiles", "X-59/X-69"),
    ("KABs", "KAB"),
    ("guided aerial bombs", "KAB"),
    ("an Iskander-K", "Iskander-K"),
    ("an Iskander", "Iskander-M"),
])
def test_plural_and_spelling_forms(text, expected):
    assert [m.canonical for m in find_weapon_mentions(text)] == [expected]


@pytest.mark.parametrize("text", [
    "Tu-95MS bombers", "Tu-22M3 long-range bombers", "MiG-31K fighters", "Su-34 jets", "Su-35 aircraft",
    "ATACMS missiles", "Patriot systems", "F-16 fighter jets", "IRIS-T batteries", "NASAMS",
    "Storm Shadow missiles", "10 Vampire rockets", "cruise missiles and drones", "a kab of wine",
    "anti-Shahed interceptors", "Iskander-M1",
])
def test_aircraft_western_weapons_and_generic_words_are_not_russian_weapons(text):
    assert find_weapon_mentions(text) == []


def test_adjacent_designations_split_at_slash():
    found = find_weapon_mentions("Kh-59/Kh-35 missiles")
    assert [m.canonical for m in found] == ["X-59", "X-35"]


def test_canonical_weapon_unknown():
    assert canonical_weapon("Tu-95MS") is None
    assert canonical_weapon("missiles") is None


# --- weapons used in this attack -------------------------------------------------------

def test_used_weapons_in_order_once_each():
    text = ("Russia attacked overnight with 40 Shahed drones, six Kinzhal missiles and Kalibr "
            "cruise missiles. Air defence shot down 35 Shaheds and all the Kalibrs.")
    assert extract_weapons(text) == ["Shahed-136/131", "X-47 Kinzhal", "Kalibr"]


def test_combined_label_and_pairs():
    text = "The salvo included Kh-22 and Kh-32 missiles as well as S-300/S-400 missiles."
    assert extract_weapons(text) == ["X-22", "X-32", "C-300/C-400"]


def test_bullet_list_of_an_air_force_summary():
    text = ("In total, 45 means of air attack were used:\n"
            "– 30 Shahed-136/131 attack UAVs;\n"
            "– 10 Kh-101/Kh-555 air-launched cruise missiles (Tu-95MS, Caspian Sea);\n"
            "– 5 Kh-59/69 guided missiles (Su-34).\n")
    assert extract_weapons(text) == ["Shahed-136/131", "X-101/X-555", "X-59/X-69"]


@pytest.mark.parametrize("text", [
    "Last week Russia fired Kinzhal missiles at the same plant.",
    "Since the start of the year, Russia has launched more than 900 guided aerial bombs at the region.",
    "In May alone Russia used 300 Shaheds against the capital.",
    "The previous record, set in December, involved 40 Kalibr missiles.",
    "Two weeks ago a Kh-22 destroyed a shopping mall in the city.",
    "Russia's defence ministry said its forces had used Kinzhal missiles against military targets.",
    "The Russian Defence Ministry claimed 30 Ukrainian drones were shot down over the Kursk region.",
    "Over the past 24 hours the occupiers used 12 KABs against the district.",
    "Russia fired missiles and drones at the city overnight.",
])
def test_other_events_russian_claims_and_generic_words_give_no_weapon(text):
    assert extract_weapons(text) == []


def test_russian_claim_continues_into_the_next_sentence():
    text = ("Russia's defence ministry described the strike as retaliation. It said Iskander "
            "missiles had hit every target.")
    assert extract_weapons(text) == []


def test_clause_about_an_earlier_attack_does_not_hide_the_rest():
    text = ("Russia fired Kalibr missiles at Odesa overnight, a week after a Kh-22 strike "
            "on the port killed three.")
    assert extract_weapons(text) == ["Kalibr"]


def test_launchers_and_systems_are_not_weapons_used():
    text = "Ukraine says it destroyed two S-400 systems in Crimea. Overnight, Russia launched Shaheds."
    assert extract_weapons(text) == ["Shahed-136/131"]


def test_ukrainian_weapons_in_a_belarus_claim():
    text = "Belarus said its air defences had shot down a Ukrainian S-300 missile over its territory."
    assert extract_weapons(text) == []


def test_ukrainian_weapon_is_not_a_russian_one():
    text = "Debris of a Ukrainian S-300 interceptor fell on a field. Russia launched Kalibr missiles."
    assert extract_weapons(text) == ["Kalibr"]


# --- the data file ----------------------------------------------------------------------

def test_shipped_json_is_what_the_build_script_makes():
    """weapons.json must not drift from scripts/build_weapons.py and the reference CSV."""
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    csv_path = root.parent / "shared" / "data" / "missiles_and_uavs.csv"
    if not csv_path.exists():
        pytest.skip("reference CSV not available")
    spec = importlib.util.spec_from_file_location("build_weapons", root / "scripts" / "build_weapons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    raw = json.loads(resources.files("strikeledger.data").joinpath("weapons.json").read_text("utf-8"))
    assert module.build(csv_path) == raw["weapons"]


@pytest.mark.parametrize("text, want", [
    ("Противник атакував ударними БпЛА типу «Шахед» та ракетами Х-101.", ["Shahed-136/131", "X-101/X-555"]),
    ("Сили ППО збили 12 шахедів і три Калібри.", ["Shahed-136/131", "Kalibr"]),
    ("Враг запустил Кинжалы и Искандер-М по Киеву.", ["X-47 Kinzhal", "Iskander-M/KN-23"]),
])
def test_cyrillic_weapon_names_in_every_case_get_their_canonical_labels(text, want):
    assert extract_weapons(text) == want
