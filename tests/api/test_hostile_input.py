"""Hostile input: alias bombs, deep nesting and text that is not Unicode are refused at
once with a small 4xx naming the cause, by the API and the command line alike."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest
from api_helpers import TestClient, tiny
from typer.testing import CliRunner

from zenplan.api.cli import app as cli

Headers = dict[str, dict[str, str]]
YAML = {"Content-Type": "application/yaml"}


def alias_bomb(levels: int) -> str:
    """Billion laughs: each level lists the previous one nine times (9**levels leaves)."""
    lines = ["l0: &l0 [" + ", ".join(["lol"] * 9) + "]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [8, 9])
def test_an_alias_bomb_is_refused_at_once(client: TestClient, keys: Headers, levels: int) -> None:
    headers = {**keys["planner"], **YAML}
    tracemalloc.start()
    started = time.perf_counter()
    response = client.post("/scenarios", content=alias_bomb(levels), headers=headers)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert response.status_code == 422
    assert "alias" in response.json()["detail"][0]["msg"]
    assert len(response.content) < 2_000
    assert elapsed < 1.0 and peak < 50_000_000
    created = client.post("/scenarios", json=tiny(), headers=keys["planner"])
    put = client.put(
        f"/scenarios/{created.json()['id']}", content=alias_bomb(levels), headers=headers
    )
    assert put.status_code == 422 and "alias" in put.json()["detail"][0]["msg"]


def test_modest_aliases_still_work(client: TestClient, keys: Headers) -> None:
    document = (
        "name: shared skills\ncalendar: {start: 2027-01-04, horizon: 10}\n"
        "staff:\n  - {id: ana, skills: &both {data_science: 3, data_engineering: 3}}\n"
        "  - {id: ben, skills: *both}\n"
        "projects:\n  - id: p\n"
        "    phases: [{id: x, duration: 2, requires: [{skill: data_science}]}]\n"
    )
    response = client.post("/scenarios", content=document, headers={**keys["planner"], **YAML})
    assert response.status_code == 201, response.text


def test_the_command_line_refuses_an_alias_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb(9))
    started = time.perf_counter()
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert time.perf_counter() - started < 1.0
    assert result.exit_code != 0 and "alias" in result.output


@pytest.mark.parametrize(
    ("body", "media"),
    [
        ("[" * 900 + "]" * 900, "application/json"),
        ('{"name": ' + "[" * 500 + "]" * 500 + "}", "application/json"),
        ("[" * 100_000, "application/yaml"),
        ("[" * 100_000, "application/json"),
        ('{"name": "\\ud800"}', "application/json"),
        ('name: "\\ud800"', "application/yaml"),
    ],
)
def test_pathological_documents_are_4xx_json(
    client: TestClient, keys: Headers, body: str, media: str
) -> None:
    headers = {**keys["planner"], "Content-Type": media}
    response = client.post("/scenarios", content=body, headers=headers)
    assert response.status_code in (400, 422), response.text
    assert response.json()["detail"][0]["msg"]
    assert len(response.content) < 2_000
    # the connection still serves the next request
    assert client.get("/scenarios", headers=keys["viewer"]).status_code == 200


@pytest.mark.parametrize(
    "body",
    ["[" * 900 + "]" * 900, '{"time_limit": ' + "[" * 900 + "]" * 900 + "}", '{"seed": "\\ud800"}'],
)
def test_deep_or_broken_json_in_a_solve_request_is_4xx(
    client: TestClient, keys: Headers, body: str
) -> None:
    created = client.post("/scenarios", json=tiny(), headers=keys["planner"]).json()
    headers = {**keys["planner"], "Content-Type": "application/json"}
    response = client.post(f"/scenarios/{created['id']}/solve", content=body, headers=headers)
    assert response.status_code in (400, 422), response.text
    assert json.loads(response.content)["detail"]


def test_echoed_values_are_cut(client: TestClient, keys: Headers) -> None:
    document = tiny()
    document["calendar"]["horizon"] = "x" * 100_000
    document["staff"] = [{"id": i} for i in range(5_000)]  # 5,000 wrong ids
    response = client.post("/scenarios", json=document, headers=keys["planner"])
    assert response.status_code == 422
    assert len(response.content) < 20_000
    assert "more problems" in response.json()["detail"][-1]["msg"]
