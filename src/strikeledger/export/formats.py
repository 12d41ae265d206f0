"""Tables as CSV, JSONL and Parquet, written atomically, and read back by schema.

CSV: UTF-8, a header row, RFC 4180 quoting; null is an empty field (so an empty string
reads back as null), booleans are ``true``/``false``, dates ISO, floats in Python's
shortest round-trip form. JSONL: one object per line, dates as ISO strings. Parquet:
typed columns (string, int64, float64, bool, date32). NaN is written as null in all three
(JSON has no NaN; a NaN is no count or coordinate). pandas and DuckDB read all three
(tests/export/test_readback.py).
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from strikeledger.errors import InputError
from strikeledger.export.atomic import atomic_path, atomic_write

EXTENSIONS = {"csv": "csv", "jsonl": "jsonl", "parquet": "parquet"}


def _nan_to_null(value: object) -> object:
    """NaN is no count or coordinate: every format writes it as null (JSON has no NaN)."""
    return None if isinstance(value, float) and math.isnan(value) else value


def _cell(value: object, typ: str) -> str:
    value = _nan_to_null(value)
    if value is None:
        return ""
    if typ == "bool":
        return "true" if value else "false"
    if typ == "float":
        return repr(float(value))
    if typ == "date":
        return value.isoformat()  # type: ignore[union-attr]
    return str(value)


def _parse(text: str, typ: str, where: str) -> object:
    if text == "":
        return None
    try:
        if typ == "int":
            return int(text)
        if typ == "float":
            return float(text)
        if typ == "bool":
            if text not in ("true", "false"):
                raise ValueError(text)
            return text == "true"
        if typ == "date":
            return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"expected a {typ}, got {text!r}", path=where) from None
    return text


def write_csv(rows: Iterable[Mapping], schema: Mapping[str, str], path: str | Path, *,
              before_replace: Callable[[Path], None] | None = None) -> Path:
    with atomic_write(path, newline="", before_replace=before_replace) as fh:
        w = csv.writer(fh)
        w.writerow(list(schema))
        for row in rows:
            w.writerow([_cell(row.get(c), t) for c, t in schema.items()])
    return Path(path)


def read_csv(path: str | Path, schema: Mapping[str, str]) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header != list(schema):
            raise InputError(f"unexpected header {header!r}", path=str(path))
        return [{c: _parse(v, t, f"{path}:{n}") for (c, t), v in zip(schema.items(), rec)}
                for n, rec in enumerate(reader, start=2)]


def _json_default(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def write_jsonl(rows: Iterable[Mapping], schema: Mapping[str, str], path: str | Path, *,
                before_replace: Callable[[Path], None] | None = None) -> Path:
    with atomic_write(path, before_replace=before_replace) as fh:
        for row in rows:
            obj = {c: _nan_to_null(row.get(c)) for c in schema}
            fh.write(json.dumps(obj, ensure_ascii=False, allow_nan=False,
                                default=_json_default) + "\n")
    return Path(path)


def read_jsonl(path: str | Path, schema: Mapping[str, str]) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            obj = json.loads(line)
            out.append({c: (dt.date.fromisoformat(obj[c]) if t == "date" and obj.get(c)
                            else obj.get(c)) for c, t in schema.items()})
    return out


def arrow_schema(schema: Mapping[str, str]):
    import pyarrow as pa
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(),
             "bool": pa.bool_(), "date": pa.date32()}
    return pa.schema([(c, types[t]) for c, t in schema.items()])


def write_parquet(rows: Iterable[Mapping], schema: Mapping[str, str], path: str | Path, *,
                  before_replace: Callable[[Path], None] | None = None) -> Path:
    import itertools

    import pyarrow as pa
    import pyarrow.parquet as pq
    arrow = arrow_schema(schema)
    rows = iter(rows)
    with atomic_path(path, before_replace=before_replace) as tmp:
        with pq.ParquetWriter(tmp, arrow) as writer:
            while True:       # in slices, so that a long table never sits in memory whole
                chunk = list(itertools.islice(rows, 5000))
                columns = {c: [_nan_to_null(r.get(c)) for r in chunk] for c in schema}
                writer.write_table(pa.Table.from_pydict(columns, schema=arrow))
                if len(chunk) < 5000:
                    break
    return Path(path)


def read_parquet(path: str | Path, schema: Mapping[str, str]) -> list[dict]:
    import pyarrow.parquet as pq
    table = pq.read_table(path)
    return [{c: row.get(c) for c in schema} for row in table.to_pylist()]


WRITERS = {"csv": write_csv, "jsonl": write_jsonl, "parquet": write_parquet}
READERS = {"csv": read_csv, "jsonl": read_jsonl, "parquet": read_parquet}
