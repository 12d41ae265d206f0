"""Query parameters shared by the routers (declared once)."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

from fastapi import Query

from strikeledger.api import errors
from strikeledger.errors import InputError
from strikeledger.incidents.grade import GRADES
from strikeledger.limits import LIMITS
from strikeledger.store.queries import parse_as_of

# a report id, uid or SHA-256 in a path: the id limit (strikeledger.limits) makes every
# stored report fetchable by its id
KEY_LENGTH = max(LIMITS["id"], 64)

Grade = Enum("Grade", {g: g for g in GRADES}, type=str)  # type: ignore[misc]

DateFrom = Annotated[dt.date | None, Query(description="attack date from (inclusive), "
                                                       "YYYY-MM-DD")]
DateTo = Annotated[dt.date | None, Query(description="attack date to (inclusive), YYYY-MM-DD")]
Oblast = Annotated[str | None, Query(max_length=100, description="part of an oblast (admin1) "
                                     "name, case-insensitive, e.g. 'kharkiv'")]
AsOf = Annotated[str | None, Query(alias="as_of", max_length=40, description="the dataset as it stood at "
                                   "this time: YYYY-MM-DD[THH:MM[:SS]][+HH:MM] (UTC unless "
                                   "a zone is given; a date means its end)")]


def as_of(value: str | None) -> dt.datetime | None:
    try:
        return parse_as_of(value)
    except InputError as exc:
        raise errors.ApiError(422, exc.message) from None
