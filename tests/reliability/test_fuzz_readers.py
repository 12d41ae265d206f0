"""Fuzzing every reader: random bytes, broken UTF-8, truncated JSONL and CSV, HTML with scripts.

What must hold for any input: ``read_reports`` never raises; it yields Reports and
InputErrors only; an InputError names the file (and a line inside the file when it gives
one); a Report has non-blank text without NUL. For well-formed input, nothing is lost:
every JSONL line and CSV row becomes exactly one Report or one InputError, in order, and
a valid one keeps its text exactly.
"""
from __future__ import annotations

import csv
import io
import json
import string
import sys

import pytest
from hypothesis import assume, example, given, strategies as st

from relhelp import fuzz_settings
from strikeledger.errors import InputError
from strikeledger.ingest.readers import header_date, read_reports
from strikeledger.model import Report

SUFFIXES = [".txt", ".text", ".jsonl", ".ndjson", ".csv", ".html", ".htm", ".pdf", ""]

# Text that readers meet: words of reports, numbers of every size and sign, and the odd
# characters real feeds carry (NBSP, RTL marks, emoji, line/paragraph separators).
NUMBERS = st.one_of(st.integers(), st.integers(min_value=-(10**40), max_value=10**40),
                    st.floats(allow_nan=True, allow_infinity=True))
ODD = st.sampled_from(["\u00a0", "\u200f", "\u202e", "\ufeff", "\u2028", "\u2029", "\x85",
                       "\r", "\r\n", "\t", "\x0b", "\x0c", "\x1c", "😀", "ї", "—", "\"", "'",
                       ",", "<", ">", "&", "\\"])
WORDS = st.sampled_from(["Russia", "launched", "500", "drones", "killed", "at least", "Kyiv",
                         "Kharkiv", "oblast", "missiles", "date 2025-09-28", "injured",
                         "<script>alert(1)</script>", "id", "text", "published"])
TEXTS = st.lists(st.one_of(WORDS, NUMBERS.map(str), ODD, st.text(max_size=8)),
                 max_size=30).map(" ".join)


def read_one(tmp_path, name: str, data: bytes) -> list:
    path = tmp_path / name
    path.write_bytes(data)
    return check(path, list(read_reports([path])))


def check(path, results: list) -> list:
    for item in results:
        assert isinstance(item, (Report, InputError)), item
        if isinstance(item, InputError):
            assert item.path == str(path), item
            assert item.message and "Traceback" not in item.message
            assert item.line is None or item.line >= 1
        else:
            assert item.text.strip(), "a report with blank text"
            assert "\x00" not in item.text
            assert item.report_id
    return results


@fuzz_settings(300)
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
@example(data=b"\xff\xfe\x00t\x00e\x00x\x00t", suffix=".txt")
@example(data=b'{"text": "a", "id": 1e999999}\n', suffix=".jsonl")
@example(data=b'text\n"unterminated', suffix=".csv")
@example(data=b"<html><body><p>x", suffix=".html")
def test_random_bytes_never_crash_a_reader(tmp_path, data, suffix):
    results = read_one(tmp_path, "input" + suffix, data)
    if suffix not in (".txt", ".text", ".jsonl", ".ndjson", ".csv", ".html", ".htm"):
        assert len(results) == 1 and isinstance(results[0], InputError)
        assert "unsupported file type" in results[0].message


@fuzz_settings(200)
@given(text=TEXTS)
def test_a_text_file_is_one_report_with_its_exact_text(tmp_path, text):
    results = read_one(tmp_path, "r-1.txt", text.encode("utf-8", "surrogatepass"))
    assert len(results) == 1
    got = results[0]
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        assert isinstance(got, InputError)  # lone surrogates are not UTF-8
        return
    if not text.strip() or "\x00" in text:
        assert isinstance(got, InputError)
    else:
        assert isinstance(got, Report)
        assert got.text == text and got.report_id == "r-1"
        assert got.published == header_date(text)


