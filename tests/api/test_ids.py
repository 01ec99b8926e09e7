"""Ids are never reused: a deleted scenario, job or schedule answers 404 for good, and the
next one gets a new id (SQLite hands out the largest id + 1 without AUTOINCREMENT)."""

from __future__ import annotations

from pathlib import Path

from api_helpers import TestClient, create_scenario, wait_for_job
from sqlalchemy import create_engine, text

from zenplan.api.db import make_engine, migrate

Headers = dict[str, dict[str, str]]


def _solved(client: TestClient, keys: Headers) -> tuple[int, int, int]:
    scenario = create_scenario(client, keys["planner"])
    job = client.post(
        f"/scenarios/{scenario}/solve", json={"time_limit": 2}, headers=keys["planner"]
    ).json()
    done = wait_for_job(client, keys["viewer"], job["id"])
    assert done["state"] == "succeeded", done
    return scenario, job["id"], done["schedule_id"]


def test_deleted_ids_are_not_given_again(client: TestClient, keys: Headers) -> None:
    old = _solved(client, keys)
    assert client.delete(f"/scenarios/{old[0]}", headers=keys["planner"]).status_code == 204
    new = _solved(client, keys)
    assert all(n > o for n, o in zip(new, old, strict=True))
    for path in (f"/scenarios/{old[0]}", f"/jobs/{old[1]}", f"/schedules/{old[2]}"):
        assert client.get(path, headers=keys["viewer"]).status_code == 404


def test_the_migration_keeps_the_rows_of_an_older_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    from alembic import command

    from zenplan.api.db import alembic_config

    config = alembic_config(url)
    command.upgrade(config, "0002")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO scenario (id, name, version, created_at, updated_at) "
                "VALUES (1, 'kept', 1, '2026-01-01', '2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO scenario_version (scenario_id, number, name, source, document, "
                "created_at) VALUES (1, 1, 'kept', 'json', '{}', '2026-01-01')"
            )
        )
    migrate(engine)
    with engine.connect() as connection:
        sql = connection.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'scenario'")
        ).scalar_one()
        assert "AUTOINCREMENT" in sql
        assert connection.execute(text("SELECT name FROM scenario")).scalar_one() == "kept"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
    engine.dispose()
    create_engine(url).dispose()
