#!/usr/bin/env python3
"""The real-article sets: gold committed, text kept outside the repository.

Real published articles are third-party text. Their pulled text lives in a scratch
folder (one NAME.txt per article, exactly as pulled); the repository keeps only
``tests/real/index.jsonl``: per article its url, the query that finds it, the outlet,
publication and attack dates, the SHA-256 of the pulled text, the gold record without
any quoted text (evidence and damage are offsets into the pulled text), and the
reference dataset's launched/downed counts for the attack date.

    # gold files written beside the pulled texts -> the committed index
    python scripts/real_set.py collect /work/scratch/real/en /work/scratch/real/uk ...

    # score the extractor on the pulled texts: figures, dates, compare agreement
    python scripts/real_set.py score /work/scratch/real --lang en
    # the held-out part (never --per-report) and the part rules are learnt from
    python scripts/real_set.py score /work/scratch/real --lang uk --part holdout

``score`` rebuilds each gold file from the index and the pulled text (evidence text is
``text[start:end]``), extracts every article in-process, and prints the evaluation
scorer's figures (../shared/eval/score.py), the attack-date breakdown (right, wrong,
missed, and dated where the gold says the text gives no date), and the agreement of the
incidents' launched/downed with the reference dataset (``strikeledger compare``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import tempfile
from pathlib import Path

from strikeledger.evaluate import find_scorer, load_scorer
from strikeledger.incidents.compare import QUANTITIES, compare_reference, read_reference
from strikeledger.ingest.run import safe_extract
from strikeledger.model import Report

ROOT = Path(__file__).resolve().parents[1]
INDEX = ROOT / "tests" / "real" / "index.jsonl"
REFERENCE = ROOT.parent / "shared" / "data" / "missile_attacks_daily.csv"
FIELDS = ("id", "lang", "url", "query", "outlet", "published", "attack_date")  # annotators' notes stay in scratch


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def _offsets(ev: dict) -> dict:
    return {"start": ev["start"], "end": ev["end"]}


def strip_gold(gold: dict) -> dict:
    """The gold record without quoted text: evidence and damage become offsets."""
    out = {k: gold.get(k) for k in ("language", "source", "attack", "speakers", "weapons")}
    out["figures"] = [{**{k: v for k, v in f.items() if k != "evidence"},
                       "evidence": _offsets(f["evidence"])} for f in gold.get("figures", [])]
    out["places"] = [{**{k: v for k, v in p.items() if k != "evidence"},
                      "evidence": _offsets(p["evidence"])} for p in gold.get("places", [])]
    out["damage"] = [{"category": d["category"], "place": d.get("place"),
                      "evidence": _offsets(d["evidence"])} for d in gold.get("damage", [])]
    return out


def rebuild_gold(name: str, stripped: dict, text: str) -> dict:
    """The full gold record again, its quotes cut from the pulled text."""
    def ev(e: dict) -> dict:
        return {"start": e["start"], "end": e["end"], "text": text[e["start"]:e["end"]]}
    gold = {"report_id": name, **{k: v for k, v in stripped.items()
                                  if k not in ("figures", "places", "damage")}}
    gold["figures"] = [{**f, "evidence": ev(f["evidence"])} for f in stripped["figures"]]
    gold["places"] = [{**p, "evidence": ev(p["evidence"])} for p in stripped["places"]]
    gold["damage"] = [{"category": d["category"], "place": d.get("place"),
                       "text": text[d["evidence"]["start"]:d["evidence"]["end"]],
                       "evidence": ev(d["evidence"])} for d in stripped["damage"]]
    return gold


def _index_lines(folder: Path):
    for path in sorted(folder.glob("index*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    yield json.loads(line)
                except ValueError as exc:
                    raise SystemExit(f"{path}:{n}: not JSON: {exc}")


def collect(folders: list[Path], out: Path) -> int:
    reference, _ = read_reference(REFERENCE) if REFERENCE.exists() else ({}, {})
    entries: dict[str, dict] = {}
    for folder in folders:
        for meta in _index_lines(folder):
            name = meta["id"]
            txt, gold_path = folder / f"{name}.txt", folder / f"{name}.gold.json"
            if not (txt.exists() and gold_path.exists()):
                print(f"{folder}: {name}: no text or gold beside the index; left out", file=sys.stderr)
                continue
            text, gold = read_text(txt), json.loads(gold_path.read_text(encoding="utf-8"))
            lang = gold.get("language") or meta.get("lang") or folder.name
            attack = (gold.get("attack") or {}).get("date")
            ref = reference.get(dt.date.fromisoformat(attack)) if attack else None
            entry = {k: meta.get(k) for k in FIELDS}
            entry.update(lang=lang, attack_date=attack, text_sha256=sha256(text),
                         gold=strip_gold(gold),
                         reference={q: ref.get(q) for q in QUANTITIES} if ref else None)
            if name in entries:
                print(f"{name}: listed twice; the last one kept", file=sys.stderr)
            entries[name] = entry
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for name in sorted(entries):
            fh.write(json.dumps(entries[name], ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{out}: {len(entries)} article(s)")
    return 0


def held_out(article_id: str) -> bool:
    """The held-out part: articles whose id's SHA-256 hex digest starts with 0-4 (5/16).

    Their per-article errors are never looked at; their scores are the honest estimate.
    """
    return hashlib.sha256(article_id.encode("utf-8")).hexdigest()[0] in "01234"


def load_index(path: Path, lang: str | None, part: str = "all", airforce: bool = False) -> list[dict]:
    entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
               if line.strip()]
    keep = {"all": lambda e: True, "holdout": lambda e: held_out(e["id"]),
            "learn": lambda e: not held_out(e["id"])}[part]
    return [e for e in entries if lang in (None, e["lang"]) and keep(e)
            and (not airforce or is_airforce_summary(e))]


def is_airforce_summary(entry: dict) -> bool:
    """An article that relays the Air Force's own summary: at least half of its gold figures
    are the Air Force's (decided from the committed gold, not from the extractor)."""
    figs = entry["gold"]["figures"]
    return bool(figs) and 2 * sum(f.get("speaker") == "Ukrainian Air Force" for f in figs) >= len(figs)


