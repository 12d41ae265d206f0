"""Telegram Desktop channel exports -> Report.

Telegram Desktop's "Export chat history" with format "Machine-readable JSON" writes one
``result.json``: an object with the chat's ``name``, ``type`` and ``id``, then
``messages``, a list of objects. A message's ``text`` is a string, or a list of strings
and entity objects (``{"type": "bold", "text": "..."}``, ``{"type": "text_link",
"text": "...", "href": "..."}``); ``text_entities`` is the same text as a list of entity
objects only. One Report per message that has text:

- text: the message text with every entity's text in place (bold, links, hashtags...);
  a media message's caption is its text;
- published: the Kyiv calendar date of the message. ``date_unixtime`` (seconds, UTC) is
  converted to Europe/Kyiv time; an export without it (older Telegram Desktop) gives its
  ``date`` field, which Telegram Desktop writes in the local time of the computer that
  exported it: we assume that computer was set to Kyiv time;
- url: the message link ``https://t.me/<username>/<id>``. The export does not hold the
  channel's username: it is taken from a ``username`` field at the export's top level, or
  from the folder holding ``result.json`` when it is named ``@<username>``; otherwise the
  link is ``https://t.me/c/<channel id>/<id>``, which opens for members of the channel;
- publisher: the channel's name; report_id ``tg-<username or c<channel id>>-<id>``.

Service messages (channel created, message pinned...) and messages without text (media
only, or empty) are skipped. An edited message (``edited`` set) holds its text as last
edited and keeps its first date as published; exported again after another edit, it is a
new report version under the same report_id (the store keeps both texts). A message that
cannot be read is one InputError naming the file, the line and the message id, and the
rest goes on; a file broken as JSON stops at the break.

The messages are decoded one at a time (``JSONDecoder.raw_decode``), so a large export
never exists as one Python object.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from ..errors import InputError
from ..model import Report

log = logging.getLogger(__name__)

KYIV = ZoneInfo("Europe/Kyiv")
_WS = re.compile(r"[ \t\n\r]*")
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}\Z")
_DECODER = json.JSONDecoder()
SNIFF_BYTES = 65536


class _Broken(Exception):
    """The file stops being JSON at ``pos``."""

    def __init__(self, message: str, pos: int):
        super().__init__(message)
        self.message, self.pos = message, pos


class _Scanner:
    """Walks a JSON text one value at a time."""

    def __init__(self, text: str):
        self.text, self.pos = text, 0

    def skip(self, token: str) -> bool:
        self.pos = _WS.match(self.text, self.pos).end()
        if self.text.startswith(token, self.pos):
            self.pos += len(token)
            return True
        return False

    def value(self):
        self.pos = _WS.match(self.text, self.pos).end()
        try:
            value, self.pos = _DECODER.raw_decode(self.text, self.pos)
        except json.JSONDecodeError as e:
            raise _Broken(e.msg, e.pos) from None
        except RecursionError:
            raise _Broken("JSON nested too deeply", self.pos) from None
        return value


def _header(scanner: _Scanner) -> dict | None:
    """The export's top-level fields before ``messages``, leaving the scanner inside the
    messages list; None when the text is not an object with a ``messages`` list."""
    if not scanner.skip("{"):
        return None
    fields: dict = {}
    while not scanner.skip("}"):
        key = scanner.value()
        if not isinstance(key, str) or not scanner.skip(":"):
            raise _Broken("expected a key and ':'", scanner.pos)
        if key == "messages":
            return fields if scanner.skip("[") else None
        fields[key] = scanner.value()
        if not scanner.skip(","):
            if scanner.skip("}"):
                break
            raise _Broken("expected ',' or '}'", scanner.pos)
    return None


def _is_export(fields: dict | None) -> bool:
    return fields is not None and ("type" in fields or "id" in fields)


def is_export(head: str) -> bool:
    """Whether a JSON text (or its first SNIFF_BYTES) is a Telegram Desktop chat export:
    an object with the chat's ``type`` or ``id`` and a ``messages`` list."""
    try:
        return _is_export(_header(_Scanner(head)))
    except _Broken:
        return False


def _channel(fields: dict, path: str) -> tuple[str | None, str | None, str]:
    """(username, channel id, report id prefix) of an export."""
    username = fields.get("username")
    if not (isinstance(username, str) and _USERNAME.match(username.lstrip("@"))):
        folder = Path(path).parent.name
        username = folder if folder.startswith("@") else None
    username = username.lstrip("@") if username and _USERNAME.match(username.lstrip("@")) else None
    cid = fields.get("id")
    cid = str(cid) if isinstance(cid, int) and not isinstance(cid, bool) else None
    prefix = username or (f"c{cid}" if cid else "channel")
    return username, cid, f"tg-{prefix}"


