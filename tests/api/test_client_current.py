"""clients/python is generated from the API as it is: its OpenAPI document is the app's."""

from __future__ import annotations

import json
from pathlib import Path

from zenplan.api.app import create_app
from zenplan.api.settings import Settings

DOCUMENT = Path(__file__).resolve().parents[2] / "clients" / "openapi.json"


def test_the_client_was_generated_from_this_api(tmp_path: Path) -> None:
    settings = Settings(environment="development", database_url=f"sqlite:///{tmp_path}/x.db")
    current = create_app(settings).openapi()
    committed = json.loads(DOCUMENT.read_text())
    assert committed == json.loads(json.dumps(current)), (
        "the API changed since clients/python was generated: run scripts/generate_client.sh"
    )
    operations = [op for item in current["paths"].values() for op in item.values()]
    ids = [op["operationId"] for op in operations]
    assert len(set(ids)) == len(ids) and "exportSchedule" in ids and "solveScenario" in ids