def find_text(texts: Path, entry: dict) -> Path | None:
    for candidate in (texts / f"{entry['id']}.txt", texts / entry["lang"] / f"{entry['id']}.txt"):
        if candidate.exists():
            return candidate
    return None


def date_breakdown(gold: dict, preds: dict) -> dict:
    """Attack dates: right, wrong (a different date), missed (null where gold has one) and
    guessed (a date where the gold says the text gives none)."""
    out = {"right": 0, "wrong": 0, "missed": 0, "guessed": 0, "null_right": 0}
    for name, g in gold.items():
        want = (g.get("attack") or {}).get("date")
        got = ((preds.get(name) or {}).get("attack") or {}).get("date")
        if want is None:
            out["guessed" if got else "null_right"] += 1
        elif got is None:
            out["missed"] += 1
        else:
            out["right" if got == want else "wrong"] += 1
    dated = out["right"] + out["wrong"] + out["missed"]
    out["accuracy"] = round(out["right"] / dated, 4) if dated else None
    return out


def score(texts: Path, index: Path, lang: str | None, scorer: Path | None,
          as_json: bool, per_report: bool, part: str = "all", airforce: bool = False) -> int:
    if per_report and part == "holdout":
        raise SystemExit("--per-report shows single articles' errors: never for the held-out part")
    entries = load_index(index, lang, part, airforce)
    mod = load_scorer(find_scorer(ROOT / "tests", scorer))
    missing, changed = [], []
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir = Path(tmp)
        preds, pairs = {}, []
        for e in entries:
            path = find_text(texts, e)
            if path is None:
                missing.append(e["id"])
                continue
            text = read_text(path)
            if sha256(text) != e["text_sha256"]:
                changed.append(e["id"])
                continue
            (gold_dir / f"{e['id']}.txt").write_text(text, encoding="utf-8", newline="")
            (gold_dir / f"{e['id']}.gold.json").write_text(
                json.dumps(rebuild_gold(e["id"], e["gold"], text), ensure_ascii=False),
                encoding="utf-8")
            published = e.get("published")
            report = Report(report_id=e["id"], text=text, url=e.get("url"),
                            publisher=e.get("outlet"), origin=str(path),
                            published=dt.date.fromisoformat(published) if published else None)
            record = safe_extract(report)
            if isinstance(record, Exception):
                print(record, file=sys.stderr)
                continue
            preds[e["id"]] = json.loads(record.to_json())
            pairs.append((report, record))
        gold = mod.load_gold(gold_dir)
        problems = mod.check_gold(gold)
        scores, per = mod.score(gold, preds)
    comparison = compare_reference(pairs, REFERENCE) if REFERENCE.exists() and pairs else None
    result = {
        "articles": len(gold), "lang": lang or "all", "part": part + (", Air Force summaries" if airforce else ""),
        "missing_texts": missing, "changed_texts": changed, "gold_problems": problems,
        "scores": scores, "dates": date_breakdown(gold, preds),
        "compare": None if comparison is None else {
            "compared": comparison.compared, "agreed": comparison.agreed,
            "rate": None if comparison.rate is None else round(comparison.rate, 4),
            # per-date disagreements point at single articles: not for the held-out part
            "disagreements": [] if part == "holdout" else [
                {"date": str(r.date), "kind": q, "store": r.store[q], "reference": r.reference[q]}
                for r in comparison.rows for q in QUANTITIES if r.agree[q] is False]},
    }
    if per_report:
        # held-out articles' errors are never listed, whatever the part
        result["per_report"] = {k: v for k, v in per.items()
                                if (v["missed"] or v["spurious"]) and not held_out(k)}
    if as_json:
        print(json.dumps(result, indent=1, default=str))
    else:
        _print(result)
    return 0 if not problems else 1


