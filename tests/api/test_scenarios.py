"""Scenarios over HTTP: create from JSON, YAML or a workbook; versions; export; delete."""

from __future__ import annotations

import io
import json

import pandas as pd
import yaml
from api_helpers import TestClient, create_scenario, tiny

Headers = dict[str, dict[str, str]]


def test_create_read_list_from_json(client: TestClient, keys: Headers) -> None:
    response = client.post("/scenarios", json=tiny(), headers=keys["planner"])
    assert response.status_code == 201
    created = response.json()
    assert created["version"] == 1 and created["name"] == "tiny portfolio"
    assert response.headers["location"] == f"/scenarios/{created['id']}"
    read = client.get(f"/scenarios/{created['id']}", headers=keys["viewer"]).json()
    assert read["document"]["projects"][0]["id"] == "churn"
    listed = client.get("/scenarios", headers=keys["viewer"]).json()
    assert [s["id"] for s in listed] == [created["id"]]


def test_create_from_yaml(client: TestClient, keys: Headers) -> None:
    body = yaml.safe_dump(tiny(name="from yaml"))
    headers = {**keys["planner"], "Content-Type": "application/yaml"}
    response = client.post("/scenarios", content=body, headers=headers)
    assert response.status_code == 201, response.text
    versions = client.get(f"/scenarios/{response.json()['id']}/versions", headers=keys["viewer"])
    assert versions.json()[0]["source"] == "yaml"


def test_every_change_is_a_new_version(client: TestClient, keys: Headers) -> None:
    scenario_id = create_scenario(client, keys["planner"])
    changed = tiny(name="tiny, second try")
    changed["projects"][0]["value"] = 5000
    response = client.put(f"/scenarios/{scenario_id}", json=changed, headers=keys["planner"])
    assert response.status_code == 200, response.text
    assert response.json()["version"] == 2
    versions = client.get(f"/scenarios/{scenario_id}/versions", headers=keys["viewer"]).json()
    assert [(v["number"], v["name"]) for v in versions] == [
        (1, "tiny portfolio"),
        (2, "tiny, second try"),
    ]
    first = client.get(
        f"/scenarios/{scenario_id}/export",
        params={"format": "json", "version": 1},
        headers=keys["viewer"],
    )
    assert json.loads(first.text)["projects"][0]["value"] == 1000
    latest = client.get(f"/scenarios/{scenario_id}/export", headers=keys["viewer"])
    assert latest.headers["content-type"].startswith("application/yaml")
    assert "attachment" in latest.headers["content-disposition"]
    assert yaml.safe_load(latest.text)["projects"][0]["value"] == 5000


def test_export_round_trips(client: TestClient, keys: Headers) -> None:
    scenario_id = create_scenario(client, keys["planner"])
    exported = client.get(f"/scenarios/{scenario_id}/export", headers=keys["viewer"]).text
    headers = {**keys["planner"], "Content-Type": "application/yaml"}
    again = client.post("/scenarios", content=exported, headers=headers)
    assert again.status_code == 201, again.text
    documents = [
        client.get(f"/scenarios/{i}", headers=keys["viewer"]).json()["document"]
        for i in (scenario_id, again.json()["id"])
    ]
    assert documents[0] == documents[1]


def test_delete_removes_the_scenario(client: TestClient, keys: Headers) -> None:
    scenario_id = create_scenario(client, keys["planner"])
    assert client.delete(f"/scenarios/{scenario_id}", headers=keys["planner"]).status_code == 204
    missing = client.get(f"/scenarios/{scenario_id}", headers=keys["viewer"])
    assert missing.status_code == 404
    assert missing.json()["detail"] == [
        {"loc": ["path", "scenario_id"], "msg": "no scenario with this id", "value": scenario_id}
    ]


def test_a_wrong_scenario_names_the_field_and_value(client: TestClient, keys: Headers) -> None:
    document = tiny()
    document["projects"][1]["phases"][0]["duration"] = 0
    response = client.post("/scenarios", json=document, headers=keys["planner"])
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", "projects", 1, "phases", 0, "duration"],
            "msg": "Input should be greater than 0",
            "value": 0,
        }
    ]
    document = tiny()
    document["projects"][0]["sponsor"] = "nobody"  # a rule across fields
    detail = client.post("/scenarios", json=document, headers=keys["planner"]).json()["detail"]
    assert [(d["loc"], d["value"]) for d in detail] == [
        (["body", "projects", 0, "sponsor"], "nobody")
    ]


def test_broken_yaml_and_wrong_media_type(client: TestClient, keys: Headers) -> None:
    headers = {**keys["planner"], "Content-Type": "application/yaml"}
    broken = client.post("/scenarios", content="name: [unclosed", headers=headers)
    assert broken.status_code == 422
    assert "invalid YAML" in broken.json()["detail"][0]["msg"]
    headers = {**keys["planner"], "Content-Type": "application/xml"}
    xml = client.post("/scenarios", content="<scenario/>", headers=headers)
    assert xml.status_code == 415
    assert xml.json()["detail"] == [
        {
            "loc": ["header", "content-type"],
            "msg": "send application/json or application/yaml",
            "value": "application/xml",
        }
    ]


