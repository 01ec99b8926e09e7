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
