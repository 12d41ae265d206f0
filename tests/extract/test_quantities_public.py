"""English quantity phrases from other parsers' public test suites (issue 13).

quantity_public_cases.jsonl holds one phrase a line with the reading CONTRACT.md gives it
(converted from the other parser's expected value, never taken from our parser) and the
suite it came from; quantity_public_cases.md lists the suites, their licences and the
judgement calls. Every phrase goes through `parse_quantity`; the share read exactly is
pinned at the level measured when the set was added (FLOOR), so that it cannot slip back,
and the issue's target (TARGET) is printed as a shortfall until it is met.

The whole report (every failure, by class): python tests/extract/test_quantities_public.py
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from strikeledger import parse_quantity

CASES_FILE = Path(__file__).with_name("quantity_public_cases.jsonl")
TARGET = 0.95  # issue 13: "quantity phrases from the public suites >= 0.95"
# Measured when the set was added: 305/447 = 0.6823 exact; the floor is 0.005 below it.
FLOOR = 0.677

KEYS = ("value", "qualifier", "low", "high")
SOURCE = re.compile(r"^[\w.-]+/[\w.-]+:[^@\s]+@[0-9a-f]{40}$|^strikeledger:issue 13$")


def load_cases(path: Path = CASES_FILE) -> list[dict]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            case = json.loads(line)
            case["line"] = number
            cases.append(case)
    return cases


CASES = load_cases()


def bounds_problem(expect: dict) -> str | None:
    """What is wrong with an expectation by the contract's qualifier table, or None."""
    if set(expect) != set(KEYS):
        return f"keys {sorted(expect)}"
    v, q, lo, hi = (expect[k] for k in KEYS)
    want = {
        "exact": (v, v), "at_least": (v, None), "more_than": (None if v is None else v + 1, None),
        "at_most": (None, v), "less_than": (None, None if v is None else v - 1),
        "nearly": (None, None if v is None else v - 1), "approx": (None, None),
    }
    if q in want:
        if not isinstance(v, int) or v < 0:
            return f"{q} needs a count as value, not {v!r}"
        return None if (lo, hi) == want[q] else f"{q} {v} implies low/high {want[q]}"
    if q == "range":
        ok = v is None and isinstance(lo, int) and isinstance(hi, int) and 0 <= lo < hi
        return None if ok else "range needs value null and 0 <= low < high"
    if q == "vague":
        ok = v is None and isinstance(lo, int) and lo > 0 and hi is None
        return None if ok else "vague needs value null, a floor and high null"
    return f"unknown qualifier {q!r}"


# --- classes, for the report only --------------------------------------------------

_NUMBER_WORDS = set("""zero nought naught nil one two three four five six seven eight nine ten
eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty
forty fourty fifty sixty seventy eighty ninety hundred hundreds thousand thousands million
millions billion billions trillion and a""".split())
_SYMBOL = re.compile(r"[<>≤≥]")
_SUFFIX = re.compile(r"\d\s*(?:k|K|M|G|b|bn|bln|mil)\b")
_DIGIT_WORD = re.compile(r"\d[\d,.]*\s+(?:hundred|thousand|million|billion|trillion|dozens?)\b",
                         re.I)
_ZERO = re.compile(r"\b(?:nought|naught|nil|zero)\b|^0$", re.I)
_DOZEN = re.compile(r"\b(?:dozens?|couple|pair|few)\b", re.I)
_NEGATIVE = re.compile(r"(?:^|[\s<=])-\s*\d|\b(?:minus|negative)\b", re.I)
_UNIT = re.compile(r"[$£€%]|\d(?:ml|km|g|oz)\b|\b(?:kg|g|grams?|milligrams|lbs?|oz|ounces|"
                   r"pounds|km|kilometres|meters|miles|L|gallons|bytes|exabytes|cents|dollars|"
                   r"hours?|minutes|seconds|days|weeks'?|months|years|times|per|tpd|DaY)\b")
