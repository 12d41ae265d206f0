"""strikeledger: turn reports of air attacks into a source-traced dataset."""
from __future__ import annotations

__version__ = "0.1.0"
