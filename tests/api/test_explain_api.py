"""Explanations over HTTP: the objective by term and by project, on the API and the sponsor
page, with why a project is late."""

from __future__ import annotations

import json

import pytest
from api_helpers import TestClient, create_scenario, tiny
from sqlmodel import Session

from zenplan.api import crud
from zenplan.api.convert import scenario_of
from zenplan.api.tables import ScheduleRecord
from zenplan.scheduler import greedy_plan

Headers = dict[str, dict[str, str]]


def late_scenario() -> dict[str, object]:
    document = tiny()
    fraud = next(p for p in document["projects"] if p["id"] == "fraud")
    fraud["deadline"] = "2027-01-17"  # end of period 1; its 4 periods make it late
    return document


@pytest.fixture
def schedule_id(client: TestClient, keys: Headers) -> int:
    scenario_id = create_scenario(client, keys["planner"], late_scenario())
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        version = crud.get_version(session, scenario_id, 1)
        assert version is not None
        plan = greedy_plan(scenario_of(version.document, scenario_id, 1))
        record = crud.add_schedule(session, version, plan)
        assert record.id is not None
        return record.id


def test_the_breakdown_sums_to_the_objective(
    client: TestClient, keys: Headers, schedule_id: int
) -> None:
    response = client.get(f"/schedules/{schedule_id}/breakdown", headers=keys["viewer"])
    assert response.status_code == 200, response.text
    parts = response.json()
    schedule = client.get(f"/schedules/{schedule_id}", headers=keys["viewer"]).json()["schedule"]
    assert sum(parts["terms"].values()) == pytest.approx(schedule["objective"])
    assert parts["projects"]["fraud"]["lateness"] < 0
    assert schedule["breakdown"] == parts  # the same parts in the schedule JSON
    assert client.get("/schedules/999/breakdown", headers=keys["viewer"]).status_code == 404


def test_a_schedule_stored_without_a_breakdown_gets_one(
    client: TestClient, keys: Headers, schedule_id: int
) -> None:
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        record = session.get(ScheduleRecord, schedule_id)
        assert record is not None
        document = json.loads(record.document)
        objective = document["objective"]
        document.pop("breakdown")
        record.document = json.dumps(document)
        session.add(record)
        session.commit()
    parts = client.get(f"/schedules/{schedule_id}/breakdown", headers=keys["viewer"]).json()
    assert sum(parts["terms"].values()) == pytest.approx(objective)


def test_the_sponsor_page_shows_the_breakdown_and_why_a_project_is_late(
    client: TestClient, keys: Headers, schedule_id: int
) -> None:
    page = client.get(f"/ui/schedules/{schedule_id}", headers=keys["viewer"])
    assert page.status_code == 200
    assert 'id="breakdown"' in page.text and "lateness" in page.text
    assert "late by" in page.text and "past its deadline" in page.text
    assert "-0<" not in page.text


def busy_document() -> dict[str, object]:
    """ana (the one data scientist at level 4) is on churn; ltv needs her too."""
    document = tiny()
    document["staff"] = [{"id": "ana", "skills": {"data_science": 4}}]
    document["projects"] = [
        {
            "id": "churn",
            "value": 50,
            "phases": [
                {"id": "model", "duration": 17, "requires": [{"skill": "data_science", "level": 4}]}
            ],
        },
        {
            "id": "ltv",
            "value": 10,
            "phases": [
                {"id": "model", "duration": 4, "requires": [{"skill": "data_science", "level": 4}]}
            ],
        },
    ]
    return document


def test_explain_a_project_over_http(client: TestClient, keys: Headers) -> None:
    scenario_id = create_scenario(client, keys["planner"], busy_document())
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        version = crud.get_version(session, scenario_id, 1)
        assert version is not None
        plan = greedy_plan(scenario_of(version.document, scenario_id, 1))
        assert not plan.project("ltv").selected  # type: ignore[union-attr]
        record = crud.add_schedule(session, version, plan)
    path = f"/schedules/{record.id}/explain"
    body = client.get(path, params={"project": "ltv", "time_limit": 3}, headers=keys["viewer"])
    assert body.status_code == 200, body.text
    answer = body.json()
    assert answer["blockers"] == ["people"] and "ana is busy (churn/model" in answer["reason"]
    person = next(o for o in answer["options"] if o["kind"] == "person")
    assert person["fits"] and person["displaced"] == []
    unknown = client.get(path, params={"project": "ghost"}, headers=keys["viewer"])
    assert unknown.status_code == 404 and "ghost" in unknown.text
