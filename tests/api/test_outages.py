"""The database slow or away: reads keep answering, /health within a second, 503 JSON with
Retry-After while the database is unreachable, and a job whose process ended without
recording its end is failed once the database is back."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from api_helpers import TestClient, add_key, create_scenario
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from zenplan.api import crud
from zenplan.api.app import create_app
from zenplan.api.db import make_engine
from zenplan.api.settings import Settings
from zenplan.api.tables import Job


def test_health_answers_during_a_table_lock(
    make_settings: Callable[..., Settings], database_url: str
) -> None:
    with TestClient(create_app(make_settings(statement_timeout=2, job_slots=0))) as server:
        headers = {"X-API-Key": add_key(server, "planner")}
        scenario = create_scenario(server, headers)
        job = server.post(f"/scenarios/{scenario}/solve", headers=headers).json()["id"]
        locker = make_engine(database_url)
        with locker.connect() as connection:
            if locker.dialect.name == "postgresql":
                connection.execute(text("LOCK TABLE job IN ACCESS EXCLUSIVE MODE"))
            else:
                connection.exec_driver_sql("BEGIN EXCLUSIVE")
            blocked: list[Any] = []
            reader = threading.Thread(
                target=lambda: blocked.append(server.get(f"/jobs/{job}", headers=headers))
            )
            reader.start()
            time.sleep(0.2)
            started = time.perf_counter()
            health = server.get("/health")
            assert time.perf_counter() - started < 1.0
            assert health.status_code == 200
            reader.join(timeout=10)
            connection.rollback()
        locker.dispose()
        # the locked read either waited out the lock or gave up with 503 JSON, never 500
        assert blocked[0].status_code in (200, 503)
        if blocked[0].status_code == 503:
            assert blocked[0].headers["Retry-After"] and blocked[0].json()["detail"]


def test_an_unreachable_database_is_503_json(client: TestClient, keys: dict[str, Any]) -> None:
    client.get("/scenarios", headers=keys["viewer"])  # the key is now cached
    app: Any = client.app
    working = app.state.engine
    app.state.engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:9/none", 1)
    try:
        down = client.get("/scenarios", headers=keys["viewer"])
        assert down.status_code == 503
        assert down.headers["Retry-After"] == "5" and down.json()["detail"][0]["msg"]
        health = client.get("/health")
        assert health.status_code == 503 and health.json()["database"] == "unreachable"
    finally:
        app.state.engine.dispose()
        app.state.engine = working
    assert client.get("/scenarios", headers=keys["viewer"]).status_code == 200


def test_a_job_that_ended_unrecorded_is_failed_once_the_database_is_back(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    with TestClient(create_app(make_settings(job_slots=0))) as server:
        headers = {"X-API-Key": add_key(server, "planner")}
        scenario = create_scenario(server, headers)
        server.post(f"/scenarios/{scenario}/solve", headers=headers)
        app: Any = server.app
        with Session(app.state.engine) as session:
            job = crud.claim_next_job(session)
            assert job is not None and job.id is not None
            job_id = job.id
        runner = app.state.runner
        process = subprocess.Popen([sys.executable, "-c", "pass"])
        process.wait()
        runner._processes[job_id] = process  # a job process that died without a word
        record = crud.fail_job
        outage = {"calls": 0}

        def unreachable(session: Session, job_id: int, reason: str) -> bool:
            outage["calls"] += 1
            if outage["calls"] <= 2:
                raise OperationalError("UPDATE job", {}, Exception("connection refused"))
            return record(session, job_id, reason)

        monkeypatch.setattr(crud, "fail_job", unreachable)
        runner._reap()  # the database is away: nothing recorded, nothing forgotten
        runner._reap()
        with Session(app.state.engine) as session:
            assert session.get(Job, job_id).state == "running"  # type: ignore[union-attr]
        runner._reap()  # back
        with Session(app.state.engine) as session:
            ended = session.get(Job, job_id)
            assert ended is not None and ended.state == "failed"
            assert "without recording its end" in (ended.reason or "")


def test_a_job_process_rides_out_a_short_outage(database_url: str) -> None:
    """Its progress writes are skipped and its end is retried while the database is away."""
    from types import SimpleNamespace

    from zenplan.api.jobs import _ProgressWriter, _retrying

    engine = make_engine(database_url)
    calls: list[int] = []

    def end_write(session: Session) -> None:
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("UPDATE job", {}, Exception("connection refused"))

    _retrying(engine, end_write)  # two failures, then recorded
    assert len(calls) == 3
    away = make_engine("postgresql+psycopg://nobody@127.0.0.1:9/none", 1)
    progress = SimpleNamespace(objective=1.0, bound=2.0, gap=1.0, solutions=1)
    _ProgressWriter(away, 1, 0.0)(progress)  # no exception: the solve goes on
    away.dispose()
    engine.dispose()
