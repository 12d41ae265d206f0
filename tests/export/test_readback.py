"""Exports read back by other tools (issue 17): pandas and DuckDB for CSV, JSONL and
Parquet, geojson-pydantic for GeoJSON; values include empty strings, NaN and None."""
from __future__ import annotations

import datetime as dt
import json
import math

import duckdb
import pandas as pd
import pytest
from geojson_pydantic import FeatureCollection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strikeledger.export import SCHEMAS, export
from strikeledger.export.formats import WRITERS

_VALUES = {
    "str": st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                   max_size=20),                                  # "" included
    "int": st.integers(min_value=-(2 ** 53), max_value=2 ** 53),
    "float": st.floats(allow_infinity=False, width=64),           # NaN included
    "bool": st.booleans(),
    "date": st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
}
SCHEMA = SCHEMAS["places"]           # str, int, float and date columns


def _rows():
    row = st.fixed_dictionaries({c: st.none() | _VALUES[t] for c, t in SCHEMA.items()})
    return st.lists(row, min_size=1, max_size=5)


def _expected(row: dict, *, csv: bool = False) -> dict:
    out = {}
    for c, v in row.items():
        if isinstance(v, float) and math.isnan(v):
            v = None                       # written as null
        if csv and v == "":
            v = None                       # CSV has one empty field for both
        out[c] = v
    return out


def _same(got, want) -> bool:
    if want is None:
        return got is None or (isinstance(got, float) and math.isnan(got)) or got is pd.NaT
    if isinstance(want, float):
        return float(got) == want
    if isinstance(want, dt.date):
        return pd.Timestamp(got).date() == want
    return got == want


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_rows())
def test_parquet_reads_back_in_pandas_and_duckdb(tmp_path, rows):
    path = tmp_path / "places.parquet"
    WRITERS["parquet"](rows, SCHEMA, path)
    want = [_expected(r) for r in rows]
    frame = pd.read_parquet(path)
    assert list(frame.columns) == list(SCHEMA)
    for got, exp in zip(frame.to_dict("records"), want):
        assert all(_same(got[c], exp[c]) for c in SCHEMA), (got, exp)
    con = duckdb.connect()
    got = con.execute(f"SELECT * FROM read_parquet('{path}')").fetchall()
    assert [dict(zip(SCHEMA, r)) for r in got] == want           # "" stays "", NaN is null


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_rows())
def test_csv_and_jsonl_read_back_in_pandas_and_duckdb(tmp_path, rows):
    csv_path, jsonl_path = tmp_path / "places.csv", tmp_path / "places.jsonl"
    WRITERS["csv"](rows, SCHEMA, csv_path)
    WRITERS["jsonl"](rows, SCHEMA, jsonl_path)
    want_csv = [_expected(r, csv=True) for r in rows]
    frame = pd.read_csv(csv_path, dtype={c: "string" for c, t in SCHEMA.items() if t == "str"},
                        keep_default_na=False, na_values={c: [""] for c in SCHEMA})
    for got, exp in zip(frame.to_dict("records"), want_csv):
        got = {c: (None if v is pd.NA else v) for c, v in got.items()}
        assert all(_same(got[c], exp[c]) for c in SCHEMA), (got, exp)
    types = ", ".join(f"'{c}': 'VARCHAR'" for c in SCHEMA)
    con = duckdb.connect()
    cells = con.execute(f"SELECT * FROM read_csv('{csv_path}', header=true, "
                        f"columns={{{types}}})").fetchall()
    for got, exp in zip(cells, want_csv):
        for c, v in zip(SCHEMA, got):
            if exp[c] is None:
                assert v is None
            elif SCHEMA[c] == "float":
                assert float(v) == exp[c]
            elif SCHEMA[c] == "date":
                assert dt.date.fromisoformat(v) == exp[c]
            else:
                assert v == str(exp[c])
    # one object per "\n" (a U+0085 or U+2028 inside a value is no line break)
    lines = [json.loads(x) for x in jsonl_path.read_text(encoding="utf-8").split("\n") if x]
    assert [_expected(r) | {c: r[c].isoformat() for c in SCHEMA
                            if isinstance(r[c], dt.date)} for r in rows] == lines
    frame = pd.read_json(jsonl_path, lines=True, dtype=False)
    assert len(frame) == len(rows)


def test_geojson_validates_with_geojson_pydantic(tmp_path, incidents):
    [path] = export(incidents, "geojson", tmp_path / "hits.geojson")
    fc = FeatureCollection.model_validate_json(path.read_text(encoding="utf-8"))
    assert len(fc.features) == 2
    assert {f.geometry.type for f in fc.features} == {"Point"}
    kyiv = next(f for f in fc.features if f.properties["place"] == "Kyiv")
    assert (kyiv.geometry.coordinates.longitude, kyiv.geometry.coordinates.latitude) == (30.52, 50.45)
