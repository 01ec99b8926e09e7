"""Resource limits of jobs: the time limit bounds the whole job (stopped at the limit plus a
grace), a job's process has a memory ceiling (the job fails with the reason, the server
lives), and a job may not ask for more workers than the server allows."""

from __future__ import annotations

from collections.abc import Callable

from api_helpers import TestClient, add_key, create_scenario, generated, wait_for_job

from zenplan.api.app import create_app
from zenplan.api.settings import Settings


def test_a_job_past_its_time_limit_and_grace_is_stopped(
    make_settings: Callable[..., Settings],
) -> None:
    # A 200-project portfolio: its solve stops at 1 s, but building the first plans and the
    # reasons after it take seconds more, past the limit and no grace.
    with TestClient(create_app(make_settings(job_grace_seconds=0))) as server:
        headers = {"X-API-Key": add_key(server, "planner")}
        scenario = create_scenario(server, headers, generated(200, seed=0))
        job = server.post(f"/scenarios/{scenario}/solve", json={"time_limit": 1}, headers=headers)
        ended = wait_for_job(server, headers, job.json()["id"], timeout=30)
        assert ended["state"] == "failed", ended
        assert "ran past its time limit of 1 s" in ended["reason"]
        assert server.get("/health").status_code == 200


def test_a_job_over_its_memory_ceiling_fails_with_the_reason(
    make_settings: Callable[..., Settings],
) -> None:
    # 100 projects over 5,000 periods took 5.3 GB and 85 s with a 3 s time limit (issue 27)
    document = generated(30, seed=1)
    document["calendar"]["horizon"] = 5_000
    with TestClient(create_app(make_settings(job_memory_mb=50))) as server:
        headers = {"X-API-Key": add_key(server, "planner")}
        scenario = create_scenario(server, headers, document)
        job = server.post(f"/scenarios/{scenario}/solve", json={"time_limit": 5}, headers=headers)
        ended = wait_for_job(server, headers, job.json()["id"], timeout=60)
        assert ended["state"] == "failed", ended
        assert "memory" in ended["reason"] and "50 MB" in ended["reason"]
        assert server.get("/health").status_code == 200


def test_workers_are_capped(make_settings: Callable[..., Settings]) -> None:
    with TestClient(create_app(make_settings(max_workers=2, job_slots=0))) as server:
        headers = {"X-API-Key": add_key(server, "planner")}
        scenario = create_scenario(server, headers)
        url = f"/scenarios/{scenario}/solve"
        refused = server.post(url, json={"workers": 3}, headers=headers)
        assert refused.status_code == 422
        assert refused.json()["detail"][0]["loc"] == ["body", "workers"]
        assert "at most 2" in refused.json()["detail"][0]["msg"]
        assert server.post(url, json={"workers": 2}, headers=headers).status_code == 202
        schema = server.get("/openapi.json").json()["components"]["schemas"]["SolveRequest"]
        assert {"type": "integer", "minimum": 1, "maximum": 2}.items() <= (
            schema["properties"]["workers"]["anyOf"][0].items()
        )
