"""Numbered query placeholders, handed out one value at a time."""
from __future__ import annotations

from collections.abc import Iterable


class Params:
    """Numbered placeholders for one query: ``p(value)`` keeps the value, returns ``$n``.

    Both drivers take ``$n`` as it is (DuckDB natively, psycopg's raw cursors send it to
    the server), so no query is ever rewritten.
    """

    def __init__(self, values: Iterable = ()):
        self.values: list = list(values)

    def __call__(self, value: object) -> str:
        self.values.append(value)
        return f"${len(self.values)}"
