"""Infeasibility explanations: frozen work named as facts (phase, periods, people) when the
conflict needs it, and the earliest date that works for an impossible hard deadline. Each
claim is checked by solving."""

from __future__ import annotations

from datetime import date

from builders import phase, project, scenario_of, solved

from zenplan.models import Scenario
from zenplan.models.scenario import Incident
from zenplan.scheduler import SolveOptions, solve
from zenplan.scheduler.replan import replan

OPTIONS = SolveOptions(time_limit=10, workers=2, relative_gap=0)
STAFF = [
    {"id": "ana", "skills": {"data_science": 4}},
    {"id": "dave", "skills": {"mlops_realtime": 3}},
    {"id": "eve", "skills": {"mlops_realtime": 4}},
    {"id": "finn", "skills": {"mlops_realtime": 2}},
]


def serving(freeze: int) -> Scenario:
    return scenario_of(
        staff=STAFF,
        policies={"freeze_periods": freeze},
        projects=[
            project(
                "serve",
                phase("deploy", 6, ("mlops_realtime", 3, 2)),
                value=40,
                release="2027-01-25",  # period 3
            ),
            project("old", phase("x", 1, ("data_science", 3, 1)), status="done"),
        ],
    )


DRIFT = Incident.model_validate(
    {
        "id": "drift1",
        "project": "old",
        "detected": "2027-01-18",  # period 2; live by the end of period 4
        "sla": 3,
        "phases": [
            {"id": "retrain", "duration": 2, "requires": [{"skill": "mlops_realtime", "level": 3}]}
        ],
    }
)
NOW = date(2027, 1, 18)  # period 2


def test_frozen_work_holding_the_only_qualified_people_is_named() -> None:
    baseline = solved(serving(freeze=0))
    assert baseline.project("serve").start == 3  # type: ignore[union-attr]
    # Without freezing, serve moves and the refresh fits: the freeze is the cause.
    assert replan(serving(0), baseline, NOW, OPTIONS, [DRIFT]).schedule.status == "optimal"
    result = replan(serving(2), baseline, NOW, OPTIONS, [DRIFT])
    assert result.schedule.status == "infeasible"
    text = result.schedule.explanation or ""
    assert "serve/deploy is fixed in periods 3-8 with dave, eve" in text
    assert "freeze_periods 2" in text
    assert "dave, eve are the only people with mlops_realtime >= 3" in text
    assert "drift1/retrain" in text


def test_frozen_work_the_conflict_does_not_need_is_not_named() -> None:
    # A refresh that cannot meet its SLA whatever is frozen: 3 periods of work in 2.
    drift = Incident.model_validate(
        {
            **DRIFT.model_dump(mode="json"),
            "sla": 2,
            "phases": [
                {
                    "id": "retrain",
                    "duration": 3,
                    "requires": [{"skill": "mlops_realtime", "level": 3}],
                }
            ],
        }
    )
    baseline = solved(serving(freeze=0))
    result = replan(serving(2), baseline, NOW, OPTIONS, [drift])
    assert result.schedule.status == "infeasible"
    text = result.schedule.explanation or ""
    assert "frozen" not in text.split("rules cannot all hold")[0]
    assert "drift1 deadline_hard" in text


def rushed(deadline: str) -> Scenario:
    return scenario_of(
        projects=[
            project(
                "rushed",
                phase("model", 5, ("data_science", 3, 1)),
                priority="must",
                deadline=deadline,
                deadline_hard=True,
                release="2027-01-11",  # period 1
            )
        ]
    )


def test_an_impossible_deadline_gives_the_earliest_date_that_works() -> None:
    schedule = solve(rushed("2027-01-17"), OPTIONS)
    assert schedule.status == "infeasible"
    text = schedule.explanation or ""
    # release at 1, 5 periods: live at the end of period 5 (2027-02-08 .. 2027-02-14)
    assert "rushed: the earliest go-live the other rules allow is 2027-02-14" in text
    assert "a hard deadline on or after 2027-02-08 works" in text
    assert solve(rushed("2027-02-08"), OPTIONS).status == "optimal"
    assert solve(rushed("2027-02-07"), OPTIONS).status == "infeasible"
