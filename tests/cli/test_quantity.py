"""`strikeledger quantity`: one quantity phrase as JSON."""
from __future__ import annotations

import json

from cli_data import run


def test_reads_a_phrase():
    result = run("quantity", "at least 40")
    assert json.loads(result.stdout) == {"value": 40, "qualifier": "at_least", "low": 40,
                                         "high": None}


def test_vague_amount_and_no_amount():
    assert json.loads(run("quantity", "several").stdout) == {
        "value": None, "qualifier": "vague", "low": 3, "high": None}
    assert run("quantity", "no figure here").stdout.strip() == "null"
