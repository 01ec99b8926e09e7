"""Dependencies the routes declare: the database session, the settings, the caller's role.

A caller presents an API key in ``X-API-Key`` (or ``Authorization: Bearer <key>``); the
sponsor pages also accept the key kept in a cookie by the login page. The roles are
ordered ``viewer < planner < admin``: no key answers 401, a key whose role is too low 403.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.engine import Engine
from sqlmodel import Session

from zenplan.api import crud
from zenplan.api.errors import ApiError
from zenplan.api.jobs import JobRunner
from zenplan.api.settings import Settings
from zenplan.api.tables import ROLES, Role

KEY_COOKIE = "zenplan_key"

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key.")
bearer = HTTPBearer(auto_error=False, description="An API key as a bearer token.")


# The dependencies are coroutines: a plain function would cost each request a trip to the
# thread pool (about a millisecond here); the routes themselves run in the pool.


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


async def get_session(engine: Annotated[Engine, Depends(get_engine)]) -> AsyncIterator[Session]:
    """A session for the request; it connects on first use, in the route's thread."""
    session = Session(engine)
    try:
        yield session
    finally:
        session.close()


async def get_runner(request: Request) -> JobRunner:
    runner: JobRunner = request.app.state.runner
    return runner


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
SessionDep = Annotated[Session, Depends(get_session)]
RunnerDep = Annotated[JobRunner, Depends(get_runner)]


@dataclass(frozen=True)
class Caller:
    """Who is calling: the key's name and role."""

    name: str
    role: Role
    key_id: int | None = None  # None: authentication is disabled

    def may(self, role: Role) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


class KeyCache:
    """Keys checked in the last few seconds, so a read costs no extra query."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._known: dict[str, tuple[Caller, float]] = {}

    def get(self, key: str) -> Caller | None:
        found = self._known.get(key)
        if found is None or found[1] < time.monotonic():
            return None
        return found[0]

    def put(self, key: str, caller: Caller) -> None:
        if len(self._known) > 10_000:
            self._known.clear()
        self._known[key] = (caller, time.monotonic() + self.seconds)

    def clear(self) -> None:
        self._known.clear()


def identify(request: Request, key: str | None) -> Caller | None:
    """The caller a key belongs to, or None when the key is unknown (may query: sync)."""
    settings: Settings = request.app.state.settings
    if settings.auth_disabled:
        return Caller("development (authentication disabled)", "admin")
    if not key:
        return None
    cache: KeyCache = request.app.state.key_cache
    caller = cache.get(key)
    if caller is not None:
        return caller
    with Session(request.app.state.engine) as session:
        record = crud.find_api_key(session, key)
    if record is None or record.role not in ROLES:
        return None
    caller = Caller(record.name or record.prefix, record.role, record.id)
    cache.put(key, caller)
    return caller


async def identify_async(request: Request, key: str | None) -> Caller | None:
    """``identify``, querying the database in the thread pool only when the key is new."""
    settings: Settings = request.app.state.settings
    if key and not settings.auth_disabled:
        cached = request.app.state.key_cache.get(key)
        if isinstance(cached, Caller):
            return cached
    return await run_in_threadpool(identify, request, key)


def _check(caller: Caller | None, presented: bool, role: Role) -> Caller:
    if caller is None:
        loc = ["header", "X-API-Key"]
        if presented:
            message = "unknown, revoked or expired API key"
            raise ApiError(401, loc, message, None, {"WWW-Authenticate": "Bearer"})
        raise ApiError(401, loc, "an API key is needed", None, {"WWW-Authenticate": "Bearer"})
    if not caller.may(role):
        raise ApiError(403, ["header", "X-API-Key"], f"this needs the {role} role", caller.role)
    return caller


def require(role: Role) -> Callable[..., Coroutine[None, None, Caller]]:
    """A dependency that lets through callers with ``role`` or a higher one."""

    async def caller(
        request: Request,
        header_key: Annotated[str | None, Depends(api_key_header)],
        bearer_key: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Caller:
        key = header_key or (bearer_key.credentials if bearer_key is not None else None)
        return _check(await identify_async(request, key), bool(key), role)

    return caller


Viewer = Annotated[Caller, Depends(require("viewer"))]
Planner = Annotated[Caller, Depends(require("planner"))]
Admin = Annotated[Caller, Depends(require("admin"))]
