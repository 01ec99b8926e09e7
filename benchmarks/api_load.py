"""Read latency of the service under a bounded concurrent load on loopback.

    python -m zenplan.benchmarks.api_load --clients 50 --seconds 30 --projects 200

Starts ``zenplan serve`` on 127.0.0.1 (a free port; a fresh SQLite file in a temporary
folder, or with ``--database postgresql://...`` a schema of its own in that PostgreSQL
database, dropped at the end), stores a small scenario and a generated portfolio of
``--projects`` projects with its greedy plan, then measures:

1. POST /scenarios/{id}/solve -> 202, ``--posts`` times one after the other;
2. GET /schedules/{id} (the portfolio's plan) and GET /jobs/{id}, ``--clients`` clients
   for ``--seconds`` seconds, with no solve running: first in a closed loop (each client
   sends its next request as soon as the last one is answered: the server saturates),
   then paced (each client sends ``--rate`` requests a second, like a tool polling);
3. the same two while CP-SAT solves the portfolio in the background.

Every request goes to 127.0.0.1 only; each phase stops after ``--seconds``, and the server
is stopped at the end. Prints a Markdown table and, with ``--json``, writes the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Latencies:
    """Seconds per request, by endpoint."""

    samples: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0

    def add(self, endpoint: str, seconds: float) -> None:
        self.samples.setdefault(endpoint, []).append(seconds)

    def summary(self, endpoint: str) -> dict[str, float]:
        values = sorted(self.samples.get(endpoint, []))
        if not values:
            return {"requests": 0}
        return {
            "requests": len(values),
            "p50_ms": round(1000 * _percentile(values, 0.50), 1),
            "p99_ms": round(1000 * _percentile(values, 0.99), 1),
            "mean_ms": round(1000 * statistics.fmean(values), 1),
        }


def _percentile(ordered: list[float], share: float) -> float:
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def seed(url: str, projects: int) -> dict[str, Any]:
    """Store the scenarios, the portfolio's greedy plan and an admin key, before the server."""
    from sqlmodel import Session

    from zenplan.api import crud
    from zenplan.api.convert import validate_document
    from zenplan.api.db import make_engine, migrate
    from zenplan.models.loading import read_document
    from zenplan.scenarios.generator import generate
    from zenplan.scheduler import greedy_plan

    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as session:
        _, key = crud.create_api_key(session, "admin", "benchmark")
        small, small_text = validate_document(
            read_document(ROOT / "scenarios" / "example.yaml"), "example"
        )
        small_record = crud.create_scenario(session, small, small_text, "yaml")
        document = json.loads(json.dumps(generate(projects, seed=0), default=str))
        portfolio, portfolio_text = validate_document(document, "generated")
        portfolio_record = crud.create_scenario(session, portfolio, portfolio_text, "json")
        assert portfolio_record.id is not None
        version = crud.get_version(session, portfolio_record.id)
        assert version is not None
        schedule = crud.add_schedule(session, version, greedy_plan(portfolio))
        size = len(schedule.document)
        ids = {
            "key": key,
            "small": small_record.id,
            "portfolio": portfolio_record.id,
            "schedule": schedule.id,
            "schedule_bytes": size,
        }
    engine.dispose()
    return ids


def start_server(data_dir: Path, url: str, port: int) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "ZENPLAN_DATA_DIR": str(data_dir),
        "ZENPLAN_DATABASE_URL": url,
        "ZENPLAN_ENVIRONMENT": "development",
    }
    # `zenplan serve`, through the same entry point as the installed command.
    serve = (
        "from zenplan.api.cli import app; "
        f"app(['serve', '--host', '127.0.0.1', '--port', '{port}'])"
    )
    command = [sys.executable, "-c", serve]
    server = subprocess.Popen(
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


async def load(
    base: str,
    headers: dict[str, str],
    paths: dict[str, str],
    clients: int,
    seconds: float,
    rate: float | None,
) -> Latencies:
    """``clients`` clients cycling through ``paths`` until ``seconds`` have passed; each sends
    its next request when the last one is answered (``rate`` None) or ``rate`` times a second."""
    latencies = Latencies()
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=base, headers=headers, limits=limits, timeout=30
    ) as client:

        async def one_client(offset: int) -> None:
            endpoints = list(paths.items())
            turn = offset
            next_send = time.monotonic() + (offset / clients / rate if rate else 0.0)
            while time.monotonic() < stop:
                if rate:
                    await asyncio.sleep(max(0.0, next_send - time.monotonic()))
                    next_send = max(next_send + 1 / rate, time.monotonic())
                endpoint, path = endpoints[turn % len(endpoints)]
                turn += 1
                started = time.perf_counter()
                try:
                    response = await client.get(path)
                    await response.aread()
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.add(endpoint, time.perf_counter() - started)
                else:
                    latencies.errors += 1

        await asyncio.gather(*(one_client(i) for i in range(clients)))
    return latencies


