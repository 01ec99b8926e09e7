"""Replanning over HTTP: POST /scenarios/{id}/replan as a job, the stored replan and its diff,
and the checks that answer 404/422 before any job is queued."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from api_helpers import TestClient, add_key, create_scenario, tiny, wait_for_job
from sqlalchemy import update
from sqlmodel import Session

from zenplan.api import crud
from zenplan.api.app import create_app
from zenplan.api.settings import Settings
from zenplan.api.tables import Job, now
from zenplan.models import parse_scenario
from zenplan.scheduler import greedy_plan

Headers = dict[str, dict[str, str]]
FAST = {"time_limit": 2, "workers": 1, "seed": 3}
START = date(2027, 1, 4)  # period 0 of the tiny scenario (weeks, 20 periods)


def portfolio() -> dict[str, Any]:
    """The tiny scenario with a deployed model (a done project) that can drift."""
    old = {
        "id": "old",
        "sponsor": "cmo",
        "value": 300,
        "status": "done",
        "phases": [{"id": "model", "duration": 2, "requires": [{"skill": "data_science"}]}],
    }
    return tiny(projects=[*tiny()["projects"], old])


def incident(detected: date) -> dict[str, Any]:
    return {
        "id": "drift1",
        "project": "old",
        "detected": detected.isoformat(),
        "sla": 6,
        "phases": [{"id": "retrain", "duration": 1, "requires": [{"skill": "data_science"}]}],
    }


def store_greedy_plan(client: TestClient, scenario_id: int) -> int:
    """The greedy plan of the scenario's latest version as a stored schedule (no solve)."""
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        version = crud.get_version(session, scenario_id)
        assert version is not None
        scenario = parse_scenario(json.loads(version.document))
        record = crud.add_schedule(session, version, greedy_plan(scenario))
        assert record.id is not None
        return record.id


@pytest.fixture
def queued_only(make_settings: Callable[..., Settings]) -> Iterator[TestClient]:
    """The only server on its database, and one that leaves jobs queued."""
    with TestClient(create_app(make_settings(job_slots=0))) as server:
        yield server


@pytest.fixture
def roles(queued_only: TestClient) -> Headers:
    """Headers with a key of each role, for ``queued_only``."""
    return {role: {"X-API-Key": add_key(queued_only, role)} for role in ("viewer", "planner")}


@pytest.fixture
def planned(queued_only: TestClient, roles: Headers) -> tuple[int, int]:
    """A scenario and a stored plan of it: (scenario id, schedule id)."""
    scenario_id = create_scenario(queued_only, roles["planner"], portfolio())
    return scenario_id, store_greedy_plan(queued_only, scenario_id)


