"""Size and first-render time of the sponsor pages and the report in Chromium.

    python -m zenplan.benchmarks.pages --projects 1000 5000 --out benchmarks/results/DATE

For each size: a generated portfolio (seed 0) and its greedy plan, stored in a fresh SQLite
database of an app served by uvicorn on 127.0.0.1 (a free port). Debian's Chromium, driven
by playwright, opens each page twice (cold cache, then warm: plotly.js comes from the
cache) and records the HTML's bytes, every byte received, the server's time to the last
byte, and the time from navigation to the last plotly figure drawn; it also checks that no
legend covers a figure's title or menu. Writes pages.csv in ``--out`` and prints it.
"""

from __future__ import annotations

import argparse
import csv
import json
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"]

# In the page: wait until every plotly figure is drawn, then report what the browser saw.
DRAWN = """
(wanted) => document.querySelectorAll('.js-plotly-plot').length >= wanted &&
  [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'))
"""
# Pairs of boxes that must not meet: each figure's legend against its title and menus.
OVERLAPS = """
() => {
  const meets = (a, b) => a.width > 0 && b.width > 0 && a.left < b.right && b.left < a.right
      && a.top < b.bottom && b.top < a.bottom;
  const found = [];
  document.querySelectorAll('.js-plotly-plot').forEach(plot => {
    const legend = plot.querySelector('g.legend');
    if (!legend) return;
    const box = legend.getBoundingClientRect();
    plot.querySelectorAll('g.g-gtitle, g.updatemenu-container').forEach(other => {
      if (meets(box, other.getBoundingClientRect())) {
        found.push(plot.id + ':' + other.getAttribute('class'));
      }
    });
  });
  return found;
}
"""


@dataclass
class PageRow:
    projects: int
    page: str
    visit: str  # cold or warm cache
    html_bytes: int
    received_bytes: int
    server_ms: float
    render_ms: float
    figures: int
    overlaps: str


@dataclass
class Served:
    url: str
    key: str
    schedule_id: int
    sponsor: str  # the sponsor with the most projects, for the drill-down
    sponsor_name: str
    projects_of_sponsor: int


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serve_plan(projects: int, folder: Path, seed: int = 0) -> Iterator[Served]:
    """uvicorn serving a generated portfolio of ``projects`` and its greedy plan."""
    import uvicorn
    from sqlmodel import Session

    from zenplan.api import crud
    from zenplan.api.app import create_app
    from zenplan.api.db import migrate
    from zenplan.api.settings import Settings
    from zenplan.models import parse_scenario
    from zenplan.scenarios.generator import generate
    from zenplan.scheduler import greedy_plan

    document = generate(projects, seed=seed, horizon=104)
    scenario = parse_scenario(document)
    schedule = greedy_plan(scenario)
    settings = Settings(
        environment="development",
        database_url=f"sqlite:///{folder / 'pages.db'}",
        data_dir=folder,
        job_slots=0,
    )
    app = create_app(settings)
    migrate(app.state.engine)
    with Session(app.state.engine) as session:
        _, key = crud.create_api_key(session, "viewer", "pages benchmark")
        text = json.dumps(scenario.model_dump(mode="json", by_alias=True))
        record = crud.create_scenario(session, scenario, text, "json")
        version = crud.get_version(session, record.id or 0, None)
        assert version is not None
        stored = crud.add_schedule(session, version, schedule)
    counts: dict[str, int] = {}
    for project in scenario.projects:
        counts[project.sponsor or ""] = counts.get(project.sponsor or "", 0) + 1
    busiest = max(counts, key=lambda s: (counts[s], s))
    name = next((s.name or s.id for s in scenario.sponsors if s.id == busiest), busiest)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield Served(
            f"http://127.0.0.1:{port}", key, stored.id or 0, busiest, name, counts[busiest]
        )
    finally:
        server.should_exit = True
        thread.join(timeout=20)


