"""Health: is the service up and can it reach its database."""

from __future__ import annotations

from typing import Literal

import anyio
import anyio.to_thread
from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from zenplan.api.deps import EngineDep, RunnerDep


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    database: Literal["ok", "unreachable"]
    jobs_running: int


router = APIRouter(tags=["health"])


HEALTH_SECONDS = 1.0  # a database slower than this to answer SELECT 1 counts as unavailable


def _database_answers(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return False
    return True


_LIMITERS: list[anyio.CapacityLimiter] = []


def _limiter() -> anyio.CapacityLimiter:
    """Threads of their own for /health: it answers while every request thread waits."""
    if not _LIMITERS:
        _LIMITERS.append(anyio.CapacityLimiter(4))
    return _LIMITERS[0]


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
async def health(engine: EngineDep, runner: RunnerDep) -> JSONResponse:
    """``ok`` when the database answers within a second; 503 otherwise. No API key needed."""
    answered = False
    with anyio.move_on_after(HEALTH_SECONDS):
        # abandon_on_cancel: a query stuck in the pool does not hold /health
        answered = await anyio.to_thread.run_sync(_database_answers, engine, abandon_on_cancel=True)
    if not answered:
        down = Health(status="unavailable", database="unreachable", jobs_running=0)
        return JSONResponse(down.model_dump(), status_code=503, headers={"Retry-After": "5"})
    up = Health(status="ok", database="ok", jobs_running=len(runner.running()))
    return JSONResponse(up.model_dump())
