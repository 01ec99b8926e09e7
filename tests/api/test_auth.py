"""API keys and roles, CORS, and the settings that refuse unsafe production defaults."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from api_helpers import TestClient, create_scenario, tiny
from pydantic import ValidationError
from sqlalchemy import text
from typer.testing import CliRunner

from zenplan.api.app import create_app
from zenplan.api.cli import app as cli
from zenplan.api.settings import Settings

Headers = dict[str, dict[str, str]]


def test_no_key_is_401_and_a_wrong_one_too(client: TestClient, keys: Headers) -> None:
    missing = client.get("/scenarios")
    assert missing.status_code == 401
    assert missing.json()["detail"] == [
        {"loc": ["header", "X-API-Key"], "msg": "an API key is needed", "value": None}
    ]
    wrong = client.get("/scenarios", headers={"X-API-Key": "zp_not-a-key"})
    assert wrong.status_code == 401
    assert wrong.json()["detail"][0]["msg"] == "unknown, revoked or expired API key"
    assert client.get("/health").status_code == 200  # no key needed


@pytest.mark.parametrize(
    "role, method, path, allowed",
    [
        ("viewer", "GET", "/scenarios", True),
        ("viewer", "POST", "/scenarios", False),  # sponsors only read
        ("planner", "POST", "/scenarios", True),
        ("planner", "GET", "/keys", False),  # keys are the admin's
        ("admin", "GET", "/keys", True),
        ("admin", "POST", "/scenarios", True),  # roles are ordered
    ],
)
def test_roles(
    client: TestClient, keys: Headers, role: str, method: str, path: str, allowed: bool
) -> None:
    body = tiny() if method == "POST" else None
    response = client.request(method, path, json=body, headers=keys[role])
    if allowed:
        assert response.status_code < 300, response.text
    else:
        assert response.status_code == 403
        problem = response.json()["detail"][0]
        assert problem["loc"] == ["header", "X-API-Key"] and problem["value"] == role


def test_a_bearer_token_works_too(client: TestClient, keys: Headers) -> None:
    token = keys["viewer"]["X-API-Key"]
    response = client.get("/scenarios", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_admin_creates_and_revokes_keys(client: TestClient, keys: Headers) -> None:
    created = client.post(
        "/keys", json={"role": "planner", "name": "planning tool"}, headers=keys["admin"]
    )
    assert created.status_code == 201, created.text
    key = created.json()["key"]
    assert key.startswith(created.json()["prefix"])
    assert create_scenario(client, {"X-API-Key": key})
    listed = client.get("/keys", headers=keys["admin"]).json()
    assert all("key" not in k and "hash" not in k for k in listed)
    revoked = client.delete(f"/keys/{created.json()['id']}", headers=keys["admin"])
    assert revoked.status_code == 204
    assert client.get("/scenarios", headers={"X-API-Key": key}).status_code == 401


def test_keys_are_stored_hashed(client: TestClient, keys: Headers) -> None:
    with client.app.state.engine.connect() as connection:  # type: ignore[attr-defined]
        stored = " ".join(str(row) for row in connection.execute(text("SELECT * FROM api_key")))
    for headers in keys.values():
        assert headers["X-API-Key"] not in stored


def test_cli_creates_a_key_and_prints_it_once(
    make_settings: Callable[..., Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings()
    monkeypatch.setenv("ZENPLAN_DATABASE_URL", settings.sqlalchemy_url)
    result = CliRunner().invoke(cli, ["keys", "create", "--role", "planner", "--name", "ci"])
    assert result.exit_code == 0, result.output
    key = result.stdout.strip().splitlines()[0]
    with TestClient(create_app(settings)) as server:
        assert server.get("/keys", headers={"X-API-Key": key}).status_code == 403
        assert server.get("/scenarios", headers={"X-API-Key": key}).status_code == 200
    wrong = CliRunner().invoke(cli, ["keys", "create", "--role", "owner"])
    assert wrong.exit_code == 2 and "owner" in wrong.output


def test_cors_for_configured_origins(make_settings: Callable[..., Settings]) -> None:
    origin = "https://planning.example.com"
    with TestClient(create_app(make_settings(cors_origins=[origin]))) as server:
        allowed = server.options(
            "/scenarios",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
        assert allowed.headers["access-control-allow-origin"] == origin
        other = server.get("/health", headers={"Origin": "https://elsewhere.example.com"})
        assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"auth_disabled": True}, "ZENPLAN_AUTH_DISABLED"),  # no authentication in production
        ({"cors_origins": ["*"]}, "every web site"),  # wildcard CORS in production
    ],
)
def test_settings_refuse_unsafe_production_defaults(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        Settings(environment="production", **changes)  # type: ignore[arg-type]
    assert Settings(environment="development", **changes)  # type: ignore[arg-type]


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ZENPLAN_CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("ZENPLAN_DATABASE_URL", "postgresql://zenplan@db.internal/zenplan")
    monkeypatch.setenv("ZENPLAN_DATA_DIR", "/srv/zenplan")
    settings = Settings()
    assert settings.cors_origins == ["https://a.example", "https://b.example"]
    assert settings.sqlalchemy_url == "postgresql+psycopg://zenplan@db.internal/zenplan"
    monkeypatch.delenv("ZENPLAN_DATABASE_URL")
    assert Settings().sqlalchemy_url == "sqlite:////srv/zenplan/zenplan.db"


def test_production_refuses_to_start_without_keys(make_settings: Callable[..., Settings]) -> None:
    app = create_app(make_settings(environment="production"))
    with pytest.raises(RuntimeError, match="zenplan keys create"), TestClient(app):
        pass


def test_auth_disabled_in_development(make_settings: Callable[..., Settings]) -> None:
    with TestClient(create_app(make_settings(auth_disabled=True))) as server:
        assert server.get("/keys").status_code == 200
