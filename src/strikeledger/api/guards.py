"""What a write must be before anything reads it: its media type, then its items.

- **Strict content type.** A write's ``Content-Type`` must be JSON: ``application/json``
  or a structured ``application/<name>+json``, with no parameter other than
  ``charset=utf-8``. ``text/plain; a=json`` is not JSON (a substring test took it), and
  a missing header is refused too: a browser form cannot send JSON by accident.
- **Field limits.** Each item is read by the JSONL reader's ``report_from_object``, so
  the API and the readers apply the same limits (``strikeledger.limits``). A text over
  its limit makes the answer 413, any other bad field 422; both name the item and field.
"""
from __future__ import annotations

from strikeledger.api.errors import ApiError
from strikeledger.errors import InputError
from strikeledger.ingest.readers import report_from_object
from strikeledger.limits import FieldTooLong
from strikeledger.model import Report

_MEDIA_TYPE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789!#$&-^_.+")


def is_json_media_type(content_type: str | None) -> bool:
    """Whether ``content_type`` is a JSON media type (RFC 8259, RFC 6839 ``+json``)."""
    if not content_type:
        return False
    media, *params = (part.strip() for part in content_type.split(";"))
    media = media.lower()
    kind, _, sub = media.partition("/")
    if kind != "application" or not sub or not set(sub) <= _MEDIA_TYPE_CHARS:
        return False
    if sub != "json" and not (sub.endswith("+json") and len(sub) > len("+json")):
        return False
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() != "charset" or \
                value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            return False
    return True


def require_json(content_type: str | None) -> None:
    """Raise 415 unless ``content_type`` is a JSON media type."""
    if not is_json_media_type(content_type):
        raise ApiError(415, "expected Content-Type: application/json (charset utf-8 if "
                            f"given), got {content_type or 'none'!r}")


def reports_of(items: list, origin: str) -> list[Report]:
    """One Report per item, or ApiError naming every bad item (413 for a text too long)."""
    problems, reports, too_long = [], [], False
    for i, obj in enumerate(items, 1):
        try:
            reports.append(report_from_object(obj, origin, i))
        except InputError as got:
            too_long |= isinstance(got, FieldTooLong) and got.field == "text"
            problems.append(f"item {got.line}: {got.message}")
    if problems:
        raise ApiError(413 if too_long else 422, "nothing stored: " + "; ".join(problems[:20]))
    return reports
