"""Readers: every input form, and bad input that names its file and line."""
import datetime as dt
import io
import json

import pytest

from strikeledger.errors import InputError
from strikeledger.ingest.readers import header_date, read_reports


def _read(paths):
    out = list(read_reports(paths))
    return [x for x in out if not isinstance(x, InputError)], [x for x in out if isinstance(x, InputError)]


def test_txt_header_date_and_id(tmp_path):
    p = tmp_path / "kyiv-night.txt"
    p.write_text(" date 2025-09-28 Russia launched drones at Kyiv.", encoding="utf-8")
    reports, errors = _read([p])
    assert errors == []
    assert reports[0].report_id == "kyiv-night"
    assert reports[0].published == dt.date(2025, 9, 28)
    assert reports[0].text.startswith(" date 2025-09-28")


@pytest.mark.parametrize("text,expect", [
    ("date 2024-01-02\nbody", dt.date(2024, 1, 2)),
    ("  date 2024-01-02 body", dt.date(2024, 1, 2)),
    ("dated 2024-01-02 body", None),
    ("date 2024-13-02 body", None),
    ("body date 2024-01-02", None),
])
def test_header_date(text, expect):
    assert header_date(text) == expect


def test_jsonl_lines_and_bad_line(tmp_path):
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "a", "text": "Five people were injured in Odesa.", "published": "2024-03-02"}),
        "{not json",
        json.dumps({"text": "no id here, so a hash"}),
        json.dumps({"id": "c"}),
    ]), encoding="utf-8")
    reports, errors = _read([p])
    assert [r.report_id for r in reports][0] == "a"
    assert len(reports[1].report_id) == 16
    assert reports[0].published == dt.date(2024, 3, 2)
    assert [(e.path, e.line) for e in errors] == [(str(p), 2), (str(p), 4)]
    assert "not JSON" in str(errors[0])


def test_csv_rows(tmp_path):
    p = tmp_path / "rows.csv"
    p.write_text('id,text,published,url\nx,"Two drones, one missile",2024-01-01,http://e.x\n'
                 'y,,2024-01-01,\n', encoding="utf-8")
    reports, errors = _read([p])
    assert reports[0].report_id == "x" and reports[0].url == "http://e.x"
    assert errors[0].line == 3


def test_html_main_text(tmp_path):
    p = tmp_path / "page.html"
    body = " ".join(["Russian drones struck Kharkiv overnight, the governor said."] * 5)
    p.write_text(f"<html><head><title>t</title></head><body><nav>Home | News</nav>"
                 f"<article><h1>Strike</h1><p>{body}</p></article>"
                 f"<footer>Copyright</footer></body></html>", encoding="utf-8")
    reports, errors = _read([p])
    assert errors == []
    assert "Kharkiv" in reports[0].text and "Copyright" not in reports[0].text


@pytest.mark.parametrize("content,msg", [
    (b"", "empty file"),
    (b"   \n", "empty file"),
    (b"\x00\x01\x02binary", "binary"),
    (b"ok line\n\xff\xfe broken", "not valid UTF-8"),
])
def test_bad_txt_files_name_file(tmp_path, content, msg):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Three people were killed in Dnipro.", encoding="utf-8")
    reports, errors = _read([p, good])
    assert [r.report_id for r in reports] == ["good"]
    assert msg in str(errors[0]) and str(p) in str(errors[0])


def test_broken_utf8_names_line(tmp_path):
    p = tmp_path / "b.txt"
    p.write_bytes(b"line one\nline two\n\xc3\x28 three")
    _, errors = _read([p])
    assert errors[0].line == 3


def test_folder_recursive_and_missing(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("A drone hit Sumy.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("A missile hit Lviv.", encoding="utf-8")
    (tmp_path / "notes.gold.json").write_text("{}", encoding="utf-8")
    reports, errors = _read([tmp_path, tmp_path / "missing.txt"])
    assert sorted(r.report_id for r in reports) == ["a", "b"]
    assert "no such file" in str(errors[0])


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"Four drones were shot down.")))
    reports, _ = _read(["-"])
    assert len(reports[0].report_id) == 16
