"""Issue 18, finding 4: the readers take the same field limits as the API (one place)."""
from __future__ import annotations

import json

import pytest

from strikeledger.errors import InputError
from strikeledger.ingest.readers import read_reports
from strikeledger.limits import LIMITS

TEXT = "Russia launched 12 drones at Sumy overnight."


def _one(path):
    [got] = list(read_reports([path]))
    return got


@pytest.mark.parametrize("field", ["id", "url", "publisher", "text"])
def test_jsonl_field_over_its_limit_is_an_error_naming_file_line_and_field(tmp_path, field):
    row = {"id": "a", "text": TEXT, field: "y" * (LIMITS[field] + 1)}
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": TEXT}) + "\n" + json.dumps(row) + "\n")
    ok, bad = list(read_reports([path]))
    assert ok.report_id == "ok"
    assert isinstance(bad, InputError) and bad.line == 2 and bad.path == str(path)
    assert f"'{field}'" in bad.message and f"{LIMITS[field]:,}" in bad.message


def test_csv_id_over_its_limit(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_text("id,text\n" + "z" * (LIMITS["id"] + 1) + f",{TEXT}\n")
    got = _one(path)
    assert isinstance(got, InputError) and "'id'" in got.message and got.line == 2


def test_fields_at_their_limits_are_taken(tmp_path):
    row = {f: "q" * LIMITS[f] for f in ("id", "url", "publisher")}
    row["text"] = (TEXT + " ") * (LIMITS["text"] // (len(TEXT) + 1))
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(row) + "\n")
    got = _one(path)
    assert not isinstance(got, InputError), got
    assert got.report_id == row["id"]


def test_a_text_file_over_the_text_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Kyiv. " * (LIMITS["text"] // 6 + 1))
    got = _one(path)
    assert isinstance(got, InputError) and "'text'" in got.message and got.path == str(path)


def test_a_text_file_name_over_the_id_limit(tmp_path):
    path = tmp_path / ("n" * (LIMITS["id"] + 1) + ".txt")
    path.write_text(TEXT)
    got = _one(path)
    assert isinstance(got, InputError) and "'id'" in got.message
