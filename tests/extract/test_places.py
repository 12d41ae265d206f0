"""Place mentions and their roles, on sentences written for these tests."""
from __future__ import annotations

import pytest

from strikeledger.extract.places import PlaceMention, extract_places, find_place_mentions


def mentions(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start:m.end], m.name, m.admin1) for m in find_place_mentions(text)]


def roles(text: str) -> dict[str, str]:
    return {p.name: p.role for p in extract_places(text)}


def hit_admin1(text: str) -> set[str]:
    return {p.admin1 for p in extract_places(text) if p.role == "hit"}


# --- mentions: spans and readings ------------------------------------------------------

def test_offsets_are_exact_and_old_spellings_resolve():
    text = "Explosions shook Kiev and Kharkov before dawn."
    ms = find_place_mentions(text)
    assert ms == [
        PlaceMention(17, 21, "Kyiv", "Kyiv City", ms[0].lat, ms[0].lon, "city"),
        PlaceMention(26, 33, "Kharkiv", "Kharkiv Oblast", ms[1].lat, ms[1].lon, "city"),
    ]


@pytest.mark.parametrize("text, span, name", [
    ("Drones struck the Kyiv region overnight.", "Kyiv region", "Kyiv Oblast"),
    ("Drones struck Kyiv Oblast overnight.", "Kyiv Oblast", "Kyiv Oblast"),
    ("Drones struck Kyiv oblast overnight.", "Kyiv oblast", "Kyiv Oblast"),
    ("the Kyiv regional administration said", "Kyiv regional", "Kyiv Oblast"),
    ("Fires broke out in the Kharkov region.", "Kharkov region", "Kharkiv Oblast"),
    ("A plant in the Dnipropetrovsk region was hit.", "Dnipropetrovsk region", "Dnipropetrovsk Oblast"),
    ("Shelling hit the Zolochiv district.", "Zolochiv district", "Zolochiv Raion"),
    ("Debris fell in the Pecherskyi district.", "Pecherskyi district", "Pecherskyi District"),
    ("Blasts were heard in Odessa.", "Odessa", "Odesa"),
])
def test_region_and_district_forms(text, span, name):
    assert [(s, n) for s, n, _ in mentions(text)] == [(span, name)]


def test_coordinated_regions_are_each_an_oblast():
    text = "Energy sites were hit in the Lviv and Volyn regions and in the Rivne, Ternopil and Kharkiv regions."
    got = [(s, n) for s, n, _ in mentions(text)]
    assert got == [("Lviv", "Lviv Oblast"), ("Volyn regions", "Volyn Oblast"),
                   ("Rivne", "Rivne Oblast"), ("Ternopil", "Ternopil Oblast"),
                   ("Kharkiv regions", "Kharkiv Oblast")]


def test_region_village_of():
    text = "A house burned in the Kyiv region village of Kopyliv."
    assert [(s, a) for s, _, a in mentions(text)] == [("Kyiv region", "Kyiv Oblast"),
                                                      ("Kopyliv", "Kyiv Oblast")]


@pytest.mark.parametrize("text", [
    "Water levels in the Dnipro river fell after the dam was breached.",
    "Fighting continued along the Dnipro River.",
    "The DniproHES dam lost two turbines.",
    "Shelling cut the Zaporizhzhia nuclear power plant from the grid again.",
    "The Zaporizhzhia plant ran on diesel generators.",
    "A Kyiv-based analyst said the grid is under strain.",
    "Kyivstar users lost mobile service for hours.",
    "A building on Stepana Bandery Street was damaged.",
    "Debris hit a car on Naberezhna Peremohy Street.",
])
def test_names_inside_other_names_are_not_mentions(text):
    assert mentions(text) == []


def test_a_building_named_after_its_city_still_names_the_city():
    assert [n for _, n, _ in mentions("A missile hit Lviv Polytechnic.")] == ["Lviv"]


@pytest.mark.parametrize("text", [
    "Russia's Kursk and Belgorod regions came under drone attack.",
    "Drones were launched from Primorsko-Akhtarsk.",
    "Bombers flew over the Caspian Sea and the Black Sea.",
    "Fragments fell in Poland and Moldova, officials in Warsaw said.",
    "Explosions were reported in Taganrog and Moscow.",
    "Russia's Rostov and Bryansk regions were also targeted.",
])
def test_places_outside_ukraine_are_not_returned(text):
    assert mentions(text) == []


def test_datelines_in_capitals_are_mentions():
    text = "KYIV, March 3 (Reuters) - Russian missiles hit Lviv overnight."
    assert roles(text) == {"Kyiv": "mentioned", "Lviv": "hit"}


def test_the_capital_is_kyiv_with_an_alias_flag():
    text = "Ukraine said drones targeted the capital overnight."
    (m,) = find_place_mentions(text)
    assert (text[m.start:m.end], m.name, m.alias) == ("capital", "Kyiv", True)
    assert roles(text) == {"Kyiv": "hit"}