@fuzz_settings(150)
@given(prefix=st.lists(st.text(alphabet=string.ascii_letters + " \n", max_size=40), max_size=6),
       bad=st.sampled_from([b"\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80",
                            b"\xc0\xaf"]),
       suffix=st.sampled_from([".txt", ".jsonl", ".csv", ".html"]))
def test_broken_utf8_is_an_error_naming_the_line(tmp_path, prefix, bad, suffix):
    head = "\n".join(prefix).encode()
    results = read_one(tmp_path, "broken" + suffix, head + bad + b"tail\n")
    if suffix == ".jsonl":
        # JSON Lines are read line by line: the broken line is one error, the others go on
        broken = [r for r in results if isinstance(r, InputError) and "UTF-8" in r.message]
        assert [r.line for r in broken] == [head.count(b"\n") + 1]
        return
    assert len(results) == 1 and isinstance(results[0], InputError)
    assert "UTF-8" in results[0].message
    assert results[0].line == head.count(b"\n") + 1


REPORT_OBJ = st.fixed_dictionaries(
    {"text": TEXTS},
    optional={"id": st.one_of(st.text(max_size=20), st.integers(), st.none()),
              "published": st.one_of(st.none(), st.just(""), st.dates().map(str),
                                     st.text(max_size=12), st.integers(), st.floats()),
              "url": st.one_of(st.none(), st.text(max_size=30)),
              "publisher": st.one_of(st.none(), st.text(max_size=30), st.integers())})
JUNK_LINE = st.one_of(st.text(max_size=50).filter(lambda s: "\n" not in s and "\r" not in s),
                      st.sampled_from(["{", "[1, 2]", "null", "\"text\"", "{\"text\": 5}",
                                       "{\"id\": \"x\"}", "{\"text\": \"\"}", "1e999",
                                       "{\"text\": \"a\", \"published\": \"2025-13-45\"}",
                                       "[" * 50 + "]" * 50]))


# characters str.splitlines() breaks on besides \n and \r (JSON escapes the control ones)
LINE_SEPARATORS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def expected_line(obj) -> str | None:
    """The text a valid JSONL object yields, None when it must give an InputError."""
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        return None
    text = obj["text"]
    if not text.strip() or "\x00" in text:
        return None
    published = obj.get("published")
    if published not in (None, ""):
        if not isinstance(published, str):
            return None
        import datetime as dt
        try:
            dt.date.fromisoformat(published.strip()[:10])
        except ValueError:
            return None
    return text


@fuzz_settings(300)
@given(lines=st.lists(st.one_of(REPORT_OBJ.map(lambda o: ("obj", o)),
                                JUNK_LINE.map(lambda s: ("junk", s))), min_size=1, max_size=12),
       ascii_only=st.booleans())
def test_jsonl_every_line_is_one_report_or_one_error(tmp_path, lines, ascii_only):
    rendered = []
    for kind, value in lines:
        if kind == "obj":
            line = json.dumps(value, ensure_ascii=ascii_only)
            # escaped (same JSON value): raw ones hit the U+2028 bug tested below
            for sep in LINE_SEPARATORS:
                line = line.replace(sep, f"\\u{ord(sep):04x}")
            rendered.append(line)
        else:
            # a raw NUL makes the whole file binary (one error): tested elsewhere
            rendered.append(value.translate({ord(c): None for c in LINE_SEPARATORS + "\x00"}))
    assume(all(line.strip() for line in rendered))
    data = "\n".join(rendered).encode("utf-8", "surrogatepass")
    results = read_one(tmp_path, "feed.jsonl", data)
    assert len(results) == len(rendered), [str(r) for r in results]
    for i, ((kind, value), got) in enumerate(zip(lines, results), 1):
        if isinstance(got, InputError):
            assert got.line == i
        else:
            assert got.origin == f"{tmp_path / 'feed.jsonl'}:{i}"
        if kind == "obj":
            want = expected_line(value)
            try:
                value["text"].encode("utf-8")
            except UnicodeEncodeError:
                continue  # a lone surrogate written raw is not UTF-8: the file is rejected
            if want is None:
                assert isinstance(got, InputError), got
            else:
                assert isinstance(got, Report), str(got)
                assert got.text == want


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85"])
def test_jsonl_keeps_a_report_whose_text_holds_a_unicode_line_separator(tmp_path, sep):
    """Regression: read_jsonl split lines with str.splitlines(), so U+2028 inside a JSON
    string broke the line and lost the report."""
    line = json.dumps({"id": "a", "text": f"Russia launched 5 drones{sep}at Kyiv."},
                      ensure_ascii=False)
    results = read_one(tmp_path, "feed.jsonl", (line + "\n" + '{"text": "second"}\n').encode())
    assert [type(r).__name__ for r in results] == ["Report", "Report"]
    assert results[0].text == f"Russia launched 5 drones{sep}at Kyiv."
    assert results[1].origin.endswith(":2")


