"""Jobs: how a queued write went (``POST /reports`` answers 202 with a job's id)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.encoders import jsonable_encoder

from strikeledger.api import errors

router = APIRouter()


@router.get("/jobs/{job}", tags=["reports"])
def job(request: Request,
        job: Annotated[str, Path(max_length=64, description="the id a 202 answer gave")]
        ) -> dict:
    """A write job: ``state`` (queued, running, done, failed), its times, its reports'
    ids and uids, and ``result`` (what the POST would have answered) or ``error``."""
    row = request.app.state.writes.job(job)
    if row is None:
        raise errors.ApiError(404, f"no job {job!r}")
    return jsonable_encoder(row)
