"""Evaluation: extract a gold folder and score it with the project's scorer.

The scorer (../shared/eval/score.py) is evaluation material owned outside this
package; it is loaded from disk at run time, never copied in.
"""
from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path
from types import ModuleType

from .errors import StrikeledgerError
from .extract.pipeline import extract_many
from .ingest.readers import read_reports


def find_scorer(gold_dir: Path, scorer: Path | None = None) -> Path:
    if scorer is not None:
        if not scorer.is_file():
            raise StrikeledgerError(f"{scorer}: scorer not found")
        return scorer
    candidates = [p / "score.py" for p in [gold_dir, *gold_dir.resolve().parents][:4]]
    here = Path(__file__).resolve()
    candidates += [Path.cwd().parent / "shared" / "eval" / "score.py",
                   here.parents[3] / "shared" / "eval" / "score.py" if len(here.parents) > 3 else Path("/nonexistent")]
    for c in candidates:
        if c.is_file():
            return c
    raise StrikeledgerError(f"no score.py beside {gold_dir} or in ../shared/eval; give --scorer")


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("strikeledger_scorer", path)
    if spec is None or spec.loader is None:
        raise StrikeledgerError(f"{path}: cannot load scorer")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def predict_folder(gold_dir: Path) -> list[str]:
    """JSONL lines of the records of every NAME.txt that has a NAME.gold.json."""
    if not gold_dir.is_dir():
        raise StrikeledgerError(f"{gold_dir}: not a folder")
    names = sorted(p.name[: -len(".gold.json")] for p in gold_dir.glob("*.gold.json"))
    if not names:
        raise StrikeledgerError(f"{gold_dir}: no *.gold.json files")
    files = [gold_dir / f"{n}.txt" for n in names if (gold_dir / f"{n}.txt").exists()]
    return [rec.to_json() for _, rec in extract_many(read_reports(files))]


def score_folder(gold_dir: Path, scorer: Path | None = None) -> tuple[dict, dict]:
    """(scores, per_report) of the extractor on a gold folder, as the scorer computes them."""
    mod = load_scorer(find_scorer(gold_dir, scorer))
    import json
    preds = {}
    for line in predict_folder(gold_dir):
        rec = json.loads(line)
        preds[str(rec["report_id"])] = rec
    return mod.score(mod.load_gold(gold_dir), preds)


def run_scorer(gold_dir: Path, scorer: Path | None = None, *, per_report: bool = False,
               as_json: bool = False) -> None:
    """Print the scorer's own report for the extractor's predictions on `gold_dir`."""
    path = find_scorer(gold_dir, scorer)
    mod = load_scorer(path)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.write("\n".join(predict_folder(gold_dir)) + "\n")
        tmp = f.name
    argv = [str(gold_dir), tmp] + (["--per-report"] if per_report else []) + (["--json"] if as_json else [])
    try:
        mod.main(argv)
    finally:
        Path(tmp).unlink(missing_ok=True)
