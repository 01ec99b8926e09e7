"""List endpoints: the total in X-Total-Count and Link headers to the other pages."""

from __future__ import annotations

from api_helpers import TestClient, tiny

Headers = dict[str, dict[str, str]]


def test_lists_give_the_total_and_links_to_the_pages(client: TestClient, keys: Headers) -> None:
    for i in range(5):
        client.post("/scenarios", json=tiny(name=f"s{i}"), headers=keys["planner"])
    page = client.get("/scenarios", params={"offset": 2, "limit": 2}, headers=keys["viewer"])
    assert [s["name"] for s in page.json()] == ["s2", "s3"]
    assert page.headers["X-Total-Count"] == "5"
    links = {rel: url for url, rel in _links(page.headers["Link"])}
    assert "offset=4" in links["next"] and "offset=0" in links["prev"]
    assert "offset=4" in links["last"] and "limit=2" in links["next"]
    last = client.get(links["next"], headers=keys["viewer"])
    assert [s["name"] for s in last.json()] == ["s4"]
    assert "next" not in dict((rel, u) for u, rel in _links(last.headers["Link"]))
    for path in ("/jobs", "/schedules"):
        empty = client.get(path, headers=keys["viewer"])
        assert empty.headers["X-Total-Count"] == "0"


def _links(header: str) -> list[tuple[str, str]]:
    """(url, rel) pairs of a Link header."""
    pairs = []
    for part in header.split(","):
        url, rel = part.split(";")
        pairs.append((url.strip()[1:-1], rel.split("=")[1].strip('"')))
    return pairs