def test_replan_runs_as_a_job_and_stores_the_plan_and_its_diff(
    client: TestClient, keys: Headers
) -> None:
    planner, viewer = keys["planner"], keys["viewer"]
    scenario_id = create_scenario(client, planner, portfolio())
    solve = client.post(f"/scenarios/{scenario_id}/solve", json=FAST, headers=planner).json()
    solved = wait_for_job(client, viewer, solve["id"])
    assert solved["state"] == "succeeded", solved
    baseline_id = solved["schedule_id"]
    baseline = client.get(f"/schedules/{baseline_id}", headers=viewer).json()["schedule"]
    # Replan one period into the earliest phase that lasts more than one period.
    running = min(
        ((p["id"], ph) for p in baseline["projects"] if p["selected"] for ph in p["phases"]),
        key=lambda item: (item[1]["end"] - item[1]["start"] < 2, item[1]["start"]),
    )
    now_period = running[1]["start"] + 1
    assert now_period < running[1]["end"]
    now = START + timedelta(weeks=now_period)
    body = {**FAST, "baseline_schedule_id": baseline_id, "now": now.isoformat()}
    body["incidents"] = [incident(now)]

    response = client.post(f"/scenarios/{scenario_id}/replan", json=body, headers=planner)
    assert response.status_code == 202, response.text
    job = response.json()
    assert response.headers["location"] == f"/jobs/{job['id']}"
    assert job["kind"] == "replan" and job["state"] in ("queued", "running")
    assert (job["baseline_schedule_id"], job["now"]) == (baseline_id, now.isoformat())
    assert job["incidents"][0]["id"] == "drift1"
    assert client.get(f"/jobs/{solve['id']}", headers=viewer).json()["kind"] == "solve"
    done = wait_for_job(client, viewer, job["id"])
    assert done["state"] == "succeeded", done
    assert done["objective"] is not None and done["elapsed"] > 0

    stored = client.get(f"/schedules/{done['schedule_id']}", headers=viewer).json()
    assert stored["job_id"] == job["id"] and stored["version"] == 1
    assert (stored["time_limit"], stored["workers"], stored["seed"]) == (2, 1, 3)
    assert (stored["baseline_schedule_id"], stored["now"]) == (baseline_id, now.isoformat())
    assert stored["frozen_phases"] >= 1
    schedule = stored["schedule"]
    assert schedule["status"] in ("optimal", "feasible")
    projects = {p["id"]: p for p in schedule["projects"]}
    refresh = projects["drift1"]  # the refresh work entered the plan, within its SLA
    assert refresh["selected"] and now_period <= refresh["phases"][0]["start"]
    assert refresh["end"] <= now_period + 6
    kept = next(ph for ph in projects[running[0]]["phases"] if ph["id"] == running[1]["id"])
    assert kept["start"] == running[1]["start"]  # the phase in progress stays put
    assert [s["id"] for s in kept["staff"]] == [s["id"] for s in running[1]["staff"]]

    diff = client.get(f"/schedules/{done['schedule_id']}/diff", headers=viewer)
    assert diff.status_code == 200, diff.text
    changes = diff.json()
    assert changes["schedule_id"] == done["schedule_id"]
    assert (changes["baseline_schedule_id"], changes["now"]) == (baseline_id, now.isoformat())
    assert changes["added"] == ["drift1"] and changes["dropped"] == []
    assert 0 <= changes["moved_share"] <= 1 and "value" in changes["kpi_deltas"]
    not_replanned = client.get(f"/schedules/{baseline_id}/diff", headers=viewer)
    assert not_replanned.status_code == 404
    assert not_replanned.json()["detail"][0]["loc"] == ["path", "schedule_id"]
    # The refresh work is part of what the replanned schedule's readers show.
    rows = client.get(
        f"/schedules/{done['schedule_id']}/assignments?project=drift1", headers=viewer
    ).json()
    assert [(r["phase"], r["sponsor"]) for r in rows] == [("retrain", "cmo")]


def _replan(client: TestClient, headers: dict[str, str], scenario_id: int, **body: Any) -> Any:
    return client.post(f"/scenarios/{scenario_id}/replan", json={**FAST, **body}, headers=headers)


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    problem: dict[str, Any] = response.json()["detail"][0]
    return problem


def _named(response: Any) -> list[tuple[list[str | int], Any]]:
    """Where each problem of a 422 answer is, with the value found there."""
    assert response.status_code == 422, response.text
    return [(p["loc"], p["value"]) for p in response.json()["detail"]]


def _no_jobs(client: TestClient, headers: dict[str, str]) -> None:
    assert client.get("/jobs", headers=headers).json() == []


def test_a_baseline_that_is_missing_or_of_another_scenario(
    queued_only: TestClient, roles: Headers, planned: tuple[int, int]
) -> None:
    scenario_id, schedule_id = planned
    now = "2027-02-01"
    missing = _replan(queued_only, roles["planner"], scenario_id, baseline_schedule_id=999, now=now)
    problem = _problem(missing, 404)
    assert (problem["loc"], problem["value"]) == (["body", "baseline_schedule_id"], 999)
    other = create_scenario(queued_only, roles["planner"], portfolio())
    foreign = _replan(
        queued_only, roles["planner"], other, baseline_schedule_id=schedule_id, now=now
    )
    problem = _problem(foreign, 422)
    assert (problem["loc"], problem["value"]) == (["body", "baseline_schedule_id"], schedule_id)
    assert f"scenario {scenario_id}" in problem["msg"]
    absent = _replan(queued_only, roles["planner"], scenario_id, now=now)
    assert _problem(absent, 422)["loc"] == ["body", "baseline_schedule_id"]
    _no_jobs(queued_only, roles["viewer"])


