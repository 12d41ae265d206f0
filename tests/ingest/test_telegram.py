"""Telegram Desktop channel exports (result.json, "Machine-readable JSON").

The export below is invented, in the shape Telegram Desktop writes: the chat's name, type
and id, then messages whose `text` is a string or a list of strings and entity objects.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strikeledger.errors import InputError
from strikeledger.ingest.readers import read_reports
from strikeledger.ingest.telegram import is_export, read_telegram

CHANNEL_ID = 1987654321


def _stamp(iso: str) -> str:
    return str(int(dt.datetime.fromisoformat(iso).timestamp()))


def message(mid: int, text, when: str = "2025-03-14T06:10:00+00:00", **extra) -> dict:
    """A message as Telegram Desktop writes it: `date` in the exporting computer's local
    time (here Kyiv, UTC+2 in March), `date_unixtime` in seconds."""
    utc = dt.datetime.fromisoformat(when)
    local = (utc + dt.timedelta(hours=2)).replace(tzinfo=None)
    entities = ([{"type": "plain", "text": text}] if isinstance(text, str) else
                [p if isinstance(p, dict) else {"type": "plain", "text": p} for p in text])
    return {"id": mid, "type": "message", "date": local.isoformat(),
            "date_unixtime": _stamp(when), "from": "Oblast Watch (invented)",
            "from_id": f"channel{CHANNEL_ID}", "text": text, "text_entities": entities,
            **extra}


MESSAGES = [
    {"id": 1, "type": "service", "date": "2025-03-01T09:00:00", "date_unixtime":
     _stamp("2025-03-01T07:00:00+00:00"), "actor": "Oblast Watch (invented)",
     "actor_id": f"channel{CHANNEL_ID}", "action": "create_channel",
     "title": "Oblast Watch (invented)", "text": "", "text_entities": []},
    message(2, ["Overnight, ", {"type": "bold", "text": "14 Shahed drones"},
                " attacked Poltava Oblast; ", {"type": "bold", "text": "11"},
                " were shot down. Details: ",
                {"type": "text_link", "text": "the Air Force", "href": "https://example.org/af"},
                " ", {"type": "hashtag", "text": "#Poltava"}]),
    message(3, "", photo="(File not included. Change data exporting settings to download.)",
            media_type="photo", width=1280, height=720),
    message(4, "Two people were injured in Kremenchuk, the city head said.",
            when="2025-03-14T07:05:00+00:00", edited="2025-03-14T10:20:00",
            edited_unixtime=_stamp("2025-03-14T08:20:00+00:00")),
    message(5, "   "),
    {"id": 6, "type": "message", "date": "2025-03-14T11:00:00",
     "date_unixtime": _stamp("2025-03-14T09:00:00+00:00"), "text": {"broken": True}},
    message(7, "A missile hit a warehouse in Lubny overnight.",
            when="2025-03-14T22:40:00+00:00"),   # 00:40 on 15 March in Kyiv
    {"id": 8, "type": "service", "action": "pin_message", "message_id": 7,
     "date": "2025-03-15T01:00:00", "date_unixtime": _stamp("2025-03-14T23:00:00+00:00"),
     "text": ""},
    message(9, "Air raid alert over.", caption_only=True, media_type="video_file",
            file="(File not included.)"),
]


def export(messages=MESSAGES, **top) -> dict:
    return {"name": "Oblast Watch (invented)", "type": "public_channel", "id": CHANNEL_ID,
            **top, "messages": messages}


def write_export(folder, obj=None, name="result.json", indent=1):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(obj if obj is not None else export(), ensure_ascii=False,
                               indent=indent), encoding="utf-8")
    return path


def split(results):
    results = list(results)
    return ([r for r in results if not isinstance(r, InputError)],
            [r for r in results if isinstance(r, InputError)])


def test_reports_of_a_channel_export(tmp_path):
    path = write_export(tmp_path / "@oblast_watch")
    reports, errors = split(read_reports([path]))
    assert [r.report_id for r in reports] == ["tg-oblast_watch-2", "tg-oblast_watch-4",
                                              "tg-oblast_watch-7", "tg-oblast_watch-9"]
    first = reports[0]
    assert first.text == ("Overnight, 14 Shahed drones attacked Poltava Oblast; 11 were shot "
                          "down. Details: the Air Force #Poltava")
    assert first.url == "https://t.me/oblast_watch/2"
    assert first.publisher == "Oblast Watch (invented)"
    assert first.published == dt.date(2025, 3, 14)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = int(first.origin.rsplit(":", 1)[1])
    assert first.origin.startswith(str(path)) and lines[line - 1].strip() == "{"
    assert '"id": 2' in lines[line]
    # one broken message: an error naming the file, its line and the message id
    assert len(errors) == 1
    assert errors[0].path == str(path) and "message 6:" in errors[0].message
    assert '"id": 6' in lines[errors[0].line]


def test_edited_message_keeps_its_text_as_edited_and_its_first_date():
    reports, _ = split(read_telegram("x/result.json", json.dumps(export()).encode()))
    edited = next(r for r in reports if r.report_id.endswith("-4"))
    assert edited.text == "Two people were injured in Kremenchuk, the city head said."
    assert edited.published == dt.date(2025, 3, 14)


def test_a_later_edit_is_a_new_version_with_the_same_id():
    before = export([message(4, "One person was injured in Kremenchuk.")])
    after = export([message(4, "Two people were injured in Kremenchuk.",
                            edited="2025-03-14T12:00:00")])
    (a,), (b,) = (split(read_telegram("e/result.json", json.dumps(o).encode()))[0]
                  for o in (before, after))
    assert a.report_id == b.report_id and a.url == b.url
    assert a.content_hash != b.content_hash


def test_kyiv_date_from_the_unix_time_stamp():
    """22:40 UTC on 14 March is 00:40 on 15 March in Kyiv: the message's date is the 15th,
    whatever the computer that exported it wrote in `date`."""
    msg = message(7, "Text.", when="2025-03-14T22:40:00+00:00")
    msg["date"] = "2025-03-14T22:40:00"        # exported on a computer set to UTC
    (r,), _ = split(read_telegram("r.json", json.dumps(export([msg])).encode()))
    assert r.published == dt.date(2025, 3, 15)


def test_without_unix_time_the_local_date_is_taken_as_kyiv_time():
    msg = message(3, "Text.")
    del msg["date_unixtime"]
    msg["date"] = "2024-11-02T00:15:00"
    (r,), _ = split(read_telegram("r.json", json.dumps(export([msg])).encode()))
    assert r.published == dt.date(2024, 11, 2)


def test_username_from_the_export_or_a_private_link(tmp_path):
    with_name = write_export(tmp_path / "a", export(MESSAGES[1:2], username="@odesa_watch"))
    (r,), _ = split(read_reports([with_name]))
    assert (r.report_id, r.url) == ("tg-odesa_watch-2", "https://t.me/odesa_watch/2")
    plain = write_export(tmp_path / "ChatExport_2025-03-15", export(MESSAGES[1:2]))
    (r,), _ = split(read_reports([plain]))
    assert (r.report_id, r.url) == (f"tg-c{CHANNEL_ID}-2", f"https://t.me/c/{CHANNEL_ID}/2")


def test_dispatched_by_content_not_by_name(tmp_path):
    renamed = write_export(tmp_path, name="poltava-march.json", indent=None)
    reports, errors = split(read_reports([tmp_path]))
    assert errors[0].line == 1 and len(reports) == 4
    assert all(r.origin.startswith(str(renamed)) for r in reports)
    other = tmp_path / "other" / "result.json"
    other.parent.mkdir()
    other.write_text(json.dumps({"id": "a", "text": "Five drones."}), encoding="utf-8")
    reports, errors = split(read_reports([other]))
    assert reports == [] and len(errors) == 1
    assert "not a Telegram Desktop export" in str(errors[0]) and str(other) in str(errors[0])


def test_stdin_holding_an_export(monkeypatch):
    data = json.dumps(export(), indent=1).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    reports, errors = split(read_reports(["-"]))
    assert len(reports) == 4 and len(errors) == 1
    jsonl = b'{"id": "x", "text": "Three drones were shot down."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(jsonl)))
    (r,), _ = split(read_reports(["-"]))
    assert r.report_id == "x"


def test_is_export():
    assert is_export(json.dumps(export()))
    assert is_export(json.dumps(export())[:200])    # a head is enough
    assert not is_export('{"id": "x", "text": "A report."}')
    assert not is_export('{"chats": {"list": []}}')
    assert not is_export("[1, 2]")


@pytest.mark.parametrize("msg,expect", [
    ({"id": 10, "type": "message", "date": "2025-03-14T06:10:00", "text": ["ok", 5]},
     "message 10: text part 1 is not a string"),
    ({"id": 11, "type": "message", "date": "yesterday", "text": "Drones."},
     "message 11: no 'date_unixtime' and 'date' is not a date"),
    ({"id": 12, "type": "message", "date_unixtime": "soon", "text": "Drones."},
     "message 12: 'date_unixtime' is not a time stamp"),
    ({"type": "message", "text": "Drones."}, "message #2: no numeric 'id'"),
    ("just a string", "message #2: expected an object"),
    ({"id": 13, "type": "message", "date": "2025-03-14T06:10:00", "text": "a\x00b"},
     "message 13: the text holds a NUL"),
])
def test_one_bad_message_is_an_error_and_the_rest_goes_on(msg, expect):
    data = json.dumps(export([MESSAGES[1], msg, MESSAGES[6]]), indent=1).encode()
    reports, errors = split(read_telegram("ch/result.json", data))
    assert [r.report_id for r in reports] == [f"tg-c{CHANNEL_ID}-2", f"tg-c{CHANNEL_ID}-7"]
    assert len(errors) == 1 and expect in str(errors[0])
    assert str(errors[0]).startswith("ch/result.json:")


def test_a_file_cut_short_keeps_the_messages_before_the_cut():
    data = json.dumps(export(), indent=1)
    cut = data[:data.index('"id": 7')]
    reports, errors = split(read_telegram("cut/result.json", cut.encode()))
    assert [r.report_id[-2:] for r in reports] == ["-2", "-4"]
    assert len(errors) == 2 and "broken JSON" in str(errors[-1])
    assert errors[-1].line == cut.count("\n") + 1


def test_empty_message_list_and_bad_bytes():
    assert list(read_telegram("e.json", json.dumps(export([])).encode())) == []
    (e,) = read_telegram("b.json", b'{"id": 1, "messages": [\xff]}')
    assert "not valid UTF-8" in str(e)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=2000) | st.from_regex(r'\{ *"id": *1, *"messages": *\[.*',
                                                    fullmatch=True).map(str.encode))
def test_any_bytes_never_raise(data):
    for item in read_telegram("fuzz/result.json", data):
        assert isinstance(item, InputError) and item.path == "fuzz/result.json" or \
            item.report_id.startswith("tg-")
