"""Schedules over HTTP: the JSON, assignments (JSON, CSV, filters), KPIs, charts, compare."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from api_helpers import TestClient, create_scenario, tiny
from sqlmodel import Session

from zenplan.api import crud
from zenplan.models import parse_scenario
from zenplan.scheduler import greedy_plan

Headers = dict[str, dict[str, str]]


def store_plan(client: TestClient, scenario_id: int, version: int | None = None) -> int:
    """Store the greedy plan of a scenario version as a schedule (no solve needed)."""
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        stored = crud.get_version(session, scenario_id, version)
        assert stored is not None
        record = crud.add_schedule(session, stored, greedy_plan(parse_scenario(_doc(stored))))
        assert record.id is not None
        return record.id


def _doc(stored: Any) -> dict[str, Any]:
    import json

    document: dict[str, Any] = json.loads(stored.document)
    return document


@pytest.fixture
def schedule_id(client: TestClient, keys: Headers) -> int:
    return store_plan(client, create_scenario(client, keys["planner"]))


def test_schedule_json_carries_its_provenance(
    client: TestClient, keys: Headers, schedule_id: int
) -> None:
    response = client.get(f"/schedules/{schedule_id}", headers=keys["viewer"])
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == 1 and body["engine"] == "greedy"
    assert body["schedule"]["scenario"] == "tiny portfolio"
    assert {p["id"] for p in body["schedule"]["projects"]} == {"churn", "fraud", "ltv"}
    listed = client.get("/schedules", headers=keys["viewer"]).json()
    assert [s["id"] for s in listed] == [schedule_id]


def test_assignments_as_json_and_csv_with_filters(
    client: TestClient, keys: Headers, schedule_id: int
) -> None:
    path = f"/schedules/{schedule_id}/assignments"
    every = client.get(path, headers=keys["viewer"]).json()
    assert {row["project"] for row in every} == {"churn", "fraud", "ltv"}
    cmo = client.get(path, params={"sponsor": "cmo"}, headers=keys["viewer"]).json()
    assert {row["project"] for row in cmo} == {"churn", "ltv"}
    ana = client.get(path, params={"person": "ana"}, headers=keys["viewer"]).json()
    assert ana and all(row["person"] == "ana" for row in ana)
    churn = client.get(path, params={"project": "churn", "format": "csv"}, headers=keys["viewer"])
    assert churn.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(churn.text)))
    assert {(r["phase"], r["skill"]) for r in rows} == {
        ("data", "data_engineering"),
        ("model", "data_science"),
    }
    assert rows[1]["gpus"] == "a100:2"


def test_kpis(client: TestClient, keys: Headers, schedule_id: int) -> None:
    kpis = client.get(f"/schedules/{schedule_id}/kpis", headers=keys["viewer"]).json()
    assert kpis["delivered"] == 3 and kpis["value"] > 0


@pytest.mark.parametrize(
    "chart",
    [
        "gantt",
        "gantt?view=people",
        "gantt?sponsor=cfo",
        "load",
        "load?view=gpus",
        "load?view=skills",
        "load?view=flow",
    ],
)
def test_charts_as_page_and_plotly_json(
    client: TestClient, keys: Headers, schedule_id: int, chart: str
) -> None:
    page = client.get(f"/schedules/{schedule_id}/{chart}", headers=keys["viewer"])
    assert page.headers["content-type"].startswith("text/html")
    assert "<script" in page.text and "cdn" not in page.text.lower()[:5000]  # self-contained
    separator = "&" if "?" in chart else "?"
    figure = client.get(
        f"/schedules/{schedule_id}/{chart}{separator}format=json", headers=keys["viewer"]
    ).json()
    assert figure["data"] and "layout" in figure
    if "sponsor=cfo" in chart:
        drawn = {c[1] for trace in figure["data"] for c in trace.get("customdata") or []}
        assert drawn == {"fraud"}


def test_the_whole_report(client: TestClient, keys: Headers, schedule_id: int) -> None:
    report = client.get(f"/schedules/{schedule_id}/report", headers=keys["viewer"])
    assert report.status_code == 200 and "tiny portfolio" in report.text


def test_compare_two_schedules(client: TestClient, keys: Headers) -> None:
    scenario_id = create_scenario(client, keys["planner"])
    first = store_plan(client, scenario_id)
    slower = tiny()
    slower["projects"][0]["phases"][0]["duration"] = 5  # churn's data phase takes longer
    client.put(f"/scenarios/{scenario_id}", json=slower, headers=keys["planner"])
    second = store_plan(client, scenario_id)
    response = client.get("/compare", params={"schedule": [first, second]}, headers=keys["viewer"])
    assert response.status_code == 200, response.text
    comparison = response.json()
    assert comparison["schedules"] == [first, second]
    kpis = {row["kpi"]: row for row in comparison["kpis"]}
    assert kpis["value"]["deltas"][0] == 0 and kpis["value"]["deltas"][1] < 0
    moved = {move["project"]: move for move in comparison["moved"]}
    assert moved["churn"]["shift"][0] == 0 and moved["churn"]["shift"][1] >= 3
    assert moved["churn"]["change"] == "later"
    chart = client.get(
        "/compare/chart",
        params={"schedule": [first, second], "format": "json"},
        headers=keys["viewer"],
    ).json()
    assert len(chart["data"]) == 2


def test_compare_needs_two_existing_schedules(
    client: TestClient, keys: Headers, schedule_id: int
) -> None:
    one = client.get("/compare", params={"schedule": [schedule_id]}, headers=keys["viewer"])
    assert one.status_code == 422
    assert one.json()["detail"][0]["loc"] == ["query", "schedule"]
    missing = client.get(
        "/compare", params={"schedule": [schedule_id, 999]}, headers=keys["viewer"]
    )
    assert missing.status_code == 404
    assert missing.json()["detail"] == [
        {"loc": ["query", "schedule", 1], "msg": "no schedule with this id", "value": 999}
    ]
