"""Figures: what each amount counts, read from sentences written for these tests.

Cases are data (figure_cases.jsonl): a text and the set of (kind, amount, qualifier)
it states, where amount is the value, or "low-high" for ranges and vague amounts.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from strikeledger.extract.pipeline import extract_record
from strikeledger.model import Report

CASES = [json.loads(line) for line in
         (Path(__file__).parent / "figure_cases.jsonl").read_text(encoding="utf-8").splitlines()
         if line.strip()]


def _key(f) -> tuple:
    amount = f.value if f.value is not None else f"{f.low}-{f.high}" if f.high else f.low
    return (f.kind, amount, f.qualifier)


def _expected(row) -> set:
    return {(k, a if not (isinstance(a, str) and a.endswith("-None")) else int(a[:-5]), q)
            for k, a, q in row["expect"]}


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_figures_of_sentence(case):
    record = extract_record(Report(report_id="t", text=case["text"]))
    assert {_key(f) for f in record.figures} == _expected(case)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_evidence_is_exact(case):
    text = case["text"]
    for f in extract_record(Report(report_id="t", text=text)).figures:
        assert text[f.evidence.start:f.evidence.end] == f.evidence.text != ""


def test_weapon_of_one_type_and_of_many():
    rec = extract_record(Report(report_id="t", text=(
        "Russia launched 40 Kh-101/Kh-555 cruise missiles and 96 Kh-101, Kh-555 and Kalibr "
        "cruise missiles.")))
    weapons = {f.value: f.weapon for f in rec.figures}
    assert weapons == {40: "X-101/X-555", 96: None}


def test_partitive_keeps_antecedent_weapon():
    rec = extract_record(Report(report_id="t", text=(
        "Among the drones were 13 Iranian-made Shahed-136s, 10 of which were shot down.")))
    assert {(f.kind, f.value, f.weapon) for f in rec.figures} == {
        ("drones_launched", 13, "Shahed-136/131"), ("drones_downed", 10, "Shahed-136/131")}
