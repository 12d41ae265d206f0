"""The packaged vocabularies: JSON data files, each checked by its pydantic schema on load.

    from strikeledger.data import load
    from strikeledger.data.schemas import FigureCues

    cues = load("en/figure_cues.json", FigureCues)

Files that hold no words of a language (the gazetteer's places and coordinates, the
weapon list and its families, the names of bodies and officials) sit at the top. The
words of one language sit in a folder named by its ISO 639-1 code (``en/``), one file per
extractor, with the same names and schemas in every language folder.

A missing file, broken JSON or any entry that does not fit the schema raises one
:class:`~strikeledger.errors.VocabularyError` that lists every bad entry at once, one
per line, as ``PATH: message (got VALUE)``.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

from ..errors import VocabularyError

__all__ = ["load", "load_json", "check", "bad_entries", "LANGUAGES"]

# The languages with a vocabulary folder.
LANGUAGES = ("en",)

M = TypeVar("M")


def load_json(name: str) -> Any:
    """The parsed JSON of the packaged data file ``name`` ("weapons.json", "en/dates.json")."""
    try:
        raw = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
        return json.loads(raw)
    except (OSError, ValueError) as exc:
        raise VocabularyError(f"strikeledger/data/{name}: cannot read: {exc}") from exc


@lru_cache(maxsize=None)
def load(name: str, schema: type[M]) -> M:
    """The packaged data file ``name`` read and checked against ``schema`` (once per process)."""
    return check(load_json(name), schema, f"strikeledger/data/{name}")


def check(raw: Any, schema: type[M], source: str) -> M:
    """``raw`` validated by ``schema``; every bad entry in one VocabularyError naming ``source``."""
    from pydantic import ValidationError

    lines: list[str] = []
    try:
        doc = schema.model_validate(raw)  # type: ignore[attr-defined]
    except ValidationError as exc:
        lines = [_describe(e) for e in exc.errors(include_url=False)]
    # checks across entries read the raw document, so that they are reported together
    # with the entries that are bad on their own
    cross = getattr(schema, "cross_check", None)
    if cross is not None and isinstance(raw, dict):
        lines += cross(raw)
    if lines:
        raise bad_entries(source, lines)
    return doc


def bad_entries(source: str, lines: list[str]) -> VocabularyError:
    """The one error for a data file with bad entries: every entry on its own line."""
    return VocabularyError(f"{source}: {len(lines)} bad entries:\n  " + "\n  ".join(lines))


def _describe(error: dict) -> str:
    where = ".".join(str(p) for p in error["loc"]) or "top level"
    msg = error["msg"].removeprefix("Value error, ")
    seen = error.get("input")
    shown = repr(seen)
    if isinstance(seen, (dict, list)) or len(shown) > 80:
        return f"{where}: {msg}"
    return f"{where}: {msg} (got {shown})"
