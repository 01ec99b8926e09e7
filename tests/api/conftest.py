"""Fixtures of the service tests: every test runs against SQLite and a real PostgreSQL.

PostgreSQL comes from ``ZENPLAN_TEST_POSTGRES_URL`` (scripts/test.sh starts or finds a
server and sets it). Each test gets its own schema, dropped afterwards. Without the
variable the PostgreSQL runs are skipped, unless ``ZENPLAN_REQUIRE_POSTGRES=1`` (set by
scripts/test.sh), where they fail.
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from api_helpers import add_key
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from zenplan.api.app import create_app
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


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new schema in the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'zenplan.db'}"
        return
    server = Settings(database_url=_postgres_url()).sqlalchemy_url
    schema = f"zenplan_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as error:
        admin.dispose()
        pytest.fail(f"cannot reach PostgreSQL at {POSTGRES_VARIABLE}: {error}")
    url = make_url(server).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


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
