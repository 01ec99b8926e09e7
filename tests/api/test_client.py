"""The generated client (clients/python) against a live server: store a scenario, solve it,
poll the job, read the schedule, its KPIs and its workbook."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from api_helpers import TestClient, add_key, tiny
from openpyxl import load_workbook

from zenplan.api.app import create_app
from zenplan.api.settings import Settings
from zenplan.benchmarks.pages import _free_port

CLIENT = Path(__file__).resolve().parents[2] / "clients" / "python"


@pytest.fixture
def live(make_settings: Callable[..., Settings]) -> Iterator[tuple[str, str]]:
    """uvicorn on a free loopback port (one job slot), and a planner's key."""
    import threading

    import uvicorn

    with TestClient(create_app(make_settings(job_slots=0))) as setup:
        key = add_key(setup, "planner")
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(make_settings(job_slots=1)), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", key
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def client_package(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(CLIENT))
    import zenplan_client

    yield zenplan_client
    for name in [m for m in sys.modules if m.startswith("zenplan_client")]:
        del sys.modules[name]


def test_the_generated_client_solves_and_reads_a_schedule(
    live: tuple[str, str], client_package: Any
) -> None:
    from zenplan_client import AuthenticatedClient
    from zenplan_client.api.exports import export_schedule
    from zenplan_client.api.health import get_health
    from zenplan_client.api.jobs import get_job, solve_scenario
    from zenplan_client.api.scenarios import create_scenario
    from zenplan_client.api.schedules import get_kpis, get_schedule
    from zenplan_client.models import (
        ExportScheduleFormat,
        JobPublic,
        KPIs,
        Scenario,
        ScenarioPublic,
        SchedulePublic,
        SolveRequest,
    )
    from zenplan_client.types import File

    url, key = live
    client = AuthenticatedClient(base_url=url, token=key, prefix="", auth_header_name="X-API-Key")
    with client:
        assert get_health.sync(client=client) is not None
        created = create_scenario.sync(client=client, body=Scenario.from_dict(tiny()))
        assert isinstance(created, ScenarioPublic) and created.name == "tiny portfolio"
        job = solve_scenario.sync(
            created.id, client=client, body=SolveRequest(time_limit=5, workers=1)
        )
        assert isinstance(job, JobPublic)
        deadline = time.monotonic() + 120
        while job.state not in ("succeeded", "failed", "cancelled"):
            assert time.monotonic() < deadline, "the job did not finish"
            time.sleep(0.3)
            job = get_job.sync(job.id, client=client)
            assert isinstance(job, JobPublic)
        assert job.state == "succeeded", job.reason
        schedule_id = job.schedule_id
        stored = get_schedule.sync(schedule_id, client=client)
        assert isinstance(stored, SchedulePublic)
        assert stored.schedule.to_dict()["status"] in ("optimal", "feasible")
        kpis = get_kpis.sync(schedule_id, client=client)
        assert isinstance(kpis, KPIs) and kpis.delivered == 3
        workbook = export_schedule.sync(
            schedule_id, client=client, format_=ExportScheduleFormat.XLSX
        )
        assert isinstance(workbook, File)
        assert "phases" in load_workbook(workbook.payload).sheetnames
