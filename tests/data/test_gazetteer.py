"""The packaged gazetteer: every first-level unit, old spellings, Crimea, raions, districts."""
from __future__ import annotations

import json

import pytest

from strikeledger.errors import VocabularyError
from strikeledger.data.gazetteer import build_gazetteer, load_gazetteer, lookup

OBLASTS = [
    "Cherkasy", "Chernihiv", "Chernivtsi", "Dnipropetrovsk", "Donetsk", "Ivano-Frankivsk",
    "Kharkiv", "Kherson", "Khmelnytskyi", "Kirovohrad", "Kyiv", "Luhansk", "Lviv", "Mykolaiv",
    "Odesa", "Poltava", "Rivne", "Sumy", "Ternopil", "Vinnytsia", "Volyn", "Zakarpattia",
    "Zaporizhzhia", "Zhytomyr",
]


def test_admin1_lists_the_27_units_in_contract_english():
    units = load_gazetteer().admin1
    assert len(units) == 27
    assert {f"{o} Oblast" for o in OBLASTS} | {
        "Kyiv City", "Sevastopol City", "Autonomous Republic of Crimea"} == units


@pytest.mark.parametrize("stem", OBLASTS)
def test_every_oblast_resolves_from_region_and_oblast_forms(stem):
    for form in (f"{stem} region", f"{stem} Oblast", f"{stem} oblast"):
        e = lookup(form)
        assert e is not None and e.name == f"{stem} Oblast" and e.level == "oblast", form
        assert e.admin1 == f"{stem} Oblast"


@pytest.mark.parametrize("name, canonical, admin1", [
    ("Kiev", "Kyiv", "Kyiv City"),
    ("Kyiv", "Kyiv", "Kyiv City"),
    ("Kharkov", "Kharkiv", "Kharkiv Oblast"),
    ("Odessa", "Odesa", "Odesa Oblast"),
    ("Dnepr", "Dnipro", "Dnipropetrovsk Oblast"),
    ("Nikolaev", "Mykolaiv", "Mykolaiv Oblast"),
    ("Nikolayev", "Mykolaiv", "Mykolaiv Oblast"),
    ("Krivoy Rog", "Kryvyi Rih", "Dnipropetrovsk Oblast"),
    ("Zaporozhye", "Zaporizhzhia", "Zaporizhzhia Oblast"),
    ("Lvov", "Lviv", "Lviv Oblast"),
    ("Rovno", "Rivne", "Rivne Oblast"),
    ("Chernigov", "Chernihiv", "Chernihiv Oblast"),
    ("Ivano-Frankovsk", "Ivano-Frankivsk", "Ivano-Frankivsk Oblast"),
    ("Kropyvnytskyi", "Kropyvnytskyi", "Kirovohrad Oblast"),
    ("Vinnitsa", "Vinnytsia", "Vinnytsia Oblast"),
    ("Zhitomir", "Zhytomyr", "Zhytomyr Oblast"),
    ("Artemivsk", "Bakhmut", "Donetsk Oblast"),
    ("Illichivsk", "Chornomorsk", "Odesa Oblast"),
    ("Bila Tserkva", "Bila Tserkva", "Kyiv Oblast"),
    ("Yevpatoria", "Yevpatoriia", "Autonomous Republic of Crimea"),
])
def test_old_and_variant_spellings_resolve_to_the_modern_name(name, canonical, admin1):
    e = lookup(name)
    assert (e.name, e.admin1) == (canonical, admin1)


def test_kirovograd_alone_is_the_oblast():
    assert lookup("Kirovograd").name == "Kirovohrad Oblast"
    assert lookup("Kirovograd region").name == "Kirovohrad Oblast"


def test_crimea_and_sevastopol():
    crimea = lookup("Crimea")
    assert (crimea.name, crimea.admin1) == ("Crimea", "Autonomous Republic of Crimea")
    assert lookup("Simferopol").admin1 == "Autonomous Republic of Crimea"
    assert lookup("Cape Chauda").admin1 == "Autonomous Republic of Crimea"
    seva = lookup("Sevastopol")
    assert (seva.name, seva.admin1, seva.level) == ("Sevastopol", "Sevastopol City", "city")


@pytest.mark.parametrize("form, name, admin1", [
    ("Holosiivskyi district", "Holosiivskyi District", "Kyiv City"),
    ("Pecherskyi district", "Pecherskyi District", "Kyiv City"),
    ("Obolonskyi", "Obolonskyi District", "Kyiv City"),
    ("Sykhiv district", "Sykhiv District", "Lviv Oblast"),
    ("Kholodnohirskyi district", "Kholodnohirskyi District", "Kharkiv Oblast"),
    ("Prymorskyi district", "Prymorskyi District", "Odesa Oblast"),
    ("Khortytskyi district", "Khortytskyi District", "Zaporizhzhia Oblast"),
])
def test_city_districts(form, name, admin1):
    e = lookup(form)
    assert (e.name, e.admin1, e.level) == (name, admin1, "district")


@pytest.mark.parametrize("form, name, admin1", [
    ("Zolochiv district", "Zolochiv Raion", "Lviv Oblast"),
    ("Zolochiv Raion", "Zolochiv Raion", "Lviv Oblast"),
    ("Synelnykove district", "Synelnykove Raion", "Dnipropetrovsk Oblast"),
    ("Zaporizhzhia district", "Zaporizhzhia Raion", "Zaporizhzhia Oblast"),
    ("Bucha raion", "Bucha Raion", "Kyiv Oblast"),
    ("Chervonohrad district", "Sheptytskyi Raion", "Lviv Oblast"),
    ("Kerch district", "Kerch Raion", "Autonomous Republic of Crimea"),
])
def test_raions(form, name, admin1):
    e = lookup(form)
    assert (e.name, e.admin1, e.level) == (name, admin1, "raion")


def test_there_are_136_raions():
    assert sum(e.level == "raion" for e in load_gazetteer().entries) == 136


def test_places_outside_ukraine_and_unknown_names_are_not_found():
    for name in ("Moscow", "Kursk", "Belgorod region", "Warsaw", "Taganrog", "Blorptown"):
        assert lookup(name) is None, name


def test_every_bad_entry_is_reported_at_once():
    raw = json.loads(json.dumps({
        "admin1": sorted(load_gazetteer().admin1),
        "entries": [
            {"name": "A", "admin1": "Nowhere", "lat": 50.0, "lon": 30.0, "level": "city"},
            {"name": "B", "admin1": "Kyiv City", "lat": 10.0, "lon": 30.0, "level": "city"},
            {"name": "C", "admin1": "Kyiv City", "lat": 50.0, "lon": 30.0, "level": "hamlet"},
        ],
    }))
    with pytest.raises(VocabularyError) as err:
        build_gazetteer(raw, "test.json")
    msg = str(err.value)
    assert msg.startswith("test.json: 3 bad entries:\n")
    assert "entries.0.admin1: 'Nowhere' of 'A' is not a first-level unit" in msg
    assert "entries.1.lat: Input should be greater than or equal to 44 (got 10.0)" in msg
    assert "entries.2.level: " in msg and "(got 'hamlet')" in msg
