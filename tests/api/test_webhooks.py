"""Webhooks: the end of a job is POSTed to the key's webhooks, signed as Standard Webhooks
says, and retried with backoff while the endpoint fails."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from api_helpers import TestClient, add_key, create_scenario
from standardwebhooks import Webhook

from zenplan.api.app import create_app
from zenplan.api.settings import Settings


class Receiver:
    """A local endpoint that records what it gets and fails the first ``failures`` times."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.received: list[tuple[dict[str, str], bytes, int]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = 500 if len(receiver.received) < receiver.failures else 204
                sent = {name.lower(): value for name, value in self.headers.items()}
                receiver.received.append((sent, body, status))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    endpoint = Receiver(failures=1)
    yield endpoint
    endpoint.server.shutdown()


def test_the_end_of_a_job_is_signed_and_retried(
    make_settings: Callable[..., Settings], receiver: Receiver
) -> None:
    with TestClient(create_app(make_settings(webhook_backoff=0.2))) as server:
        headers = {"X-API-Key": add_key(server, "planner")}
        made = server.post("/webhooks", json={"url": receiver.url}, headers=headers)
        assert made.status_code == 201 and made.json()["secret"].startswith("whsec_")
        assert [h["id"] for h in server.get("/webhooks", headers=headers).json()] == [
            made.json()["id"]
        ]
        scenario = create_scenario(server, headers)
        job = server.post(f"/scenarios/{scenario}/solve", json={"time_limit": 2}, headers=headers)
        receiver.wait(2)
        assert [status for *_, status in receiver.received] == [500, 204]  # retried
        (first, _, _), (second, body, _) = receiver.received
        assert first["webhook-id"] == second["webhook-id"]  # the same message, again
        event = Webhook(made.json()["secret"]).verify(body, second)
        assert event["type"] == "job.ended" and event["data"]["id"] == job.json()["id"]
        assert event["data"]["state"] == "succeeded"
        # another key's webhook hears nothing of it; deleting stops the announcements
        other = {"X-API-Key": add_key(server, "planner")}
        assert server.get("/webhooks", headers=other).json() == []
        hook = made.json()["id"]
        assert server.delete(f"/webhooks/{hook}", headers=other).status_code == 404
        assert server.delete(f"/webhooks/{hook}", headers=headers).status_code == 204


def test_webhook_urls_are_checked(client: TestClient, keys: dict[str, Any]) -> None:
    refused = client.post("/webhooks", json={"url": "ftp://x"}, headers=keys["planner"])
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "url"]
    assert (
        client.post(
            "/webhooks", json={"url": "https://x.example"}, headers=keys["viewer"]
        ).status_code
        == 403
    )
