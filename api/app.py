"""The zenplan service: ``create_app(settings)`` builds the FastAPI application.

At start it applies the database migrations, marks jobs that a previous server left
running as failed, and starts the job runner; at shutdown it stops the running solves.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from fastapi_offline import FastAPIOffline
from sqlmodel import Session

from zenplan.api import crud
from zenplan.api.db import make_engine, migrate
from zenplan.api.deps import KeyCache
from zenplan.api.errors import BodySizeLimit, RequestId, install_error_handlers
from zenplan.api.jobs import RESTART_REASON, JobRunner
from zenplan.api.routes import (
    compare,
    explain,
    exports,
    frontier,
    health,
    jobs,
    keys,
    pages,
    redoc,
    scenarios,
    schedules,
    webhooks,
)
from zenplan.api.settings import Settings
from zenplan.api.webhooks import Announcer

log = logging.getLogger("zenplan.api")

DESCRIPTION = """
Plan data-science and ML portfolios with CP-SAT: store scenarios (every change is a new
version), start solves as jobs and follow their progress, read schedules, assignments,
KPIs and charts, and compare schedules. Send an API key in `X-API-Key` (or as a bearer
token); roles are `viewer` < `planner` < `admin`. Every 4xx answers
`{"detail": [{"loc": [...], "msg": "...", "value": ...}]}`.
"""


# Operation ids a generated client can use: the route function's name in camelCase, reads
# as get..., and a few renamed to what they do.
RENAMED = {
    "health": "getHealth",
    "start_solve": "solveScenario",
    "start_replan": "replanScenario",
    "compare_chart": "getCompareChart",
}


def operation_id(route: APIRoute) -> str:
    """``read_scenario`` -> ``getScenario``, ``list_jobs`` -> ``listJobs``."""
    if route.name in RENAMED:
        return RENAMED[route.name]
    first, *rest = route.name.split("_")
    first = "get" if first == "read" else first
    return first + "".join(word.capitalize() for word in rest)


def _check_keys_exist(settings: Settings, session: Session) -> None:
    if settings.environment != "development" and crud.count_api_keys(session) == 0:
        raise RuntimeError(
            "no API key exists: create one first with `zenplan keys create --role admin`"
        )


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service, configured by ``settings`` (default: from the ZENPLAN_* environment)."""
    settings = settings or Settings()
    engine = make_engine(settings.sqlalchemy_url, settings.statement_timeout)
    runner = JobRunner(
        engine,
        settings.sqlalchemy_url,
        settings.job_slots,
        settings.progress_interval,
        settings.job_memory_mb,
        settings.job_grace_seconds,
        settings.statement_timeout,
    )

    announcer = Announcer(engine, settings.webhook_backoff)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        migrate(engine)
        with Session(engine) as session:
            _check_keys_exist(settings, session)
            failed = crud.fail_expired_jobs(session, RESTART_REASON)
        if failed:
            log.warning("jobs %s were running when the server stopped: marked failed", failed)
        runner.start()
        announcer.start()
        try:
            yield
        finally:
            runner.stop()
            announcer.stop()
            engine.dispose()

    # FastAPIOffline: FastAPI with /docs served from files installed with it, not from a CDN,
    # so the API docs open on closed networks too (/redoc: routes/redoc.py).
    app = FastAPIOffline(
        redoc_url=None,
        title="zenplan",
        summary="Portfolio scheduling for data-science and ML teams",
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.runner = runner
    app.state.key_cache = KeyCache(settings.key_cache_seconds)

    install_error_handlers(app)
    app.add_exception_handler(pages.LoginRequired, pages.login_redirect)
    for router in (
        health.router,
        scenarios.router,
        jobs.router,
        schedules.router,
        exports.router,
        explain.router,
        compare.router,
        frontier.router,
        keys.router,
        webhooks.router,
        pages.router,
        redoc.router,
    ):
        app.include_router(router)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=[
                *("X-API-Key", "Authorization", "Content-Type"),
                *("If-Match", "If-None-Match", "Idempotency-Key", "X-Request-ID"),
            ],
            expose_headers=[
                *("Location", "ETag", "Retry-After", "X-Request-ID"),
                *("X-Total-Count", "Link", "Idempotent-Replayed"),
            ],
        )
    app.add_middleware(BodySizeLimit, limit=settings.max_body_bytes)
    app.add_middleware(RequestId)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _solve_caps(components: dict[str, Any], settings: Settings) -> None:
    """The schema's largest time limit and workers are the server's caps
    (ZENPLAN_MAX_TIME_LIMIT, ZENPLAN_MAX_WORKERS)."""
    for definition in components.values():
        properties = definition.get("properties", {})
        if "time_limit" in properties:
            properties["time_limit"]["maximum"] = settings.max_time_limit
        workers = properties.get("workers", {}).get("anyOf", [])
        for option in workers:
            if option.get("type") == "integer":
                option["maximum"] = settings.max_workers


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, plus the scenario format's definitions for the JSON bodies."""
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            description=app.description,
            routes=app.routes,
        )
        scenario = scenarios.scenario_schema()
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, definition in scenario.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components["Scenario"] = scenario
        _solve_caps(components, app.state.settings)
        app.openapi_schema = schema
    return app.openapi_schema
