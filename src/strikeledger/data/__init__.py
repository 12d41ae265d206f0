"""The packaged vocabularies (gazetteer, weapons, cue words, ...), one JSON file each.

Each extractor validates its own file's shape; reading it is done here, once, so that a
missing or malformed file is always the same clear VocabularyError.
"""
from __future__ import annotations

import json
from importlib import resources

from ..errors import VocabularyError


def load_json(name: str):
    """The parsed JSON of the packaged data file `name` (e.g. "weapons.json")."""
    try:
        raw = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
        return json.loads(raw)
    except (OSError, ValueError) as exc:
        raise VocabularyError(f"strikeledger/data/{name}: cannot read: {exc}") from exc