def test_the_russian_capital_is_not_kyiv():
    assert mentions("Ukraine says drones flew toward the Russian capital.") == []


def test_ambiguous_district_follows_the_city_named_nearby():
    text = "In Kharkiv, a drone hit a house in the Shevchenkivskyi district."
    assert mentions(text) == [("Kharkiv", "Kharkiv", "Kharkiv Oblast"),
                              ("Shevchenkivskyi district", "Shevchenkivskyi District", "Kharkiv Oblast")]
    text = "In Kyiv, debris fell in the Shevchenkivskyi district."
    assert mentions(text) == [("Kyiv", "Kyiv", "Kyiv City"),
                              ("Shevchenkivskyi district", "Shevchenkivskyi District", "Kyiv City")]


def test_given_name_before_a_village_name_is_a_person():
    assert [n for _, n, _ in mentions("Governor Serhii Lysak said Dnipro was hit.")] == ["Dnipro"]


# --- roles: sentence cases -----------------------------------------------------------

ROLE_CASES = [
    # hit
    ("A missile struck an apartment block in Dnipro.", {"Dnipro": "hit"}),
    ("Two people were killed in Kharkiv, the mayor said.", {"Kharkiv": "hit"}),
    ("In Odesa, debris from a downed drone fell on a warehouse.", {"Odesa": "hit"}),
    ("Three people were injured when a drone crashed into a house in Sumy.", {"Sumy": "hit"}),
    ("Energy facilities in the Lviv region were attacked.", {"Lviv Oblast": "hit"}),
    ("Explosions rang out in Zaporizhzhia shortly after 4 a.m.", {"Zaporizhzhia": "hit"}),
    ("Shelling damaged a school in Kherson.", {"Kherson": "hit"}),
    ("Mykolaiv came under attack for the third night running.", {"Mykolaiv": "hit"}),
    ("Fires broke out at a fuel depot in the Rivne region.", {"Rivne Oblast": "hit"}),
    ("Power outages were reported in Vinnytsia after the strikes.", {"Vinnytsia": "mentioned"}),
    ("Drones struck a city south of Kyiv, damaging a warehouse in Fastiv.", {"Kyiv": "mentioned", "Fastiv": "hit"}),
    ("Our correspondent in Kyiv said the blast in Lviv killed two.", {"Kyiv": "mentioned", "Lviv": "hit"}),
    ("Kyiv says the strike on Odesa killed three.", {"Kyiv": "mentioned", "Odesa": "hit"}),
    ("The main target was the city of Poltava.", {"Poltava": "hit"}),
    ("Kremenchuk. A direct hit on a refinery.", {"Kremenchuk": "hit"}),
    ("Pechersk district: falling wreckage damaged a roof.", {"Pecherskyi District": "hit"}),
    ("Russia pounded Chernihiv with guided bombs, wounding nine.", {"Chernihiv": "hit"}),
    ("Ballistic missiles fired at the Sumy region were not intercepted.", {"Sumy Oblast": "hit"}),
    ("Casualties were reported in the Kirovograd region.", {"Kirovohrad Oblast": "hit"}),
    ("A strike on a substation in Sevastopol left the city dark.", {"Sevastopol": "hit"}),
    ("Rescuers pulled four bodies from the rubble in Uman.", {"Uman": "hit"}),
    ("Krivoy Rog was hit again, with one person killed.", {"Kryvyi Rih": "hit"}),
    ("The Kharkov region lost power after strikes on substations.", {"Kharkiv Oblast": "hit"}),
    ("Ternopil's mayor said two blasts damaged an industrial site.", {"Ternopil": "hit"}),
    ("Missiles also hit Zhytomyr, Khmelnytskyi and Lutsk.",
     {"Zhytomyr": "hit", "Khmelnytskyi": "hit", "Lutsk": "hit"}),
    # mentioned
    ("Drones were launched from the Kursk region and from Cape Chauda in Crimea.",
     {"Cape Chauda": "mentioned", "Crimea": "mentioned"}),
    ("Air defence shot down 14 drones over the Kyiv region.", {"Kyiv Oblast": "mentioned"}),
    ("Twelve missiles were destroyed on the approaches to Kyiv.", {"Kyiv": "mentioned"}),
    ("Air defence destroyed 30 missiles, 12 of them in the airspace around Kyiv.", {"Kyiv": "mentioned"}),
    ("Zelenskyy, speaking in Kiev, said the attack involved 90 missiles.", {"Kyiv": "mentioned"}),
    ("Yesterday a strike killed five people in Poltava.", {"Poltava": "mentioned"}),
    ("In March, a missile killed seven people in Kharkiv.", {"Kharkiv": "mentioned"}),
    ("Only last week Russia killed 20 people in Chernihiv.", {"Chernihiv": "mentioned"}),
    ("Two days earlier, drones hit a port in Izmail.", {"Izmail": "mentioned"}),
    ("Kherson reports no missile hits today.", {"Kherson": "mentioned"}),
    ("Russia's Defence Ministry claimed it had hit military targets in Kharkiv.", {"Kharkiv": "mentioned"}),
    ("The plant supplies power for the Poltava and Sumy regions.",
     {"Poltava Oblast": "mentioned", "Sumy Oblast": "mentioned"}),
    ("Air raid alerts sounded in Dnipro and Zaporizhzhia.",
     {"Dnipro": "mentioned", "Zaporizhzhia": "mentioned"}),
    ("The drones flew towards Bila Tserkva before turning south.", {"Bila Tserkva": "mentioned"}),
    ("The governor of the Odesa region will brief reporters at noon.", {"Odesa Oblast": "mentioned"}),
    ("It was the 20th attack on Kyiv since the beginning of the year.", {"Kyiv": "mentioned"}),
    # mixed
    ("Kharkiv was hit, a day after a strike on Sumy killed three.",
     {"Kharkiv": "hit", "Sumy": "mentioned"}),
    ("Drones launched from Crimea struck a port in Odesa.", {"Crimea": "mentioned", "Odesa": "hit"}),
    ("Air defence downed 10 drones over the Mykolaiv region, but debris damaged homes in Mykolaiv.",
     {"Mykolaiv Oblast": "mentioned", "Mykolaiv": "hit"}),
    ("The dam, built in 1932, took two direct hits in Zaporizhzhia.", {"Zaporizhzhia": "hit"}),
]