@pytest.mark.parametrize("now", ["2026-12-28", "2027-05-24", "2027-02-30"])
def test_a_date_outside_the_horizon_or_no_date(
    queued_only: TestClient, roles: Headers, planned: tuple[int, int], now: str
) -> None:
    scenario_id, schedule_id = planned
    response = _replan(
        queued_only, roles["planner"], scenario_id, baseline_schedule_id=schedule_id, now=now
    )
    problem = _problem(response, 422)
    assert (problem["loc"], problem["value"]) == (["body", "now"], now)
    _no_jobs(queued_only, roles["viewer"])


@pytest.mark.parametrize(
    "changes, loc, value",
    [
        ({"project": "nowhere"}, ["body", "incidents", 1, "project"], "nowhere"),
        ({"project": "churn"}, ["body", "incidents", 1, "project"], "churn"),  # not deployed
        ({"detected": "2028-06-05"}, ["body", "incidents", 1, "detected"], "2028-06-05"),
        ({"sla": 0}, ["body", "incidents", 1, "sla"], 0),
        ({"id": "fraud"}, ["body", "incidents", 1, "id"], "fraud"),  # a project's id
        ({"id": "drift1"}, ["body", "incidents", 1, "id"], "drift1"),  # twice
        (
            {"phases": [{"id": "r", "duration": 1, "gpus": [{"pool": "h100", "count": 1}]}]},
            ["body", "incidents", 1, "phases", 0, "gpus", 0, "pool"],
            "h100",
        ),
    ],
)
def test_a_bad_incident_is_refused_naming_its_field(
    queued_only: TestClient,
    roles: Headers,
    planned: tuple[int, int],
    changes: dict[str, Any],
    loc: list[str | int],
    value: Any,
) -> None:
    scenario_id, schedule_id = planned
    now = date(2027, 2, 1)
    good = incident(now)
    bad = {**incident(now), "id": "drift2", **changes}
    response = _replan(
        queued_only,
        roles["planner"],
        scenario_id,
        baseline_schedule_id=schedule_id,
        now=now.isoformat(),
        incidents=[good, bad],
    )
    assert (loc, value) in _named(response)
    _no_jobs(queued_only, roles["viewer"])


def test_viewers_may_not_replan(
    queued_only: TestClient, roles: Headers, planned: tuple[int, int]
) -> None:
    scenario_id, schedule_id = planned
    body = {"baseline_schedule_id": schedule_id, "now": "2027-02-01"}
    refused = _replan(queued_only, roles["viewer"], scenario_id, **body)
    assert refused.status_code == 403
    assert _replan(queued_only, {}, scenario_id, **body).status_code == 401
    _no_jobs(queued_only, roles["viewer"])


def test_a_replan_job_is_cancelled_or_failed_by_a_restart_like_a_solve(
    make_settings: Callable[..., Settings],
    queued_only: TestClient,
    roles: Headers,
    planned: tuple[int, int],
) -> None:
    scenario_id, schedule_id = planned
    body = {"baseline_schedule_id": schedule_id, "now": "2027-02-01"}
    first = _replan(queued_only, roles["planner"], scenario_id, **body).json()
    cancelled = queued_only.post(f"/jobs/{first['id']}/cancel", headers=roles["planner"])
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    second = _replan(queued_only, roles["planner"], scenario_id, **body).json()
    with Session(queued_only.app.state.engine) as session:  # type: ignore[attr-defined]
        claimed = crud.claim_next_job(session)  # as if the replan were running when killed
        assert claimed is not None and claimed.id == second["id"]
        # ... and its server died: nobody renewed the lease (see test_leases.py)
        expired = now() - timedelta(seconds=1)
        session.execute(update(Job).where(Job.id == second["id"]).values(lease_until=expired))
        session.commit()
    with TestClient(create_app(make_settings(job_slots=0))) as restarted:
        after = restarted.get(f"/jobs/{second['id']}", headers=roles["viewer"]).json()
    assert after["state"] == "failed" and "server stopped" in after["reason"]
    assert after["kind"] == "replan"
