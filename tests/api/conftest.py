"""Fixtures of the service tests: every test runs against SQLite and a real PostgreSQL.

PostgreSQL comes from ``ZENPLAN_TEST_POSTGRES_URL`` (scripts/test.sh starts or finds a
server and sets it). Without the variable the PostgreSQL runs are skipped, unless
``ZENPLAN_REQUIRE_POSTGRES=1`` (set by scripts/test.sh), where they fail.

Each backend's database is created and migrated once per test run (a SQLite file; a schema
of its own in the PostgreSQL server, dropped at the end), as the full-stack FastAPI
template does. A test leaves it as it found it: every table is emptied after the test
(identities restarted). Not a transaction rolled back per test: the app opens its own
connections and solves in job processes, which must see what the test committed.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from api_helpers import add_key
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from zenplan.api import tables  # noqa: F401  (the tables _empty empties)
from zenplan.api.app import create_app
from zenplan.api.db import make_engine, migrate, scratch_schema
from zenplan.api.settings import Settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette asks for httpx2; httpx works the same here
    from fastapi.testclient import TestClient

POSTGRES_VARIABLE = "ZENPLAN_TEST_POSTGRES_URL"
REQUIRE_VARIABLE = "ZENPLAN_REQUIRE_POSTGRES"


def _postgres_url() -> str:
    url = os.environ.get(POSTGRES_VARIABLE)
    if url:
        return url
    if os.environ.get(REQUIRE_VARIABLE) == "1":
        pytest.fail(f"{POSTGRES_VARIABLE} is not set; scripts/test.sh provides PostgreSQL")
    pytest.skip(f"no PostgreSQL: set {POSTGRES_VARIABLE} (scripts/test.sh does)")


@pytest.fixture(scope="session")
def _sqlite_database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('database') / 'zenplan.db'}"
    _migrated(url)
    return url


@pytest.fixture(scope="session")
def _postgres_database() -> Iterator[str]:
    server = Settings(database_url=_postgres_url()).sqlalchemy_url
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(scratch_schema(server, "zenplan_test"))
        except Exception as error:
            pytest.fail(f"cannot reach PostgreSQL at {POSTGRES_VARIABLE}: {error}")
        _migrated(url)
        yield url


def _migrated(url: str) -> None:
    engine = make_engine(url)
    try:
        migrate(engine)
    finally:
        engine.dispose()


def _empty(url: str) -> None:
    """Every table of the app emptied and its identities restarted (ids count from 1)."""
    engine = make_engine(url)
    names = [table.name for table in reversed(SQLModel.metadata.sorted_tables)]
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                listed = ", ".join(f'"{name}"' for name in names)
                connection.execute(text(f"TRUNCATE {listed} RESTART IDENTITY CASCADE"))
            else:
                for name in names:
                    connection.execute(text(f'DELETE FROM "{name}"'))
                if inspect(connection).has_table("sqlite_sequence"):
                    connection.execute(text("DELETE FROM sqlite_sequence"))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """The backend's database, migrated and empty; emptied again after the test."""
    if request.param == "sqlite":
        url = request.getfixturevalue("_sqlite_database")
    else:
        _postgres_url()  # skips (or fails) before the session fixture is set up
        url = request.getfixturevalue("_postgres_database")
    yield url
    _empty(url)


@pytest.fixture
def make_settings(database_url: str, tmp_path: Path) -> Callable[..., Settings]:
    """Settings for a test server on the test database; keyword arguments override."""

    def settings(**changes: Any) -> Settings:
        values: dict[str, Any] = {
            "environment": "development",
            "database_url": database_url,
            "data_dir": tmp_path,
            "solve_workers": 1,
            "progress_interval": 0.2,
            **changes,
        }
        return Settings(**values)

    return settings


@pytest.fixture
def client(make_settings: Callable[..., Settings]) -> Iterator[TestClient]:
    """A client of a running app (migrations applied, job runner started)."""
    with TestClient(create_app(make_settings())) as test_client:
        yield test_client


@pytest.fixture
def keys(client: TestClient) -> dict[str, dict[str, str]]:
    """Headers with a key of each role: ``keys["planner"]``."""
    return {role: {"X-API-Key": add_key(client, role)} for role in ("viewer", "planner", "admin")}
