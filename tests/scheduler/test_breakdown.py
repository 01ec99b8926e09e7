"""The objective broken down by term and by project sums to the objective, on solved plans,
replans (with stability) and the example portfolio."""

from __future__ import annotations

from datetime import date

import pytest
from builders import EXAMPLE, phase, project, scenario_of, solved

from zenplan.models import Scenario, Schedule, load_scenario
from zenplan.models.scenario import Incident
from zenplan.scheduler import SolveOptions, solve
from zenplan.scheduler.replan import replan

DS3 = ("data_science", 3, 1)
DE3 = ("data_engineering", 3, 1)


def every_term() -> Scenario:
    """Value, lateness (a soft deadline missed), people, GPU and acquisition cost, makespan and
    balance (a delivery gap, a sponsor spread) all count."""
    return scenario_of(
        staff=[
            {"id": "ana", "skills": {"data_science": 4}, "cost_per_period": 3},
            {
                "id": "ben",
                "skills": {"data_engineering": 3, "data_science": 3},
                "cost_per_period": 2,
            },
        ],
        gpu_pools=[{"id": "a100", "capacity": 4, "cost_per_gpu_period": 1}],
        datasets=[
            {
                "id": "events",
                "acquisition": {
                    "duration": 2,
                    "requires": [{"skill": "data_engineering", "level": 3}],
                },
            }
        ],
        sponsors=[{"id": "cmo"}, {"id": "cfo"}],
        policies={"max_delivery_gap": 2},
        objective={"cost": 1, "makespan": 0.1},
        projects=[
            project(
                "fraud",
                phase("data", 3, DE3),
                phase("model", 4, DS3, gpus=[{"pool": "a100", "count": 2}]),
                value=50,
                sponsor="cfo",
                datasets=["events"],
                deadline="2027-01-24",  # end of period 2: late whatever it does
            ),
            project("churn", phase("model", 3, DS3), value=30, sponsor="cmo"),
            project("ltv", phase("model", 6, DS3), value=8, sponsor="cmo"),
        ],
    )


def assert_sums(schedule: Schedule) -> None:
    parts = schedule.breakdown
    assert parts is not None
    assert parts.total() == pytest.approx(schedule.objective, abs=1e-6)
    by_project = sum(sum(terms.values()) for terms in parts.projects.values())
    assert by_project + sum(parts.portfolio.values()) == pytest.approx(schedule.objective, abs=1e-6)


def test_the_breakdown_of_a_solved_plan_sums_to_its_objective() -> None:
    schedule = solved(every_term())
    assert_sums(schedule)
    parts = schedule.breakdown
    assert parts is not None
    assert {"value", "lateness", "cost", "makespan"} <= set(parts.terms)
    assert parts.terms["value"] > 0 and parts.terms["lateness"] < 0 and parts.terms["cost"] < 0
    fraud = parts.projects["fraud"]
    assert fraud["lateness"] < 0 and fraud["cost"] < 0  # its people, GPUs and acquisition
    assert "lateness" not in parts.projects.get("churn", {})


def test_the_breakdown_of_a_replan_counts_stability() -> None:
    scenario = scenario_of(
        projects=[
            project("fraud", phase("data", 2, DS3), phase("model", 4, DS3), value=50),
            project("churn", phase("model", 3, DS3), value=20),
            project("old", phase("model", 2, DS3), value=10, status="done"),
        ],
    )
    baseline = solved(scenario)
    incident = Incident.model_validate(
        {
            "id": "drift1",
            "project": "old",
            "detected": "2027-01-25",
            "sla": 5,
            "phases": [
                {
                    "id": "retrain",
                    "duration": 2,
                    "requires": [{"skill": "data_science", "level": 3}],
                }
            ],
        }
    )
    options = SolveOptions(time_limit=10, workers=2, relative_gap=0)
    result = replan(scenario, baseline, date(2027, 1, 25), options, [incident])
    assert result.diff.moved  # the refresh made something move: stability is charged
    assert_sums(result.schedule)
    assert result.schedule.breakdown is not None
    assert result.schedule.breakdown.terms["stability"] < 0


def test_the_breakdown_of_the_example_sums_to_its_objective() -> None:
    scenario = load_scenario(EXAMPLE)
    schedule = solve(scenario, SolveOptions(time_limit=3, workers=2, seed=1))
    assert_sums(schedule)
