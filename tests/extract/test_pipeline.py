"""The pipeline: one list of annotators, each reading only what earlier ones assigned.

The declarations are held to the code: every annotator runs over a Document that records
which fields it reads and writes, on reports of every style we have.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from strikeledger.errors import InputError
from strikeledger.extract.document import Document
from strikeledger.extract.pipeline import ANNOTATORS, annotate, extract_many, extract_record
from strikeledger.model import Report

CASES = Path(__file__).resolve().parents[1] / "cases"
# what a Document holds before any annotator runs
INPUTS = {"text", "report_id", "url", "publisher", "given_published", "reference",
          "deadline", "budget"}
FIELDS = {f.name for f in dataclasses.fields(Document)}
# the time budget is the pipeline's, checked by every annotator
BUDGET = {"deadline", "budget"}


class _Watched(Document):
    """A Document that notes every field read and written."""

    def __getattribute__(self, name):
        if name in FIELDS:
            object.__getattribute__(self, "_reads").add(name)
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        if name in FIELDS and "_writes" in self.__dict__:
            self.__dict__["_writes"].add(name)
        object.__setattr__(self, name, value)


def _watch(text: str) -> _Watched:
    doc = _Watched(text=text)
    doc.__dict__["_reads"], doc.__dict__["_writes"] = set(), set()
    return doc


def _texts() -> list[str]:
    paths = sorted(CASES.glob("*/*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths[::7]]


def test_every_field_read_was_assigned_before():
    available = set(INPUTS)
    for a in ANNOTATORS:
        assert set(a.reads) <= available, f"{a.name} reads {set(a.reads) - available} before anyone assigns it"
        assert set(a.assigns) <= FIELDS, f"{a.name} assigns unknown fields {set(a.assigns) - FIELDS}"
        available |= set(a.assigns)
    assert FIELDS - available == set(), f"fields no annotator assigns: {FIELDS - available}"


def test_each_field_is_assigned_by_one_annotator_or_extended_by_one_that_reads_it():
    owner: dict[str, str] = {}
    for a in ANNOTATORS:
        for name in a.assigns:
            if name in owner:
                assert name in a.reads, f"{a.name} overwrites {name} of {owner[name]} without reading it"
            owner.setdefault(name, a.name)


def test_names_are_unique():
    names = [a.name for a in ANNOTATORS]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("text", _texts()[:40])
def test_annotators_read_and_write_only_what_they_declare(text):
    doc = _watch(text)
    for a in ANNOTATORS:
        doc.__dict__["_reads"].clear()
        doc.__dict__["_writes"].clear()
        a(doc)
        reads, writes = doc.__dict__["_reads"], doc.__dict__["_writes"]
        assert writes <= set(a.assigns), f"{a.name} writes {writes - set(a.assigns)} undeclared"
        undeclared = reads - set(a.reads) - set(a.assigns) - BUDGET
        assert not undeclared, f"{a.name} reads {undeclared} undeclared"


def test_annotate_stops_after_the_named_annotator():
    doc = annotate("Russia launched 50 drones at Kyiv overnight.", until="quantities")
    assert doc.quantities and doc.candidates == [] and doc.figures == []


def test_the_time_budget_gives_a_clear_error_and_the_batch_goes_on():
    slow = Report(report_id="slow", text="Kyiv. " * 200_000, origin="big.txt")
    fine = Report(report_id="fine", text="Russia launched 50 drones at Kyiv overnight.", origin="small.txt")
    errors: list[InputError] = []
    out = list(extract_many([slow, InputError("not UTF-8", path="bad.txt", line=3), fine],
                            errors.append, budget=0.5))
    assert [r.report_id for r, _ in out] == ["fine"]
    assert str(errors[0]).startswith("big.txt: extraction stopped after its time budget of 0.5 s (in ")
    assert str(errors[0]).endswith("on a text of 1,200,000 characters")
    assert str(errors[1]) == "bad.txt:3: not UTF-8"


def test_extract_many_names_the_input_of_a_report_an_extractor_fails_on(monkeypatch):
    from strikeledger.extract import pipeline

    def broken(doc):
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "ANNOTATORS", [pipeline.ANNOTATORS[0]._replace(run=broken)]
                        if hasattr(pipeline.ANNOTATORS[0], "_replace")
                        else [dataclasses.replace(pipeline.ANNOTATORS[0], run=broken)])
    errors: list[InputError] = []
    out = list(extract_many([Report(report_id="r", text="x", origin="f.jsonl:7")], errors.append))
    assert out == []
    assert str(errors[0]) == "f.jsonl:7: extraction failed: ValueError: boom"


def test_the_output_does_not_depend_on_the_day_it_runs():
    report = Report(report_id="r", text="Russia fired missiles at Kyiv on Monday, Feb. 7, killing three.")
    assert extract_record(report).attack.date is None  # 2022 and 2028 both fit: no year without one
    assert extract_record(report, reference=dt.date(2024, 6, 1)).attack.date == dt.date(2022, 2, 7)
    report = Report(report_id="r", text="Russia fired missiles at Kyiv on Wednesday, Feb. 7, killing three.")
    assert extract_record(report, reference=dt.date(2024, 6, 1)).attack.date == dt.date(2024, 2, 7)
