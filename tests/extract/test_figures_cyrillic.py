"""Figures of Ukrainian and Russian reports (issue 14), read by the shared figure reader
with each language's word lists; sentences of our own."""
from __future__ import annotations

import pytest

from strikeledger.extract.pipeline import extract_record
from strikeledger.model import Report


def _figures(text: str) -> list[tuple[str, int | None, str]]:
    record = extract_record(Report(report_id="t", text=text))
    return [(f.kind, f.value, f.qualifier) for f in record.figures]


@pytest.mark.parametrize("text, want", [
    ("У ніч на 28 вересня противник атакував 595 ударними БпЛА та 48 ракетами. "
     "Збито/подавлено 568 БпЛА та 43 ракети.",
     [("drones_launched", 595, "exact"), ("missiles_launched", 48, "exact"),
      ("drones_downed", 568, "exact"), ("missiles_downed", 43, "exact")]),
    ("У Києві загинули 4 людини, поранено 10 людей.",
     [("killed", 4, "exact"), ("injured", 10, "exact")]),
    ("В ночь на 28 сентября враг атаковал 595 ударными БпЛА. Сбито/подавлено 568 БпЛА.",
     [("drones_launched", 595, "exact"), ("drones_downed", 568, "exact")]),
    ("В Киеве погибли 4 человека, ранены 10 человек.",
     [("killed", 4, "exact"), ("injured", 10, "exact")]),
])
def test_the_air_force_summary_and_a_toll(text, want):
    assert _figures(text) == want


def test_an_english_report_is_read_with_the_english_words_only():
    text = "Overnight Russia launched 595 drones; 568 were shot down. Four people were killed."
    assert _figures(text) == [("drones_launched", 595, "exact"), ("drones_downed", 568, "exact"),
                              ("killed", 4, "exact")]


def test_the_type_named_after_the_noun_is_the_figure_s_weapon():
    text = ("У ніч на 28 вересня ворог атакував 595 ударними БпЛА типу «Шахед». Ракети:\n"
            "– 38 крилатих ракет Х-101;\n– 8 крилатих ракет «Калібр».")
    record = extract_record(Report(report_id="t", text=text))
    assert [(f.kind, f.value, f.weapon) for f in record.figures] == [
        ("drones_launched", 595, "Shahed-136/131"), ("missiles_launched", 38, "X-101/X-555"),
        ("missiles_launched", 8, "Kalibr")]
