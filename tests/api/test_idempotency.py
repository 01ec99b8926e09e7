"""Idempotency-Key on solve and replan: a retried request answers the first job, not a
second one; a key reused for another request is refused. Per-key job limits answer 429."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from api_helpers import TestClient, add_key, create_scenario

from zenplan.api.app import create_app
from zenplan.api.settings import Settings


def test_a_retried_solve_answers_the_first_job(make_settings: Callable[..., Settings]) -> None:
    with TestClient(create_app(make_settings(job_slots=0))) as server:
        headers = {"X-API-Key": add_key(server, "planner")}
        scenario = create_scenario(server, headers)
        url = f"/scenarios/{scenario}/solve"
        keyed = {**headers, "Idempotency-Key": "order-7f3a"}
        first = server.post(url, json={"time_limit": 5}, headers=keyed)
        again = server.post(url, json={"time_limit": 5}, headers=keyed)
        assert first.status_code == again.status_code == 202
        assert again.json()["id"] == first.json()["id"]
        assert again.headers["Idempotent-Replayed"] == "true"
        other = server.post(url, json={"time_limit": 6}, headers=keyed)
        assert other.status_code == 422
        assert other.json()["detail"][0]["loc"] == ["header", "Idempotency-Key"]
        # another API key has a key space of its own
        someone = {"X-API-Key": add_key(server, "planner"), "Idempotency-Key": "order-7f3a"}
        assert (
            server.post(url, json={"time_limit": 5}, headers=someone).json()["id"]
            != (first.json()["id"])
        )
        # concurrent retries: still one job
        racing = {**headers, "Idempotency-Key": "race-1"}
        with ThreadPoolExecutor(8) as pool:
            ids = set(pool.map(lambda _: server.post(url, headers=racing).json()["id"], range(8)))
        assert len(ids) == 1
        jobs = server.get("/jobs", headers=headers).json()
        assert len(jobs) == 3


def test_too_many_queued_jobs_of_one_key_is_429(make_settings: Callable[..., Settings]) -> None:
    with TestClient(create_app(make_settings(job_slots=0, max_jobs_per_key=2))) as server:
        headers = {"X-API-Key": add_key(server, "planner")}
        scenario = create_scenario(server, headers)
        url = f"/scenarios/{scenario}/solve"
        assert [server.post(url, headers=headers).status_code for _ in range(2)] == [202, 202]
        third = server.post(url, headers=headers)
        assert third.status_code == 429 and third.headers["Retry-After"]
        assert "limit is 2" in third.json()["detail"][0]["msg"]
        other = {"X-API-Key": add_key(server, "planner")}
        assert server.post(url, headers=other).status_code == 202
        job = server.get("/jobs", headers=headers).json()[-1]["id"]
        server.post(f"/jobs/{job}/cancel", headers=headers)
        assert server.post(url, headers=headers).status_code == 202
