"""`strikeledger eval`: extract a gold folder and score it with the evaluation scorer."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .console import library_errors
from .options import AsJson


def evaluate(
    gold_dir: Annotated[Path, typer.Argument(
        metavar="GOLD_DIR", show_default=False, help="folder of NAME.txt + NAME.gold.json")],
    scorer: Annotated[Optional[Path], typer.Option(
        "--scorer", metavar="FILE", show_default=False,
        help="score.py (default: found beside the gold folder or ../shared/eval)")] = None,
    per_report: Annotated[bool, typer.Option(
        "--per-report", help="list each report's missed and spurious figures")] = False,
    as_json: AsJson = False,
) -> None:
    """Extract a gold folder and print the scores of the evaluation scorer."""
    from ..evaluate import run_scorer
    with library_errors():
        run_scorer(gold_dir, scorer, per_report=per_report, as_json=as_json)
