"""Job completion without polling: Server-Sent Events on /jobs/{id}/events."""

from __future__ import annotations

import json

from api_helpers import TestClient, create_scenario, generated

Headers = dict[str, dict[str, str]]


def _events(client: TestClient, job_id: int, headers: dict[str, str]) -> list[tuple[str, dict]]:
    events: list[tuple[str, dict]] = []
    name = ""
    with client.stream("GET", f"/jobs/{job_id}/events", headers=headers) as stream:
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        for line in stream.iter_lines():
            if line.startswith("event:"):
                name = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                events.append((name, json.loads(line.split(":", 1)[1])))
    return events


def test_events_show_progress_then_the_end(client: TestClient, keys: Headers) -> None:
    # A portfolio the solver cannot prove optimal at once, so the job still runs when the
    # stream opens (the tiny one can end before, and then the first event is its end).
    scenario = create_scenario(client, keys["planner"], generated(25, seed=5))
    job = client.post(
        f"/scenarios/{scenario}/solve",
        json={"time_limit": 3, "relative_gap": 0},
        headers=keys["planner"],
    ).json()
    events = _events(client, job["id"], keys["viewer"])
    names = [name for name, _ in events]
    assert names[0] == "progress" and names[-1] == "end" and names.count("end") == 1
    end = events[-1][1]
    assert end["id"] == job["id"] and end["state"] == "succeeded" and end["schedule_id"]
    # a finished job: the end at once
    assert [name for name, _ in _events(client, job["id"], keys["viewer"])] == ["end"]
    assert client.get("/jobs/999999/events", headers=keys["viewer"]).status_code == 404
