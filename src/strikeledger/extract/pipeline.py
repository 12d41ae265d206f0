"""The extraction pipeline: one Report in, one contract Record out.

Extractors run in order over the same text and its sentence spans: dates, event
scope (which stretches are about other events or Russian claims), weapons, figures,
places, speakers and attribution, damage. Each is its own module with its own tests;
this module only wires them together.
"""
from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator

from ..model import Attack, Damage, Evidence, Figure, Record, Report, Source, Speaker
from . import attribution as attr
from .dates import day_mentions, extract_attack_date, find_published
from .damage import extract_damage
from .event_scope import sentence_contexts
from .figures import WeaponSpan, find_figure_candidates
from .places import extract_places, find_place_mentions
from .speakers import byline_speaker, extract_speakers, find_speaker_mentions, reported_names
from .text import Span, paragraphs
from .weapons import extract_weapons, find_weapon_mentions

log = logging.getLogger(__name__)
_EVENING_AFTER = re.compile(r"\s*(?:night|evening|overnight|into|to|late)\b", re.IGNORECASE)
_LATE_BEFORE = re.compile(r"(?:\b(?:late|night\s+of|evening\s+of|overnight|from)|\d{1,2}[:.]\d{2})\s+(?:on\s+)?$",
                          re.IGNORECASE)
_YESTERDAY = re.compile(r"\byesterday\b(?!\s+(?:evening|night))", re.IGNORECASE)


def extract_record(report: Report) -> Record:
    """Read one report into its contract record."""
    text = report.text
    published = report.published or find_published(text)
    attack_date, precision = extract_attack_date(text, published)

    contexts = sentence_contexts(text)
    sents = [Span(c.start, c.end) for c in contexts]
    skip = {i for i, c in enumerate(contexts) if c.russian_claim}
    if attack_date is not None and attack_date == published:
        # the attack was today, so "yesterday" is another event
        skip |= {i for i, c in enumerate(contexts) if _YESTERDAY.search(text, c.start, c.end)}

    if attack_date is not None:
        # a sentence that names only other days is about another event: "810 drones on Sept. 7"
        eve = attack_date - dt.timedelta(days=1)
        ours = {attack_date, eve, published}
        named: dict[int, set] = {}
        starts = [c.start for c in contexts]
        for start, end, day in day_mentions(text, published):
            i = bisect.bisect_right(starts, start) - 1
            if i >= 0 and start < contexts[i].end:
                if day == eve and day != published and not (
                        _EVENING_AFTER.match(text, end) or _LATE_BEFORE.search(text, max(0, start - 20), start)):
                    day = None  # "On Monday Russia had fired 84 missiles": the day before, not its night
                named.setdefault(i, set()).add(day)
        skip |= {i for i, days in named.items() if not days & ours}

    weapon_mentions = [WeaponSpan(w.start, w.end, w.canonical, w.category)
                       for w in find_weapon_mentions(text)]
    cands = [c for c in find_figure_candidates(text, sents, weapon_mentions, skip)
             if not contexts[c.sentence].excludes(c.start)]

    place_mentions = find_place_mentions(text)
    places = extract_places(text)

    speaker_mentions = find_speaker_mentions(text)
    generic = attr.generic_bodies(text, speaker_mentions)
    speaker_mentions = speaker_mentions + generic
    byline = byline_speaker(text) or attr.generic_byline(text, generic)
    credited = attr.sentence_speakers(text, sents, speaker_mentions, byline)
    byline_place = attr.jurisdiction(attr.speaker_of(byline)) if byline is not None else None
    usable = attr.places_by_sentence(text, sents, place_mentions)
    resolver = attr.PlaceResolver(text, sents, paragraphs(text), place_mentions, places, byline_place)

    spelled = reported_names(text, speaker_mentions)
    figures: list[Figure] = []
    seen: dict[tuple, int] = {}
    for c in cands:
        span = sents[c.sentence]
        sp = attr.speaker_for(c, credited[c.sentence])
        place = attr.place_for(c, text, span, usable[c.sentence]) or resolver.resolve(c, span, sp)
        resolver.remember(c, place)
        q = c.quantity
        fig = Figure(kind=c.kind, value=q.value, qualifier=q.qualifier, low=q.low, high=q.high,
                     weapon=c.weapon, place=place, speaker=spelled.get(sp.name, sp.name) if sp else None,
                     evidence=Evidence.of(text, c.start, c.end))
        key = fig.key()
        if key in seen:
            if fig.weapon and not figures[seen[key]].weapon:
                figures[seen[key]] = fig  # the statement that names the weapon is the fuller one
            continue
        seen[key] = len(figures)
        figures.append(fig)

    def place_at(pos: int) -> str | None:
        for p in reversed(place_mentions):
            if p.start <= pos and text.rfind("\n", p.start, pos) == -1:
                return attr._figure_place_name(p)
        return byline_place

    damage: list[Damage] = extract_damage(text, place_at=place_at)
    speakers = [Speaker(name=spelled.get(s.name, s.name), role=s.role) for s in extract_speakers(text)]
    names = {s.name for s in speakers}
    surnames = {n.split()[-1][:5].lower() for n in names}
    for f in figures:
        if f.speaker and f.speaker not in names and f.speaker.split()[-1][:5].lower() not in surnames:
            role = next((a.role for row in credited for _, a in row
                         if spelled.get(a.name, a.name) == f.speaker), None)
            speakers.append(Speaker(name=f.speaker, role=role))
            names.add(f.speaker)

    return Record(
        report_id=report.report_id,
        source=Source(url=report.url, publisher=report.publisher, published=published),
        attack=Attack(date=attack_date, date_precision=precision),
        figures=figures, places=places, damage=damage, speakers=speakers,
        weapons=extract_weapons(text),
    )


def extract_records(reports: Iterable[Report]) -> Iterator[Record]:
    for r in reports:
        yield extract_record(r)