_FRACTION = re.compile(r"\d\s*/\s*\d|\s/\s|\d?\.\d|\bpoint\b|\bhalf\b|\bhalves\b|\bquarters?\b|"
                       r"\b(?:a|one|two|three|five|twenty)\s+(?:thirds?|fourths?|fifths?|"
                       r"eighths?|trillionths?)\b|\bfifths\b|\bover\b|\bdivided\b|One-fourth", re.I)
_RUN_TOGETHER = re.compile(r"\bfourty\b|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                           r"(?:one|two|three|four|five|six|seven|eight|nine)")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)\b|\b(?:first|second|third|fourth|fifth|sixth|"
                      r"tenth|eleventh|\w+tieth|\w+teenth|\w+-(?:first|third|fifth|eighth)|"
                      r"\w+ (?:fifth|second)|hundredth|thousandth|millionth)\b", re.I)


def phrase_class(phrase: str, expect: dict | None) -> str:
    """A label for grouping failures: what kind of phrase this is."""
    if expect is None:
        for name, pattern in (("unit, currency, percent or time", _UNIT),
                              ("negative number", _NEGATIVE),
                              ("fraction or decimal", _FRACTION), ("ordinal", _ORDINAL)):
            if pattern.search(phrase):
                return f"null: {name}"
        return "null: date, code, word or no number"
    q = expect["qualifier"]
    low = phrase.lower()
    if q in ("at_least", "more_than", "at_most", "less_than"):
        if _SYMBOL.search(phrase):
            return "comparison: symbol (>, >=, < =, <=)"
        if "equal" in low:
            return "comparison: 'or equal' wording"
        if re.search(r"\b(?:or|and) (?:more|less|greater|fewer)\b", low):
            return "comparison: 'N or more/less/greater' after the number"
        return "comparison: word before the number"
    if q == "range":
        if re.search(r"\b(?:than|above|at most|no more)\b", low):
            return "range: two bounds joined (greater than A and less than B)"
        if _SUFFIX.search(phrase):
            return "range: with k/M suffixes"
        return "range: A to/through/~/- B, between A and B"
    if q != "exact":
        return "approximate or vague"
    words = re.findall(r"[A-Za-z]+", phrase)
    if "equal" in low:
        return "exact: 'equal(s) to N'"
    if _ZERO.search(phrase):
        return "exact: zero (nought, naught, nil)"
    if _SUFFIX.search(phrase):
        return "exact: digits with k/M/b/bln/mil"
    if re.search(r"\bpoint\b", low):
        return "exact: decimal with a scale word (two point two million)"
    if _DIGIT_WORD.search(phrase):
        return "exact: digits with a number word (3 hundred, 2 dozens)"
    if _DOZEN.search(phrase):
        return "exact: dozen, couple, pair"
    if not words:
        return "exact: digits"
    if _RUN_TOGETHER.search(low):
        return "exact: words run together or misspelt (twentyone, fourty two)"
    if re.match(r"\s*(?:hundred|thousand|million|billion)\b", low):
        return "exact: a scale word first (hundred, thousand nine hundred twenty)"
    if all(w.lower() in _NUMBER_WORDS for w in words):
        if expect["value"] >= 10**9:
            return "exact: number words, a billion and more"
        return "exact: number words"
    return "exact: count in a phrase or sentence"


# --- running the set ---------------------------------------------------------------

def read(phrase: str):
    try:
        q = parse_quantity(phrase)
    except Exception as err:  # a crash is a wrong reading, and the report names it
        return f"error: {type(err).__name__}: {err}"
    return None if q is None else q.model_dump()


def fmt(q) -> str:
    if q is None or isinstance(q, str):
        return "null" if q is None else q
    lo = "-" if q["low"] is None else q["low"]
    hi = "-" if q["high"] is None else q["high"]
    return f"{q['qualifier']} {q['value']} [{lo}..{hi}]"


