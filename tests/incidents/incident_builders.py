"""Builders for small invented reports and records (no evaluation text is used).

Shared by tests/incidents and tests/export; ``night`` is the fixture they use."""
from __future__ import annotations

import datetime as dt

from strikeledger.model import (Attack, Damage, Evidence, Figure, Place, Record, Report,
                                Source, Speaker, TextSpan)


def span(text: str, phrase: str) -> Evidence:
    i = text.index(phrase)
    return Evidence(start=i, end=i + len(phrase), text=phrase)


def sentence(text: str, phrase: str) -> TextSpan:
    """The sentence of ``text`` around ``phrase``, as extraction would give it: from
    after the previous '. ' to the next '.' (our invented texts have no abbreviations)."""
    i = text.index(phrase)
    start = text.rfind(". ", 0, i)
    start = 0 if start < 0 else start + 2
    end = text.find(".", i + len(phrase))
    return TextSpan(start=start, end=len(text) if end < 0 else end + 1)


def fig(text: str, phrase: str, kind: str, value, qualifier="exact", low=None, high=None,
        *, speaker=None, place=None, weapon=None, families=(), scope=None) -> Figure:
    if low is None and high is None and value is not None:
        low, high = {"exact": (value, value), "at_least": (value, None),
                     "more_than": (value + 1, None), "nearly": (None, value - 1),
                     "approx": (None, None), "at_most": (None, value),
                     "less_than": (None, value - 1)}[qualifier]
    return Figure(kind=kind, value=value, qualifier=qualifier, low=low, high=high,
                  weapon=weapon, place=place, speaker=speaker, evidence=span(text, phrase),
                  sentence=sentence(text, phrase), families=tuple(families), scope=scope)


def place(text: str, name: str, admin1: str, lat=None, lon=None, role="hit",
          phrase: str | None = None) -> Place:
    return Place(name=name, admin1=admin1, lat=lat, lon=lon, role=role,
                 evidence=span(text, phrase or name), sentence=sentence(text, phrase or name))


def damage(text: str, phrase: str, category: str, place_name=None) -> Damage:
    return Damage(category=category, text=phrase, place=place_name,
                  evidence=span(text, phrase), sentence=sentence(text, phrase))


def pair(rid: str, text: str, date: str | None, published: str | None = None, *,
         figures=(), places=(), damage_=(), speakers=(), weapons=(),
         precision="day", publisher=None) -> tuple[Report, Record]:
    pub = dt.date.fromisoformat(published or date) if (published or date) else None
    rec = Record(report_id=rid, source=Source(published=pub, publisher=publisher),
                 attack=Attack(date=dt.date.fromisoformat(date) if date else None,
                               date_precision=precision if date else None),
                 figures=list(figures), places=list(places), damage=list(damage_),
                 speakers=[Speaker(name=n, role=r) for n, r in speakers],
                 weapons=list(weapons))
    return Report(report_id=rid, text=text, published=pub, publisher=publisher), rec


AF_TEXT = ("Overnight the enemy attacked Ukraine with 48 missiles and 595 strike UAVs, "
           "the Ukrainian Air Force said. Air defence shot down 568 drones and 43 missiles. "
           "Hits were recorded in Kyiv and in Lviv region.")
PRES_TEXT = ("President Volodymyr Zelenskyy said Russia fired nearly 500 attack drones and "
             "some 40 missiles overnight. Four people were killed in Kyiv, he said.")
WIRE_TEXT = ("KYIV (Wire) - Russia launched some 500 drones at Ukraine overnight, officials "
             "said. A kindergarten and apartment buildings in Kyiv were damaged, and at "
             "least four people were killed in the capital.")


def night_pairs() -> list[tuple[Report, Record]]:
    """One invented overnight attack told by the Air Force, the president and a wire story."""
    af = pair("af", AF_TEXT, "2025-10-12", speakers=[("Ukrainian Air Force", None)], figures=[
        fig(AF_TEXT, "48 missiles", "missiles_launched", 48, speaker="Ukrainian Air Force"),
        fig(AF_TEXT, "595 strike UAVs", "drones_launched", 595, speaker="Ukrainian Air Force"),
        fig(AF_TEXT, "568 drones", "drones_downed", 568, speaker="Ukrainian Air Force"),
        fig(AF_TEXT, "43 missiles", "missiles_downed", 43, speaker="Ukrainian Air Force")],
        places=[place(AF_TEXT, "Kyiv", "Kyiv City", 50.45, 30.52),
                place(AF_TEXT, "Lviv Oblast", "Lviv Oblast", 49.8, 24.0, phrase="Lviv region")])
    pres = pair("pres", PRES_TEXT, "2025-10-12",
                speakers=[("Volodymyr Zelenskyy", "President of Ukraine")], figures=[
        fig(PRES_TEXT, "nearly 500 attack drones", "drones_launched", 500, "nearly",
            speaker="Volodymyr Zelenskyy"),
        fig(PRES_TEXT, "some 40 missiles", "missiles_launched", 40, "approx",
            speaker="Volodymyr Zelenskyy"),
        fig(PRES_TEXT, "Four people were killed", "killed", 4, place="Kyiv",
            speaker="Volodymyr Zelenskyy")],
        places=[place(PRES_TEXT, "Kyiv", "Kyiv City", 50.45, 30.52)])
    wire = pair("wire", WIRE_TEXT, "2025-10-12", publisher="Wire", figures=[
        fig(WIRE_TEXT, "some 500 drones", "drones_launched", 500, "approx"),
        fig(WIRE_TEXT, "at least four people were killed", "killed", 4, "at_least",
            place="Kyiv")],
        places=[place(WIRE_TEXT, "Kyiv", "Kyiv City", 50.45, 30.52)],
        damage_=[damage(WIRE_TEXT, "A kindergarten", "education", "Kyiv"),
                 damage(WIRE_TEXT, "apartment buildings", "residential", "Kyiv")])
    return [af, pres, wire]
