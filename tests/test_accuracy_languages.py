"""Accuracy in Ukrainian and Russian pinned (issue 14), in the style of test_accuracy.py.

Issue 14's targets: figures strict F1 >= 0.90 (>= 0.97 on the Air Force's own summaries),
attack date >= 0.95, places hit F1 >= 0.90. Where a set has reached a target, the target
is pinned (with test_accuracy's tolerance); where it has not, the level reached less 0.005
is pinned (FLOORS), so that it cannot slip back, and the shortfall is printed as a warning
in every run: a floor is not a target met.

Two kinds of set:
- tests/cases/uk and tests/cases/ru: reports invented for these tests by people who never
  saw the rules (their READMEs list the styles and judgement calls);
- the real articles of tests/real/index.jsonl, whose texts are third-party and are not in
  the repository: these tests run where the pulled texts are (REAL_TEXTS, by default
  ../scratch/real beside the project) and are skipped elsewhere. "learn" is the part the
  rules were studied on; "holdout" (ids whose SHA-256 starts with 0-4) was never looked at
  article by article: its scores are the honest estimate.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from strikeledger.evaluate import score_folder

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
REAL_TEXTS = Path(os.environ.get("REAL_TEXTS", ROOT.parent / "scratch" / "real"))
TARGETS = {"figures_strict": 0.90, "attack_date": 0.95, "places_hit_admin1": 0.90,
           "evidence_valid": 1.00}
AIR_FORCE_TARGET = 0.97
TOLERANCE = 0.02
# the level reached where a target is not met yet (measured less 0.005)
FLOORS = {
    ("uk", "figures_strict"): 0.795,
    ("uk", "places_hit_admin1"): 0.887,
    ("ru", "figures_strict"): 0.770,
    ("real-uk-learn", "figures_strict"): 0.745,
    ("real-uk-learn", "places_hit_admin1"): 0.890,
    ("real-uk-learn", "attack_date"): 0.908,
    ("real-uk-holdout", "figures_strict"): 0.666,
    ("real-uk-holdout", "places_hit_admin1"): 0.871,
    ("real-uk-holdout", "attack_date"): 0.620,
    ("real-ru-learn", "figures_strict"): 0.741,
    ("real-ru-learn", "places_hit_admin1"): 0.866,
    ("real-ru-learn", "attack_date"): 0.923,
    ("real-ru-holdout", "figures_strict"): 0.767,
    ("real-ru-holdout", "attack_date"): 0.709,
}
# figures strict F1 on the articles relaying the Air Force's own summary (both parts)
AIR_FORCE_FLOORS = {"uk": 0.673, "ru": 0.661}


def _value(scores: dict, key: str) -> float:
    s = scores[key]
    return s["f1"] if "f1" in s else s["accuracy"]


def _check(name: str, scores: dict, key: str, target: float) -> None:
    floor = FLOORS.get((name, key))
    value = _value(scores, key)
    if value is None:
        pytest.skip(f"{name}: no {key} to score")
    if floor is not None and floor < target:
        warnings.warn(f"{name} {key} = {value:.3f}: below the target {target:.2f} "
                      f"(pinned at {floor:.3f})", UserWarning)
        assert value >= floor, f"{name} {key} = {value:.3f} fell below the level reached {floor:.3f}"
    else:
        assert value >= target - TOLERANCE, f"{name} {key} = {value:.3f}, target {target:.2f}"


@pytest.fixture(scope="module", params=["uk", "ru"])
def invented(request):
    if not SCORER.is_file():
        pytest.fail(f"the scorer {SCORER} is missing")
    scores, _ = score_folder(ROOT / "tests" / "cases" / request.param, SCORER)
    return request.param, scores


@pytest.mark.parametrize("key", sorted(TARGETS))
def test_invented_reports(invented, key):
    name, scores = invented
    _check(name, scores, key, TARGETS[key])


def _real(lang: str, part: str, airforce: bool = False) -> dict:
    if not (REAL_TEXTS / lang).is_dir():
        pytest.skip(f"the pulled real articles are not at {REAL_TEXTS} (set REAL_TEXTS)")
    args = [sys.executable, str(ROOT / "scripts" / "real_set.py"), "score", str(REAL_TEXTS),
            "--lang", lang, "--part", part, "--json"] + (["--airforce"] if airforce else [])
    out = subprocess.run(args, capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout)
    assert not result["changed_texts"] and not result["missing_texts"]
    return result


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["uk", "ru"])
@pytest.mark.parametrize("part", ["learn", "holdout"])
def test_real_articles(lang, part):
    result = _real(lang, part)
    name = f"real-{lang}-{part}"
    scores = dict(result["scores"])
    scores["attack_date"] = {"accuracy": result["dates"]["accuracy"]}
    for key in ("figures_strict", "places_hit_admin1", "attack_date", "evidence_valid"):
        _check(name, scores, key, TARGETS[key])


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_real_air_force_summaries(lang):
    result = _real(lang, "all", airforce=True)
    value = result["scores"]["figures_strict"]["f1"]
    floor = AIR_FORCE_FLOORS[lang]
    if floor < AIR_FORCE_TARGET:
        warnings.warn(f"real {lang} Air Force summaries: figures strict F1 {value:.3f}, below the "
                      f"target {AIR_FORCE_TARGET} (pinned at {floor:.3f})", UserWarning)
        assert value >= floor
    else:
        assert value >= AIR_FORCE_TARGET - TOLERANCE