def _print(r: dict) -> None:
    s = r["scores"]
    print(f"articles: {r['articles']} ({r['lang']}, {r['part']}); texts missing {len(r['missing_texts'])}, "
          f"changed since the gold was written {len(r['changed_texts'])}")
    for p in r["gold_problems"]:
        print(f"  gold problem: {p}")
    for k in ("figures_strict", "figures_loose", "places_hit_admin1", "damage_categories", "weapons"):
        v = s[k]
        print(f"{k:20} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}")
    for k in ("weapon", "place", "speaker", "scope", "evidence_valid"):
        v = s[k]
        acc = "-" if v["accuracy"] is None else f"{v['accuracy']:.3f}"
        print(f"{k:20} accuracy {acc}  (n={v['n']})")
    d = r["dates"]
    print(f"{'attack_date':20} accuracy {d['accuracy']}: right {d['right']}, wrong {d['wrong']}, "
          f"missed {d['missed']}; undated in gold: null {d['null_right']}, guessed {d['guessed']}")
    c = r["compare"]
    if c is not None:
        print(f"{'compare':20} agreement {c['rate']} ({c['agreed']}/{c['compared']} cells within 5%)")
        for x in c["disagreements"]:
            print(f"  {x['date']} {x['kind']}: store {x['store']}, reference {x['reference']}")
    for name, v in r.get("per_report", {}).items():
        print(f"  {name}: missed {v['missed']} spurious {v['spurious']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("collect", help="gold files beside pulled texts -> the committed index")
    c.add_argument("folders", nargs="+", type=Path)
    c.add_argument("-o", "--out", type=Path, default=INDEX)
    s = sub.add_parser("score", help="score the extractor on the pulled texts")
    s.add_argument("texts", type=Path, help="folder of pulled texts (NAME.txt, or LANG/NAME.txt)")
    s.add_argument("--index", type=Path, default=INDEX)
    s.add_argument("--lang", choices=("en", "uk", "ru"))
    s.add_argument("--scorer", type=Path)
    s.add_argument("--json", action="store_true")
    s.add_argument("--per-report", action="store_true", help="learn-part articles only; not with --part holdout")
    s.add_argument("--part", choices=("all", "learn", "holdout"), default="all",
                   help="holdout: ids whose SHA-256 starts with 0-4; learn: the rest")
    s.add_argument("--airforce", action="store_true",
                   help="only articles relaying the Air Force's own summary (by their gold)")
    a = ap.parse_args(argv)
    if a.cmd == "collect":
        return collect(a.folders, a.out)
    return score(a.texts, a.index, a.lang, a.scorer, a.json, a.per_report, a.part, a.airforce)


if __name__ == "__main__":
    sys.exit(main())
