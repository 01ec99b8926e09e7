"""Bad input: every 4xx answers JSON naming the field and value; big bodies get 413."""

from __future__ import annotations

from collections.abc import Callable

from api_helpers import TestClient, add_key, tiny

from zenplan.api.app import create_app
from zenplan.api.settings import Settings

Headers = dict[str, dict[str, str]]


def test_a_body_over_the_limit_is_413(make_settings: Callable[..., Settings]) -> None:
    with TestClient(create_app(make_settings(max_body_bytes=2_000))) as server:
        headers = {"X-API-Key": add_key(server, "planner")}
        document = tiny(description="x" * 5_000)
        response = server.post("/scenarios", json=document, headers=headers)
        assert response.status_code == 413
        problem = response.json()["detail"][0]
        assert problem["loc"] == ["body"] and problem["value"] > 2_000
        assert "2000 bytes" in problem["msg"]
        assert server.post("/scenarios", json=tiny(), headers=headers).status_code == 201


def test_a_streamed_body_over_the_limit_is_413(make_settings: Callable[..., Settings]) -> None:
    with TestClient(create_app(make_settings(max_body_bytes=1_000))) as server:
        headers = {"X-API-Key": add_key(server, "planner"), "Content-Type": "application/json"}
        chunks = (b"x" * 400 for _ in range(5))  # no Content-Length: sent chunked
        response = server.post("/scenarios", content=chunks, headers=headers)
        assert response.status_code == 413


def test_unknown_paths_and_methods_name_them(client: TestClient, keys: Headers) -> None:
    unknown = client.get("/nothing-here", headers=keys["viewer"])
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == [
        {"loc": ["path"], "msg": "Not Found", "value": "/nothing-here"}
    ]
    wrong = client.patch("/scenarios", headers=keys["viewer"])
    assert wrong.status_code == 405
    assert wrong.json()["detail"][0]["value"] == "PATCH"


def test_parameters_name_the_field_and_value(client: TestClient, keys: Headers) -> None:
    response = client.get("/scenarios/abc", headers=keys["viewer"])
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "scenario_id"]
    assert response.json()["detail"][0]["value"] == "abc"
    huge = client.get(f"/jobs/{2**40}", headers=keys["viewer"])  # beyond a 32-bit id
    assert huge.status_code == 422 and huge.json()["detail"][0]["value"] == str(2**40)


def test_text_with_nul_characters_is_refused(client: TestClient, keys: Headers) -> None:
    response = client.post("/scenarios", json=tiny(name="bad\u0000name"), headers=keys["planner"])
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name"]
