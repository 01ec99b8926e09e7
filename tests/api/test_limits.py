"""Numbers and sizes beyond the documented bounds are refused at validation, naming the field
and the limit, by the API and the command line alike (a solve never sees them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from api_helpers import TestClient, tiny
from typer.testing import CliRunner

from zenplan.api.cli import app as cli
from zenplan.models.scenario import MAX_HORIZON, MAX_MODEL_CELLS, MAX_MONEY

Headers = dict[str, dict[str, str]]


def _absurd(field: str) -> tuple[dict[str, Any], list[str | int], str]:
    """A tiny scenario with one absurd number: the document, the field path, the limit."""
    document = tiny()
    if field == "value":
        document["projects"][0]["value"] = 1e300
        return document, ["projects", 0, "value"], str(MAX_MONEY)
    if field == "duration":
        document["projects"][0]["phases"][0]["duration"] = 10**30
        return document, ["projects", 0, "phases", 0, "duration"], str(MAX_HORIZON)
    document["staff"][0]["cost_per_period"] = 1e30
    return document, ["staff", 0, "cost_per_period"], str(MAX_MONEY)


@pytest.mark.parametrize("field", ["value", "duration", "cost_per_period"])
def test_absurd_numbers_name_the_field_and_the_limit(
    client: TestClient, keys: Headers, field: str
) -> None:
    document, loc, limit = _absurd(field)
    response = client.post("/scenarios", json=document, headers=keys["planner"])
    assert response.status_code == 422
    problem = response.json()["detail"][0]
    assert problem["loc"] == ["body", *loc] and limit in problem["msg"]
    assert client.get("/scenarios", headers=keys["viewer"]).json() == []


def test_the_command_line_names_the_field_and_the_limit(tmp_path: Path) -> None:
    document, _, limit = _absurd("value")
    path = tmp_path / "absurd.yaml"
    path.write_text(yaml.safe_dump(document))
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code != 0
    assert "projects.0.value" in result.output.replace("[", ".").replace("]", "")
    assert limit in result.output


def test_a_model_too_large_is_refused_before_building(client: TestClient, keys: Headers) -> None:
    document = tiny()
    document["calendar"]["horizon"] = MAX_HORIZON
    phase = {"id": "x", "duration": 1, "requires": [{"skill": "data_science"}]}
    phases = [{**phase, "id": f"x{i}"} for i in range(1_000)]
    document["projects"] = [
        {"id": f"p{i}", "phases": phases} for i in range(MAX_MODEL_CELLS // MAX_HORIZON // 1_000)
    ]
    response = client.post("/scenarios", json=document, headers=keys["planner"])
    assert response.status_code == 422
    message = response.json()["detail"][0]["msg"]
    assert "too large" in message and f"{MAX_MODEL_CELLS:,}" in message
