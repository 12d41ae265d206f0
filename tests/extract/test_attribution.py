"""Attribution: who said each figure and where it happened, on texts written for these tests."""
from __future__ import annotations

import pytest

from strikeledger.extract.pipeline import extract_record
from strikeledger.model import Report

CASES = [
    ("Regional governor Oleh Kiper said four people were killed in Odesa.",
     {("killed", 4): ("Oleh Kiper", "Odesa")}),
    ("Four people were killed in Odesa, according to regional governor Oleh Kiper.",
     {("killed", 4): ("Oleh Kiper", "Odesa")}),
    ("In Kharkiv, 12 people were injured, Mayor Ihor Terekhov said.",
     {("injured", 12): ("Ihor Terekhov", "Kharkiv")}),
    ("The Air Force said Russia launched 90 drones. Air defences destroyed 70 of them, it said.",
     {("drones_launched", 90): ("Ukrainian Air Force", None),
      ("drones_downed", 70): ("Ukrainian Air Force", None)}),
    ("Zelenskyy wrote on Telegram:\n\"Nearly 500 drones and over 40 missiles.\"",
     {("drones_launched", 500): ("Volodymyr Zelenskyy", None),
      ("missiles_launched", 40): ("Volodymyr Zelenskyy", None)}),
    ("08:15 — Dnipro: governor Serhii Lysak says a missile hit a school. Two people were injured.",
     {("injured", 2): ("Serhii Lysak", "Dnipro")}),
    ("Kyiv Mayor Vitali Klitschko, on Telegram:\n\nDebris fell in the Pecherskyi district. "
     "Three people were injured there.",
     {("injured", 3): ("Vitali Klitschko", "Kyiv")}),
    ("Russia fired 40 missiles at Ukraine. The National Police said the strikes killed at least "
     "nine people nationwide.",
     {("missiles_launched", 40): (None, None), ("killed", 9): ("National Police", None)}),
    ("Sumy. A drone hit an apartment block overnight.\n\nTwo residents were killed and five "
     "injured, rescuers said.",
     {("killed", 2): ("State Emergency Service", "Sumy"),
      ("injured", 5): ("State Emergency Service", "Sumy")}),
    ("In the Kyiv region, governor Mykola Kalashnyk said air defence shot down 20 drones.",
     {("drones_downed", 20): ("Mykola Kalashnyk", "Kyiv Oblast")}),
    ("OVERNIGHT TOTALS\n(source: Air Force, 08:00)\n\n  Kalibr ........ 6 / downed 5\n\n"
     "ODESA REGION\nTwo people were injured in Odesa.",
     {("missiles_launched", 6): ("Ukrainian Air Force", None),
      ("missiles_downed", 5): ("Ukrainian Air Force", None), ("injured", 2): (None, "Odesa")}),
    ("Mayor Ihor Terekhov:\n\nThe worst damage was in the Saltivskyi district.\n\n"
     "Nine people were injured.",
     {("injured", 9): ("Ihor Terekhov", "Kharkiv")}),
    ("In the neighbouring Lviv region, Governor Maksym Kozytskyi said three people were injured when "
     "debris fell on the outskirts of Lviv.",
     {("injured", 3): ("Maksym Kozytskyi", "Lviv")}),
    ("The Ministry of Foreign Affairs of Ukraine said at least five people were killed in Sumy.",
     {("killed", 5): ("Ministry of Foreign Affairs", "Sumy")}),
    # regression: "Gov." ended a sentence, so the governor's figure went to the minister before
    ("Prime Minister Denys Shmyhal said energy facilities in 12 regions were damaged. In the city "
     "of Lutsk, a drone hit a house and killed one man, Volyn Gov. Yurii Pohuliaiko said.",
     {("killed", 1): ("Yurii Pohuliaiko", "Lutsk")}),
]


@pytest.mark.parametrize("text,expect", CASES, ids=[c[0][:40] for c in CASES])
def test_speaker_and_place(text, expect):
    """Every figure of the text, with its speaker named as the record names it (in full, as
    the contract defines a speaker) and its place; a figure that is not expected fails."""
    rec = extract_record(Report(report_id="t", text=text))
    got = {(f.kind, f.value): (f.speaker, f.place) for f in rec.figures}
    assert len(got) == len(rec.figures), rec.figures
    assert got == expect


def test_a_bearing_is_no_place():
    rec = extract_record(Report(report_id="t", text=(
        "In the Brovary district east of Kyiv, a 48-year-old man was killed, police said.")))
    assert [(f.kind, f.place) for f in rec.figures] == [("killed", "Brovary Raion")]


def test_a_district_name_shared_by_cities_takes_the_reports_oblast():
    rec = extract_record(Report(report_id="t", text=(
        "Main Directorate of the National Police in Mykolaiv Oblast\n\nA missile hit a house in the "
        "Tsentralnyi district. Two people were injured.")))
    assert [(f.kind, f.place) for f in rec.figures] == [("injured", "Mykolaiv")]


def test_the_day_before_without_its_night_is_another_event():
    text = ("date 2022-10-11\nRussian missiles struck Lviv overnight into Tuesday, killing two people, "
            "officials said. On Monday Russia had fired 84 missiles at Ukraine, killing 19 people.")
    rec = extract_record(Report(report_id="t", text=text))
    assert sorted((f.kind, f.value) for f in rec.figures) == [("killed", 2)]


def test_the_night_before_is_the_attack():
    text = ("date 2022-10-11\nFrom 22:00 on Monday the enemy launched 30 drones at Kyiv; "
            "late on Monday 12 were shot down.")
    rec = extract_record(Report(report_id="t", text=text))
    assert sorted((f.kind, f.value) for f in rec.figures) == [("drones_downed", 12), ("drones_launched", 30)]


def test_a_repeated_figure_keeps_the_statement_that_names_the_weapon():
    text = "Russia fires 26 missiles overnight\n\nRussia fired 26 Kh-101 cruise missiles overnight."
    rec = extract_record(Report(report_id="t", text=text))
    assert [(f.kind, f.value, f.weapon) for f in rec.figures] == [("missiles_launched", 26, "X-101/X-555")]


def test_a_part_takes_the_weapon_of_its_whole():
    text = "Russia fired 597 attack drones and 26 Kh-101 cruise missiles. Air defences shot down 25 of the missiles."
    rec = extract_record(Report(report_id="t", text=text))
    assert [(f.kind, f.value, f.weapon) for f in rec.figures] == [
        ("drones_launched", 597, None), ("missiles_launched", 26, "X-101/X-555"),
        ("missiles_downed", 25, "X-101/X-555")]
