"""Solve jobs: 202 at once, live progress, stored results, cancel, restart."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta

import httpx
import pytest
from api_helpers import TestClient, create_scenario, generated, tiny, wait_for_job
from sqlalchemy import update
from sqlmodel import Session

from zenplan.api import crud
from zenplan.api.app import create_app
from zenplan.api.db import make_engine, migrate
from zenplan.api.settings import Settings
from zenplan.api.tables import Job, now

Headers = dict[str, dict[str, str]]
FAST = {"time_limit": 2, "workers": 1, "seed": 7}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_solve_answers_202_and_stores_the_schedule(client: TestClient, keys: Headers) -> None:
    scenario_id = create_scenario(client, keys["planner"])
    response = client.post(f"/scenarios/{scenario_id}/solve", json=FAST, headers=keys["planner"])
    assert response.status_code == 202, response.text
    job = response.json()
    assert job["state"] in ("queued", "running") and job["version"] == 1
    assert response.headers["location"] == f"/jobs/{job['id']}"
    done = wait_for_job(client, keys["viewer"], job["id"])
    assert done["state"] == "succeeded", done
    assert done["objective"] is not None and done["elapsed"] > 0
    stored = client.get(f"/schedules/{done['schedule_id']}", headers=keys["viewer"]).json()
    assert stored["job_id"] == job["id"] and stored["version"] == 1
    assert (stored["time_limit"], stored["workers"], stored["seed"]) == (2, 1, 7)
    assert stored["schedule"]["status"] in ("optimal", "feasible")
    assert stored["schedule"]["solver"]["seed"] == 7
    assert {p["id"] for p in stored["schedule"]["projects"] if p["selected"]} >= {"fraud"}


def test_a_job_solves_the_version_it_was_given(client: TestClient, keys: Headers) -> None:
    scenario_id = create_scenario(client, keys["planner"])
    client.put(f"/scenarios/{scenario_id}", json=tiny(name="v2"), headers=keys["planner"])
    job = client.post(
        f"/scenarios/{scenario_id}/solve", json={**FAST, "version": 1}, headers=keys["planner"]
    ).json()
    done = wait_for_job(client, keys["viewer"], job["id"])
    schedule = client.get(f"/schedules/{done['schedule_id']}", headers=keys["viewer"]).json()
    assert schedule["version"] == 1 and schedule["name"] == "tiny portfolio"
    missing = client.post(
        f"/scenarios/{scenario_id}/solve", json={"version": 9}, headers=keys["planner"]
    )
    assert missing.status_code == 404
    assert missing.json()["detail"][0]["loc"] == ["query", "version"]


def test_cancel_stops_the_solve_process(client: TestClient, keys: Headers) -> None:
    scenario_id = create_scenario(client, keys["planner"], generated(30, seed=1))
    job = client.post(
        f"/scenarios/{scenario_id}/solve",
        json={"time_limit": 120, "workers": 1},
        headers=keys["planner"],
    ).json()
    running = wait_for_job(client, keys["viewer"], job["id"], until=("running",))
    assert running["state"] == "running"
    deadline = time.monotonic() + 60
    while running["solutions"] == 0 and time.monotonic() < deadline:
        time.sleep(0.2)  # wait for live progress: a first plan found
        running = client.get(f"/jobs/{job['id']}", headers=keys["viewer"]).json()
    assert running["objective"] is not None and running["bound"] is not None, running
    assert running["gap"] is not None
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        pid = session.get(Job, job["id"]).pid  # type: ignore[union-attr]
    assert pid is not None and not _gone(pid)
    cancelled = client.post(f"/jobs/{job['id']}/cancel", headers=keys["planner"])
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["state"] == "cancelled"
    assert _gone(pid)
    again = client.post(f"/jobs/{job['id']}/cancel", headers=keys["planner"])
    assert again.status_code == 409
    assert again.json()["detail"][0]["msg"] == "the job has already cancelled"


def test_a_restart_fails_the_jobs_left_running(
    make_settings: Callable[..., Settings], client: TestClient, keys: Headers
) -> None:
    # The `keys` fixture's server is one server; this test starts two more on the same database.
    client.app.state.runner.stop()  # type: ignore[attr-defined]  # it would claim the job
    settings = make_settings(job_slots=0)  # this server never runs jobs: they stay as we set them
    with TestClient(create_app(settings)) as first:
        scenario_id = create_scenario(first, keys["planner"])
        job = first.post(f"/scenarios/{scenario_id}/solve", json=FAST, headers=keys["planner"])
        with Session(first.app.state.engine) as session:  # type: ignore[attr-defined]
            claimed = crud.claim_next_job(session)  # as if a solve were running when killed
            assert claimed is not None and claimed.id == job.json()["id"]
            job_id = claimed.id
            # ... and its server died: nobody renewed the lease (see test_leases.py)
            session.execute(
                update(Job).where(Job.id == job_id).values(lease_until=now() - timedelta(1))
            )
            session.commit()
    with TestClient(create_app(settings)) as second:
        after = second.get(f"/jobs/{job_id}", headers=keys["viewer"]).json()
        assert after["state"] == "failed"
        assert "server stopped" in after["reason"]
        assert second.get(f"/scenarios/{scenario_id}", headers=keys["viewer"]).status_code == 200


def test_shutdown_stops_running_solves(
    make_settings: Callable[..., Settings], client: TestClient, keys: Headers
) -> None:
    # The keys came from the `client` app on the same database: its runner would race this
    # server's for the job (when it won, this server had nothing to stop).
    client.app.state.runner.stop()  # type: ignore[attr-defined]
    with TestClient(create_app(make_settings())) as server:
        scenario_id = create_scenario(server, keys["planner"], generated(30, seed=2))
        job = server.post(
            f"/scenarios/{scenario_id}/solve",
            json={"time_limit": 120, "workers": 1},
            headers=keys["planner"],
        ).json()
        wait_for_job(server, keys["viewer"], job["id"], until=("running",))
        deadline = time.monotonic() + 30
        while not server.app.state.runner.running() and time.monotonic() < deadline:  # type: ignore[attr-defined]
            time.sleep(0.05)
    with TestClient(create_app(make_settings(job_slots=0))) as restarted:
        after = restarted.get(f"/jobs/{job['id']}", headers=keys["viewer"]).json()
        assert after["state"] == "failed" and "shut down" in after["reason"]
        with Session(restarted.app.state.engine) as session:  # type: ignore[attr-defined]
            pid = session.get(Job, job["id"]).pid  # type: ignore[union-attr]
        assert pid is not None and _gone(pid)


def test_deleting_a_scenario_waits_for_its_jobs(
    make_settings: Callable[..., Settings], keys: Headers
) -> None:
    with TestClient(create_app(make_settings(job_slots=0))) as server:
        scenario_id = create_scenario(server, keys["planner"])
        job = server.post(f"/scenarios/{scenario_id}/solve", headers=keys["planner"]).json()
        refused = server.delete(f"/scenarios/{scenario_id}", headers=keys["planner"])
        assert refused.status_code == 409
        server.post(f"/jobs/{job['id']}/cancel", headers=keys["planner"])
        assert (
            server.delete(f"/scenarios/{scenario_id}", headers=keys["planner"]).status_code == 204
        )


@pytest.mark.parametrize(
    "body, loc",
    [
        ({"time_limit": 0}, ["body", "time_limit"]),  # must be positive
        ({"time_limit": 5000}, ["body", "time_limit"]),  # over the server's limit
        ({"workers": 0}, ["body", "workers"]),
        ({"relative_gap": 1.5}, ["body", "relative_gap"]),
        ({"seed": -1}, ["body", "seed"]),
    ],
)
def test_bad_solver_parameters(
    make_settings: Callable[..., Settings], keys: Headers, body: dict[str, float], loc: list[str]
) -> None:
    with TestClient(create_app(make_settings(job_slots=0, max_time_limit=600))) as server:
        scenario_id = create_scenario(server, keys["planner"])
        response = server.post(
            f"/scenarios/{scenario_id}/solve", json=body, headers=keys["planner"]
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == loc
        assert response.json()["detail"][0]["value"] == next(iter(body.values()))


# --------------------------------------------------------------------------- a killed server


def _alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped has stopped)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def _serve(settings: Settings, port: int) -> subprocess.Popen[bytes]:
    """`zenplan serve` in its own process, on the test database."""
    environment = {
        **os.environ,
        "ZENPLAN_DATABASE_URL": settings.sqlalchemy_url,
        "ZENPLAN_DATA_DIR": str(settings.data_dir),
        "ZENPLAN_SOLVE_WORKERS": "1",
    }
    serve = f"from zenplan.api.cli import app; app(['serve', '--port', '{port}'])"
    server = subprocess.Popen([sys.executable, "-c", serve], env=environment)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200:
                return server
        time.sleep(0.1)
    server.kill()
    raise AssertionError("zenplan serve did not start")


def test_a_killed_server_loses_nothing_and_fails_its_running_job(
    make_settings: Callable[..., Settings],
) -> None:
    settings = make_settings()
    engine = make_engine(settings.sqlalchemy_url)
    migrate(engine)
    with Session(engine) as session:
        _, key = crud.create_api_key(session, "planner", "test")
    port = _free_port()
    api = httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"X-API-Key": key})
    server = _serve(settings, port)
    try:
        scenario_id = api.post("/scenarios", json=generated(30, seed=3)).json()["id"]
        api.put(f"/scenarios/{scenario_id}", json=generated(30, seed=4))
        job_id = api.post(f"/scenarios/{scenario_id}/solve", json={"time_limit": 120}).json()["id"]
        deadline = time.monotonic() + 60
        pid = None
        while pid is None and time.monotonic() < deadline:
            time.sleep(0.1)
            with Session(engine) as session:
                pid = session.get(Job, job_id).pid  # type: ignore[union-attr]
        assert pid is not None and _alive(pid)
        server.send_signal(signal.SIGKILL)  # no shutdown: the job stays "running"
        server.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(pid), "the solve outlived its server"
        server = _serve(settings, port)
        deadline = time.monotonic() + 30  # the job's lease runs out (crud.LEASE)
        job = api.get(f"/jobs/{job_id}").json()
        while job["state"] == "running" and time.monotonic() < deadline:
            time.sleep(0.2)
            job = api.get(f"/jobs/{job_id}").json()
        assert job["state"] == "failed" and "server stopped" in job["reason"]
        versions = api.get(f"/scenarios/{scenario_id}/versions").json()
        assert [v["number"] for v in versions] == [1, 2]
    finally:
        server.terminate()
        server.wait(timeout=30)
        api.close()
        engine.dispose()
