"""The bound a finished job reports is never weaker than the best bound its progress showed
(issue 27 item 10: a live bound of 3,922,000 became 6,161,729 on completion)."""

from __future__ import annotations

import time

from api_helpers import TestClient, create_scenario, generated

Headers = dict[str, dict[str, str]]


def test_the_final_bound_is_the_best_seen(client: TestClient, keys: Headers) -> None:
    scenario = create_scenario(client, keys["planner"], generated(25, seed=5))
    job_id = client.post(
        f"/scenarios/{scenario}/solve",
        json={"time_limit": 3, "workers": 2, "relative_gap": 0},
        headers=keys["planner"],
    ).json()["id"]
    live: list[float] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get(f"/jobs/{job_id}", headers=keys["viewer"]).json()
        if job["state"] == "running" and job["bound"] is not None:
            live.append(job["bound"])
        if job["state"] in ("succeeded", "failed", "cancelled"):
            break
        time.sleep(0.05)
    assert job["state"] == "succeeded", job
    assert live, "no live bound was seen"
    final, objective = job["bound"], job["objective"]
    tolerance = 1e-6 * max(1.0, abs(final))
    if final >= objective:  # maximising: the bound is an upper bound, lower is better
        assert all(final <= bound + tolerance for bound in live), (final, live)
    else:
        assert all(final >= bound - tolerance for bound in live), (final, live)
