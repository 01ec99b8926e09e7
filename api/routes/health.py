"""Health: is the service up and can it reach its database."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from zenplan.api.deps import RunnerDep, SessionDep


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    database: Literal["ok", "unreachable"]
    jobs_running: int


router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
async def health(session: SessionDep, runner: RunnerDep) -> JSONResponse:
    """``ok`` when the database answers; 503 otherwise. No API key needed."""
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        down = Health(status="unavailable", database="unreachable", jobs_running=0)
        return JSONResponse(down.model_dump(), status_code=503)
    up = Health(status="ok", database="ok", jobs_running=len(runner.running()))
    return JSONResponse(up.model_dump())
