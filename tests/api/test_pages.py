"""Sponsor pages: login, portfolio, schedule (Gantt, KPIs, sponsor filter), compare.

The browser test drives Debian's Chromium (``/usr/bin/chromium``) with playwright against a
uvicorn server started here on a free loopback port, and checks in the plotly DOM that the
Gantt draws a bar for every phase of every scheduled project.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import uvicorn
from api_helpers import TestClient, add_key, create_scenario, tiny
from sqlmodel import Session

from zenplan.api import crud
from zenplan.api.app import create_app
from zenplan.api.convert import scenario_of
from zenplan.api.settings import Settings
from zenplan.scheduler import greedy_plan

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
Headers = dict[str, dict[str, str]]


def store_plans(server: TestClient, planner: dict[str, str]) -> list[int]:
    """Two schedules of one scenario (versions 1 and 2, churn slower in the second)."""
    scenario_id = create_scenario(server, planner)
    slower = tiny()
    slower["projects"][0]["phases"][0]["duration"] = 5
    ids = []
    for number in (1, 2):
        if number == 2:
            server.put(f"/scenarios/{scenario_id}", json=slower, headers=planner)
        with Session(server.app.state.engine) as session:  # type: ignore[attr-defined]
            version = crud.get_version(session, scenario_id, number)
            assert version is not None
            scenario = scenario_of(version.document, scenario_id, number)
            ids.append(crud.add_schedule(session, version, greedy_plan(scenario)).id)
    return [i for i in ids if i is not None]


def test_pages_ask_for_a_key_then_keep_it(client: TestClient, keys: Headers) -> None:
    store_plans(client, keys["planner"])
    redirect = client.get("/ui/schedules/1?sponsor=cmo", follow_redirects=False)
    assert redirect.status_code == 303
    assert redirect.headers["location"] == "/ui/login?next=/ui/schedules/1%3Fsponsor%3Dcmo"
    refused = client.post("/ui/login", data={"key": "zp_wrong", "next": "/ui"})
    assert refused.status_code == 401 and "unknown API key" in refused.text
    login = client.post(
        "/ui/login",
        data={"key": keys["viewer"]["X-API-Key"], "next": "https://evil.example/"},
        follow_redirects=False,
    )
    assert login.status_code == 303 and login.headers["location"] == "/ui"  # no open redirect
    portfolio = client.get("/ui")
    assert portfolio.status_code == 200 and "tiny portfolio" in portfolio.text
    assert client.get("/ui/logout", follow_redirects=False).status_code == 303


def test_pages_render_on_the_server(client: TestClient, keys: Headers) -> None:
    first, second = store_plans(client, keys["planner"])
    page = client.get(f"/ui/schedules/{first}?sponsor=cmo", headers=keys["viewer"])
    assert page.status_code == 200
    assert 'id="gantt"' in page.text and "Flow efficiency" in page.text
    assert "Churn model" in page.text and "[fraud]" not in page.text  # only cmo's projects
    compare = client.get(f"/ui/compare?schedule={first}&schedule={second}", headers=keys["viewer"])
    assert compare.status_code == 200 and 'id="moved"' in compare.text
    script = client.get("/ui/plotly.js", headers=keys["viewer"])
    assert script.status_code == 200 and len(script.content) > 1_000_000
    missing = client.get("/ui/schedules/999", headers=keys["viewer"])
    assert missing.status_code == 404


# --------------------------------------------------------------------------- in a real browser


@dataclass
class LiveServer:
    url: str
    viewer_key: str
    schedule_ids: list[int]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def live_server(make_settings: Callable[..., Settings]) -> Iterator[LiveServer]:
    """uvicorn serving the app on 127.0.0.1 and a free port, with two schedules stored."""
    app = create_app(make_settings(job_slots=0))
    with TestClient(app) as setup:
        planner = {"X-API-Key": add_key(setup, "planner")}
        viewer = add_key(setup, "viewer")
        schedule_ids = store_plans(setup, planner)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(make_settings(job_slots=0)), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield LiveServer(f"http://127.0.0.1:{port}", viewer, schedule_ids)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM) and not shutil.which("chromium"):
        message = f"{CHROMIUM} is missing (apt-get install chromium; scripts/test.sh does)"
        if os.environ.get("ZENPLAN_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


# For each drawn bar of the Gantt (plotly binds every bar's data to its SVG element): the
# project it stands for, when its path has a size on screen.
DRAWN_PROJECT_BARS = """
() => {
  const drawn = {};
  document.querySelectorAll('#gantt g.trace.bars').forEach(group => {
    const trace = group.__data__[0].trace;
    group.querySelectorAll('g.point').forEach(point => {
      const path = point.querySelector('path');
      const box = path ? path.getBBox() : null;
      if (!box || box.width <= 0 || box.height <= 0) return;
      const [kind, project] = trace.customdata[point.__data__.i];
      if (kind === 'phase') drawn[project] = (drawn[project] || 0) + 1;
    });
  });
  return drawn;
}
"""


def _expected_bars(page: Any) -> dict[str, int]:
    """Phases per project, from the figure data the page gave plotly."""
    figure_data = page.evaluate("() => document.getElementById('gantt').data")
    expected: dict[str, int] = {}
    for trace in figure_data:
        if trace.get("type") == "bar":
            for kind, project, _phase in trace["customdata"]:
                if kind == "phase":
                    expected[project] = expected.get(project, 0) + 1
    return expected


def test_the_gantt_draws_a_bar_for_each_scheduled_project(
    live_server: LiveServer, browser: Any
) -> None:
    page = browser.new_page()
    first, second = live_server.schedule_ids
    page.goto(f"{live_server.url}/ui")
    assert "/ui/login" in page.url  # no key yet
    page.fill("input[name=key]", live_server.viewer_key)
    page.click("button[type=submit]")
    page.wait_for_selector("#scenarios")
    assert "tiny portfolio" in page.inner_text("#scenarios")

    page.click(f"a[href='/ui/schedules/{second}']")
    page.wait_for_selector("#gantt g.trace.bars g.point path")
    drawn = page.evaluate(DRAWN_PROJECT_BARS)
    assert set(drawn) == {"churn", "fraud", "ltv"}  # every scheduled project has bars
    assert drawn == _expected_bars(page) == {"churn": 2, "fraud": 1, "ltv": 2}
    assert "Flow efficiency" in page.inner_text("#kpis")

    page.select_option("#sponsor", "cmo")  # the filter reloads the page
    page.wait_for_url("**sponsor=cmo")
    page.wait_for_selector("#gantt g.trace.bars g.point path")
    assert page.evaluate(DRAWN_PROJECT_BARS) == {"churn": 2, "ltv": 2}

    page.goto(f"{live_server.url}/ui/compare?schedule={first}&schedule={second}")
    page.wait_for_selector("#comparison g.scatterlayer g.trace")
    assert "churn" in page.inner_text("#moved")
    markers = page.evaluate(
        "() => document.querySelectorAll('#comparison g.scatterlayer path.point').length"
    )
    assert markers == 6  # three projects in each of the two schedules
    page.close()


def test_api_docs_need_nothing_from_the_internet(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/static-offline-docs/swagger-ui-bundle.js" in page.text
    assert "cdn" not in page.text.lower()
    script = client.get("/static-offline-docs/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000
    assert client.get("/static-offline-docs/swagger-ui.css").status_code == 200
    redoc = client.get("/redoc")
    assert redoc.status_code == 200 and '"/redoc.standalone.js"' in redoc.text
    assert "cdn" not in redoc.text.lower()
    script = client.get("/redoc.standalone.js")
    assert script.status_code == 200 and len(script.content) > 100_000
    assert b"cdn.redoc.ly" not in script.content  # its logo inlined


def test_api_docs_render_offline_in_a_browser(live_server: LiveServer, browser: Any) -> None:
    page = browser.new_page()
    outside: list[str] = []

    def local_only(route: Any) -> None:
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", local_only)
    page.goto(f"{live_server.url}/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    assert page.locator(".opblock").count() > 10  # one block per operation
    page.goto(f"{live_server.url}/redoc")
    page.wait_for_selector("[data-section-id*='operation/']", timeout=30_000)
    assert page.locator("[data-section-id*='operation/']").count() > 10
    assert outside == []  # neither page asked anything of another host (fonts, logos, code)
    page.close()
