"""Amounts in Ukrainian and Russian (CONTRACT.md v1.1, "Reports in Ukrainian and Russian")."""
import random
import subprocess
import sys
from pathlib import Path

import pymorphy3
import pytest
from num2words import num2words

from strikeledger.extract.quantities import parse_quantity
from strikeledger.extract.quantities_cyrillic import find_cyrillic_quantities

ROOT = Path(__file__).resolve().parents[2]


def q(text):
    found = parse_quantity(text)
    return None if found is None else (found.value, found.qualifier, found.low, found.high)


@pytest.mark.parametrize("text, want", [
    # the contract's own examples
    ("понад 40", (40, "more_than", 41, None)),
    ("більше ніж 40", (40, "more_than", 41, None)),
    ("більш як 40", (40, "more_than", 41, None)),
    ("свыше 40", (40, "more_than", 41, None)),
    ("более 40", (40, "more_than", 41, None)),
    ("щонайменше 5", (5, "at_least", 5, None)),
    ("не менше ніж 5", (5, "at_least", 5, None)),
    ("принаймні п'ятеро", (5, "at_least", 5, None)),
    ("как минимум пятеро", (5, "at_least", 5, None)),
    ("не менее 5", (5, "at_least", 5, None)),
    ("близько сотні", (100, "approx", None, None)),
    ("приблизно 30", (30, "approx", None, None)),
    ("орієнтовно 380", (380, "approx", None, None)),
    ("около 40", (40, "approx", None, None)),
    ("порядка сотни", (100, "approx", None, None)),
    ("майже 50", (50, "nearly", None, 49)),
    ("почти 50", (50, "nearly", None, 49)),
    ("до 40", (40, "at_most", None, 40)),
    ("не більше ніж 40", (40, "at_most", None, 40)),
    ("не более 40", (40, "at_most", None, 40)),
    ("менше ніж 40", (40, "less_than", None, 39)),
    ("менее 40", (40, "less_than", None, 39)),
    ("кілька", (None, "vague", 3, None)),
    ("несколько", (None, "vague", 3, None)),
    ("десятки", (None, "vague", 20, None)),
    ("кілька десятків", (None, "vague", 30, None)),
    ("несколько десятков", (None, "vague", 30, None)),
    ("сотні", (None, "vague", 200, None)),
    ("сотни", (None, "vague", 200, None)),
    ("кілька сотень", (None, "vague", 300, None)),
    ("несколько сотен", (None, "vague", 300, None)),
    # case endings
    ("двох", (2, "exact", 2, 2)),
    ("трьома", (3, "exact", 3, 3)),
    ("понад п’ятьма десятками", (50, "more_than", 51, None)),
    ("п'ятьма десятками", (50, "exact", 50, 50)),
    ("пʼятьма", (5, "exact", 5, 5)),
    ("сорока", (40, "exact", 40, 40)),
    ("півсотні", (50, "exact", 50, 50)),
    ("полсотни", (50, "exact", 50, 50)),
    ("півтори сотні", (150, "exact", 150, 150)),
    ("полторы тысячи", (1500, "exact", 1500, 1500)),
    ("сотнею", (100, "exact", 100, 100)),
    ("двома тисячами", (2000, "exact", 2000, 2000)),
    ("1 200", (1200, "exact", 1200, 1200)),
    ("1\u00a0200", (1200, "exact", 1200, 1200)),
    ("1,5 тис.", (1500, "exact", 1500, 1500)),
    ("десятком", (10, "exact", 10, 10)),
    ("понад десяток", (10, "more_than", 11, None)),
    ("20 с лишним", (20, "more_than", 21, None)),
    ("20 з гаком", (20, "more_than", 21, None)),
    # ranges
    ("від 10 до 15", (None, "range", 10, 15)),
    ("от 10 до 15", (None, "range", 10, 15)),
    ("10-15", (None, "range", 10, 15)),
    ("двох-трьох", (None, "range", 2, 3)),
    ("два чи три", (None, "range", 2, 3)),
])
def test_phrase(text, want):
    assert q(text) == want


@pytest.mark.parametrize("text", [
    "28 вересня", "в ночь на 28 сентября", "станом на 09:00", "59 років", "6-річний", "2024 року",
    "40 км", "15%", "Х-101", "С-300", "№ 5", "1,5", "5-поверхівка",
])
def test_numbers_that_count_nothing(text):
    assert find_cyrillic_quantities(text) == []


@pytest.mark.parametrize("text, value", [
    ("атакував 142-ма ударними БпЛА", 142), ("атаковал 142-мя ударными", 142), ("5-ти ракет", 5),
    ("кількість постраждалих зросла до 21", 21), ("число погибших возросло до 7", 7),
    ("21-го постраждалого", 21),   # an ordinal of a toll counts it (a judgement call)
])
def test_case_endings_on_digits_and_tolls_that_rose_to(text, value):
    found = find_cyrillic_quantities(text)
    assert [(m.quantity.value, m.quantity.qualifier) for m in found] == [(value, "exact")]


def test_offsets_point_at_the_phrase():
    text = "Противник атакував понад п’ятьма десятками ударних БпЛА; збито 47."
    found = find_cyrillic_quantities(text)
    assert [text[m.start:m.end] for m in found] == ["понад п’ятьма десятками", "47"]
    assert [text[m.num_start:m.num_end] for m in found] == ["п’ятьма десятками", "47"]


def test_english_phrases_are_read_as_before():
    assert q("over thirty") == (30, "more_than", 31, None)
    assert q("at least 4") == (4, "at_least", 4, None)


_CASES = {"uk": ("nominative", "genitive", "dative", "accusative", "instrumental", "locative"),
          "ru": ("nominative", "genitive", "dative", "accusative", "instrumental", "prepositional")}


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_number_words_of_any_size_in_every_case(lang):
    """num2words writes the phrases; words the language's dictionary does not know are
    num2words' own slips (Ukrainian "тисячи", "стах" (known only as a surname),
    "дев'яностами") and are left out."""
    morph = pymorphy3.MorphAnalyzer(lang=lang)
    rng = random.Random(14)
    numbers = list(range(1, 120)) + [rng.randrange(120, 10**9) for _ in range(150)]
    read = skipped = 0
    for case in _CASES[lang]:
        for n in numbers:
            phrase = num2words(n, lang=lang, case=case)
            if not all(any(p.is_known and not {"Surn", "Name", "Patr"} & p.tag.grammemes
                           for p in morph.parse(w)) for w in phrase.split()):
                skipped += 1
                continue
            if phrase.split()[0] in ("одна", "одну", "одной", "одною", "однієї", "одній", "однією"):
                phrase = " ".join(phrase.split()[1:])    # "одна тисяча ..." is written "тисяча ..."
            found = find_cyrillic_quantities(phrase)
            assert [(m.quantity.value, m.start, m.end) for m in found] == [(n, 0, len(phrase))], (
                lang, case, phrase)
            read += 1
    assert read > 0.8 * (read + skipped)


def test_forms_are_current():
    """data/{uk,ru}/forms.json match what scripts/build_morphology.py generates now."""
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_morphology.py"), "--check"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr


def test_a_ukrainian_report_s_sentences_are_read_by_the_cyrillic_reader():
    from strikeledger.extract.pipeline import annotate

    doc = annotate("Уночі ворог атакував понад 40 ударними БпЛА. Поранено двох людей.",
                   until="quantities")
    found = [[m.quantity.model_dump() for m in ms] for ms in doc.quantities]
    assert found[0][0]["qualifier"] == "more_than" and found[0][0]["value"] == 40
    assert found[1][0]["value"] == 2
