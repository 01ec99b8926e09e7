"""Large schedules: aggregated figures instead of a row per project or person, and a
report that stays small."""

from __future__ import annotations

import pytest

from zenplan.charts import gpu_load, report_html, sponsor_overview
from zenplan.charts.overview import flow_histogram, people_heatmap
from zenplan.charts.report import LARGE_REPORT, kpi_rows
from zenplan.models import Scenario, Schedule, parse_scenario
from zenplan.scenarios.generator import generate
from zenplan.scheduler import greedy_plan


@pytest.fixture(scope="module")
def large() -> tuple[Scenario, Schedule]:
    scenario = parse_scenario(generate(220, seed=3, horizon=78))
    return scenario, greedy_plan(scenario)


def test_the_overview_counts_each_sponsors_projects_in_flight(
    large: tuple[Scenario, Schedule],
) -> None:
    scenario, schedule = large
    figure = sponsor_overview(scenario, schedule)
    heat, lives = figure.data
    sponsor_of = {p.id: p.sponsor or "" for p in scenario.projects}
    horizon = scenario.grid.horizon
    ids = figure.layout.meta["sponsors"]
    assert set(ids) == set(heat.y)
    for label, row in zip(heat.y, heat.z, strict=True):
        theirs = [p for p in schedule.selected() if sponsor_of[p.id] == ids[label]]
        assert sum(row) == sum(min(p.end, horizon) - p.start for p in theirs)
    assert sum(int(text.split()[0]) for text in lives.text) == len(schedule.selected())


def test_people_and_flow_aggregates(large: tuple[Scenario, Schedule]) -> None:
    scenario, schedule = large
    heat = people_heatmap(scenario, schedule).data[0]
    assert list(heat.y) == [p.id for p in scenario.staff]
    assert [list(row) for row in heat.z] == [
        schedule.kpis.load["people"][p.id] for p in scenario.staff
    ]
    (histogram,) = flow_histogram(scenario, schedule).data
    assert len(histogram.x) == len(schedule.selected())


def test_a_pool_of_many_projects_draws_its_total(
    large: tuple[Scenario, Schedule], monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario, schedule = large
    monkeypatch.setattr("zenplan.charts.load.MAX_STACKED_PROJECTS", 4)
    figure = gpu_load(scenario, schedule)
    totals = {pool: used for pool, used in schedule.kpis.load["gpus"].items() if any(used)}
    users = {
        pool: {
            p.id for p in schedule.selected() for f in p.phases for g in f.gpus if g.pool == pool
        }
        for pool in totals
    }
    busy = [pool for pool in totals if len(users[pool]) > 4]
    assert busy, "the generated portfolio has a busy pool"
    for pool in busy:
        (bar,) = [t for t in figure.data if t.type == "bar" and t.customdata[0][0] == pool]
        assert list(bar.y) == totals[pool]
        assert "project(s):" in max(bar.hovertext, key=len)
    assert sum(1 for t in figure.data if t.type == "bar" and t.showlegend) <= len(totals)


def test_a_large_report_is_small(large: tuple[Scenario, Schedule]) -> None:
    scenario, schedule = large
    assert len(schedule.selected()) > LARGE_REPORT
    page = report_html(scenario, schedule, plotly_src="/ui/plotly.js")
    assert len(page) < 1_000_000
    assert page.count("Plotly.newPlot(") == 5 and '"type":"heatmap"' in page


def test_kpi_rows_summarise_a_large_team(large: tuple[Scenario, Schedule]) -> None:
    scenario, schedule = large
    rows = dict(kpi_rows(schedule.kpis))
    staff = rows["Staff utilization"]
    assert staff.startswith("mean ") and f"over {len(scenario.staff)}" in staff
    assert len(staff) < 200


def test_pages_load_the_cartesian_bundle_of_the_installed_plotly() -> None:
    from plotly.offline import get_plotlyjs

    from zenplan.charts.library import CARTESIAN, plotly_library

    name, script = plotly_library()
    version = get_plotlyjs()[:200].split(" v", 1)[1].split()[0]
    assert name == f"plotly-cartesian-{version}.min.js"  # shipped for this plotly version
    assert script.encode("utf-8") == CARTESIAN.read_bytes()
    assert len(script) < len(get_plotlyjs()) / 2
