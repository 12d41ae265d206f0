"""Generate data/{uk,ru}/forms.json: every inflected form of the vocabulary's lemmas.

Ukrainian and Russian inflect numbers and nouns for case, number and gender ("п'ять",
"п'ятьма", "п'ятьох"; "сотня", "сотнею", "сотень"). The hand-kept vocabulary files list
dictionary forms only; this script asks the morphological analyser pymorphy3 (with the
registry dictionaries pymorphy3-dicts-uk and pymorphy3-dicts-ru) for each lemma's lexeme
and writes the forms beside the vocabulary, so that extraction needs no analyser at run
time: a dictionary look-up per word, nothing loaded but a small JSON file (measured in
benchmarks/bench_morphology.py against analysing at run time).

Which lemmas: the '~' entries of every other data/LANG/*.json and the change_verbs of
data/LANG/quantities.json (every form of every reading of the word), and every word of data/LANG/quantities.json (numerals, counting nouns, vague
words, units, months), each in one part of speech
(numerals NUMR, nouns NOUN; the file's "pos" names others: Ukrainian "кілька" is a
pronoun, not the fish), so that only that reading's forms are taken. Apostrophes are written as ASCII "'" and ё as е (the extractor folds text the same way).

Run:  .venv/bin/python scripts/build_morphology.py        (needs the [build] extra)
      .venv/bin/python scripts/build_morphology.py --check  (exit 1 if a file is stale)
The output is deterministic: sorted lemmas and forms.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "strikeledger" / "data"
LANGS = ("uk", "ru")


_POS = {"numbers": "NUMR", "counting_nouns": "NOUN", "units": "NOUN", "months": "NOUN"}
# verbs: the analyser files infinitives under INFN (Russian) or VERB (Ukrainian)


def _lemmas(vocab: dict) -> dict[str, str]:
    """lemma -> the part of speech whose forms are wanted ("pos" overrides the key's)."""
    out: dict[str, str] = {}
    for key, pos in _POS.items():
        out.update({w: pos for w in vocab[key]})
    for entry in vocab["vague"]:
        out.update({w: out.get(w, "NUMR") for w in entry["lemmas"]})
    out.update(vocab.get("pos", {}))
    return out


def cue_lemmas(cues: dict) -> list[str]:
    """The '~' entries of a vocabulary file (list items and table keys): words whose every
    form is meant."""
    def words(v):
        if isinstance(v, str):
            yield v
        elif isinstance(v, list):
            for x in v:
                yield from words(x)
        elif isinstance(v, dict):
            for k, x in v.items():
                yield k
                yield from words(x)
    return sorted({w[1:].split("/")[0] for w in words(cues) if w.startswith("~")})


def any_reading(morph, lemma: str) -> dict[str, list[str]]:
    """Every form of every reading whose dictionary form is the lemma ("збити": "збив",
    "збили", "збито", ...; "поранений": "поранені", "поранених", ...)."""
    key = lemma.replace("ё", "е")
    parses = [p for p in morph.parse(lemma) if p.normal_form.replace("ё", "е") == key]
    if not parses:
        raise SystemExit(f"{lemma!r}: the analyser knows no reading of it")
    sg, pl = {lemma}, set()
    for p in parses:
        for f in p.lexeme:
            if _UNREPORTED & f.tag.grammemes:
                continue
            word = f.word.replace("’", "'").replace("ʼ", "'").replace("ё", "е")
            (pl if "plur" in f.tag else sg).add(word)
    return {"sg": sorted(sg), "pl": sorted(pl)}


# verb forms no report uses ("збий!", "зіб'ю", "збиваєш"): left out, which keeps the cue
# patterns small (they are compiled at start-up)
_UNREPORTED = {"impr", "1per", "2per", "excl"}


def _lenient(vocab: dict) -> dict[str, str]:
    """Halves and fixed amounts: inflected where the analyser knows them ("полтора",
    "полутора"), else only as written ("пів")."""
    return {**{w: "NUMR" for w in vocab["halves"]}, **{w: "NOUN" for w in vocab["fixed"]}}


def lexeme(morph, lemma: str, pos: str, strict: bool = True) -> dict[str, list[str]] | None:
    """The forms of one lemma: "sg" those with a singular (or no number) reading, "pl"
    those with a plural reading. A form can be both ("сотні": of a hundred / hundreds)."""
    parses = [p for p in morph.parse(lemma)
              if p.normal_form == lemma and p.tag.POS == pos]
    if not parses:
        if not strict:
            return None
        raise SystemExit(f"{lemma!r}: the analyser knows no {pos} reading of it")
    sg, pl = set(), set()
    for p in parses:
        for f in p.lexeme:
            if f.tag.POS != pos:
                continue
            word = f.word.replace("’", "'").replace("ʼ", "'").replace("ё", "е")
            (pl if "plur" in f.tag else sg).add(word)
    sg.add(lemma)
    return {"sg": sorted(sg), "pl": sorted(pl)}


def build(lang: str) -> dict:
    import pymorphy3

    morph = pymorphy3.MorphAnalyzer(lang=lang)
    vocab = json.loads((DATA / lang / "quantities.json").read_text(encoding="utf-8"))
    forms = {lemma: lexeme(morph, lemma, pos) for lemma, pos in _lemmas(vocab).items()}
    for lemma, pos in _lenient(vocab).items():
        found = lexeme(morph, lemma, pos, strict=False)
        if found is not None:
            forms[lemma] = found
    cue_files = [p for p in sorted((DATA / lang).glob("*.json"))
                 if p.name not in ("forms.json", "quantities.json")]
    lemmas = {w for p in cue_files for w in cue_lemmas(json.loads(p.read_text(encoding="utf-8")))}
    for lemma in sorted(lemmas | set(vocab.get("change_verbs", []))):
        found = any_reading(morph, lemma)
        if lemma in forms:
            found = {k: sorted(set(found[k]) | set(forms[lemma][k])) for k in ("sg", "pl")}
        forms[lemma] = found
    forms = dict(sorted(forms.items()))
    return {"_doc": f"Generated by scripts/build_morphology.py from data/{lang}/quantities.json "
                    f"and figure_cues.json "
                    f"with pymorphy3 and pymorphy3-dicts-{lang}. Do not edit by hand.",
            "forms": forms}


def dump(doc: dict) -> str:
    rows = [f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
            for k, v in doc["forms"].items()]
    return ('{"_doc": ' + json.dumps(doc["_doc"], ensure_ascii=False) + ',\n"forms": {\n'
            + ",\n".join(rows) + "\n}}\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only check that the files are current")
    args = ap.parse_args(argv)
    stale = []
    for lang in LANGS:
        out = DATA / lang / "forms.json"
        text = dump(build(lang))
        if args.check:
            if not out.exists() or out.read_text(encoding="utf-8") != text:
                stale.append(str(out.relative_to(ROOT)))
        else:
            out.write_text(text, encoding="utf-8")
            sys.stderr.write(f"wrote {out.relative_to(ROOT)}\n")
    if stale:
        sys.stderr.write("stale, rebuild with scripts/build_morphology.py: " + ", ".join(stale) + "\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
