"""The smaller promises of the service: client-friendly operation ids, the time-limit cap in
the schema, unknown sponsors, error pages, a private SQLite file, request ids on 5xx, key
management on the command line and keys that expire."""

from __future__ import annotations

import logging
import stat
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from api_helpers import TestClient, create_scenario, wait_for_job
from sqlalchemy import update
from sqlmodel import Session
from typer.testing import CliRunner

from zenplan.api import crud
from zenplan.api.app import create_app
from zenplan.api.cli import app as cli
from zenplan.api.settings import Settings
from zenplan.api.tables import ApiKey, now

Headers = dict[str, dict[str, str]]


def test_operation_ids_and_the_time_limit_cap(make_settings: Callable[..., Settings]) -> None:
    with TestClient(create_app(make_settings(max_time_limit=600))) as server:
        schema = server.get("/openapi.json").json()
    ids = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert {"getScenario", "solveScenario", "replanScenario", "getJob", "listSchedules"} <= ids
    limit = schema["components"]["schemas"]["SolveRequest"]["properties"]["time_limit"]
    assert limit["maximum"] == 600


def _schedule(client: TestClient, keys: Headers) -> int:
    scenario = create_scenario(client, keys["planner"])
    job = client.post(
        f"/scenarios/{scenario}/solve", json={"time_limit": 2}, headers=keys["planner"]
    )
    done = wait_for_job(client, keys["viewer"], job.json()["id"])
    schedule_id: int = done["schedule_id"]
    return schedule_id


def test_unknown_sponsors_and_schedules(client: TestClient, keys: Headers) -> None:
    schedule = _schedule(client, keys)
    for path in (f"/schedules/{schedule}/gantt", f"/schedules/{schedule}/assignments"):
        unknown = client.get(path, params={"sponsor": "nobody"}, headers=keys["viewer"])
        assert unknown.status_code == 404
        assert unknown.json()["detail"][0]["loc"] == ["query", "sponsor"]
        known = client.get(path, params={"sponsor": "cmo"}, headers=keys["viewer"])
        assert known.status_code == 200
    page = client.get(f"/ui/schedules/{schedule}?sponsor=nobody", headers=keys["viewer"])
    assert page.status_code == 404 and "text/html" in page.headers["content-type"]
    missing = client.get("/ui/schedules/999999", headers=keys["viewer"])
    assert missing.status_code == 404 and "<h1>Not found</h1>" in missing.text
    assert "back to the portfolio" in missing.text


def test_the_sqlite_file_is_private(tmp_path: Path) -> None:
    settings = Settings(environment="development", data_dir=tmp_path / "data")
    with TestClient(create_app(settings)):
        pass
    mode = stat.S_IMODE((tmp_path / "data" / "zenplan.db").stat().st_mode)
    assert mode == 0o600


def test_a_server_error_is_json_with_a_logged_request_id(
    client: TestClient,
    keys: Headers,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(crud, "list_scenarios", broken)
    raw = TestClient(client.app, raise_server_exceptions=False)  # the same running app
    with caplog.at_level(logging.ERROR, logger="zenplan.api"):
        response = raw.get("/scenarios", headers=keys["viewer"])
    assert response.status_code == 500
    rid = response.json()["detail"][0]["value"]
    assert response.headers["X-Request-ID"] == rid and len(rid) >= 8
    assert any(rid in record.getMessage() for record in caplog.records)
    given = client.get("/health", headers={"X-Request-ID": "trace-42"})
    assert given.headers["X-Request-ID"] == "trace-42"


def test_keys_list_and_revoke_on_the_command_line(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings()
    monkeypatch.setenv("ZENPLAN_DATABASE_URL", settings.sqlalchemy_url)
    runner = CliRunner()
    created = runner.invoke(cli, ["keys", "create", "--role", "viewer", "--name", "ci"])
    key = created.stdout.strip().splitlines()[0]
    listed = runner.invoke(cli, ["keys", "list"])
    assert listed.exit_code == 0 and "ci" in listed.output and key[:10] in listed.output
    key_id = listed.output.splitlines()[1].split("\t")[0]
    with TestClient(create_app(settings)) as server:
        assert server.get("/scenarios", headers={"X-API-Key": key}).status_code == 200
        revoked = runner.invoke(cli, ["keys", "revoke", key_id])
        assert revoked.exit_code == 0, revoked.output
        server.app.state.key_cache.clear()  # type: ignore[attr-defined]
        assert server.get("/scenarios", headers={"X-API-Key": key}).status_code == 401
    again = runner.invoke(cli, ["keys", "revoke", key_id])
    assert again.exit_code == 1 and "no API key" in again.output


def test_keys_expire(client: TestClient, keys: Headers) -> None:
    made = client.post(
        "/keys", json={"role": "viewer", "expires_in_days": 1}, headers=keys["admin"]
    ).json()
    assert made["expires_at"] is not None
    headers = {"X-API-Key": made["key"]}
    assert client.get("/scenarios", headers=headers).status_code == 200
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        past = now() - timedelta(seconds=1)
        session.execute(update(ApiKey).where(ApiKey.id == made["id"]).values(expires_at=past))
        session.commit()
    client.app.state.key_cache.clear()  # type: ignore[attr-defined]
    expired = client.get("/scenarios", headers=headers)
    assert expired.status_code == 401 and "expired" in expired.json()["detail"][0]["msg"]