@pytest.mark.parametrize("nested", ["[" * 100_000 + "]" * 100_000, "{\"a\":" * 100_000 + "1" + "}" * 100_000])
def test_a_deeply_nested_jsonl_line_is_one_error_not_a_crash(tmp_path, nested):
    """Regression: a RecursionError from json.loads escaped the reader and stopped the ingest."""
    data = (nested + "\n" + json.dumps({"text": "Russia launched 5 drones."}) + "\n").encode()
    results = read_one(tmp_path, "nested.jsonl", data)
    assert [type(r).__name__ for r in results] == ["InputError", "Report"]
    assert results[0].line == 1


@fuzz_settings(150)
@given(objs=st.lists(REPORT_OBJ, min_size=1, max_size=8), cut=st.floats(0, 1))
def test_truncated_jsonl_keeps_every_whole_line_before_the_cut(tmp_path, objs, cut):
    lines = [json.dumps(o) for o in objs]
    data = ("\n".join(lines) + "\n").encode()
    at = int(len(data) * cut)
    results = read_one(tmp_path, "cut.jsonl", data[:at])
    whole = data[:at].count(b"\n")  # lines that end before the cut are intact
    good = [r for r in results if isinstance(r, Report)]
    for obj, got in zip(objs[:whole], results):
        want = expected_line(obj)
        if want is not None:
            assert isinstance(got, Report) and got.text == want
    assert len(good) <= len(objs)


CSV_FIELD = st.one_of(TEXTS, st.sampled_from(["", "a,b", "\"quoted\"", "line\nbreak",
                                              "cr\ronly", "=1+1", "9" * 5000]))


@fuzz_settings(200)
@given(rows=st.lists(st.tuples(st.text(max_size=10), CSV_FIELD, st.one_of(st.none(), st.dates())),
                     min_size=1, max_size=10))
def test_csv_every_row_is_one_report_or_one_error(tmp_path, rows):
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(["id", "text", "published"])
    rows = [(rid.replace("\x00", ""), text.replace("\x00", ""), published)
            for rid, text, published in rows]  # a raw NUL makes the file binary
    for rid, text, published in rows:
        writer.writerow([rid, text, published.isoformat() if published else ""])
    results = read_one(tmp_path, "feed.csv", buf.getvalue().encode("utf-8", "surrogatepass"))
    assert len(results) == len(rows), [str(r) for r in results]
    for (rid, text, _), got in zip(rows, results):
        try:
            text.encode("utf-8")
            rid.encode("utf-8")
        except UnicodeEncodeError:
            continue
        if text.strip() and "\x00" not in text and "\x00" not in rid:
            assert isinstance(got, Report), str(got)
            assert got.text == text
            assert got.report_id == (rid if rid else got.report_id)
        else:
            assert isinstance(got, InputError)


@fuzz_settings(150)
@given(texts=st.lists(TEXTS, min_size=1, max_size=6), cut=st.floats(0, 1),
       extra_col=st.booleans())
