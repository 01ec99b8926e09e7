"""GET /schedules/{id}/export: the workbook, calendar feeds, Kueue quotas and zips."""

from __future__ import annotations

import io
import zipfile

import pytest
import yaml
from api_helpers import TestClient, create_scenario
from icalendar import Calendar
from openpyxl import load_workbook
from test_schedules import store_plan

Headers = dict[str, dict[str, str]]


@pytest.fixture
def schedule_id(client: TestClient, keys: Headers) -> int:
    return store_plan(client, create_scenario(client, keys["planner"]))


def test_the_workbook_and_the_csv_zip(client: TestClient, keys: Headers, schedule_id: int) -> None:
    path = f"/schedules/{schedule_id}/export"
    workbook = client.get(path, headers=keys["viewer"])
    assert workbook.status_code == 200
    assert "attachment" in workbook.headers["content-disposition"]
    book = load_workbook(io.BytesIO(workbook.content))
    assert book.sheetnames == ["projects", "phases", "assignments", "loads", "kpis"]
    assert book["phases"].max_row == 1 + 5  # churn: data, model; fraud: model; ltv: model, deploy
    tables = client.get(path, params={"format": "csv"}, headers=keys["viewer"])
    assert tables.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(tables.content)).namelist()
    assert "assignments.csv" in names and "kpis.csv" in names


def test_one_calendar_feed_and_kueue_on_a_day(
    client: TestClient, keys: Headers, schedule_id: int
) -> None:
    path = f"/schedules/{schedule_id}/export"
    feed = client.get(path, params={"format": "ics", "person": "ana"}, headers=keys["viewer"])
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert Calendar.from_ical(feed.content).walk("VEVENT")
    project = client.get(path, params={"format": "ics", "project": "churn"}, headers=keys["viewer"])
    summaries = [str(e["summary"]) for e in Calendar.from_ical(project.content).walk("VEVENT")]
    assert any(s.endswith("go-live") for s in summaries)
    schedule = client.get(f"/schedules/{schedule_id}", headers=keys["viewer"]).json()["schedule"]
    churn = next(p for p in schedule["projects"] if p["id"] == "churn")
    model = next(f for f in churn["phases"] if f["id"] == "model")
    quotas = client.get(
        path, params={"format": "kueue", "at": model["start_date"]}, headers=keys["viewer"]
    )
    queues = [d for d in yaml.safe_load_all(quotas.text) if d["kind"] == "ClusterQueue"]
    churn_queue = next(q for q in queues if q["metadata"]["name"] == "churn")
    (flavor,) = churn_queue["spec"]["resourceGroups"][0]["flavors"]
    assert flavor["resources"][0]["nominalQuota"] == 2


def test_mistakes_name_the_parameter(client: TestClient, keys: Headers, schedule_id: int) -> None:
    path = f"/schedules/{schedule_id}/export"
    nobody = client.get(path, params={"format": "ics", "person": "zoe"}, headers=keys["viewer"])
    assert nobody.status_code == 422
    (problem,) = nobody.json()["detail"]
    assert problem["loc"] == ["query", "person"] and problem["value"] == "zoe"
    late = client.get(path, params={"format": "kueue", "at": "2031-01-01"}, headers=keys["viewer"])
    assert late.status_code == 422 and late.json()["detail"][0]["loc"] == ["query", "at"]
    assert client.get(path, params={"format": "pdf"}, headers=keys["viewer"]).status_code == 422
    assert client.get("/schedules/999/export", headers=keys["viewer"]).status_code == 404
    assert client.get(path).status_code == 401
