"""Ukrainian and Russian names of places and every case form of them, for build_gazetteer.py.

Reports write "у Харкові", "в Харькове", "на Київщині", "Білої Церкви": a name in one of six
or seven cases. The forms are generated here, at build time, by the morphological analyser
pymorphy3 with its registry dictionaries (pymorphy3-dicts-uk, pymorphy3-dicts-ru); the
gazetteer ships them, and extraction looks a form up like any other name.

- Which names: GeoNames' alternate names written in the Ukrainian or Russian alphabet
  (other Cyrillic alphabets, names with lowercase words such as nicknames "Перлина Чорного
  моря", and stress marks are left out); pycountry's Ukrainian and Russian translations of
  ISO 3166-2:UA ("Київська область", "Киевская область"); and the hand-kept names of
  gazetteer_extra.json's ``cyrillic`` table (oblast nicknames, spellings the registry lacks).
- Which analyser: Ukrainian for a name with і, ї, є, ґ or an apostrophe, Russian for one
  with ы, э, ъ or ё; otherwise the one whose dictionary knows the name's words, or both.
- Each word of a name is inflected into each case in the number it has ("Суми" stays
  plural), an adjective agreeing with its noun ("Білій Церкві"). A single word is read as
  a noun where the analyser allows ("Миколаїв", not an adjective).
- A small place whose name is an everyday word ("Щастя" happiness, "Бар", "Надія") is
  left out: capitalised at the start of a sentence, the word would read as the village.
  A place named by an adjective ("Шевченкове", "Київський") keeps its nominative only: its
  other forms are those of city districts ("у Шевченківському районі").
"""
from __future__ import annotations

import gettext
import re
import unicodedata

import pycountry
import pymorphy3

__all__ = ["CyrillicNames"]

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_ALPHABET = re.compile(r"^[А-ЩЬЮЯЄІЇҐЁЪЫЭа-щьюяєіїґёъыэ'’ʼ -]+$")
_UK_ONLY = re.compile(r"[іїєґІЇЄҐ'’ʼ]")
_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_PROPER = {"Surn", "Name", "Patr", "Geox", "Orgn", "Trad", "Abbr"}


def _strip_stress(name: str) -> str:
    """"Алекса́ндровск" -> "Александровск" (stress marks only: ї, й and ё keep theirs)."""
    return unicodedata.normalize("NFC", re.sub("[\u0300\u0301]", "", unicodedata.normalize("NFD", name)))


class CyrillicNames:
    def __init__(self) -> None:
        self.morph = {"uk": pymorphy3.MorphAnalyzer(lang="uk"),
                      "ru": pymorphy3.MorphAnalyzer(lang="ru")}
        self.iso = {lang: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])
                    for lang in ("uk", "ru")}

    def names_of(self, alternates: list[str]) -> list[str]:
        """The Ukrainian- and Russian-alphabet names among GeoNames' alternate names."""
        out = []
        for a in alternates:
            a = _strip_stress(a).strip()
            if len(a) < 3 or not _ALPHABET.match(a):
                continue
            words = re.split(r"[ -]", a)
            if all(w[:1].isupper() for w in words if w):
                out.append(a)
        return out

    def unit_names(self, code: str) -> set[str]:
        """The Ukrainian and Russian names of a first-level unit (ISO 3166-2:UA code)."""
        unit = pycountry.subdivisions.get(code=code)
        names = set()
        for t in self.iso.values():
            name = t.gettext(unit.name)
            if name != unit.name:
                names.add(name)
        return names

    def unit_adjectives(self, code: str) -> list[str]:
        """The adjective of a unit's Ukrainian and Russian names in every case ("Київська
        область" -> "Київська", "Київської", "Київській", ...), for "у Київській, Житомирській
        та Рівненській областях"."""
        out: set[str] = set()
        for name in self.unit_names(code):
            words = name.split()
            if len(words) == 2 and words[1] in ("область", "область"):
                for lang in self._langs(words[0]):
                    out |= self.inflect(words[0], lang)
        return sorted(out)

    def _langs(self, name: str) -> tuple[str, ...]:
        """The languages a name is written in: by its letters, else by which dictionary
        knows all its words, else both (a village neither knows)."""
        if _UK_ONLY.search(name):
            return ("uk",)
        if _RU_ONLY.search(name):
            return ("ru",)
        words = [w.lower() for w in re.split(r"[ -]", name) if w]
        known = tuple(lang for lang in ("uk", "ru")
                      if all(self.morph[lang].word_is_known(w) for w in words))
        return known or ("uk", "ru")

    def _common_word(self, name: str) -> bool:
        if " " in name or "-" in name:
            return False
        low = name.lower()
        return any(lang_m.word_is_known(low) and any(
            p.normal_form == low and not (_PROPER & p.tag.grammemes) for p in lang_m.parse(low))
            for lang in self._langs(name) for lang_m in [self.morph[lang]])

    def _adjective(self, name: str) -> bool:
        """A one-word name the analyser reads as an adjective ("Шевченкове", "Дніпровське")."""
        if " " in name or "-" in name:
            return False
        return any(self._pick(self.morph[lang], name, True) is not None
                   and self._pick(self.morph[lang], name, True).tag.POS == "ADJF"
                   for lang in self._langs(name))

    @staticmethod
    def _pick(morph, word: str, single: bool):
        parses = [p for p in morph.parse(word) if "nomn" in p.tag and p.tag.POS in ("NOUN", "ADJF")]
        if not parses:
            return None

        def rank(p):
            t = p.tag
            return ("Geox" in t, single and t.POS == "NOUN", not (_PROPER - {"Geox"}) & t.grammemes,
                    p.score)
        return max(parses, key=rank)

    def inflect(self, name: str, lang: str) -> set[str]:
        """Every case form of one name in one language (the name itself at least)."""
        morph = self.morph[lang]
        name = name.replace("’", "'").replace("ʼ", "'")   # the gazetteer's apostrophe
        parts = re.split(r"([ -])", name)
        words = [w for w in parts if w not in (" ", "-")]
        parses = {w: self._pick(morph, w, len(words) == 1) for w in words}
        out = {name}
        if any(p is None for p in parses.values()):
            return out
        for case in CASES:
            built = []
            for w in parts:
                if w in (" ", "-"):
                    built.append(w)
                    continue
                p = parses[w]
                f = p.inflect({case}) or (p.inflect({case, "inan"}) if case == "accs" else None)
                if f is None:
                    break
                form = f.word
                built.append(form[:1].upper() + form[1:] if w[:1].isupper() else form)
            else:
                out.add("".join(built))
        return out

    def forms(self, names, common_ok: bool) -> list[str]:
        """All case forms of the names, sorted; with ``common_ok`` False a name that is an
        everyday word gives none."""
        out: set[str] = set()
        for name in names:
            if not common_ok and self._common_word(name):
                continue
            if self._adjective(name):
                out.add(name)   # "Шевченкове": its "у Шевченковому" is a city district's too
                continue
            for lang in self._langs(name):
                out |= self.inflect(name, lang)
        return sorted({f.replace("’", "'").replace("ʼ", "'") for f in out})