# --------------------------------------------------------------------------- workbooks

SHEETS = {
    "projects": pd.DataFrame(
        [
            {
                "id": "churn",
                "name": "Churn model",
                "sponsor": "cmo",
                "value": 1000,
                "deadline": "2027-04-30",
                "datasets": "events",
            },
            {
                "id": "fraud",
                "name": "",
                "sponsor": "cfo",
                "value": 2000,
                "priority": "must",
                "deadline": "",
                "datasets": "",
            },
        ]
    ),
    "phases": pd.DataFrame(
        [
            {
                "project": "churn",
                "id": "data",
                "duration": 2,
                "requires": "data_engineering:3",
                "gpus": "",
            },
            {
                "project": "churn",
                "id": "model",
                "duration": 3,
                "requires": "data_science:3x1",
                "gpus": "a100:2",
            },
            {
                "project": "fraud",
                "id": "model",
                "duration": 4,
                "requires": "data_science",
                "gpus": "",
            },
        ]
    ),
    "staff": pd.DataFrame(
        [
            {
                "id": "ana",
                "skills": "data_science:4; ml_engineering:3",
                "unavailable": "2027-02-01..2027-02-05",
                "cost_per_period": 3000,
            },
            {
                "id": "ben",
                "skills": "data_science:3; data_engineering:3",
                "unavailable": "",
                "cost_per_period": 2500,
            },
        ]
    ),
    "gpu_pools": pd.DataFrame([{"id": "a100", "capacity": 4, "capacity_changes": "2027-03-01:8"}]),
    "datasets": pd.DataFrame(
        [
            {
                "id": "events",
                "available": "false",
                "acquisition_duration": 2,
                "acquisition_requires": "data_engineering:3",
            }
        ]
    ),
    "scenario": pd.DataFrame(
        [
            {"key": "name", "value": "from a workbook"},
            {"key": "start", "value": "2027-01-04"},
            {"key": "horizon", "value": "26"},
        ]
    ),
}


def _excel(sheets: dict[str, pd.DataFrame]) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            frame.to_excel(writer, sheet_name=name, index=False)
    return buffer.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_upload_an_excel_workbook(client: TestClient, keys: Headers) -> None:
    files = [("files", ("portfolio.xlsx", _excel(SHEETS), XLSX))]
    response = client.post("/scenarios/workbook", files=files, headers=keys["planner"])
    assert response.status_code == 201, response.text
    document = client.get(f"/scenarios/{response.json()['id']}", headers=keys["viewer"]).json()[
        "document"
    ]
    assert document["name"] == "from a workbook"
    assert document["calendar"] == {"start": "2027-01-04", "horizon": 26}
    churn = document["projects"][0]
    assert churn["deadline"] == "2027-04-30" and churn["datasets"] == ["events"]
    assert churn["phases"][1]["requires"] == [{"skill": "data_science", "level": 3, "count": 1}]
    assert churn["phases"][1]["gpus"] == [{"pool": "a100", "count": 2}]
    assert document["staff"][0]["unavailable"] == [{"from": "2027-02-01", "to": "2027-02-05"}]
    assert document["gpu_pools"][0]["capacity_changes"] == [{"from": "2027-03-01", "capacity": 8}]
    assert document["datasets"][0]["acquisition"]["duration"] == 2
    assert {s["id"] for s in document["sponsors"]} == {"cmo", "cfo"}


def test_upload_csv_files_named_after_the_sheets(client: TestClient, keys: Headers) -> None:
    files = [
        ("files", (f"{name}.csv", frame.to_csv(index=False).encode(), "text/csv"))
        for name, frame in SHEETS.items()
        if name != "scenario"
    ]
    form = {"name": "from CSV", "start": "2027-01-04", "horizon": "30"}
    response = client.post("/scenarios/workbook", files=files, data=form, headers=keys["planner"])
    assert response.status_code == 201, response.text
    assert response.json()["name"] == "from CSV"


def test_workbook_mistakes_name_sheet_row_and_column(client: TestClient, keys: Headers) -> None:
    sheets = dict(SHEETS)
    phases = SHEETS["phases"].astype(str)
    phases.loc[1, "duration"] = "three"
    phases.loc[2, "requires"] = "data_science:high"
    sheets["phases"] = phases
    files = [("files", ("portfolio.xlsx", _excel(sheets), XLSX))]
    response = client.post("/scenarios/workbook", files=files, headers=keys["planner"])
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert {
        "loc": ["body", "workbook", "phases", 3, "duration"],
        "msg": "expected a number",
        "value": "three",
    } in detail
    assert any(d["loc"] == ["body", "workbook", "phases", 4, "requires"] for d in detail)


def test_a_file_that_is_no_workbook(client: TestClient, keys: Headers) -> None:
    files = [("files", ("notes.txt", b"hello", "text/plain"))]
    response = client.post("/scenarios/workbook", files=files, headers=keys["planner"])
    assert response.status_code == 422
    assert response.json()["detail"][0]["value"] == "notes.txt"
