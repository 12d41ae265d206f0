"""`strikeledger eval`: extract a gold folder and print the scorer's figures.

Uses the evaluation scorer at ../shared/eval/score.py (read at run time, as
tests/test_accuracy.py does) on two of our own invented gold reports.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_data import run

ROOT = Path(__file__).resolve().parents[2]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
OWN = ROOT / "tests" / "cases" / "reports"


@pytest.fixture
def gold(tmp_path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    for gold_file in sorted(OWN.glob("*.gold.json"))[:2]:
        stem = gold_file.name[:-len(".gold.json")]
        shutil.copy(gold_file, folder)
        shutil.copy(OWN / f"{stem}.txt", folder)
    return folder


@pytest.mark.skipif(not SCORER.exists(), reason="the evaluation scorer is not beside the repo")
def test_scores_as_json(gold):
    result = run("eval", gold, "--scorer", SCORER, "--json")
    assert result.exit_code == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores  # the scorer's own report, parsed
    assert "figures" in json.dumps(scores)


def test_missing_scorer_is_one_line(gold, tmp_path):
    result = run("eval", gold, "--scorer", tmp_path / "none.py")
    assert result.exit_code == 1
    assert "scorer not found" in result.stderr
