"""Property-based calls generated from the OpenAPI schema: no request may cause a 5xx.

Bounded (a few examples per operation) so the run takes well under a minute per database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import schemathesis
from api_helpers import TestClient, add_key, create_scenario
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error

from zenplan.api.app import create_app
from zenplan.api.settings import Settings

EXAMPLES_PER_OPERATION = 10
EXAMPLES_PER_DOCUMENT = 3


@pytest.fixture
def fuzzed_app(make_settings: Callable[..., Settings]) -> Iterator[TestClient]:
    """A running app with one scenario (so some ids exist); solves stay queued."""
    with TestClient(create_app(make_settings(job_slots=0, max_body_bytes=200_000))) as server:
        server.headers["X-API-Key"] = add_key(server, "admin")
        create_scenario(server, {})
        yield server


@pytest.fixture
def api_schema(fuzzed_app: TestClient) -> schemathesis.schemas.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app.app)


schema = schemathesis.pytest.from_fixture("api_schema")
# Scenario documents are deep and full of patterned ids: slow to generate, so fewer of them.
DOCUMENT_BODIES = ["POST /scenarios", "PUT /scenarios/{scenario_id}"]
# The event stream of a job lasts until the job ends, and here jobs stay queued
# (tests/api/test_events.py covers it).
STREAMS = ["GET /jobs/{job_id}/events"]
BOUNDED = {
    "deadline": None,
    "suppress_health_check": list(HealthCheck),
    "derandomize": True,
    "phases": [Phase.generate],  # no coverage phase: it sends over a thousand bodies per route
}


def _call(case: schemathesis.Case, server: TestClient) -> None:
    headers = {"X-API-Key": server.headers["X-API-Key"]}
    case.call_and_validate(headers=headers, checks=[not_a_server_error])


@schema.exclude(name=DOCUMENT_BODIES + STREAMS).parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, **BOUNDED)  # type: ignore[arg-type]
def test_no_server_errors(case: schemathesis.Case, fuzzed_app: TestClient) -> None:
    _call(case, fuzzed_app)


@schema.include(name=DOCUMENT_BODIES).parametrize()
@settings(max_examples=EXAMPLES_PER_DOCUMENT, **BOUNDED)  # type: ignore[arg-type]
def test_no_server_errors_on_scenario_documents(
    case: schemathesis.Case, fuzzed_app: TestClient
) -> None:
    _call(case, fuzzed_app)