def run(cases: list[dict]) -> dict:
    failures: dict[str, list[tuple[dict, object]]] = defaultdict(list)
    totals: dict[str, int] = defaultdict(int)
    exact = 0
    for case in cases:
        cls = phrase_class(case["phrase"], case["expect"])
        totals[cls] += 1
        got = read(case["phrase"])
        if got == case["expect"]:
            exact += 1
        else:
            failures[cls].append((case, got))
    return {"exact": exact, "total": len(cases), "share": exact / len(cases),
            "failures": dict(failures), "totals": dict(totals)}


def summary_lines(result: dict) -> list[str]:
    share = result["share"]
    lines = [f"quantity phrases from public suites: {result['exact']}/{result['total']} exact = "
             f"{share:.4f} (floor {FLOOR}, target {TARGET})"]
    if share < TARGET:
        lines.append(f"TARGET NOT MET: {share:.4f} < {TARGET} "
                     f"({TARGET - share:.4f} short, issue 13)")
    wrong = sum(len(f) for f in result["failures"].values())
    lines.append(f"wrong: {wrong}, by class:")
    for cls, fails in sorted(result["failures"].items(), key=lambda kv: -len(kv[1])):
        case, got = fails[0]
        lines.append(f"  {len(fails):3d}/{result['totals'][cls]:<3d} {cls}: "
                     f"e.g. {case['phrase']!r} -> {fmt(got)}, expected {fmt(case['expect'])}")
    return lines


def report(result: dict) -> str:
    lines = summary_lines(result)
    for cls, fails in sorted(result["failures"].items(), key=lambda kv: -len(kv[1])):
        lines.append(f"\n{cls} ({len(fails)} wrong of {result['totals'][cls]}):")
        for case, got in fails:
            lines.append(f"  {case['phrase']!r}: got {fmt(got)}, expected {fmt(case['expect'])}"
                         f"  [{case['source'].split(':')[0]}]")
    return "\n".join(lines)


# --- tests -------------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=[f"line{c['line']}" for c in CASES])
def test_case_is_well_formed(case):
    """Each line: phrase, expect (null or a reading the contract's table allows), source."""
    assert set(case) == {"phrase", "expect", "source", "line"}, case
    assert isinstance(case["phrase"], str)
    assert SOURCE.match(case["source"]), case["source"]
    if case["expect"] is not None:
        assert bounds_problem(case["expect"]) is None, (case["phrase"],
                                                        bounds_problem(case["expect"]))


def test_set_is_broad():
    phrases = [c["phrase"] for c in CASES]
    assert len(phrases) == len(set(phrases)), "a phrase appears twice"
    assert len(CASES) >= 400
    compared = [c for c in CASES if c["expect"] and c["expect"]["qualifier"] in
                ("at_least", "more_than", "at_most", "less_than", "range")]
    assert len(compared) >= 60
    assert sum(c["expect"] is None for c in CASES) >= 40
    assert len({c["source"].split(":")[0] for c in CASES}) >= 6


def test_bounds_check_catches_a_wrong_expectation():
    assert bounds_problem({"value": 30, "qualifier": "more_than", "low": 31, "high": None}) is None
    assert bounds_problem({"value": 30, "qualifier": "more_than", "low": 30, "high": None})
    assert bounds_problem({"value": 5, "qualifier": "range", "low": 1, "high": 9})
    assert bounds_problem({"value": None, "qualifier": "vague", "low": 2, "high": None}) is None


def test_share_exact_holds_its_floor(capsys):
    result = run(CASES)
    with capsys.disabled():  # the share and the shortfall stay visible in every run
        print("\n" + "\n".join(summary_lines(result)))
    print(report(result))  # every failure; shown with -rP or -s, or when this test fails
    assert result["share"] >= FLOOR, report(result)


if __name__ == "__main__":
    print(report(run(CASES)))
    sys.exit(0)
