"""How long a report's fields may be: the one place that says so.

The readers (``.txt``, JSONL, CSV, HTML, stdin) and ``POST /reports`` apply the same
limits, through ``check_fields``: a field over its limit makes the line (or request
item) an InputError that names the field, its length and the limit, and the rest of the
batch goes on. Lengths are in characters (Python ``str``).

- ``id``: 200. The API fetches a report by its id in the path (``/reports/{key}``), so an
  id must fit there; real ids (file names, slugs, feed ids) are far shorter.
- ``url``: 2,048, the longest URL browsers and crawlers reliably handle.
- ``publisher``: 200.
- ``text``: 1,000,000, about 150,000 words: ten times the longest article or live blog
  we have seen. Extraction takes time linear in the text (and a hard time budget on the
  server), but a bigger "report" is a mistake, not a report.
"""
from __future__ import annotations

from collections.abc import Mapping

from strikeledger.errors import InputError

LIMITS: Mapping[str, int] = {
    "id": 200,
    "url": 2048,
    "publisher": 200,
    "text": 1_000_000,
}


class FieldTooLong(InputError):
    """A report field longer than its limit (``field`` says which)."""

    def __init__(self, field: str, length: int, *, path: str | None = None,
                 line: int | None = None):
        self.field = field
        self.length = length
        super().__init__(f"field {field!r} is {length:,} characters long; the limit is "
                         f"{LIMITS[field]:,}", path=path, line=line)


def check_fields(fields: Mapping[str, str | None], *, path: str | None = None,
                 line: int | None = None) -> None:
    """Raise FieldTooLong for the first of ``fields`` (name -> value) over its limit."""
    for name, value in fields.items():
        if value is not None and len(value) > LIMITS[name]:
            raise FieldTooLong(name, len(value), path=path, line=line)
