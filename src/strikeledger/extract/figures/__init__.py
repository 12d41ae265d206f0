"""Figures: which stated amounts count drones, missiles, the dead or the injured.

For every amount the quantities annotator found in a sentence, the rules of this package
read the words around it to decide what it counts and how:

* ``noun_phrases``: the noun phrase after the amount ("48 cruise missiles", "24
  Shahed-136/131 attack UAVs", "five people"); the family of a bare amount from what came
  before it;
* ``verbs``: for drones and missiles, launched or downed: the verb group after the noun
  phrase ("were shot down"), the verb right before the amount ("destroyed 37"), the verb of
  a coordinated amount ("39 drones and 18 missiles were shot down"), the nearest verb to
  the left; for people, killed or injured from the same places, or a toll ("the death toll
  rose to 7");
* ``casualties``: people, children (a child noun, an age under 18, an inclusion:
  "including a 12-year-old girl") and victims named on their own ("a man was killed");
* ``partitives``: "43 of the missiles", "14 of them", "one of the eight", breakdowns and
  bare amounts;
* ``tables``: table cells ("Kh-101 ........ 9"), a bulletin's list header ("Destroyed:"),
  one weapon ending a counted list ("and a Kh-31P").

``reader`` runs them sentence by sentence over a small ``state`` (the last drone or
missile figure, the last casualty figure, a bulletin's list). Amounts that count something
else are left alone: combined totals ("63 means of air attack"), rates ("a few dozen
missiles a month"), weapons that hit ("54 drones hit 19 locations"), reconnaissance drones.
Speaker and place are added by attribution.

The words are data: ``data/<lang>/figure_cues.json`` (word lists) and
``data/<lang>/figure_patterns.json`` (named patterns).
"""
from __future__ import annotations

from ..document import Document, annotator
from .reader import read
from .state import Candidate

__all__ = ["Candidate", "read_figures"]


@annotator("figures", reads=("text", "folded", "language", "line_starts", "sentences", "skipped",
                             "scopes", "quantities", "weapon_mentions", "lang", "furniture"),
           assigns=("candidates",))
def read_figures(doc: Document) -> None:
    """What each amount counts: figure candidates, before speaker and place are known. A
    figure in a stretch about another event, or in page furniture ("Read also: ..."), is
    left out."""
    furniture = doc.furniture
    doc.candidates = [c for c in read(doc) if not doc.scopes[c.sentence].excludes(c.start)
                      and not (furniture is not None and furniture.excludes(c.start))]