def test_truncated_or_ragged_csv_never_crashes(tmp_path, texts, cut, extra_col):
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(["text", "id"])
    for i, t in enumerate(texts):
        writer.writerow([t, f"r{i}"] + (["surplus"] if extra_col and i % 2 else []))
    data = buf.getvalue().encode("utf-8", "surrogatepass")
    results = read_one(tmp_path, "cut.csv", data[:int(len(data) * cut)])
    assert len([r for r in results if isinstance(r, Report)]) <= len(texts)


@pytest.mark.parametrize("header", ["id,body", "", "\ufefftext", "TEXT"])
def test_csv_without_a_text_column_is_one_clear_error(tmp_path, header):
    results = read_one(tmp_path, "h.csv", f"{header}\nx,y\n".encode())
    assert len(results) == 1 and isinstance(results[0], InputError)
    assert "'text' column" in results[0].message and results[0].line == 1


SCRIPT_MARK = "zqxjSCRIPTMARK"
HTML_PART = st.one_of(
    TEXTS.map(lambda t: f"<p>{t}</p>"),
    st.just(f"<script>var {SCRIPT_MARK} = 1; document.write('<p>x</p>');</script>"),
    st.just(f"<script type='text/javascript'><!-- {SCRIPT_MARK} --></script>"),
    st.just(f"<style>p{{}} /* {SCRIPT_MARK} */</style>"),
    st.just(f"<img src=x onerror=\"{SCRIPT_MARK}()\">"),
    st.just("<div><p>unclosed <b>tags"), st.just("</div></div></html>"), st.just("<!-- c -->"),
    st.just("<![CDATA[ x ]]>"), st.just("<meta property='article:published_time' "
                                        "content='2025-99-99'>"),
    st.just("<p>Russia launched 500 drones at Kyiv overnight; four people were killed and "
            "nine injured, the mayor said.</p>" * 3),
)


@fuzz_settings(60)
@given(parts=st.lists(HTML_PART, max_size=12), cut=st.floats(0.2, 1), wrap=st.booleans())
def test_html_with_scripts_never_crashes_and_never_keeps_script_text(tmp_path, parts, cut, wrap):
    html = "".join(parts)
    if wrap:
        html = f"<html><head><title>t</title></head><body><article>{html}</article></body></html>"
    html = html[:int(len(html) * cut)]
    results = read_one(tmp_path, "page.html", html.encode("utf-8", "surrogatepass"))
    assert len(results) == 1
    if isinstance(results[0], Report):
        assert SCRIPT_MARK not in results[0].text


class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


@fuzz_settings(150)
@given(data=st.one_of(st.binary(max_size=500), TEXTS.map(lambda t: t.encode("utf-8", "replace")),
                      st.lists(REPORT_OBJ, max_size=4).map(
                          lambda os_: "\n".join(json.dumps(o) for o in os_).encode())))
def test_stdin_never_crashes(monkeypatch, data):
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    check("-", list(read_reports(["-"])))


@fuzz_settings(60)
@given(files=st.lists(st.tuples(st.sampled_from(["a", "b/c", ".hidden", "d/.e", "f g"]),
                                st.sampled_from(SUFFIXES), st.binary(max_size=200)),
                      max_size=8))
def test_folders_yield_at_least_one_result_per_visible_supported_file(tmp_path_factory, files):
    root = tmp_path_factory.mktemp("tree")
    written = {}
    for stem, suffix, data in files:
        path = root / f"{stem}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written[path] = suffix
    results = list(read_reports([root, root / "missing"]))
    assert isinstance(results[-1], InputError) and "no such file" in results[-1].message
    origins = {(r.path if isinstance(r, InputError) else r.origin.rsplit(":", 1)[0]
                if r.origin and r.origin.rsplit(":", 1)[-1].isdigit() else r.origin)
               for r in results[:-1]}
    visible = {str(p) for p, s in written.items()
               if s in (".txt", ".text", ".jsonl", ".ndjson", ".csv", ".html", ".htm")
               and not p.name.startswith(".")}
    assert visible <= origins | {str(p) for p in written if p.suffix in (".jsonl", ".ndjson",
                                                                          ".csv")}
    assert not any(".hidden" in o for o in origins)
