import re

import pytest

from strikeledger.extract.casefold import FoldedPattern, fold, fold_source, original


def test_fold_keeps_length_and_offsets():
    text = "KYIV — Mayor Klitschko said İstanbul flights were cancelled."
    low = fold(text)
    assert len(low) == len(text)
    assert low.startswith("kyiv — mayor klitschko")
    assert low[text.index("İ")] == "İ"  # lower-cases to two characters: kept as is


def test_fold_source_leaves_escapes_and_group_names():
    src = r"(?P<Wd>Monday)\S+\B(?P=Wd)[A-Z]\W"
    assert fold_source(src) == r"(?P<Wd>monday)\S+\B(?P=Wd)[a-z]\W"


@pytest.mark.parametrize("pattern, text", [
    (r"\bnight\s+of\s+(?P<d>\d+)\s+March\b", "Overnight, the NIGHT of 14 march was quiet."),
    (r"(?<![\w-])(?:State Emergency Service|SES)(?![\w-])", "the state emergency service said; SES added"),
    (r"\b[A-Z]\w+\s+region\b", "in the Kharkiv Region and kharkiv region"),
    (r"^\W*(?:\w+\W+){0,3}?(?:earlier|ago)\b", "... two weeks AGO"),
])
def test_matches_equal_ignorecase(pattern, text):
    folded, low = FoldedPattern(pattern), fold(text)
    plain = re.compile(pattern, re.IGNORECASE)
    assert [m.span() for m in folded.finditer(low)] == [m.span() for m in plain.finditer(text)]
    assert (folded.search(low) or None) and folded.search(low).span() == plain.search(text).span()
    assert bool(folded.match(low)) == bool(plain.match(text))


def test_groups_are_folded_but_offsets_index_the_original():
    text = "Attack on Tuesday, 14 March"
    m = FoldedPattern(r"(?P<wd>tuesday)").search(fold(text))
    assert m.group("wd") == "tuesday"
    assert text[m.start("wd"):m.end("wd")] == "Tuesday"


def test_bounds_are_respected():
    text = "Kyiv. KYIV. kyiv."
    hits = [m.start() for m in FoldedPattern(r"kyiv").finditer(fold(text), 1, 12)]
    assert hits == [6]


def test_original_reads_the_unfolded_group():
    text = "the Kharkiv Regional Military Administration said"
    m = FoldedPattern(r"(?P<place>[A-Z]\w+)\s+regional").search(fold(text))
    assert original(text, m, "place") == "Kharkiv"
    assert original(text, FoldedPattern(r"(?P<x>zzz)?said").search(fold(text)), "x") is None