@pytest.mark.parametrize("text, expected", ROLE_CASES, ids=[c[0][:50] for c in ROLE_CASES])
def test_roles(text, expected):
    assert roles(text) == expected


def test_a_place_hit_anywhere_is_hit_and_evidence_is_its_hit_mention():
    text = "Air defence worked over Lviv. Later, a missile struck a warehouse in Lviv."
    (p,) = extract_places(text)
    assert p.role == "hit"
    assert (p.evidence.start, p.evidence.text) == (text.rindex("Lviv"), "Lviv")


def test_hit_admin1_over_a_short_report():
    text = ("Overnight, Russia attacked Ukraine with 60 drones launched from Primorsko-Akhtarsk. "
            "Air defence shot down 50 of them over the Poltava and Sumy regions. "
            "In the Kyiv region, debris damaged three houses in Bucha. "
            "In Odessa, a port terminal caught fire. Earlier this week, a strike killed two in Kherson.")
    assert hit_admin1(text) == {"Kyiv Oblast", "Odesa Oblast"}


def test_evidence_text_equals_the_slice_everywhere():
    text = "KYIV, Jan 8 — Russian strikes hit Kyiv, Kharkiv and the Dnipropetrovsk region; the capital lost power."
    for p in extract_places(text):
        assert p.evidence.text == text[p.evidence.start:p.evidence.end]


def test_surname_equal_to_a_village_name_is_not_a_place():
    """Regression: "Mayor Hennadiy Trukhanov" was read as the village of Trukhaniv."""
    assert mentions("Mayor Hennadiy Trukhanov declared two days of mourning in Odesa.") == [
        ("Odesa", "Odesa", "Odesa Oblast")]


def test_a_village_at_the_start_of_a_sentence_is_still_a_place():
    assert [n for _, n, _ in mentions("Kopyliv was hit. Near Bucha, debris fell.")] == ["Kopyliv", "Bucha"]


# --- Ukrainian and Russian (issue 14): our own sentences ---------------------------------

@pytest.mark.parametrize("text, want", [
    ("Уночі ворог атакував Харків. Внаслідок удару по Харкову поранено двох людей.",
     [("Kharkiv", "hit")]),
    ("Ночью враг атаковал Одессу. Силы ПВО сбили 20 дронов над Николаевом.",
     [("Odesa", "hit"), ("Mykolaiv", "mentioned")]),
    ("У Київській області пошкоджено будинок.", [("Kyiv Oblast", "hit")]),
    ("На Київщині пошкоджено склад.", [("Kyiv Oblast", "hit")]),
    ("У Львівській, Волинській та Рівненській областях пошкоджено енергетичні об'єкти.",
     [("Lviv Oblast", "hit"), ("Volyn Oblast", "hit"), ("Rivne Oblast", "hit")]),
    ("В Днепре и Запорожье повреждены дома.", [("Dnipro", "hit"), ("Zaporizhzhia", "hit")]),
    ("Володимир Зеленський провів нараду.", []),
])
def test_cyrillic_names_in_every_case_get_their_english_names(text, want):
    got = [(p.name, p.role) for p in extract_places(text)]
    assert got == want
