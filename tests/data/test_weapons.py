"""The weapon list as code outside extraction reads it: names, families, categories.

Expectations are written by hand from the weapons themselves (what a Kh-101 is), not
generated from weapons.json: a wrong mapping in the data fails here.
"""
from __future__ import annotations

import pytest

from strikeledger.data.weapons import category_of, family_of, find, weapons

CASES = [  # name as a report or record writes it, canonical, family, category
    ("Kh-101", "X-101/X-555", "kh-101", "missile"),
    ("kh101", "X-101/X-555", "kh-101", "missile"),
    ("X-101/X-555", "X-101/X-555", "kh-101", "missile"),
    ("Kinzhals", "X-47 Kinzhal", "kinzhal", "missile"),
    ("Kalibr", "Kalibr", "kalibr", "missile"),
    ("Iskander-M", "Iskander-M", "iskander-m", "missile"),
    ("KN-23", "KN-23", "iskander-m", "missile"),
    ("Shahed", "Shahed-136/131", "shahed", "drone"),
    ("Shaheds", "Shahed-136/131", "shahed", "drone"),
    ("Geran-2", "Shahed-136/131", "shahed", "drone"),
]


@pytest.mark.parametrize("name,canonical,family,category", CASES)
def test_known_names(name, canonical, family, category):
    assert find(name).canonical == canonical
    assert family_of(name) == family
    assert category_of(name) == category


@pytest.mark.parametrize("name", ["Patriot", "Tu-95", "ATACMS", "Blorp"])
def test_aircraft_and_ukrainian_weapons_are_no_weapon_of_the_list(name):
    assert find(name) is None and category_of(name) is None
    assert family_of(name) == name.casefold()


def test_plural_is_tried_off_only_when_asked():
    assert find("Kinzhals", plural=False) is None


def test_every_canonical_name_finds_itself():
    for name, w in weapons().items():
        assert find(name) is w
