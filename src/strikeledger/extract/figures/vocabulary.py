"""The figure reader's words and patterns, built once per language from data files:
``data/<lang>/figure_cues.json`` (word lists) and ``data/<lang>/figure_patterns.json``
(named patterns, in which ``(?&name)`` stands for a fragment or a word list). Number words
come from ``quantities.json``, kept there once.

A Ukrainian or Russian report is read by the same rules (``en/figure_patterns.json``) with
its language's word lists (``data/uk/figure_cues.json``, ``data/ru/figure_cues.json``: "~word"
stands for every form of the word, from forms.json) and number words; no copy of the reader."""
from __future__ import annotations

import re
from functools import lru_cache
from types import SimpleNamespace

from ...data import bad_entries, load
from ...data.schemas import FigureCues, FigurePatterns
from ...data.forms import expand as expand_forms
from ..quantities import load_vocabulary
from ..quantities_cyrillic import load_cyrillic_vocabulary

# the languages whose words inflect: lists name lemmas ("~word"), numbers come from
# quantities_cyrillic
CYRILLIC_LANGUAGES = ("uk", "ru")
from ..wordtrie import trie_regex

_REF = re.compile(r"\(\?&(\w+)\)")
# the word lists that patterns refer to by name
_LISTS = ("drone_nouns", "missile_nouns", "combined_nouns", "person_nouns", "child_nouns", "np_modifiers",
          "non_attack_modifiers", "rate_phrases", "hit_verbs", "hits_by_words", "launched_cues", "downed_cues",
          "killed_cues", "injured_cues", "toll_killed", "toll_injured", "toll_verbs", "negations")


def _alt(words) -> str:
    """Words as one trie-shaped alternation (the longest first, as a list sorted by length
    would be, but a word that cannot match is given up after a letter or two); a space
    matches any white space."""
    def atoms(w: str) -> list[str]:
        return [r"\s+" if ch == " " else re.escape(ch) for ch in w]
    return trie_regex(atoms(w) for w in sorted({w.lower() for w in words}))


def _type_after(words: list[str]) -> re.Pattern | None:
    """Spaces, quotes and a type word between a noun and the weapon named after it."""
    if not words:
        return None
    return re.compile(rf"[ \t\"'«»“”]*(?:(?:{_alt(words)})[ \t\"'«»“”]+)?", re.IGNORECASE)


class Vocabulary(SimpleNamespace):
    """The compiled patterns (attributes named as in figure_patterns.json) and word sets."""


@lru_cache(maxsize=None)
def vocabulary(lang: str = "en") -> Vocabulary:
    words = load(f"{lang}/figure_cues.json", FigureCues)
    # the rules' shapes are one for all languages; their words are each language's own
    spec = load("en/figure_patterns.json", FigurePatterns)
    if lang in CYRILLIC_LANGUAGES:
        cardinals = load_cyrillic_vocabulary().numerals
        words = words.model_copy(update={name: expand_forms(lang, getattr(words, name))
                                         for name in FigureCues.model_fields if name != "doc"})
    else:
        cardinals = load_vocabulary(lang=lang).cardinals
    numbers = sorted(((n, w) for w, n in cardinals.items() if 1 <= n <= 20))
    fragments = {name: _alt(getattr(words, name)) for name in _LISTS}
    fragments["drone_or_missile_nouns"] = _alt(words.drone_nouns + words.missile_nouns)
    fragments["number_words"] = "|".join(w for _, w in numbers)
    fragments.update(spec.fragments)
    source = "strikeledger/data/en/figure_patterns.json"

    def expand(pattern: str, seen: tuple[str, ...] = ()) -> str:
        def one(m: re.Match) -> str:
            name = m.group(1)
            if name not in fragments or name in seen:
                raise bad_entries(source, [f"(?&{name}): no such fragment" if name not in fragments
                                           else f"(?&{name}): refers to itself"])
            return f"(?:{expand(fragments[name], seen + (name,))})"
        return _REF.sub(one, pattern)

    compiled = {}
    for name, pattern in spec.patterns.items():
        flags = (0 if name in spec.case_sensitive else re.IGNORECASE) | (
            re.MULTILINE if name in spec.multiline else 0)
        compiled[name] = re.compile(expand(pattern), flags)
    return Vocabulary(**compiled,
                      number_values={w: n for n, w in numbers},
                      # the words a pattern requires are English ones: another language's
                      # patterns are tried wherever they are asked for
                      requires={k: tuple(v) for k, v in spec.requires.items()} if lang == "en" else {},
                      single_child_nouns=frozenset(words.single_child_nouns),
                      adult_child_nouns=frozenset(words.adult_child_nouns),
                      year_units=frozenset(words.year_units),
                      type_after_noun=_type_after(words.type_after_noun))
