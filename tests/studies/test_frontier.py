"""The efficient frontier: a checked plan per budget, monotone in value."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from builders import phase, project, scenario_of
from typer.testing import CliRunner

from zenplan.api.cli import app
from zenplan.charts.frontier import frontier_chart
from zenplan.models import parse_scenario
from zenplan.scheduler import SolveOptions, check, greedy
from zenplan.studies.batch import BatchResult
from zenplan.studies.executors import InProcess
from zenplan.studies.frontier import (
    even_budgets,
    monotone,
    parse_budgets,
    run_frontier,
    with_budget,
)

OPTIONS = SolveOptions(time_limit=5, workers=1, seed=1, relative_gap=0, deterministic=True)
STAFF = [
    {"id": "ana", "skills": {"data_science": 3}, "cost_per_period": 1000},
    {"id": "ben", "skills": {"data_science": 3}, "cost_per_period": 1000},
]


def _document() -> dict[str, Any]:
    """Four projects of different cost (people x periods) and value per period."""
    projects = [
        project("quick", phase("m", 2, ("data_science", 3, 1)), value=400),
        project("churn", phase("m", 4, ("data_science", 3, 1)), value=600),
        project("fraud", phase("m", 6, ("data_science", 3, 2)), value=1500),
        project("ltv", phase("m", 3, ("data_science", 3, 1)), value=100),
    ]
    document: dict[str, Any] = scenario_of(staff=STAFF, projects=projects).model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    return document


def test_each_point_is_a_checked_plan_within_its_budget_and_value_never_drops() -> None:
    document = _document()
    frontier = run_frontier(document, OPTIONS, InProcess(), budgets=parse_budgets("3k,7k,15k,30k"))
    assert [p.budget for p in frontier.points] == [3000, 7000, 15000, 30000]
    objectives = [p.objective for p in frontier.points]
    assert all(o is not None for o in objectives)
    assert objectives == sorted(objectives)  # type: ignore[type-var]
    values = [p.value for p in frontier.points]
    assert values == sorted(values)  # type: ignore[type-var]
    for point, schedule in zip(frontier.points, frontier.schedules, strict=True):
        scenario = parse_scenario(with_budget(document, point.budget))
        assert schedule is not None and check(scenario, schedule) == []
        assert point.violations == 0 and point.cost <= point.budget  # type: ignore[operator]
    assert frontier.points[0].selected == ["quick"]  # 2,000 is all 3,000 buys
    assert set(frontier.points[-1].selected) == {"quick", "churn", "fraud", "ltv"}
    for below, point in zip(frontier.points, frontier.points[1:], strict=False):
        assert set(point.entering) == set(point.selected) - set(below.selected)
        assert set(point.leaving) == set(below.selected) - set(point.selected)
    assert "budget,status,objective" in frontier.csv().splitlines()[0]


def test_a_point_that_found_less_takes_the_plan_of_the_smaller_budget() -> None:
    document = _document()
    budgets = [7000.0, 15000.0]
    small = parse_scenario(with_budget(document, budgets[0]))
    good = greedy.plan(small)
    assert good.selected()
    empty = greedy.plan(parse_scenario({**document, "projects": document["projects"][:0]}))
    results = [BatchResult("a", "a", good), BatchResult("b", "b", empty)]
    frontier = monotone(small, document, budgets, results)
    low, high = frontier.points
    assert high.plan == "from 7,000" and high.objective == low.objective
    assert high.selected == low.selected and high.violations == 0


def test_points_spread_budgets_up_to_the_unconstrained_cost() -> None:
    frontier = run_frontier(_document(), OPTIONS, InProcess(), points=3)
    top = frontier.points[-1]
    assert len(frontier.points) == 3 and top.cost == pytest.approx(top.budget)
    assert even_budgets(9000, 3) == [3000, 6000, 9000]
    figure = frontier_chart(frontier.rows())
    assert [trace.name for trace in figure.data] == ["value", "ROI"]
    assert any("enter: " in text for text in figure.data[0].hovertext)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1M,lots", "'lots' is not an amount"),
        ("0", "'0' is not a positive amount"),
        ("", "no amount"),
    ],
)
def test_bad_budgets_name_the_value(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_budgets(text)
    with pytest.raises(ValueError, match="--points: 0 is not between 1 and 100"):
        even_budgets(1000, 0)


def test_zenplan_frontier_writes_the_table_csv_and_chart(tmp_path: Path) -> None:
    scenario = tmp_path / "scenario.json"
    scenario.write_text(json.dumps(_document()))
    args = ["frontier", str(scenario), "--local", "0", "--time-limit", "2", "--out", str(tmp_path)]
    result = CliRunner().invoke(app, [*args, "--budgets", "3k,15k"])
    assert result.exit_code == 0, result.output
    assert "2 plans pass zenplan check" in result.output
    rows = (tmp_path / "frontier.csv").read_text().splitlines()
    assert rows[0].startswith("budget,status") and len(rows) == 3
    assert "plotly" in (tmp_path / "frontier.html").read_text()
    assert (tmp_path / "schedules" / "budget-15000.json").exists()
    bad = CliRunner().invoke(app, [*args, "--budgets", "3k,lots"])
    assert bad.exit_code == 2 and "'lots' is not an amount" in bad.output
