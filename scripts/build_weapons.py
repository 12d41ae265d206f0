#!/usr/bin/env python3
"""Build src/strikeledger/data/weapons.json from the reference weapon list.

    python scripts/build_weapons.py [PATH/TO/missiles_and_uavs.csv]

One entry per canonical ``model`` label of the CSV (combined "A and B" labels are
skipped: they name counts, not weapon types), with a coarse category, a family (the
spelling-independent identity the scorer compares) and the spellings reports use. The
spellings are the hand-written table below: the CSV's Latin "X-"/"C-" labels stand for
the Kh-/S- designations that English reports write. Weapons that reports name but the
CSV lacks (KAB glide bombs, Oreshnik) are added under their common name, as CONTRACT.md
asks. The Cyrillic names of Ukrainian and Russian reports (table CYRILLIC) are added to
the same entries, one-word names in every case form (pymorphy3, the [build] extra).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CSV = ROOT.parent / "shared" / "data" / "missiles_and_uavs.csv"
OUT = ROOT / "src" / "strikeledger" / "data" / "weapons.json"

# CSV category -> contract category.
CATEGORY = {
    "UAV": "drone",
    "cruise missile": "missile",
    "ballistic missile": "missile",
    "surface-to-air missile": "missile",
    "surface-to-air and ballistic": "missile",
    "guided bomb": "bomb",
}

# Labels that name no weapon type: kept (so every label resolves) but never matched in text.
GENERIC = {"Ballistic Missile", "Unknown Missile", "Unknown UAV", "Reconnaissance UAV"}

# canonical label -> (family, spellings seen in English reports). The label itself is
# always a spelling too. Plurals ("Shaheds", "Kh-101s") are handled by the matcher.
VARIANTS: dict[str, tuple[str, list[str]]] = {
    "Shahed-136/131": ("shahed", [
        "Shahed", "Shahed-136", "Shahed-131", "Shahed 136", "Shahed 131", "Shahed-136/131",
        "Shahid", "Shahed-136/131-type", "Geran", "Geran-1", "Geran-2", "Geran-3",
        "Gerbera", "Iranian-made Shahed", "Shahed-238", "Shahed-type"]),
    "Lancet": ("lancet", ["Lancet", "Lancet-3"]),
    "Kub": ("kub", ["KUB-BLA", "Kub-BLA"]),
    "Orlan-10": ("orlan", ["Orlan-10", "Orlan"]),
    "Orlan-30": ("orlan", ["Orlan-30"]),
    "Supercam": ("supercam", ["Supercam", "SuperCam"]),
    "ZALA": ("zala", ["ZALA"]),
    "Eleron": ("eleron", ["Eleron", "Eleron-3"]),
    "Forpost": ("forpost", ["Forpost"]),
    "Granat-4": ("granat", ["Granat-4"]),
    "Merlin-VR": ("merlin-vr", ["Merlin-VR"]),
    "Mohajer-6": ("mohajer", ["Mohajer-6", "Mohajer"]),
    "Orion": ("orion", ["Orion drone", "Inokhodets"]),
    "Молнія": ("molniya", ["Molniya", "Molnia", "Molniya-2", "Молния"]),
    "Intercontinental Ballistic Missile": ("icbm", [
        "intercontinental ballistic missile", "ICBM", "RS-26 Rubezh", "RS-26"]),
    "Iskander-M": ("iskander-m", ["Iskander-M", "Iskander", "9M723"]),
    "Iskander-M/KN-23": ("iskander-m", ["Iskander-M/KN-23", "Iskander-M and KN-23"]),
    "KN-23": ("iskander-m", ["KN-23", "Hwasong-11", "KN-23/24"]),
    "X-47 Kinzhal": ("kinzhal", [
        "Kinzhal", "Kh-47M2 Kinzhal", "Kh-47 Kinzhal", "Kh-47", "Kh-47M2", "X-47", "X-47M2",
        "X-47M2 Kinzhal"]),
    "3M22 Zircon": ("zircon", ["Zircon", "Tsirkon", "Zirkon", "3M22", "3M22 Tsirkon"]),
    "Banderol": ("banderol", ["Banderol"]),
    "Iskander-K": ("iskander-k", ["Iskander-K", "9M728", "9M729"]),
    "Kalibr": ("kalibr", ["Kalibr", "Kalibr-NK", "3M-14", "3M14", "3M-14 Kalibr"]),
    "P-800 Oniks": ("oniks", ["Oniks", "Onyx", "P-800", "P-800 Onyx", "Yakhont"]),
    "X-101/X-555": ("kh-101", [
        "Kh-101", "Kh-555", "Kh-101/Kh-555", "Kh-101/555", "Kh-101 and Kh-555",
        "X-101", "X-555", "Kh-101/X-555", "Kh-102"]),
    "X-22": ("kh-22", ["Kh-22"]),
    "X-32": ("kh-22", ["Kh-32"]),
    "X-31": ("kh-31", ["Kh-31"]),
    "X-31P": ("kh-31", ["Kh-31P", "Kh-31PM"]),
    "X-31PD": ("kh-31", ["Kh-31PD"]),
    "X-35": ("kh-35", ["Kh-35", "Kh-35U"]),
    "X-59": ("kh-59", ["Kh-59", "Kh-59M", "Kh-59 Ovod"]),
    "X-59/X-69": ("kh-59", ["Kh-59/69", "Kh-59/Kh-69", "Kh-59/X-69", "X-59/69"]),
    "X-59MK2": ("kh-59", ["Kh-59MK2"]),
    "X-69": ("kh-59", ["Kh-69"]),
    "GBU": ("guided-bomb", ["GBU"]),
    "C-300": ("s-300", ["S-300"]),
    "C-400": ("s-300", ["S-400", "S-400 Triumf"]),
    "C-300/C-400": ("s-300", ["S-300/S-400", "S-300/400", "S-300 and S-400", "S-300/C-400"]),
}

# Weapons reports name that the CSV lacks: common name -> (category, family, spellings).
EXTRA: dict[str, tuple[str, str, list[str]]] = {
    "KAB": ("bomb", "guided-bomb", [
        "KAB", "KAB-250", "KAB-500", "KAB-1500", "guided aerial bomb", "guided air bomb",
        "guided bomb", "glide bomb", "UMPK", "FAB-250", "FAB-500", "FAB-1500", "FAB-3000"]),
    "Oreshnik": ("missile", "oreshnik", ["Oreshnik"]),
}


# canonical label -> the Cyrillic names Ukrainian and Russian reports use (CONTRACT.md v1.1:
# "Шахед", "Герань-2" -> Shahed-136/131, "Х-101" -> X-101/X-555, ...). A one-word name is
# inflected into every case and number by pymorphy3 ("шахедів", "Калібрами", "Кинджалів");
# designations ("Х-101", "Іскандер-М") are written as they are.
CYRILLIC: dict[str, list[str]] = {
    "Shahed-136/131": ["Шахед", "Шахед-136", "Шахед-131", "Шахед-136/131", "Герань", "Герань-2",
                       "Герань-1", "Гербера"],
    "X-101/X-555": ["Х-101", "Х-555", "Х-101/Х-555", "Х-101/555", "Х-102"],
    "X-22": ["Х-22"], "X-32": ["Х-32"], "X-31": ["Х-31"], "X-31P": ["Х-31П", "Х-31ПМ"],
    "X-35": ["Х-35", "Х-35У"], "X-59": ["Х-59", "Х-59М"], "X-59/X-69": ["Х-59/69", "Х-59/Х-69"],
    "X-69": ["Х-69"], "X-59MK2": ["Х-59МК2"],
    "X-47 Kinzhal": ["Кинджал", "Кинжал", "Х-47", "Х-47М2"],
    "3M22 Zircon": ["Циркон", "3М22"],
    "Kalibr": ["Калібр", "Калибр"],
    "Iskander-M/KN-23": ["Іскандер-М", "Искандер-М", "Іскандер", "Искандер", "КН-23"],
    "Iskander-K": ["Іскандер-К", "Искандер-К"],
    "P-800 Oniks": ["Онікс", "Оникс", "П-800"],
    "C-300": ["С-300"], "C-400": ["С-400"], "C-300/C-400": ["С-300/С-400", "С-300/400"],
    "Lancet": ["Ланцет"], "Orlan-10": ["Орлан-10"], "Supercam": ["Суперкам"],
    "KAB": ["КАБ", "КАБ-250", "КАБ-500", "КАБ-1500", "УМПК", "ФАБ-250", "ФАБ-500", "ФАБ-1500"],
}


def cyrillic_forms(names: list[str]) -> list[str]:
    """The names with every form of the one-word ones (the analyser of the name's language)."""
    import pymorphy3

    morph = {lang: pymorphy3.MorphAnalyzer(lang=lang) for lang in ("uk", "ru")}
    out = []
    for name in names:
        out.append(name)
        if not name.isalpha() or name.isupper():
            continue   # designations and acronyms stay as written
        for m in morph.values():
            for p in m.parse(name.lower()):
                if p.tag.POS == "NOUN" and p.normal_form == name.lower():
                    out.extend(f.word for f in p.lexeme)
    forms = []
    for f in out:   # keep the capital of the name ("Калібрами"); the matcher ignores case
        f = f[:1].upper() + f[1:] if not f[:1].isupper() else f
        if f not in forms:
            forms.append(f)
    return forms


def _clean(label: str) -> str:
    return " ".join(label.split())


def build(csv_path: Path) -> list[dict]:
    with csv_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    entries: list[dict] = []
    seen: set[str] = set()
    for row in rows:
        label = _clean(row["model"])
        if " and " in label or label in seen:
            continue
        seen.add(label)
        csv_category = _clean(row["category"])
        if csv_category not in CATEGORY:
            sys.exit(f"{csv_path}: unknown category {csv_category!r} for {label!r}")
        generic = label in GENERIC
        family, spellings = VARIANTS.get(label, (label.lower(), []))
        variants = [] if generic else list(dict.fromkeys([label, *spellings]))
        entries.append({
            "canonical": label,
            "category": CATEGORY[csv_category],
            "family": family,
            "generic": generic,
            "csv_category": csv_category,
            "origin": _clean(row.get("national_origin") or "") or None,
            "variants": variants,
        })
    unknown = sorted(set(VARIANTS) - seen)
    if unknown:
        sys.exit(f"{csv_path}: variant table names labels the CSV lacks: {unknown}")
    for name, (category, family, spellings) in EXTRA.items():
        entries.append({
            "canonical": name, "category": category, "family": family, "generic": False,
            "csv_category": None, "origin": "russia",
            "variants": list(dict.fromkeys([name, *spellings])),
        })
    by_name = {e["canonical"]: e for e in entries}
    for name, names in CYRILLIC.items():
        if name not in by_name:
            sys.exit(f"CYRILLIC names {name!r}, which is no weapon")
        by_name[name]["variants"] = list(dict.fromkeys(by_name[name]["variants"] + cyrillic_forms(names)))
    return entries


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", type=Path, nargs="?", default=DEFAULT_CSV)
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    entries = build(a.csv)
    doc = {
        "_doc": "Weapon types: built by scripts/build_weapons.py from shared/data/missiles_and_uavs.csv "
                "(one entry per model label, combined 'A and B' labels skipped) plus the hand-written "
                "spellings of English reports and the Cyrillic names of Ukrainian and Russian ones "
                "(inflected by pymorphy3). Do not edit by hand; edit the script and rebuild.",
        "weapons": entries,
    }
    a.out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(entries)} weapons to {a.out}")


if __name__ == "__main__":
    main()
