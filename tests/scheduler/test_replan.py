"""Replanning after drift incidents: started work stays, refresh work meets its SLA."""

from __future__ import annotations

from datetime import date

from builders import phase, project, scenario_of, solved

from zenplan.models.scenario import Incident
from zenplan.scheduler import SolveOptions, check
from zenplan.scheduler.replan import replan, with_incidents

DS3 = ("data_science", 3, 1)
OPTIONS = SolveOptions(time_limit=10, workers=2, relative_gap=0)


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


def test_in_progress_phase_keeps_its_start_and_people() -> None:
    scenario = portfolio()
    baseline = solved(scenario)
    running = next(
        (p.id, ph) for p in baseline.selected() for ph in p.phases if ph.start < 3 < ph.end
    )
    result = replan(scenario, baseline, date(2027, 1, 25), OPTIONS, [refresh(sla=5)])  # now=3
    schedule = result.schedule
    assert schedule.status in ("optimal", "feasible")
    assert check(with_incidents(scenario, [refresh(sla=5)]), schedule) == []
    kept = schedule.project(running[0]).phase(running[1].id)  # type: ignore[union-attr]
    assert kept is not None and kept.start == running[1].start
    assert [s.id for s in kept.staff] == [s.id for s in running[1].staff]
    # the refresh goes live within its SLA: detected in period 3, 5 periods
    assert schedule.project("drift1").end <= 8  # type: ignore[union-attr]
    assert result.diff.moved  # something had to make room for it


def test_nothing_moves_without_a_reason() -> None:
    scenario = portfolio()
    baseline = solved(scenario)
    result = replan(scenario, baseline, date(2027, 1, 18), OPTIONS)
    assert result.diff.moved == [] and result.diff.staff_changed == []
    assert result.diff.added == [] and result.diff.dropped == []


def test_freeze_periods_keep_the_near_future() -> None:
    scenario = portfolio(freeze=20)
    baseline = solved(scenario)
    result = replan(scenario, baseline, date(2027, 1, 25), OPTIONS, [refresh(sla=8)])
    assert result.diff.moved == []  # everything is frozen; the refresh goes after it all


def test_an_sla_that_cannot_be_met_is_explained() -> None:
    scenario = portfolio(freeze=20)
    baseline = solved(scenario)
    result = replan(scenario, baseline, date(2027, 1, 25), OPTIONS, [refresh(sla=2)])
    assert result.schedule.status == "infeasible"
    assert "drift1 deadline_hard" in (result.schedule.explanation or "")
