"""What the store keeps beside a record that extraction does not (yet) fill: the one place.

A figure's sentence span and weapon families, and the sentence of each place and damage
item, are store columns so that incidents, exports and the API never read the text
again. Extraction is to set them (``Figure.sentence``, ``Figure.families``); until it does,
``enrich`` fills whatever is missing here, at write time, by the rules the incident layer
used to apply at read time:

* the sentence is the one (``extract.text.sentences``) that holds the evidence's start,
  stretched to the evidence's end;
* a figure naming a weapon counts that weapon's family; one without counts the families
  its evidence names ("96 Kh-101 and Kalibr missiles": two).

Remove this module once extraction sets every field.
"""
from __future__ import annotations

import bisect
from functools import lru_cache

from strikeledger.model import Evidence, Record, TextSpan


class _Sentences:
    def __init__(self, text: str):
        from strikeledger.extract.text import sentences
        self.spans = sentences(text)
        self.starts = [s.start for s in self.spans]
        self.length = len(text)

    def around(self, ev: Evidence) -> TextSpan | None:
        i = bisect.bisect_right(self.starts, ev.start) - 1
        if i < 0 or ev.start >= self.spans[i].end:
            return None
        span = self.spans[i]
        return TextSpan(start=span.start, end=max(span.end, min(ev.end, self.length)))


@lru_cache(maxsize=1024)
def weapon_family(name: str) -> str:
    """The family of a weapon name ("Iskander-M" and "Iskander-M/KN-23" share one)."""
    from strikeledger.extract.weapons import canonical_weapon, weapons_vocabulary
    weapon = weapons_vocabulary().get(canonical_weapon(name) or name)
    return weapon.family if weapon is not None else name.casefold()


def families_in(text: str) -> tuple[str, ...]:
    """The weapon families a phrase names, sorted."""
    from strikeledger.extract.weapons import find_weapon_mentions
    return tuple(sorted({m.family for m in find_weapon_mentions(text)}))


def enrich(text: str, record: Record) -> Record:
    """``record`` with every missing sentence span and weapon family filled in.

    Evidence that does not quote ``text`` at its offsets gets no sentence.
    """
    sentences: _Sentences | None = None

    def sentence_of(ev: Evidence) -> TextSpan | None:
        nonlocal sentences
        if text[ev.start:ev.end] != ev.text:
            return None
        if sentences is None:
            sentences = _Sentences(text)
        return sentences.around(ev)

    figures = []
    for f in record.figures:
        update = {}
        if f.sentence is None:
            update["sentence"] = sentence_of(f.evidence)
        if not f.families:
            update["families"] = ((weapon_family(f.weapon),) if f.weapon
                                  else families_in(f.evidence.text))
        figures.append(f.model_copy(update=update) if update else f)
    places = [p if p.sentence is not None else
              p.model_copy(update={"sentence": sentence_of(p.evidence)}) for p in record.places]
    damage = [d if d.sentence is not None else
              d.model_copy(update={"sentence": sentence_of(d.evidence)}) for d in record.damage]
    return record.model_copy(update={"figures": figures, "places": places, "damage": damage})
