from incident_builders import WIRE_TEXT, damage, pair, place

from strikeledger.incidents import build_incidents


def test_places_and_damage_are_deduplicated_and_keep_every_evidence(night):
    t = "In Kyiv a kindergarten was damaged again, the mayor said."
    extra = pair("mayor", t, "2025-10-12", places=[place(t, "Kyiv", "Kyiv City", 50.45, 30.52)],
                 damage_=[damage(t, "a kindergarten", "education", "Kyiv")])
    inc, = build_incidents([*night, extra])
    kyiv = [p for p in inc.places if p.name == "Kyiv"]
    assert len(kyiv) == 1
    assert [e.report_id for e in kyiv[0].evidence] == ["af", "pres", "wire", "mayor"]
    kinder = [d for d in inc.damage if d.category == "education"]
    assert len(kinder) == 1
    assert [(e.report_id, e.text) for e in kinder[0].evidence] == [
        ("wire", "A kindergarten"), ("mayor", "a kindergarten")]
    assert {d.category for d in inc.damage} == {"education", "residential"}


def test_evidence_points_at_the_span_and_quotes_its_sentence(night):
    inc, = build_incidents(night)
    claim = next(c for c in inc.claims if c.evidence.text == "some 500 drones")
    ev = claim.evidence
    assert WIRE_TEXT[ev.start:ev.end] == "some 500 drones"
    assert ev.sentence == ("KYIV (Wire) - Russia launched some 500 drones at Ukraine "
                           "overnight, officials said.")


def test_a_place_mentioned_in_one_report_and_hit_in_another_is_hit():
    t1, t2 = "Officials in Lviv said sirens sounded.", "A drone hit Lviv overnight."
    a = pair("a", t1, "2025-01-01", places=[place(t1, "Lviv", "Lviv Oblast", role="mentioned")])
    b = pair("b", t2, "2025-01-01", places=[place(t2, "Lviv", "Lviv Oblast")])
    inc, = build_incidents([a, b])
    assert [(p.name, p.role, len(p.evidence)) for p in inc.places] == [("Lviv", "hit", 2)]