def message_text(message: dict) -> str:
    """A message's text with its entities' text in place (raises ValueError when a part
    is neither a string nor an entity with a string ``text``)."""
    parts = message.get("text")
    if parts is None or parts == "" or parts == []:
        parts = message.get("text_entities") or ""
    if isinstance(parts, str):
        return parts
    if not isinstance(parts, list):
        raise ValueError(f"'text' is a {type(parts).__name__}, not a string or a list")
    out = []
    for i, part in enumerate(parts):
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            out.append(part["text"])
        else:
            raise ValueError(f"text part {i} is not a string or an entity with a text")
    return "".join(out)


def message_date(message: dict) -> dt.date:
    """The Kyiv calendar date of a message (see the module's doc)."""
    stamp = message.get("date_unixtime")
    if stamp is not None:
        try:
            return dt.datetime.fromtimestamp(int(stamp), tz=KYIV).date()
        except (TypeError, ValueError, OverflowError, OSError):
            raise ValueError(f"'date_unixtime' is not a time stamp: {stamp!r}") from None
    local = message.get("date")
    try:
        return dt.datetime.fromisoformat(local).date()
    except (TypeError, ValueError):
        raise ValueError(f"no 'date_unixtime' and 'date' is not a date: {local!r}") from None


def read_telegram(path: str, data: bytes | str) -> Iterator[Report | InputError]:
    """One Report per message with text; InputErrors name the file, line and message id."""
    from .readers import _decode

    try:
        text = data if isinstance(data, str) else _decode(data, path)
    except InputError as e:
        yield e
        return
    scanner = _Scanner(text)
    line, counted = 1, 0

    def line_at(pos: int) -> int:
        nonlocal line, counted
        if pos >= counted:       # messages come in order: count each newline once
            line += text.count("\n", counted, pos)
            counted = pos
            return line
        return text.count("\n", 0, pos) + 1

    try:
        fields = _header(scanner)
        if not _is_export(fields):
            yield InputError("not a Telegram Desktop export (expected an object with the "
                             "chat's 'type' and 'id' and a 'messages' list)", path=path)
            return
        username, cid, prefix = _channel(fields, path)
        publisher = fields.get("name") if isinstance(fields.get("name"), str) else None
        publisher = publisher or None
        index = 0
        if scanner.skip("]"):
            return
        while True:
            scanner.pos = _WS.match(text, scanner.pos).end()
            at = line_at(scanner.pos)
            message = scanner.value()
            index += 1
            result = _report(message, index, path, at, username, cid, prefix, publisher)
            if result is not None:
                yield result
            if scanner.skip(","):
                continue
            if scanner.skip("]"):
                return
            raise _Broken("expected ',' or ']' after a message", scanner.pos)
    except _Broken as e:
        yield InputError(f"broken JSON: {e.message}", path=path, line=line_at(e.pos))


def _report(message, index: int, path: str, line: int, username: str | None,
            cid: str | None, prefix: str, publisher: str | None) -> Report | InputError | None:
    if not isinstance(message, dict):
        return InputError(f"message #{index}: expected an object, got "
                          f"{type(message).__name__}", path=path, line=line)
    mid = message.get("id")
    if not isinstance(mid, int) or isinstance(mid, bool):
        return InputError(f"message #{index}: no numeric 'id' (got {mid!r})", path=path,
                          line=line)
    if message.get("type", "message") != "message":    # "service": created, pinned, ...
        return None
    try:
        body = message_text(message)
        published = message_date(message)
    except ValueError as e:
        return InputError(f"message {mid}: {e}", path=path, line=line)
    if not body.strip():            # media without a caption, or an empty message
        log.debug("%s: message %d has no text; skipped", path, mid)
        return None
    if "\x00" in body:
        return InputError(f"message {mid}: the text holds a NUL character", path=path,
                          line=line)
    if username:
        url = f"https://t.me/{username}/{mid}"
    elif cid:
        url = f"https://t.me/c/{cid}/{mid}"
    else:
        url = None
    return Report(report_id=f"{prefix}-{mid}", text=body, published=published, url=url,
                  publisher=publisher, origin=f"{path}:{line}")
