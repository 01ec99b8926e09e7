"""Pins in the replan API: sent with the request, kept with the job, holding in the plan;
a bad pin is refused naming its field before any job is queued."""

from __future__ import annotations

from api_helpers import TestClient, create_scenario, tiny, wait_for_job

FAST = {"time_limit": 2, "workers": 1, "seed": 3}
Headers = dict[str, dict[str, str]]


def test_pins_sent_with_a_replan_hold(client: TestClient, keys: Headers) -> None:
    planner, viewer = keys["planner"], keys["viewer"]
    scenario_id = create_scenario(client, planner, tiny())
    solve = client.post(f"/scenarios/{scenario_id}/solve", json=FAST, headers=planner).json()
    solved = wait_for_job(client, viewer, solve["id"])
    baseline = client.get(f"/schedules/{solved['schedule_id']}", headers=viewer).json()
    assert {p["id"] for p in baseline["schedule"]["projects"] if p["selected"]} >= {"churn"}
    pins = [
        {"project": "churn", "selected": False},
        {"project": "ltv", "selected": True},
        {"project": "ltv", "phase": "model", "start": "2027-03-01", "people": ["ben"]},
    ]
    body = {**FAST, "baseline_schedule_id": solved["schedule_id"], "now": "2027-01-04"}
    response = client.post(
        f"/scenarios/{scenario_id}/replan", json={**body, "pins": pins}, headers=planner
    )
    assert response.status_code == 202, response.text
    done = wait_for_job(client, viewer, response.json()["id"])
    assert done["state"] == "succeeded", done
    stored = client.get(f"/schedules/{done['schedule_id']}", headers=viewer).json()["schedule"]
    projects = {p["id"]: p for p in stored["projects"]}
    assert not projects["churn"]["selected"]
    assert projects["churn"]["reason"] == "not selected: pinned not selected"
    model = projects["ltv"]["phases"][0]
    assert model["start"] == 8 and [s["id"] for s in model["staff"]] == ["ben"]


def test_a_bad_pin_is_refused_naming_its_field(client: TestClient, keys: Headers) -> None:
    planner = keys["planner"]
    scenario_id = create_scenario(client, planner, tiny())
    solve = client.post(f"/scenarios/{scenario_id}/solve", json=FAST, headers=planner).json()
    solved = wait_for_job(client, keys["viewer"], solve["id"])
    body = {**FAST, "baseline_schedule_id": solved["schedule_id"], "now": "2027-01-04"}
    for pin, loc, value in [
        ({"project": "nope"}, ["body", "pins", 0, "project"], "nope"),
        ({"project": "churn", "phase": "x"}, ["body", "pins", 0, "phase"], "x"),
        ({"project": "churn", "start": "soon"}, ["body", "pins", 0, "start"], "soon"),
    ]:
        response = client.post(
            f"/scenarios/{scenario_id}/replan", json={**body, "pins": [pin]}, headers=planner
        )
        assert response.status_code == 422, response.text
        assert (loc, value) in [(p["loc"], p["value"]) for p in response.json()["detail"]]
