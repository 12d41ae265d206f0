"""The quantity reader: phrases (quantity_cases.jsonl), running text, lists, vocabulary."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strikeledger.errors import VocabularyError
from strikeledger.extract.quantities import (
    QuantityMention, carry_qualifier, find_quantities, load_vocabulary, parse_quantity,
)

CASES_FILE = Path(__file__).with_name("quantity_cases.jsonl")
CASES = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines()
         if line.strip()]


def as_dict(q):
    return None if q is None else q.model_dump()


def test_case_file_is_broad():
    assert len(CASES) >= 300
    groups = {c["group"] for c in CASES}
    assert {"exact_digits", "exact_words", "at_least", "more_than", "at_most", "less_than",
            "nearly", "approx", "range", "vague", "case", "none"} <= groups


@pytest.mark.parametrize("case", CASES, ids=[f"{c['group']}:{c['text']!r}" for c in CASES])
def test_phrase(case):
    assert as_dict(parse_quantity(case["text"])) == case["expect"]


def test_phrase_accuracy():
    hits = sum(as_dict(parse_quantity(c["text"])) == c["expect"] for c in CASES)
    assert hits / len(CASES) >= 0.97, f"{hits}/{len(CASES)}"


def test_contract_example():
    assert as_dict(parse_quantity("over thirty")) == {
        "value": 30, "qualifier": "more_than", "low": 31, "high": None}


# --- running text ------------------------------------------------------------------

def spans(text, mentions=None):
    """(phrase, number, qualifier, value, low, high) per mention, checking offsets."""
    mentions = find_quantities(text) if mentions is None else mentions
    out = []
    for m in mentions:
        assert m.start <= m.num_start < m.num_end <= m.end
        q = m.quantity
        out.append((text[m.start:m.end], text[m.num_start:m.num_end], q.qualifier,
                    q.value, q.low, q.high))
    return out


RUNNING = [
    ("Russia attacked with 48 missiles and 595 strike drones overnight.",
     [("48", "48", "exact", 48, 48, 48), ("595", "595", "exact", 595, 595, 595)]),
    ("At least four people were killed and 12 injured in Kyiv.",
     [("At least four", "four", "at_least", 4, 4, None), ("12", "12", "exact", 12, 12, 12)]),
    ("Officials said over thirty were hurt, nearly a hundred drones flew in.",
     [("over thirty", "thirty", "more_than", 30, 31, None),
      ("nearly a hundred", "a hundred", "nearly", 100, None, 99)]),
    ("Between 10 and 15 S-300 missiles hit Kharkiv.",
     [("Between 10 and 15", "10 and 15", "range", None, 10, 15)]),
    ("Air defence downed 10-15 drones and three to five missiles.",
     [("10-15", "10-15", "range", None, 10, 15),
      ("three to five", "three to five", "range", None, 3, 5)]),
    ("Dozens of people were wounded and several dozen drones were shot down.",
     [("Dozens of", "Dozens", "vague", None, 24, None),
      ("several dozen", "several dozen", "vague", None, 36, None)]),
    ("Hundreds of drones and a few missiles were launched; a dozen struck.",
     [("Hundreds of", "Hundreds", "vague", None, 200, None),
      ("a few", "a few", "vague", None, 2, None),
      ("a dozen", "a dozen", "exact", 12, 12, 12)]),
    ("Two dozen Shaheds and half a dozen cruise missiles were destroyed.",
     [("Two dozen", "Two dozen", "exact", 24, 24, 24),
      ("half a dozen", "half a dozen", "exact", 6, 6, 6)]),
    ("The enemy used some 500 drones, 1,200 guided bombs and up to 10 missiles.",
     [("some 500", "500", "approx", 500, None, None),
      ("1,200", "1,200", "exact", 1200, 1200, 1200),
      ("up to 10", "10", "at_most", 10, None, 10)]),
    ("Four or more drones hit the city; fewer than 10 people were hospitalised.",
     [("Four or more", "Four", "at_least", 4, 4, None),
      ("fewer than 10", "10", "less_than", 10, None, 9)]),
    ("One of them was a child. No one else was hurt.",
     [("One", "One", "exact", 1, 1, 1)]),
    ("The death toll rose from 4 to 7 on Tuesday.",
     [("4", "4", "exact", 4, 4, 4), ("7", "7", "exact", 7, 7, 7)]),
    ("In September Russia fired more than 5,000 drones, about 40-odd per night.",
     [("more than 5,000", "5,000", "more_than", 5000, 5001, None),
      ("about 40-odd", "40", "approx", 40, None, None)]),
    ("Just under 100 missiles and just over 40 drones were counted.",
     [("Just under 100", "100", "less_than", 100, None, 99),
      ("just over 40", "40", "more_than", 40, 41, None)]),
]


@pytest.mark.parametrize("text,expected", RUNNING, ids=[t[:40] for t, _ in RUNNING])
def test_running_text(text, expected):
    assert spans(text) == expected


NOTHING = [
    "Tu-95MS bombers fired Kh-101 and X-101/X-555 missiles; S-300s and Su-34 jets too.",
    "MiG-31K jets carried Kinzhals; Shahed-136/131 drones, F-16 pilots, 3M22 and P-800.",
    "North Korean KN-23 missiles were used.",
    "The alert started at 06:40 and ended at 6:30; another came at 5:40 a.m. and 5 p.m.",
    "The report of 23.11.2022 and the one of 2022-10-10 describe it.",
    "On 10 October 2022 and on Jan. 8 sirens sounded; by October 10 too.",
    "In 2022 and since 2014 the war has gone on.",
    "About 88% of the grid and 40 percent of homes lost power; a 1.5 rise.",
    "It was the 14th attack this month and the first one in May.",
    "School No. 40 and house #12 were damaged, as was building 5.",
    "A 42-year-old man, a woman aged 67 and a boy, 12, were there; he was 80 years old.",
    "A nine-storey and a 16-storey building and two-storey houses were hit.",
    "The 500-megawatt unit, 300 MW in all, is 40 km away and took 24 hours to fix.",
    "They waited for 40 minutes, three hours and two days.",
    '"It was loud," said Olena, 62, who lives nearby; Petro, 45, agreed.',
    "The sisters, aged eight and 14, were there; the famine of 1932–33 too.",
    "The church, founded in 1894, stands on Khreshchatyk Street, 40, near house No 7.",
    "Power: 110 kV lines, a $5 million repair, speeds of 40 mph, 2 to 3 percent losses.",
]


@pytest.mark.parametrize("text", NOTHING, ids=[t[:40] for t in NOTHING])
def test_numbers_that_count_nothing(text):
    assert spans(text) == []


def test_offsets_are_into_the_whole_text():
    text = "Preface with 3 drones. Then at least 12 were killed in Odesa."
    start = text.index("Then")
    found = find_quantities(text, start, len(text))
    assert [(m.start, m.end) for m in found] == [(text.index("at least"),
                                                   text.index(" were killed"))]
    assert text[found[0].start:found[0].end] == "at least 12"


def test_end_limits_the_scan():
    text = "4 drones and 5 missiles"
    assert spans(text, find_quantities(text, 0, 10)) == [("4", "4", "exact", 4, 4, 4)]


def test_bare_flag():
    found = find_quantities("at least 4 and 12, several, 10-15")
    assert [m.bare for m in found] == [False, True, False, False]


def test_mention_is_frozen():
    m = find_quantities("12 drones")[0]
    assert isinstance(m, QuantityMention)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.start = 3


def test_one_as_pronoun_is_still_found_but_not_no_one():
    assert spans("one of four drones") [0][:2] == ("one", "one")
    assert spans("no one was hurt, they helped one another") == []


def test_counts_in_brackets_after_a_place_are_counts():
    assert [g[0] for g in spans("drones were downed over Kyiv (12) and Kharkiv (5)")] == [
        "12", "5"]


def test_years_as_counts_when_counted():
    assert spans("Russia launched 2000 drones in 2023.") == [
        ("2000", "2000", "exact", 2000, 2000, 2000)]


def test_range_of_years_is_not_a_range():
    assert spans("between 2014 and 2022") == []


def test_regression_second_end_of_hyphen_range_is_read():
    """Bug: the digit look-behind rejected the "15" of "10-15" (it follows a hyphen)."""
    assert as_dict(parse_quantity("10-15")) == {"value": None, "qualifier": "range",
                                                "low": 10, "high": 15}


def test_regression_iso_date_is_not_a_range():
    assert spans("updated 2024-05-08 at noon") == []


def test_regression_date_span_is_not_a_range():
    """"the night of 6 to 7 July" is a date, not an amount."""
    assert spans("on the night of 6 to 7 July") == []
    assert spans("on July 6 and 7, 12 drones") == [("12", "12", "exact", 12, 12, 12)]


def test_invalid_range_falls_back_to_numbers():
    assert spans("4 and 5 drones") == [("4", "4", "exact", 4, 4, 4),
                                       ("5", "5", "exact", 5, 5, 5)]


# --- a qualifier over a list --------------------------------------------------------

def carried(text):
    return spans(text, carry_qualifier(text, find_quantities(text)))


def test_carry_over_a_plain_list():
    assert carried("Russia fired some 500 drones and 40 missiles.") == [
        ("some 500", "500", "approx", 500, None, None),
        ("40", "40", "approx", 40, None, None)]


def test_carry_along_a_comma_list():
    got = carried("about 90 missiles, 40 Shahed drones, and 20 guided bombs")
    assert [g[2] for g in got] == ["approx", "approx", "approx"]
    found = carry_qualifier("about 90 missiles, 40 drones", find_quantities(
        "about 90 missiles, 40 drones"))
    assert found[1].carried and found[1].bare


def test_no_carry_across_a_verb():
    assert carried("at least 4 people were killed and 12 injured")[1][2] == "exact"
    assert carried("at least 4 killed and 12 injured")[1][2] == "exact"


def test_no_carry_across_a_sentence():
    assert carried("Some 500 drones. 40 missiles")[1][2] == "exact"
    assert carried("Some 500 drones; 40 missiles")[1][2] == "exact"


def test_no_carry_onto_a_qualified_amount_or_from_exact():
    assert carried("some 500 drones and at least 40 missiles")[1][2] == "at_least"
    assert carried("500 drones and 40 missiles")[1][2] == "exact"


# --- vocabulary -------------------------------------------------------------------

def test_packaged_vocabulary_loads():
    v = load_vocabulary()
    assert v.before["at least"] == "at_least"
    assert v.vague["several dozen"] == (36, True)


def test_bad_vocabulary_lists_every_problem(tmp_path):
    data = json.loads(Path(load_vocabulary.__code__.co_filename).parent.parent.joinpath(
        "data", "en", "quantities.json").read_text(encoding="utf-8"))
    data["cardinals"]["eleven"] = 12
    data["cardinals"]["zwei"] = 2
    data["qualifiers"]["roughly"] = {"before": ["roughly"]}
    data["qualifiers"]["approx"]["before"].append("Some")
    data["vague"].append({"phrase": "loads", "low": 0})
    data["units"] = []
    path = tmp_path / "quantities.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(VocabularyError) as err:
        load_vocabulary(path)
    message = str(err.value)
    for needle in ("cardinals.eleven: text2num reads 11", "cardinals.zwei: not a number word",
                   "qualifiers.roughly.[key]", "qualifiers.approx.before.", "must be lower case (got 'Some')",
                   "vague.22.low: Input should be greater than or equal to 1 (got 0)",
                   "units: List should have at least 1 item"):
        assert needle in message


def test_unreadable_vocabulary(tmp_path):
    path = tmp_path / "quantities.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(VocabularyError, match="cannot read"):
        load_vocabulary(path)


# --- any text -----------------------------------------------------------------------

_TOKENS = ["at least", "over", "some", "nearly", "up to", "between", "from", "and", "to", "or",
           "more", "so", "-", "–", ",", ".", "10", "15", "1,200", "1 200", "2022", "one", "a",
           "dozen", "dozens", "of", "several", "hundred", "twenty-five", "Kh-101", "06:40",
           "October", "May", "aged", "No.", "%", "km", "-storey", "+", "odd", "half", "Olena",
           "(", ")", "\n", "rose"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=25), st.sampled_from([" ", "", "  "]))
def test_any_token_soup_gives_ordered_valid_spans(tokens, sep):
    text = sep.join(tokens)
    found = find_quantities(text)
    last_end = 0
    for m in found:
        assert last_end <= m.start <= m.num_start < m.num_end <= m.end <= len(text)
        last_end = m.end
    carry_qualifier(text, found)
    parse_quantity(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_never_raises(text):
    for m in find_quantities(text):
        assert 0 <= m.start < m.end <= len(text)


# --- a phrase on its own: the forms issue 13 names (phrases of our own) ---------------------

PHRASE_FORMS = [
    ("six hundred and more", 600, "at_least", 600, None),
    ("150 or greater", 150, "at_least", 150, None),
    ("less than or equal to 40", 40, "at_most", None, 40),
    ("equal to or more than 12", 12, "at_least", 12, None),
    ("more than 90 or equal", 90, "at_least", 90, None),
    (">= 45", 45, "at_least", 45, None),
    ("<= 300", 300, "at_most", None, 300),
    ("< = 8", 8, "at_most", None, 8),
    ("5 hundred and 12", 512, "exact", 512, 512),
    ("2 thousand 6 hundred", 2600, "exact", 2600, 2600),
    ("12k", 12000, "exact", 12000, 12000),
    ("1.5 k", 1500, "exact", 1500, 1500),
    ("3mil", 3000000, "exact", 3000000, 3000000),
    ("4 bln", 4000000000, "exact", 4000000000, 4000000000),
    ("two trillion", 2000000000000, "exact", 2000000000000, 2000000000000),
    ("four billions", 4000000000, "exact", 4000000000, 4000000000),
    ("nought", 0, "exact", 0, 0),
    ("hundred twelve", 112, "exact", 112, 112),
    ("thirtyfour", 34, "exact", 34, 34),
    ("three point five million", 3500000, "exact", 3500000, 3500000),
    ("120-ish", 120, "approx", None, None),
]


@pytest.mark.parametrize("text,value,qualifier,low,high", PHRASE_FORMS, ids=[p[0] for p in PHRASE_FORMS])
def test_phrase_forms_of_other_parsers(text, value, qualifier, low, high):
    q = parse_quantity(text)
    assert (q.value, q.qualifier, q.low, q.high) == (value, qualifier, low, high)


@pytest.mark.parametrize("text,low,high", [
    ("3k-8k", 3000, 8000), ("30 through 45", 30, 45), ("30~45", 30, 45),
    ("more than 30 and fewer than 45", 31, 44), ("at most 45 and at least 30", 30, 45),
    ("higher or equal than thirty, lower or equal than forty-five", 30, 45),
])
def test_two_bounds_make_a_range(text, low, high):
    q = parse_quantity(text)
    assert (q.value, q.qualifier, q.low, q.high) == (None, "range", low, high)


@pytest.mark.parametrize("text", [
    "minus twelve", "negative 40", "-7", "two fifths", "three and a half", "1 point 5", "seven over nine",
    "12 / 4", "three hundredth", "the ninth one", "21st", "4 grams", "six litres of water", "2.5",
])
def test_phrases_that_count_nothing(text):
    assert parse_quantity(text) is None


def test_shorthand_is_read_in_a_phrase_only():
    """Running text never reads "50m" as fifty million nor "and more" as a qualifier."""
    assert spans("Debris fell 50m from the building.") == []
    text = "Five people were killed and more were injured."
    assert [q for _, _, q, *_ in spans(text)] == ["exact"]
    assert parse_quantity("a pair").value == 2 and parse_quantity("one and a half thousand").value == 1500