def post_solves(base: str, headers: dict[str, str], scenario_id: int, count: int) -> list[float]:
    """Seconds from sending POST solve to the 202 answer; the jobs are cancelled at once."""
    seconds = []
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        for _ in range(count):
            started = time.perf_counter()
            response = client.post(f"/scenarios/{scenario_id}/solve", json={"time_limit": 1})
            seconds.append(time.perf_counter() - started)
            assert response.status_code == 202, response.text
            client.post(f"/jobs/{response.json()['id']}/cancel")
    return seconds


@contextlib.contextmanager
def _database(server: str | None, folder: Path) -> Iterator[str]:
    """The database URL to serve from: a SQLite file in ``folder``, or a fresh schema in the
    PostgreSQL database ``server`` names (dropped when the run ends)."""
    if server is None:
        yield f"sqlite:///{folder / 'zenplan.db'}"
        return
    from zenplan.api.db import scratch_schema
    from zenplan.api.settings import Settings

    with scratch_schema(Settings(database_url=server).sqlalchemy_url, "zenplan_load") as url:
        yield url


def machine() -> dict[str, Any]:
    model = "unknown"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as meminfo:
        total_kb = int(meminfo.readline().split()[1])
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "ram_gib": round(total_kb / 2**20, 1),
        "python": platform.python_version(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--rate", type=float, default=2.0, help="Paced requests/s per client.")
    parser.add_argument("--json", type=Path, default=None, help="Write the figures here.")
    parser.add_argument(
        "--database",
        default=None,
        help="A PostgreSQL URL (a schema of its own is made and dropped); default: SQLite.",
    )
    options = parser.parse_args()
    if not (1 <= options.clients <= 500 and 0 < options.seconds <= 600):
        parser.error("keep the load bounded: 1-500 clients, at most 600 s per phase")

    results: dict[str, Any] = {"machine": machine(), "options": vars(options) | {"json": None}}
    with (
        tempfile.TemporaryDirectory(prefix="zenplan-load-") as folder,
        _database(options.database, Path(folder)) as url,
    ):
        data_dir = Path(folder)
        results["database"] = url.split(":", 1)[0]
        ids = seed(url, options.projects)
        results["schedule_bytes"] = ids["schedule_bytes"]
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        headers = {"X-API-Key": ids["key"]}
        server = start_server(data_dir, url, port)
        try:
            posts = post_solves(base, headers, ids["small"], options.posts)
            results["post_solve_ms"] = {
                "p50": round(1000 * statistics.median(posts), 1),
                "max": round(1000 * max(posts), 1),
            }
            with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
                job = client.post(
                    f"/scenarios/{ids['small']}/solve", json={"time_limit": 1, "workers": 1}
                ).json()
                while client.get(f"/jobs/{job['id']}").json()["state"] in ("queued", "running"):
                    time.sleep(0.2)
            paths = {
                "GET schedule": f"/schedules/{ids['schedule']}",
                "GET job": f"/jobs/{job['id']}",
            }

            def measure(rate: float | None) -> dict[str, Any]:
                run = asyncio.run(
                    load(base, headers, paths, options.clients, options.seconds, rate)
                )
                return {name: run.summary(name) for name in paths} | {"errors": run.errors}

            results["idle"] = {"closed": measure(None), "paced": measure(options.rate)}

            with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
                limit = 2 * options.seconds + 120
                background = client.post(
                    f"/scenarios/{ids['portfolio']}/solve", json={"time_limit": limit}
                ).json()
                while client.get(f"/jobs/{background['id']}").json()["state"] != "running":
                    time.sleep(0.2)
                time.sleep(3)  # the process has started and builds or searches
                busy = {"closed": measure(None), "paced": measure(options.rate)}
                after = client.get(f"/jobs/{background['id']}").json()
                client.post(f"/jobs/{background['id']}/cancel")
            results["solving"] = busy | {
                "solve_state_at_end": after["state"],
                "solve_workers": after["workers"],
                "solve_plans_found": after["solutions"],
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps(results, indent=2))
    if options.json is not None:
        options.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
