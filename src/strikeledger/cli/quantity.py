"""`strikeledger quantity`: read one quantity phrase."""
from __future__ import annotations

import json
from typing import Annotated

import typer


def quantity(text: Annotated[str, typer.Argument(
        metavar="TEXT", show_default=False, help="a quantity phrase, e.g. 'over thirty'")]
             ) -> None:
    """Read one quantity phrase: value, qualifier, low, high (JSON)."""
    from ..extract.quantities import parse_quantity
    q = parse_quantity(text)
    print(json.dumps(q.model_dump(mode="json") if q is not None else None))
