"""Optimistic concurrency on scenarios: ETag on reads, If-Match on writes, and concurrent
changes that never answer 500 and keep the version numbers contiguous."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from api_helpers import TestClient, add_key, tiny

from zenplan.api.app import create_app
from zenplan.api.settings import Settings

Headers = dict[str, dict[str, str]]


def test_reads_carry_an_etag_and_a_stale_if_match_is_412(client: TestClient, keys: Headers) -> None:
    created = client.post("/scenarios", json=tiny(), headers=keys["planner"])
    url = created.headers["Location"]
    tag = client.get(url, headers=keys["viewer"]).headers["ETag"]
    assert tag == created.headers["ETag"] == '"v1"'
    unchanged = client.get(url, headers={**keys["viewer"], "If-None-Match": tag})
    assert unchanged.status_code == 304
    first = client.put(url, json=tiny(name="a"), headers={**keys["planner"], "If-Match": tag})
    assert first.status_code == 200 and first.headers["ETag"] == '"v2"'
    stale = client.put(url, json=tiny(name="b"), headers={**keys["planner"], "If-Match": tag})
    assert stale.status_code == 412
    assert stale.headers["ETag"] == '"v2"' and "version 2" in stale.json()["detail"][0]["msg"]
    retry = client.put(url, json=tiny(name="b"), headers={**keys["planner"], "If-Match": '"v2"'})
    assert retry.status_code == 200 and retry.json()["version"] == 3
    wildcard = client.put(url, json=tiny(), headers={**keys["planner"], "If-Match": "*"})
    assert wildcard.status_code == 200


def test_if_match_can_be_required(make_settings: Callable[..., Settings]) -> None:
    with TestClient(create_app(make_settings(require_if_match=True))) as server:
        headers = {"X-API-Key": add_key(server, "planner")}
        url = server.post("/scenarios", json=tiny(), headers=headers).headers["Location"]
        missing = server.put(url, json=tiny(), headers=headers)
        assert missing.status_code == 428
        assert missing.json()["detail"][0]["loc"] == ["header", "If-Match"]
        given = server.put(url, json=tiny(), headers={**headers, "If-Match": '"v1"'})
        assert given.status_code == 200


def test_twenty_concurrent_changes_never_answer_500(client: TestClient, keys: Headers) -> None:
    url = client.post("/scenarios", json=tiny(), headers=keys["planner"]).headers["Location"]

    def change(i: int) -> int:
        return client.put(url, json=tiny(name=f"n{i}"), headers=keys["planner"]).status_code

    def guarded(i: int) -> int:
        tag = client.get(url, headers=keys["viewer"]).headers["ETag"]
        headers = {**keys["planner"], "If-Match": tag}
        return client.put(url, json=tiny(name=f"g{i}"), headers=headers).status_code

    with ThreadPoolExecutor(20) as pool:
        plain = list(pool.map(change, range(40)))
        checked = list(pool.map(guarded, range(20)))
    assert plain == [200] * 40
    assert set(checked) <= {200, 412} and 200 in checked
    versions = client.get(f"{url}/versions", headers=keys["viewer"]).json()
    numbers = [v["number"] for v in versions]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) == 1 + 40 + checked.count(200)
