"""Damaged objects: category and the exact noun phrase that names each one."""
from __future__ import annotations

import pytest

from strikeledger.extract.damage import damage_category, extract_damage

# (report text, [(category, evidence text), ...] in order of appearance)
CASES = [
    # governor / mayor posts
    ("Debris hit a 12-storey residential building in the Shevchenkivskyi district.",
     [("residential", "a 12-storey residential building")]),
    ("In the village, three private houses and a shop were damaged.",
     [("residential", "three private houses"), ("commercial", "a shop")]),
    ("A drone struck a ten-storey building; fire broke out on the upper floors.",
     [("residential", "a ten-storey building")]),
    ("Some 40 homes were damaged by the blast wave.", [("residential", "Some 40 homes")]),
    ("The shelling damaged dozens of private homes and a kindergarten.",
     [("residential", "dozens of private homes"), ("education", "a kindergarten")]),
    ("At least 15 apartment blocks lost their windows after the strike.",
     [("residential", "At least 15 apartment blocks")]),
    ("Wreckage fell on the grounds of a lyceum; windows were shattered.",
     [("education", "a lyceum")]),
    ("Falling debris damaged the roof of a dormitory.", [("residential", "a dormitory")]),
    ("A missile hit the city's children's hospital, destroying its surgical wing.",
     [("medical", "the city's children's hospital")]),
    ("An ambulance station and a polyclinic were damaged in the Kholodnohirskyi district.",
     [("medical", "An ambulance station"), ("medical", "a polyclinic")]),
    ("Missiles hit the main building of the National University of Food Technologies.",
     [("education", "the main building of the National University of Food Technologies")]),
    ("Two schools and a college were damaged.", [("education", "Two schools"), ("education", "a college")]),
    # energy and utilities
    ("Russian missiles struck a thermal power plant and two substations in the region.",
     [("energy", "a thermal power plant"), ("energy", "two substations")]),
    ("Hits on energy infrastructure were recorded in four regions.", [("energy", "energy infrastructure")]),
    ("The strike knocked out a high-voltage line.", [("energy", "a high-voltage line")]),
    ("Ukrenergo said its transmission facilities in the west had been hit.",
     [("energy", "its transmission facilities")]),
    ("The operator said the 1,000-megawatt plant was badly damaged.",
     [("energy", "the 1,000-megawatt plant")]),
    ("A boiler house and a water pipeline were damaged, officials said.",
     [("utility", "A boiler house"), ("utility", "a water pipeline")]),
    ("Debris ruptured a gas main in the Osnovianskyi district.", [("utility", "a gas main")]),
    ("Drones struck a sewage treatment plant on the outskirts.",
     [("utility", "a sewage treatment plant")]),
    # industry, commerce, agriculture
    ("A drone hit a machine-building plant and set a warehouse on fire.",
     [("industrial", "a machine-building plant"), ("commercial", "a warehouse")]),
    ("Strikes damaged an industrial facility and several garages.",
     [("industrial", "an industrial facility"), ("other", "several garages")]),
    ("A fire broke out at a furniture factory after the attack.", [("industrial", "a furniture factory")]),
    ("A missile hit a supermarket and a petrol station in the city centre.",
     [("commercial", "a supermarket"), ("commercial", "a petrol station")]),
    ("The blast damaged a car dealership, a cafe and several office buildings.",
     [("commercial", "a car dealership"), ("commercial", "a cafe"), ("commercial", "several office buildings")]),
    ("Drones hit a Nova Poshta terminal and a hotel.",
     [("commercial", "a Nova Poshta terminal"), ("commercial", "a hotel")]),
    ("Missiles struck a grain elevator and destroyed 3,000 tonnes of grain.",
     [("agricultural", "a grain elevator"), ("agricultural", "3,000 tonnes of grain")]),
    ("A hangar with agricultural machinery burned down on a farm.",
     [("agricultural", "A hangar with agricultural machinery"), ("agricultural", "a farm")]),
    # transport, culture, administration
    ("Debris damaged the railway tracks and a passenger train.",
     [("transport", "the railway tracks"), ("transport", "a passenger train")]),
    ("A bridge over the river was hit.", [("transport", "A bridge")]),
    ("The strike damaged port infrastructure and a bus station.",
     [("transport", "port infrastructure"), ("transport", "a bus station")]),
    ("A missile hit the 18th-century St Nicholas Church and a museum nearby.",
     [("cultural_religious", "the 18th-century St Nicholas Church"), ("cultural_religious", "a museum")]),
    ("The blast wave damaged the drama theatre and a library.",
     [("cultural_religious", "the drama theatre"), ("cultural_religious", "a library")]),
    ("The regional administration building was struck by a ballistic missile.",
     [("administrative", "The regional administration building")]),
    ("A police station and the city hall were damaged.",
     [("administrative", "A police station"), ("administrative", "the city hall")]),
    # wire-story phrasing, lists and coordination
    ("Russia targeted power generation and distribution facilities across the country.",
     [("energy", "power generation and distribution facilities")]),
    ("In Kharkiv, missiles struck an industrial enterprise, a school and residential buildings, "
     "the mayor said.",
     [("industrial", "an industrial enterprise"), ("education", "a school"),
      ("residential", "residential buildings")]),
    ("An energy facility and heating networks were damaged, as well as a clinic and a kindergarten.",
     [("energy", "An energy facility"), ("utility", "heating networks"), ("medical", "a clinic"),
      ("education", "a kindergarten")]),
    ("The drone slammed into a high-rise in the Obolonskyi district.", [("residential", "a high-rise")]),
    ("A direct hit destroyed two five-storey apartment buildings.",
     [("residential", "two five-storey apartment buildings")]),
    # not damage: other events, consequences, people, locations, Russian claims
    ("About 200 high-rise buildings were left without heating.", []),
    ("The wounded were taken to a hospital in the regional centre.", []),
    ("Residents were evacuated from a nearby school.", []),
    ("Last week a missile destroyed a shopping mall in the same district.", []),
    ("In March, a Russian strike hit a power plant in the region.", []),
    ("Russia's defence ministry said it had hit energy facilities and defence plants.", []),
    ("The hospital director said doctors worked through the night.", []),
    ("The Zaporizhzhia nuclear power plant lost its connection to the grid.", []),
    ("City council secretary Ivan Petrenko said the alert lasted four hours.", []),
    ("The block was home to about 300 people.", []),
    ("A direct hit on a three-storey residential building, house No. 12.",
     [("residential", "a three-storey residential building")]),
    ("Cars were burning in the parking lot outside the damaged shopping centre.",
     [("commercial", "shopping centre")]),  # a participle is no part of the name (dev convention)
    ("A crater gapes beside a playground in the park.", []),
    ("A drone hit an office block near the central railway station.", [("commercial", "an office block")]),
    ("Russia fired 40 missiles at Ukraine overnight.", []),
    ("The strike hit a residential neighbourhood, where a school and a kindergarten are located.", []),
    ("A drone hit an administrative building of a local enterprise.",
     [("administrative", "an administrative building of a local enterprise")]),
    ("Russia attacked the country's energy system, plunging thousands of homes into darkness.", []),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_damage_cases(text, expected):
    got = extract_damage(text)
    assert [(d.category, d.text) for d in got] == expected
    for d in got:
        assert text[d.evidence.start:d.evidence.end] == d.evidence.text == d.text



def test_at_least_forty_cases():
    assert len(CASES) >= 40


def test_place_is_the_last_place_named_before_on_its_line():
    text = "In Lviv, a school was hit. In Odesa, a hotel was damaged.\nA warehouse burned down."
    got = extract_damage(text)
    assert [(d.category, d.place) for d in got] == [("education", "Lviv"), ("commercial", "Odesa"),
                                                    ("commercial", None)]


def test_one_entry_per_distinct_phrase():
    text = "A school was damaged in the morning. Later officials confirmed that a school was damaged."
    assert [d.text for d in extract_damage(text)] == ["A school"]


def test_anaphoric_definite_description_is_not_a_new_object():
    text = ("Missiles hit the Holy Trinity Cathedral overnight. The cathedral's dome collapsed. "
            "A hydroelectric plant was also hit; the plant lost power.")
    assert [d.text for d in extract_damage(text)] == ["the Holy Trinity Cathedral", "A hydroelectric plant"]


def test_clause_about_earlier_attack_is_skipped_but_not_the_rest():
    text = ("The drone hit a residential building, a week after a strike on a shopping mall "
            "in the same district killed seven.")
    assert [(d.category, d.text) for d in extract_damage(text)] == [("residential", "a residential building")]


def test_russian_claim_continuation_is_skipped():
    text = ("Russia's defence ministry said the strikes were precise. It said military-industrial "
            "enterprises were hit.")
    assert extract_damage(text) == []


@pytest.mark.parametrize("phrase,category", [
    ("a nine-storey building", "residential"),
    ("a tire manufacturing plant", "industrial"),
    ("the 600-megawatt plant", "energy"),
    ("a bread-production facility", "industrial"),
    ("a warehouse", "commercial"),
    ("a warehouse with grain", "agricultural"),
    ("the building of the district council", "administrative"),
    ("a railway depot", "transport"),
    ("an oil depot", "energy"),
    ("a water pumping station", "utility"),
    ("a building", None),
    ("civilian infrastructure", None),
])
def test_damage_category_of_a_phrase(phrase, category):
    assert damage_category(phrase) == category


def test_items_under_a_damaged_heading_are_damaged():
    text = ("The night was hard.\n\nDamaged:\n– a four-storey residential building\n– 12 private houses\n"
            "– a gas pipeline\n\nGas workers are on site.\n– a school stands nearby")
    assert [(d.category, d.text) for d in extract_damage(text)] == [
        ("residential", "a four-storey residential building"), ("residential", "12 private houses"),
        ("utility", "a gas pipeline")]


def test_a_source_or_a_speaker_is_no_damaged_object():
    text = ("A warehouse was destroyed, according to the regional administration. "
            "The city council reports damage to a school.")
    assert sorted(d.category for d in extract_damage(text)) == ["commercial", "education"]


def test_damage_abroad_is_not_the_attacks():
    text = ("Russia struck Kyiv overnight, damaging a school. Ukrainian drones hit the Moscow oil "
            "refinery, and debris damaged a barn in Poland.")
    assert [(d.category, d.text) for d in extract_damage(text)] == [("education", "a school")]
