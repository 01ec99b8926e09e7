"""Job leases: a second server on the same database (a rolling deploy) leaves the first
one's running jobs alone; a job whose lease ran out (its server died) is failed."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from api_helpers import TestClient, add_key, create_scenario, generated, wait_for_job
from sqlalchemy import update
from sqlmodel import Session

from zenplan.api.app import create_app
from zenplan.api.settings import Settings
from zenplan.api.tables import Job, now


def test_a_second_server_leaves_running_jobs_alone(make_settings: Callable[..., Settings]) -> None:
    with TestClient(create_app(make_settings())) as first:
        headers = {"X-API-Key": add_key(first, "planner")}
        scenario = create_scenario(first, headers, generated(30, seed=2))
        job = first.post(
            f"/scenarios/{scenario}/solve", json={"time_limit": 60}, headers=headers
        ).json()["id"]
        assert wait_for_job(first, headers, job, until=("running",))["state"] == "running"
        with TestClient(create_app(make_settings(job_slots=0))) as second:
            time.sleep(2.5)  # the second server's lease check has run
            assert second.get(f"/jobs/{job}", headers=headers).json()["state"] == "running"
        first.post(f"/jobs/{job}/cancel", headers=headers)


def test_a_job_whose_lease_ran_out_is_failed(make_settings: Callable[..., Settings]) -> None:
    with TestClient(create_app(make_settings(job_slots=0))) as server:
        headers = {"X-API-Key": add_key(server, "planner")}
        scenario = create_scenario(server, headers)
        job = server.post(f"/scenarios/{scenario}/solve", headers=headers).json()["id"]
        app: Any = server.app
        with Session(app.state.engine) as session:  # a server that died with the job
            session.execute(
                update(Job)
                .where(Job.id == job)
                .values(state="running", lease_until=now() - timedelta(seconds=1))
            )
            session.commit()
    with TestClient(create_app(make_settings(job_slots=0))) as restarted:
        ended = restarted.get(f"/jobs/{job}", headers=headers).json()
        assert ended["state"] == "failed" and "server stopped" in ended["reason"]
