"""POST /scenarios/{id}/frontier: a checked, monotone plan per budget; bad input named."""

from __future__ import annotations

from typing import Any

from api_helpers import TestClient, create_scenario, tiny

FAST = {"time_limit": 2, "workers": 1, "seed": 3}
Headers = dict[str, dict[str, str]]


def _costly() -> dict[str, Any]:
    document = tiny()
    for person in document["staff"]:
        person["cost_per_period"] = 1000
    return document


def test_the_frontier_of_a_stored_scenario(client: TestClient, keys: Headers) -> None:
    scenario_id = create_scenario(client, keys["planner"], _costly())
    body = {**FAST, "budgets": [4500, 12000]}
    response = client.post(f"/scenarios/{scenario_id}/frontier", json=body, headers=keys["planner"])
    assert response.status_code == 200, response.text
    points = response.json()["points"]
    assert [p["budget"] for p in points] == [4500, 12000]
    assert all(p["violations"] == 0 and p["cost"] <= p["budget"] for p in points)
    assert points[0]["objective"] <= points[1]["objective"]
    assert "fraud" in points[0]["selected"]  # the must project, 4 periods of one person
    assert set(points[1]["entering"]) == set(points[1]["selected"]) - set(points[0]["selected"])
    refused = client.post(f"/scenarios/{scenario_id}/frontier", json=body, headers=keys["viewer"])
    assert refused.status_code == 403


def test_bad_frontier_requests_name_the_field(client: TestClient, keys: Headers) -> None:
    scenario_id = create_scenario(client, keys["planner"], _costly())
    url = f"/scenarios/{scenario_id}/frontier"
    for body, loc, value in [
        ({"budgets": [-1]}, ["body", "budgets", 0], -1),
        ({"points": 50}, ["body", "points"], 50),
    ]:
        response = client.post(url, json={**FAST, **body}, headers=keys["planner"])
        assert response.status_code == 422, response.text
        assert (loc, value) in [(p["loc"], p["value"]) for p in response.json()["detail"]]
    both = client.post(url, json={**FAST, "budgets": [1], "points": 2}, headers=keys["planner"])
    assert both.status_code == 422 and "either budgets or points" in both.text
