"""README "How it reads a report": its annotator table is pipeline.ANNOTATORS, in order.

The table names each annotator, its module and what it assigns, taken from the
annotator's own declaration, and the vocabulary files it reads, which must exist.
"""
from __future__ import annotations

from pathlib import Path

from strikeledger.extract.pipeline import ANNOTATORS

ROOT = Path(__file__).resolve().parents[2]
DATA_EN = ROOT / "src" / "strikeledger" / "data" / "en"


def _table() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("<!-- annotators:")
    block = text[start:text.index("<!-- /annotators -->", start)]
    rows = [line for line in block.splitlines() if line.startswith("| ")][1:]  # no header
    return [[cell.strip().strip("`") for cell in row.strip().strip("|").split("|")] for row in rows]


def _module(annotator) -> str:
    module = annotator.run.__module__.removeprefix("strikeledger.extract.")
    return module.split(".")[0]  # figures/__init__ -> figures


def test_readme_table_is_the_annotator_list():
    expected = [[str(i), a.name, _module(a), ", ".join(a.assigns)]
                for i, a in enumerate(ANNOTATORS, 1)]
    assert [row[:4] for row in _table()] == expected


def test_readme_table_names_existing_vocabulary_files():
    for row in _table():
        for name in row[4].split(","):
            name = name.strip().strip("`")
            if not name.endswith(".json"):  # a model, not a data file: "(lingua, ...)"
                continue
            assert (DATA_EN / name).resolve().is_file(), f"README names {name} for {row[1]}"