# Bytes over the wire (compressed; 0 for what came from the browser's cache): the page and
# every resource it loaded.
TRANSFERRED = """
() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
  .reduce((sum, entry) => sum + entry.transferSize, 0)
"""


def visit(context: Any, url: str, figures: int) -> dict[str, Any]:
    """Open ``url`` in a new tab: bytes, server and render times, overlapping legends."""
    page = context.new_page()
    started = time.perf_counter()
    response = page.goto(url, wait_until="domcontentloaded", timeout=300_000)
    assert response is not None and response.ok, f"{url}: {response and response.status}"
    page.wait_for_function(DRAWN, arg=figures, timeout=300_000, polling=50)
    render_ms = (time.perf_counter() - started) * 1000
    timing = page.evaluate(
        "() => { const t = performance.getEntriesByType('navigation')[0];"
        " return t.responseEnd - t.requestStart; }"
    )
    seen = {
        "html_bytes": len(response.body()),
        "received_bytes": int(page.evaluate(TRANSFERRED)),
        "server_ms": round(float(timing), 1),
        "render_ms": round(render_ms, 1),
        "overlaps": ";".join(page.evaluate(OVERLAPS)),
    }
    page.close()
    return seen


PAGES = {
    # name -> (path with {id} and {sponsor}, number of plotly figures on it)
    "schedule page": ("/ui/schedules/{id}", 1),
    "sponsor drill-down": ("/ui/schedules/{id}?sponsor={sponsor}", 1),
    "report": ("/schedules/{id}/report", 5),
}


def library_alone(context: Any, served: Served) -> float:
    """Milliseconds to load plotly.js (from the cache) and draw an empty figure: the floor
    under every page's render time on this machine."""
    page = context.new_page()
    page.goto(f"{served.url}/ui/plotly.js")  # same origin, so the script may load
    started = time.perf_counter()
    page.set_content(f'<div id="x"></div><script src="{served.url}/ui/plotly.js"></script>')
    page.evaluate("() => Plotly.newPlot('x', [])")
    page.wait_for_function(DRAWN, arg=1, timeout=120_000, polling=50)
    elapsed = (time.perf_counter() - started) * 1000
    page.close()
    return round(elapsed, 1)


def measure(served: Served, projects: int, browser: Any) -> list[PageRow]:
    context = browser.new_context(extra_http_headers={"X-API-Key": served.key})
    rows: list[PageRow] = []
    for name, (path, figures) in PAGES.items():
        url = served.url + path.format(id=served.schedule_id, sponsor=served.sponsor)
        for visit_name in ("cold", "warm"):
            seen = visit(context, url, figures)
            rows.append(PageRow(projects, name, visit_name, figures=figures, **seen))
    floor = library_alone(context, served)
    rows.append(PageRow(projects, "plotly.js alone", "warm", 0, 0, 0.0, floor, 1, ""))
    context.close()
    return rows


def main(arguments: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, nargs="+", default=[1000])
    parser.add_argument("--out", type=Path, required=True)
    options = parser.parse_args(arguments)
    from playwright.sync_api import sync_playwright

    rows: list[PageRow] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for projects in options.projects:
            with (
                tempfile.TemporaryDirectory() as folder,
                serve_plan(projects, Path(folder)) as served,
            ):
                rows += measure(served, projects, browser)
        browser.close()
    import os

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"load average while measuring: {load} on {os.cpu_count()} cores")
    options.out.mkdir(parents=True, exist_ok=True)
    with (options.out / "pages.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(PageRow.__dataclass_fields__))
        writer.writeheader()
        writer.writerows(asdict(row) for row in rows)
    for row in rows:
        print(
            f"{row.projects:>5} {row.page:<20} {row.visit:<5} html {row.html_bytes / 1e6:6.2f} MB"
            f"  received {row.received_bytes / 1e6:6.2f} MB  server {row.server_ms:8.1f} ms"
            f"  drawn {row.render_ms:8.1f} ms  overlaps: {row.overlaps or 'none'}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
