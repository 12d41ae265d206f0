"""Incidents across languages (issue 14): a Ukrainian Air Force summary and an English wire
story of the same night are one incident, their figures compared. Reports written for
this test; extraction runs for real."""
import datetime as dt

from strikeledger.extract.pipeline import extract_record
from strikeledger.incidents import build_incidents
from strikeledger.model import Report

UK_AIR_FORCE = """Повітряні сили ЗС України
У ніч на 14 березня (з 18:00 13 березня) противник атакував 212 ударними БпЛА типу «Шахед» та 6 крилатими ракетами Х-101.
Станом на 09:00 протиповітряною обороною збито/подавлено 187 БпЛА та 5 ракет.
Зафіксовано влучання 9 ударних БпЛА на 4 локаціях. Пошкоджено об'єкти енергетики на Житомирщині."""

EN_WIRE = """KYIV, March 14 (Harbor Wire) - Russia attacked Ukraine overnight with about 200 drones
and several cruise missiles, damaging power facilities in the Zhytomyr region, officials said.
Ukraine's air force said 187 drones and 5 missiles were shot down."""

RU_NEWS = """В ночь на 14 марта Житомирская область снова оказалась под ударом: повреждены объекты
энергетики. По данным Воздушных сил, россияне выпустили 212 беспилотников и 6 ракет."""


def _pair(rid, text):
    report = Report(report_id=rid, text=text, published=dt.date(2026, 3, 14))
    return report, extract_record(report)


def test_one_night_in_three_languages_is_one_incident_with_figures_compared():
    pairs = [_pair("af-uk", UK_AIR_FORCE), _pair("wire-en", EN_WIRE), _pair("news-ru", RU_NEWS)]
    assert [rec.language for _, rec in pairs] == ["uk", "en", "ru"]
    [incident] = build_incidents(pairs)
    assert incident.date == dt.date(2026, 3, 14)
    assert sorted(incident.report_ids) == ["af-uk", "news-ru", "wire-en"]
    # the Air Force's own count is the best value; the wire's "about 200" is compared with it
    assert incident.estimates["drones_launched"].label().startswith("212")
    assert incident.estimates["drones_downed"].label() == "187"
    claims = [c for c in incident.claims if c.kind == "drones_launched"]
    assert {c.report_id for c in claims} == {"af-uk", "wire-en", "news-ru"}
    # evidence stays in the language it was written in
    uk_claim = next(c for c in claims if c.report_id == "af-uk")
    assert "ударними БпЛА" in uk_claim.evidence.text
    assert "Zhytomyr Oblast" in incident.oblasts_hit
