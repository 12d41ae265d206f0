"""Optional dependencies (the `postgres` and `dask` extras), imported only where used.

The core (DuckDB store, extraction, CLI, API) needs none of them; a feature that does
calls ``require`` so that a missing extra is one clear error naming the install command.
"""
from __future__ import annotations

import importlib
from types import ModuleType

from strikeledger.errors import MissingExtraError


def require(module: str, extra: str, feature: str) -> ModuleType:
    """Import ``module`` or raise MissingExtraError telling how to install ``extra``."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        if exc.name is not None and exc.name.split(".")[0] != module.split(".")[0]:
            raise  # the extra is installed but broken: show the real cause
        raise MissingExtraError(feature, extra, module) from exc
