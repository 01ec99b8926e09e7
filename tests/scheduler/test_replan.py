"""Replanning after drift incidents: started work stays, refresh work meets its SLA."""

from __future__ import annotations

from datetime import date

import pytest
from builders import phase, project, scenario_of, solved

from zenplan.models import parse_scenario
from zenplan.models.scenario import Incident
from zenplan.scenarios.generator import generate
from zenplan.scheduler import SolveOptions, check, greedy_plan
from zenplan.scheduler.replan import replan, with_incidents

DS3 = ("data_science", 3, 1)
OPTIONS = SolveOptions(time_limit=10, workers=2, relative_gap=0)
# The same rules hold whether the replan is one model (small portfolios) or a repair then
# neighbourhoods (large ones, forced here on the small one).
STRATEGIES = {
    "full": OPTIONS,
    "lns": SolveOptions(time_limit=3, workers=2, relative_gap=0, strategy="lns"),
}
by_strategy = pytest.mark.parametrize("options", STRATEGIES.values(), ids=STRATEGIES.keys())


def portfolio(freeze: int = 0):  # type: ignore[no-untyped-def]
    return scenario_of(
        projects=[
            project("fraud", phase("data", 2, DS3), phase("model", 4, DS3), value=50),
            project("churn", phase("model", 3, DS3), value=20),
            project("old", phase("model", 2, DS3), value=10, status="done"),
        ],
        policies={"freeze_periods": freeze},
    )


def refresh(sla: int) -> Incident:
    return Incident.model_validate(
        {
            "id": "drift1",
            "project": "old",
            "detected": "2027-01-25",
            "sla": sla,
            "phases": [
                {
                    "id": "retrain",
                    "duration": 2,
                    "requires": [{"skill": "data_science", "level": 3}],
                }
            ],
        }
    )


@by_strategy
def test_in_progress_phase_keeps_its_start_and_people(options: SolveOptions) -> None:
    scenario = portfolio()
    baseline = solved(scenario)
    running = next(
        (p.id, ph) for p in baseline.selected() for ph in p.phases if ph.start < 3 < ph.end
    )
    result = replan(scenario, baseline, date(2027, 1, 25), options, [refresh(sla=5)])  # now=3
    schedule = result.schedule
    assert schedule.status in ("optimal", "feasible")
    assert schedule.solver is not None and schedule.solver.strategy == options.strategy.replace(
        "auto", "full"
    )
    assert check(with_incidents(scenario, [refresh(sla=5)]), schedule) == []
    kept = schedule.project(running[0]).phase(running[1].id)  # type: ignore[union-attr]
    assert kept is not None and kept.start == running[1].start
    assert [s.id for s in kept.staff] == [s.id for s in running[1].staff]
    # the refresh goes live within its SLA: detected in period 3, 5 periods
    assert schedule.project("drift1").end <= 8  # type: ignore[union-attr]
    assert result.diff.moved  # something had to make room for it


@by_strategy
def test_nothing_moves_without_a_reason(options: SolveOptions) -> None:
    scenario = portfolio()
    baseline = solved(scenario)
    result = replan(scenario, baseline, date(2027, 1, 18), options)
    assert result.diff.moved == [] and result.diff.staff_changed == []
    assert result.diff.added == [] and result.diff.dropped == []


@by_strategy
def test_freeze_periods_keep_the_near_future(options: SolveOptions) -> None:
    scenario = portfolio(freeze=20)
    baseline = solved(scenario)
    result = replan(scenario, baseline, date(2027, 1, 25), options, [refresh(sla=8)])
    assert result.diff.moved == []  # everything is frozen; the refresh goes after it all


@by_strategy
def test_an_sla_that_cannot_be_met_is_explained(options: SolveOptions) -> None:
    scenario = portfolio(freeze=20)
    baseline = solved(scenario)
    result = replan(scenario, baseline, date(2027, 1, 25), options, [refresh(sla=2)])
    assert result.schedule.status == "infeasible"
    assert "drift1 deadline_hard" in (result.schedule.explanation or "")


def test_a_large_portfolio_is_repaired_then_improved_within_its_frame() -> None:
    document = generate(120, seed=4)
    done = document["projects"][0]
    done["status"] = "done"
    scenario = parse_scenario(document)
    baseline = greedy_plan(scenario)
    incident = Incident.model_validate(
        {
            "id": "drift_big",
            "project": done["id"],
            "detected": "2027-03-01",  # period 8
            "sla": 6,
            "phases": [{"id": "retrain", "duration": 2, "requires": [done_skill(document)]}],
        }
    )
    options = SolveOptions(time_limit=4, workers=1)
    result = replan(scenario, baseline, date(2027, 3, 1), options, [incident])
    schedule = result.schedule
    assert schedule.status == "feasible" and schedule.solver is not None
    assert schedule.solver.strategy == "lns"
    assert check(with_incidents(scenario, [incident]), schedule) == []
    refresh_plan = schedule.project("drift_big")
    assert refresh_plan is not None and refresh_plan.selected and refresh_plan.end is not None
    assert refresh_plan.end <= 8 + 6
    for plan in baseline.selected():  # work started before now stays where it is
        for phase_plan in plan.phases:
            if phase_plan.start < result.now:
                kept = schedule.project(plan.id).phase(phase_plan.id)  # type: ignore[union-attr]
                assert kept is not None and kept.start == phase_plan.start
                assert [s.id for s in kept.staff] == [s.id for s in phase_plan.staff]
    assert schedule.objective is not None and schedule.bound >= schedule.objective


def done_skill(document: dict) -> dict:  # type: ignore[type-arg]
    """The first requirement of the done project's first phase (someone can staff it)."""
    requirement = document["projects"][0]["phases"][0]["requires"][0]
    return {"skill": requirement["skill"], "level": requirement.get("level", 1)}
