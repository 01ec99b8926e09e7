"""Pages of a large schedule in Chromium: small, sponsor first with drill-down, legends clear
of titles and menus (the measuring code of benchmarks/pages.py, on a smaller portfolio)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from zenplan.api.routes.pages import OVERVIEW_ABOVE
from zenplan.benchmarks.pages import CHROMIUM, CHROMIUM_ARGS, Served, serve_plan, visit

PROJECTS = 160


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serve_plan(PROJECTS, tmp_path_factory.mktemp("pages")) as running:
        yield running


@pytest.fixture(scope="module")
def context(served: Served) -> Iterator[Any]:
    if not os.path.exists(CHROMIUM) and not shutil.which("chromium"):
        message = f"{CHROMIUM} is missing (apt-get install chromium; scripts/test.sh does)"
        if os.environ.get("ZENPLAN_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        browsing = browser.new_context(extra_http_headers={"X-API-Key": served.key})
        yield browsing
        browsing.close()
        browser.close()


def test_a_large_schedule_opens_on_its_sponsors(served: Served, context: Any) -> None:
    assert PROJECTS > OVERVIEW_ABOVE
    url = f"{served.url}/ui/schedules/{served.schedule_id}"
    seen = visit(context, url, figures=1)
    assert seen["html_bytes"] < 2_000_000 and seen["overlaps"] == ""
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("#overview .main-svg")
    assert page.locator("#projects").count() == 0  # no row per project on this page
    link = page.locator("#sponsors a", has_text=served.sponsor_name).first
    link.click()
    page.wait_for_url(f"**sponsor={served.sponsor}")
    page.wait_for_selector("#gantt g.trace.bars g.point path")
    rows = page.locator("#projects tr").count() - 1  # the header row
    assert rows == served.projects_of_sponsor
    page.close()


def test_the_drill_down_and_the_report_keep_legends_clear(served: Served, context: Any) -> None:
    drill = visit(
        context, f"{served.url}/ui/schedules/{served.schedule_id}?sponsor={served.sponsor}", 1
    )
    assert drill["overlaps"] == ""
    report = visit(context, f"{served.url}/schedules/{served.schedule_id}/report", 5)
    assert report["overlaps"] == "" and report["html_bytes"] < 2_000_000


def test_plotly_js_comes_compressed_and_cacheable(served: Served, context: Any) -> None:
    response = context.request.get(f"{served.url}/ui/plotly.js")
    assert response.ok and "max-age" in response.headers["cache-control"]
    assert len(response.body()) > 1_000_000  # the browser unpacked it
    page = context.new_page()
    page.goto(f"{served.url}/ui/schedules/{served.schedule_id}?sponsor={served.sponsor}")
    page.wait_for_selector("#gantt .main-svg")
    sizes = page.evaluate(
        "() => performance.getEntriesByType('resource')"
        ".filter(e => e.name.endsWith('/ui/plotly.js')).map(e => e.encodedBodySize)"
    )
    page.close()
    assert all(size < 2_000_000 for size in sizes)  # gzip on the wire, or from the cache
