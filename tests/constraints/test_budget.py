"""policies.budget: caps on money over the horizon, per quarter and per period bind."""

from __future__ import annotations

from typing import Any

import pytest
from builders import phase, project, scenario_of, solved

from zenplan.models import InputError, parse_scenario
from zenplan.models.costs import budget_windows, quarters
from zenplan.scheduler import SolveOptions, check, greedy, solve

# ana costs 1,000 a period, ben 500; the GPU pool 100 per GPU-period.
STAFF = [
    {"id": "ana", "skills": {"data_science": 3}, "cost_per_period": 1000},
    {"id": "ben", "skills": {"data_engineering": 3}, "cost_per_period": 500},
]
POOLS = [{"id": "a100", "capacity": 4, "cost_per_gpu_period": 100}]


def _two_projects(**policies: Any) -> Any:
    """big (4 x 1,000 + 4 x 2 x 100 = 4,800) and small (4 x 500 = 2,000) in parallel."""
    return scenario_of(
        staff=STAFF,
        gpu_pools=POOLS,
        projects=[
            project(
                "big",
                phase("model", 4, ("data_science", 3, 1), gpus=[{"pool": "a100", "count": 2}]),
                value=500,
            ),
            project("small", phase("data", 4, ("data_engineering", 3, 1)), value=100),
        ],
        policies=policies,
    )


def test_without_budget_both_run() -> None:
    schedule = solved(_two_projects())
    assert {p.id for p in schedule.selected()} == {"big", "small"}
    assert schedule.kpis.cost == 6800


def test_total_budget_leaves_the_lesser_project_out_and_says_why() -> None:
    scenario = _two_projects(budget={"total": 6000})
    schedule = solved(scenario)
    assert [p.id for p in schedule.selected()] == ["big"]
    assert schedule.kpis.cost <= 6000
    reason = schedule.project("small").reason  # type: ignore[union-attr]
    assert reason is not None and "total budget of 6,000 is spent by big (4,800)" in reason
    planned = greedy.plan(scenario)
    assert not check(scenario, planned)
    assert "total budget" in (planned.project("small").reason or "")  # type: ignore[union-attr]


def test_per_period_budget_runs_the_projects_one_after_the_other() -> None:
    schedule = solved(_two_projects(budget={"per_period": 1200}))
    big, small = schedule.project("big"), schedule.project("small")
    assert big and small and big.selected and small.selected
    assert big.end <= small.start or small.end <= big.start  # type: ignore[operator]


def test_quarter_budget_pushes_work_into_the_next_quarter() -> None:
    # 2027-01-04 + 13 weeks: periods 0-12 are Q1; a Q1 cap of 5,000 holds big but not both.
    scenario = _two_projects(budget={"per_quarter": 5000})
    assert quarters(scenario)[0] == ("2027Q1", 0, 13)
    schedule = solved(scenario)
    small = schedule.project("small")
    assert small and small.selected
    spent_q1 = sum(
        (min(p.end, 13) - min(p.start, 13)) * rate
        for plan, rate in (("big", 1200), ("small", 500))
        for p in schedule.project(plan).phases  # type: ignore[union-attr]
    )
    assert spent_q1 <= 5000
    assert not check(_two_projects(budget={"per_quarter": 5000}), greedy.plan(scenario))


def test_checker_reports_a_plan_over_budget() -> None:
    unlimited = solved(_two_projects())
    violations = check(_two_projects(budget={"total": 6000}), unlimited)
    assert [v.rule for v in violations] == ["budget"]
    assert "total budget is 6,000.00; the plan spends 6,800.00" in violations[0].message


def test_budget_windows() -> None:
    scenario = _two_projects(budget={"total": 1, "per_quarter": 2, "per_period": 3})
    labels = [w.label for w in budget_windows(scenario)]
    assert labels[:3] == ["total budget", "2027Q1 budget", "2027Q2 budget"]
    assert len(labels) == 1 + 2 + 20


@pytest.mark.parametrize(
    ("budget", "path", "value"),
    [
        ({"total": -5}, "policies.budget.total", "-5"),
        ({"per_quarter": "lots"}, "policies.budget.per_quarter", "lots"),
        ({}, "policies.budget", "{}"),
        ({"monthly": 5}, "policies.budget.monthly", "5"),
    ],
)
def test_bad_budget_names_field_and_value(budget: dict[str, Any], path: str, value: str) -> None:
    document = _two_projects().model_dump(mode="json", by_alias=True, exclude_none=True)
    document["policies"] = {"budget": budget}
    with pytest.raises(InputError) as error:
        parse_scenario(document)
    assert path in str(error.value) and value in str(error.value)


def test_a_must_project_over_budget_is_explained_by_the_budget() -> None:
    scenario = _two_projects(budget={"total": 3000})
    document = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    document["projects"][0]["priority"] = "must"
    scenario = parse_scenario(document)
    schedule = solve(scenario, SolveOptions(time_limit=10, workers=2, seed=1))
    assert schedule.status == "infeasible"
    assert "budget (total 3,000)" in (schedule.explanation or "")


def test_a_spent_quarter_is_named_as_the_reason() -> None:
    # big must run and go live in Q1; small is due in Q1 too; the Q1 budget holds only big.
    scenario = _two_projects(budget={"per_quarter": 5000})
    document = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    document["projects"][0].update(priority="must", deadline="2027-03-01", deadline_hard=True)
    document["projects"][1].update(deadline="2027-03-01", deadline_hard=True)
    scenario = parse_scenario(document)
    for schedule in (solved(scenario), greedy.plan(scenario)):
        small = schedule.project("small")
        assert small is not None and not small.selected
        assert "the 2027Q1 budget of 5,000 is spent by big (4,800)" in (small.reason or "")
