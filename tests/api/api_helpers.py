"""Helpers shared by the service tests: a tiny scenario, keys, requests that must work."""

from __future__ import annotations

import copy
import json
import time
import warnings
from typing import Any

from sqlmodel import Session

from zenplan.api import crud
from zenplan.api.tables import Role

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette asks for httpx2; httpx works the same here
    from fastapi.testclient import TestClient

TINY: dict[str, Any] = {
    "name": "tiny portfolio",
    "calendar": {"start": "2027-01-04", "period": "week", "horizon": 20},
    "staff": [
        {"id": "ana", "skills": {"data_science": 4, "ml_engineering": 3}},
        {"id": "ben", "skills": {"data_science": 3, "data_engineering": 3}},
        {"id": "carl", "skills": {"data_engineering": 3, "mlops_batch": 3}},
    ],
    "gpu_pools": [{"id": "a100", "capacity": 4}],
    "sponsors": [{"id": "cmo", "name": "Chief Marketing Officer"}, {"id": "cfo"}],
    "projects": [
        {
            "id": "churn",
            "name": "Churn model",
            "sponsor": "cmo",
            "value": 1000,
            "phases": [
                {"id": "data", "duration": 2, "requires": [{"skill": "data_engineering"}]},
                {
                    "id": "model",
                    "duration": 3,
                    "requires": [{"skill": "data_science", "level": 3}],
                    "gpus": [{"pool": "a100", "count": 2}],
                },
            ],
        },
        {
            "id": "fraud",
            "sponsor": "cfo",
            "value": 2000,
            "priority": "must",
            "phases": [{"id": "model", "duration": 4, "requires": [{"skill": "data_science"}]}],
        },
        {
            "id": "ltv",
            "sponsor": "cmo",
            "value": 500,
            "phases": [
                {"id": "model", "duration": 2, "requires": [{"skill": "data_science"}]},
                {"id": "deploy", "duration": 1, "requires": [{"skill": "mlops_batch"}]},
            ],
        },
    ],
}


def tiny(**changes: Any) -> dict[str, Any]:
    """The tiny scenario document, with top-level keys replaced."""
    document = copy.deepcopy(TINY)
    document.update(copy.deepcopy(changes))
    return document


def add_key(test_client: TestClient, role: Role) -> str:
    with Session(test_client.app.state.engine) as session:  # type: ignore[attr-defined]
        _, key = crud.create_api_key(session, role, f"test {role}")
    return key


def create_scenario(
    test_client: TestClient, headers: dict[str, str], document: dict[str, Any] | None = None
) -> int:
    response = test_client.post("/scenarios", json=document or tiny(), headers=headers)
    assert response.status_code == 201, response.text
    scenario_id: int = response.json()["id"]
    return scenario_id


def wait_for_job(
    test_client: TestClient,
    headers: dict[str, str],
    job_id: int,
    until: tuple[str, ...] = ("succeeded", "failed", "cancelled"),
    timeout: float = 60.0,
) -> dict[str, Any]:
    """Poll GET /jobs/{id} until the job reaches one of the states ``until``."""
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, Any] = test_client.get(f"/jobs/{job_id}", headers=headers).json()
        if job["state"] in until or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


def generated(projects: int, seed: int) -> dict[str, Any]:
    """A generated portfolio as a JSON document (dates as ISO text)."""
    from zenplan.scenarios.generator import generate

    document: dict[str, Any] = json.loads(json.dumps(generate(projects, seed=seed), default=str))
    return document
