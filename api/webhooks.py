"""Webhooks: the end of a job is POSTed to the webhooks of the API key that queued it,
signed as the Standard Webhooks spec says (``webhook-id``, ``webhook-timestamp``,
``webhook-signature``) and retried with backoff.

Each server looks every second for ended jobs not yet announced; a conditional update
claims each announcement, so with several servers a job is announced once. Pending retries
live in the server's memory: a restart drops them.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session
from standardwebhooks import Webhook as Signer

from zenplan.api import crud
from zenplan.api.tables import Job

log = logging.getLogger("zenplan.webhooks")

ATTEMPTS = 5  # the first try and four retries
SEND_TIMEOUT = 10.0


@dataclass(order=True)
class Delivery:
    due: float
    order: int
    url: str = field(compare=False)
    secret: str = field(compare=False)
    message_id: str = field(compare=False)
    body: bytes = field(compare=False)
    attempt: int = field(default=0, compare=False)


def send(delivery: Delivery) -> bool:
    """POST one signed message; True when the endpoint answered 2xx."""
    moment = datetime.now(UTC)
    signature = Signer(delivery.secret).sign(delivery.message_id, moment, delivery.body)
    request = urllib.request.Request(
        delivery.url,
        data=delivery.body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "zenplan-webhooks",
            "webhook-id": delivery.message_id,
            "webhook-timestamp": str(int(moment.timestamp())),
            "webhook-signature": signature,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=SEND_TIMEOUT) as response:
            status: int = response.status
            return 200 <= status < 300
    except (urllib.error.URLError, OSError, ValueError) as error:
        log.info("webhook %s to %s: %s", delivery.message_id, delivery.url, error)
        return False


class Announcer:
    """Sends ``job.ended`` events; a failed delivery is retried after ``backoff`` seconds,
    then 6, 36 and 216 times that (5 s: 5 s, 30 s, 3 min, 18 min)."""

    def __init__(self, engine: Engine, backoff: float) -> None:
        self.engine = engine
        self.backoff = backoff
        self._queue: list[Delivery] = []
        self._order = itertools.count()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="zenplan-webhooks", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=SEND_TIMEOUT + 2)

    def _loop(self) -> None:
        while not self._stopping.wait(min(1.0, self.backoff)):
            try:
                self._claim()
                self._send_due()
            except Exception:  # the announcer must outlive a database hiccup
                log.exception("webhook announcer")

    def _claim(self) -> None:
        with Session(self.engine) as session:
            for job in crud.unannounced_jobs(session):
                if job.id is not None and crud.claim_announcement(session, job.id):
                    self._enqueue(session, job)

    def _enqueue(self, session: Session, job: Job) -> None:
        from zenplan.api.routes.jobs import job_public

        body = job_public(job).model_dump_json()
        event = f'{{"type":"job.ended","timestamp":"{datetime.now(UTC).isoformat()}",'
        payload = f'{event}"data":{body}}}'.encode()
        for hook in crud.webhooks_of(session, job.key_id, job.finished_at):
            delivery = Delivery(
                time.monotonic(),
                next(self._order),
                hook.url,
                hook.secret,
                f"job-{job.id}-ended-{hook.id}",
                payload,
            )
            heapq.heappush(self._queue, delivery)

    def _send_due(self) -> None:
        while self._queue and self._queue[0].due <= time.monotonic():
            delivery = heapq.heappop(self._queue)
            if send(delivery) or delivery.attempt + 1 >= ATTEMPTS:
                continue
            delivery.due = time.monotonic() + self.backoff * 6**delivery.attempt
            delivery.attempt += 1
            delivery.order = next(self._order)
            heapq.heappush(self._queue, delivery)
