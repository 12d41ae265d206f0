"""strikeledger: turn reports of air attacks into a source-traced dataset.

    >>> import strikeledger
    >>> strikeledger.parse_quantity("over thirty").model_dump()
    {'value': 30, 'qualifier': 'more_than', 'low': 31, 'high': None}

Names are imported on first use, so `import strikeledger` stays cheap for the CLI.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "Attack": "model", "Damage": "model", "Evidence": "model", "Figure": "model",
    "Kind": "model", "Place": "model", "Qualifier": "model", "Quantity": "model",
    "Record": "model", "Report": "model", "Source": "model", "Speaker": "model",
    "InputError": "errors", "NotFoundError": "errors", "StoreBusyError": "errors",
    "StoreError": "errors", "StrikeledgerError": "errors",
    "extract_record": "extract.pipeline", "extract_records": "extract.pipeline",
    "extract_many": "extract.pipeline",
    "parse_quantity": "extract.quantities",
    "read_reports": "ingest.readers", "ingest_paths": "ingest.run",
    "open_store": "store",
    "build_incidents": "incidents",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'strikeledger' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + __all__)
