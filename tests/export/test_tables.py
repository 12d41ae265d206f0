"""Round trips of the CSV, JSONL and Parquet tables, and opening them as a user would."""
import datetime as dt
import json

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strikeledger.errors import InputError
from strikeledger.export import SCHEMAS, TABLE_NAMES, export, read_table
from strikeledger.export.formats import READERS, WRITERS

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
_VALUES = {
    "str": _TEXT,
    "int": st.integers(min_value=-(2 ** 62), max_value=2 ** 62),
    "float": st.floats(allow_nan=False, allow_infinity=False),
    "bool": st.booleans(),
    "date": st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
}


def rows_of(schema):
    row = st.fixed_dictionaries({c: st.none() | _VALUES[t] for c, t in schema.items()})
    return st.lists(row, max_size=5)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("table", TABLE_NAMES)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_write_then_read_back_equals(tmp_path, fmt, table, data):
    rows = data.draw(rows_of(SCHEMAS[table]))
    path = tmp_path / f"{table}.{fmt}"
    WRITERS[fmt](rows, SCHEMAS[table], path)
    assert READERS[fmt](path, SCHEMAS[table]) == rows


def test_export_writes_one_file_per_table_that_pandas_and_duckdb_open(tmp_path, incidents):
    written = export(incidents, "parquet", tmp_path / "out")
    assert sorted(p.name for p in written) == sorted(f"{t}.parquet" for t in TABLE_NAMES)
    claims = pd.read_parquet(tmp_path / "out" / "claims.parquet")
    assert len(claims) == 9
    nearly = claims[claims["qualifier"] == "nearly"].iloc[0]
    assert (nearly["value"], nearly["speaker"], bool(nearly["in_conflict"])) == \
        (500, "Volodymyr Zelenskyy", True)
    con = duckdb.connect()
    got = con.execute("SELECT drones_launched_value, drones_launched_grade, oblasts_hit "
                      f"FROM '{tmp_path / 'out' / 'incidents.parquet'}'").fetchall()
    assert got == [(595, "contested", "Kyiv City; Lviv Oblast")]


def test_csv_and_jsonl_open_in_pandas_with_the_same_values(tmp_path, incidents):
    export(incidents, "csv", tmp_path)
    export(incidents, "jsonl", tmp_path)
    from_csv = pd.read_csv(tmp_path / "places.csv")
    from_jsonl = pd.read_json(tmp_path / "places.jsonl", lines=True)
    assert list(from_csv["name"]) == list(from_jsonl["name"]) == ["Kyiv", "Lviv Oblast"]
    assert from_csv.loc[0, "mentions"] == 3
    assert from_csv.loc[0, "lat"] == pytest.approx(50.45)
    with open(tmp_path / "claims.jsonl", encoding="utf-8") as fh:
        first = json.loads(fh.readline())
    assert set(first) == set(SCHEMAS["claims"])
    assert read_table(tmp_path / "incidents.csv", "incidents")[0]["date"] == dt.date(2025, 10, 12)


def test_one_table_to_a_named_file(tmp_path, incidents):
    [path] = export(incidents, "csv", tmp_path / "claims-only.csv", tables=["claims"])
    assert path.name == "claims-only.csv"
    assert len(read_table(path, "claims")) == 9


def test_unknown_format_or_table_is_an_input_error(tmp_path, incidents):
    with pytest.raises(InputError, match="format"):
        export(incidents, "xlsx", tmp_path)
    with pytest.raises(InputError, match="table"):
        export(incidents, "csv", tmp_path, tables=["bogus"])
