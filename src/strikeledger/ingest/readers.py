"""Readers: files, folders and stdin -> Report.

Each reader yields either a Report or an InputError naming the file and line, so
that one bad file or line never stops the rest of a batch. Fields longer than the
limits of ``strikeledger.limits`` (the same the API applies) are such errors. Report ids follow
CONTRACT.md: a .txt file's name without .txt; a JSONL/CSV row's `id`; otherwise the
first 16 hex digits of the SHA-256 of the text.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..limits import check_fields
from ..model import Report, text_hash

log = logging.getLogger(__name__)

SUFFIXES = {".txt": "txt", ".text": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl",
            ".csv": "csv", ".html": "html", ".htm": "html", ".json": "json"}
_HEADER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?=[ \t\r\n]|\Z)")
ReadResult = Report | InputError

csv.field_size_limit(1 << 26)


def header_date(text: str) -> dt.date | None:
    """The publication date of a `date YYYY-MM-DD` first-line header, if any."""
    m = _HEADER.match(text)
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None


def short_hash(text: str) -> str:
    return text_hash(text)[:16]


def _parse_date(value, path: str, line: int | None) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(f"field 'published' must be a date string, got {value!r}", path=path, line=line)
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InputError(f"field 'published' is not an ISO date: {value!r}", path=path, line=line) from None


def _decode(data: bytes, path: str) -> str:
    if b"\x00" in data:
        raise InputError("binary file (NUL bytes), not UTF-8 text", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})",
                         path=path, line=line) from None


def report_from_object(obj, path: str, line: int) -> Report:
    """A Report from a JSONL/CSV/API object with `id`, `text` and optional fields."""
    if not isinstance(obj, dict):
        raise InputError(f"expected an object with 'id' and 'text', got {type(obj).__name__}",
                         path=path, line=line)
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError("missing or non-string field 'text'", path=path, line=line)
    if not text.strip():
        raise InputError("field 'text' is empty", path=path, line=line)
    if "\x00" in text:
        raise InputError("field 'text' holds a NUL character", path=path, line=line)
    rid = obj.get("id")
    rid = short_hash(text) if rid in (None, "") else str(rid)

    def opt(name):
        v = obj.get(name)
        return None if v in (None, "") else str(v)
    url, publisher = opt("url"), opt("publisher")
    check_fields({"text": text, "id": rid, "url": url, "publisher": publisher},
                 path=path, line=line)
    published = _parse_date(obj.get("published"), path, line) or header_date(text)
    return Report(report_id=rid, text=text, published=published, url=url,
                  publisher=publisher, origin=f"{path}:{line}")


def _report_or_error(obj, path: str, line: int) -> ReadResult:
    try:
        return report_from_object(obj, path, line)
    except InputError as e:
        return e


def read_txt(path: str, data: bytes, report_id: str | None = None) -> Iterator[ReadResult]:
    try:
        text = _decode(data, path)
        if not text.strip():
            raise InputError("empty file", path=path)
        rid = report_id or (Path(path).stem if path != "-" else short_hash(text))
        check_fields({"text": text, "id": rid}, path=path)
    except InputError as e:
        yield e
        return
    yield Report(report_id=rid, text=text, published=header_date(text), origin=path)


def read_jsonl(path: str, data: bytes) -> Iterator[ReadResult]:
    yield from _jsonl_lines(path, data.split(b"\n"))


def _jsonl_lines(path: str, lines: Iterable[bytes]) -> Iterator[ReadResult]:
    """One Report or InputError per non-blank line. JSON Lines are split on "\n" only, so
    U+2028 and friends may stand inside a string; lines are read one at a time, so a file
    of any size is read in flat memory."""
    for i, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield InputError(f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1})",
                             path=path, line=i)
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(f"not JSON: {e.msg} (column {e.colno})", path=path, line=i)
            continue
        except RecursionError:
            yield InputError("JSON nested too deeply", path=path, line=i)
            continue
        yield _report_or_error(obj, path, i)


def read_csv(path: str, data: bytes) -> Iterator[ReadResult]:
    yield from _csv_rows(path, io.BytesIO(data))


def _csv_rows(path: str, binary) -> Iterator[ReadResult]:
    """One Report or InputError per row, read row by row (flat memory); each line is
    decoded on its own so that broken UTF-8 is reported at its line."""
    head = binary.read(8192)
    binary.seek(0)
    if b"\x00" in head:
        yield InputError("binary file (NUL bytes), not UTF-8 text", path=path)
        return
    # a first streaming pass checks the encoding (a CSV row may span lines, so a file with
    # broken UTF-8 is refused whole, at the line where it breaks)
    for i, raw in enumerate(binary, 1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield InputError(f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at column {e.start + 1})",
                             path=path, line=i)
            return
    binary.seek(0)
    bad: list[InputError] = []

    def lines():
        for i, raw in enumerate(binary, 1):
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as e:
                bad.append(InputError(f"not valid UTF-8 (byte 0x{raw[e.start]:02x} at column "
                                      f"{e.start + 1})", path=path, line=i))
                return

    reader = csv.DictReader(lines())
    try:
        fields = reader.fieldnames
    except csv.Error as e:
        fields = None
        bad.append(InputError(f"broken CSV: {e}", path=path, line=1))
    if bad:
        yield bad[0]
        return
    if not fields or "text" not in fields:
        yield InputError(f"CSV needs a header with a 'text' column, got {fields!r}", path=path, line=1)
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            if bad:
                yield bad[0]
            return
        except csv.Error as e:
            yield InputError(f"broken CSV: {e}", path=path, line=reader.line_num)
            return
        line = reader.line_num
        if None in row:
            yield InputError("row has more fields than the header", path=path, line=line)
            continue
        yield _report_or_error(row, path, line)


def read_html(path: str, data: bytes) -> Iterator[ReadResult]:
    import trafilatura  # imported lazily: it is slow to import

    try:
        html = _decode(data, path)
    except InputError as e:
        yield e
        return
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False,
                                   favor_precision=True) or ""
        meta = trafilatura.extract_metadata(html)
    except Exception as e:  # trafilatura raises many lxml errors on junk
        yield InputError(f"could not read HTML: {e}", path=path)
        return
    if not text.strip():
        yield InputError("no article text found in HTML", path=path)
        return
    published = None
    if meta is not None and meta.date:
        try:
            published = dt.date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    url = (meta.url if meta is not None else None) or None
    publisher = (meta.sitename if meta is not None else None) or None
    try:
        check_fields({"text": text, "id": Path(path).stem, "url": url, "publisher": publisher},
                     path=path)
    except InputError as e:
        yield e
        return
    yield Report(report_id=Path(path).stem, text=text, published=published or header_date(text),
                 url=url, publisher=publisher, origin=path)


def read_json(path: str, data: bytes) -> Iterator[ReadResult]:
    """A .json file is read by its content: a Telegram Desktop channel export (telegram.py)."""
    from .telegram import read_telegram
    yield from read_telegram(path, data)


_READERS = {"txt": read_txt, "jsonl": read_jsonl, "csv": read_csv, "html": read_html,
            "json": read_json}


def _read_stdin() -> Iterator[ReadResult]:
    data = sys.stdin.buffer.read()
    head = data.lstrip()[:1]
    if head == b"{":
        from .telegram import SNIFF_BYTES, is_export, read_telegram
        if is_export(data[:SNIFF_BYTES].decode("utf-8", "ignore")):
            yield from read_telegram("-", data)
        else:
            yield from read_jsonl("-", data)
    else:
        yield from read_txt("-", data)


def read_file(path: Path) -> Iterator[ReadResult]:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        yield InputError(f"unsupported file type {path.suffix or '(none)'!r}; "
                         f"expected one of {', '.join(sorted(SUFFIXES))}", path=str(path))
        return
    try:
        if kind in ("jsonl", "csv"):  # streamed: a feed of any size is read in flat memory
            with path.open("rb") as f:
                yield from (_jsonl_lines if kind == "jsonl" else _csv_rows)(str(path), f)
            return
        data = path.read_bytes()
    except OSError as e:
        yield InputError(f"cannot read file: {e.strerror}", path=str(path))
        return
    yield from _READERS[kind](str(path), data)


def _readable(f: Path) -> bool:
    """A file a folder's walk reads: a known suffix, not hidden; a .json file only when
    it is a Telegram Desktop export (a folder of other JSON, such as gold records, is
    not input)."""
    if f.name.startswith(".") or f.suffix.lower() not in SUFFIXES:
        return False
    if f.suffix.lower() == ".json":
        from .telegram import SNIFF_BYTES, is_export
        try:
            with f.open("rb") as handle:
                return is_export(handle.read(SNIFF_BYTES).decode("utf-8", "ignore"))
        except OSError:
            return True     # let the reader name the error
    return True


def is_empty_folder(path: str | Path) -> bool:
    """True for an existing folder under which no file would be read."""
    folder = Path(path)
    return folder.is_dir() and not any(_readable(f) for f in folder.rglob("*") if f.is_file())


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError | str]:
    """Expand folders recursively (sorted, known suffixes only); '-' stays '-'."""
    for p in paths:
        if str(p) == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(x for x in path.rglob("*") if x.is_file()):
                if _readable(f):
                    yield f
        elif path.exists():
            yield path
        else:
            yield InputError("no such file or folder", path=str(path))


def read_reports(paths: Iterable[str | Path]) -> Iterator[ReadResult]:
    """Every report of the given files, folders and '-', with errors inline."""
    for item in iter_files(paths):
        if isinstance(item, InputError):
            yield item
        elif item == "-":
            yield from _read_stdin()
        else:
            yield from read_file(item)
