"""Hypothesis round trips: whatever (Report, Record) pairs go in come back out equal.

In the manner of sqlite-utils' tests/test_hypothesis.py: build values from strategies over
the models, store them, read them back. Strings avoid only what no backend can hold
(NUL, unpaired surrogates; see test_add_rejects_text_no_backend_can_store).
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strikeledger.model import (
    Attack, Damage, DamageCategory, DatePrecision, Evidence, Figure, Kind, Place,
    Qualifier, Record, Report, Source, Speaker, TextSpan)
from strikeledger.store import open_store

CHARS = st.characters(codec="utf-8", exclude_characters="\x00")
short = st.text(CHARS, max_size=20)
maybe_short = st.none() | short
# counts as extraction can make them (it reads no absurd count): an incident sums several
# claims' counts, and two near 2**63 would overflow the store's bigint columns
count = st.integers(0, 10**12)
maybe_int = st.none() | count
maybe_date = st.none() | st.dates()
coordinate = st.none() | st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def pairs(draw) -> tuple[Report, Record]:
    text = draw(st.text(CHARS, max_size=120))

    def evidence() -> Evidence:
        start = draw(st.integers(0, len(text)))
        return Evidence.of(text, start, draw(st.integers(start, len(text))))

    def sentence() -> TextSpan | None:
        # the store's columns beyond the contract JSON, as extraction sets them
        if draw(st.booleans()):
            return None
        start = draw(st.integers(0, len(text)))
        return TextSpan(start=start, end=draw(st.integers(start, len(text))))

    def listed(make, most=3) -> list:
        return [make() for _ in range(draw(st.integers(0, most)))]

    report_id = draw(short)
    figures = listed(lambda: Figure(
        kind=draw(st.sampled_from(Kind)), value=draw(maybe_int),
        qualifier=draw(st.sampled_from(Qualifier)), low=draw(maybe_int),
        high=draw(maybe_int), weapon=draw(maybe_short), place=draw(maybe_short),
        speaker=draw(maybe_short), evidence=evidence(), sentence=sentence(),
        families=tuple(draw(st.lists(short, max_size=2)))))
    places = listed(lambda: Place(
        name=draw(short), admin1=draw(maybe_short), lat=draw(coordinate),
        lon=draw(coordinate), role=draw(st.sampled_from(["hit", "mentioned"])),
        evidence=evidence(), sentence=sentence()))
    damage = listed(lambda: Damage(
        category=draw(st.sampled_from(DamageCategory)), text=draw(short),
        place=draw(maybe_short), evidence=evidence(), sentence=sentence()))
    speakers = listed(lambda: Speaker(name=draw(short), role=draw(maybe_short)))
    published = draw(maybe_date)
    report = Report(report_id=report_id, text=text, published=published,
                    url=draw(maybe_short), publisher=draw(maybe_short),
                    origin=draw(maybe_short))
    record = Record(
        report_id=report_id,
        source=Source(url=report.url, publisher=report.publisher, published=published),
        attack=Attack(date=draw(maybe_date),
                      date_precision=draw(st.none() | st.sampled_from(DatePrecision))),
        figures=figures, places=places, damage=damage, speakers=speakers,
        weapons=draw(st.lists(short, max_size=3)))
    return report, record


@given(stored=st.lists(pairs(), min_size=1, max_size=4, unique_by=lambda p: p[0].text))
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_records_round_trip(new_target, stored):
    # new_target makes a fresh, empty store for every example.
    with open_store(new_target()) as store:
        assert store.add_many(stored, batch_size=3).added == len(stored)
        # records come back as given, with the store's columns beyond the contract JSON
        # (sentence spans, weapon families: extraction sets them, the store keeps them)
        assert list(store.records()) == stored
        assert len(store.figures()) == sum(len(rec.figures) for _, rec in stored)
        report, record = stored[-1]
        got = store.get_report(report.content_hash[:16])
        assert got["text"] == report.text
        # the record as contract JSON: without the store's columns
        assert Record.model_validate(got["record"]) == Record.model_validate(
            record.model_dump(mode="json"))
