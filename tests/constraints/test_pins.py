"""Pins: a pinned part of the plan never moves, the rest is free; each kind binds."""

from __future__ import annotations

from typing import Any

import pytest
from builders import phase, project, scenario_of, solved

from zenplan.models import InputError, parse_scenario
from zenplan.scheduler import SolveOptions, check, greedy, solve

# ana costs more than cara; both can do the work. h100 GPUs are cheaper than a100 ones.
STAFF = [
    {"id": "ana", "skills": {"data_science": 4}, "cost_per_period": 900},
    {"id": "cara", "skills": {"data_science": 3}, "cost_per_period": 300},
]
POOLS = [
    {"id": "a100", "capacity": 4, "cost_per_gpu_period": 50},
    {"id": "h100", "capacity": 4, "cost_per_gpu_period": 10},
]


def _scenario(phase_pin: dict[str, Any] | None = None, **fields: Any) -> Any:
    model = phase("model", 3, ("data_science", 3, 1), gpus=[{"pool": ["a100", "h100"], "count": 2}])
    if phase_pin is not None:
        model["pin"] = phase_pin
    fields.setdefault("value", 5000)
    return scenario_of(
        staff=STAFF,
        gpu_pools=POOLS,
        projects=[project("churn", phase("data", 2, ("data_science", 3, 1)), model, **fields)],
        objective={"cost": 1.0},
    )


def _both(scenario: Any) -> list[Any]:
    """The CP-SAT plan and the greedy plan, each checked."""
    planned = greedy.plan(scenario)
    assert not check(scenario, planned), [str(v) for v in check(scenario, planned)]
    return [solved(scenario), planned]


def _model(schedule: Any) -> Any:
    return schedule.project("churn").phase("model")


def test_free_plan_starts_early_with_cheap_people_and_gpus() -> None:
    model = _model(solved(_scenario({})))
    assert model.start == 2
    assert [s.id for s in model.staff] == ["cara"]
    assert [g.pool for g in model.gpus] == ["h100"]


def test_pinned_start_holds() -> None:
    for schedule in _both(_scenario({"start": "2027-02-01"})):  # period 4
        assert _model(schedule).start == 4


def test_pinned_start_window_holds() -> None:
    for schedule in _both(_scenario({"start_window": {"from": "2027-03-01", "to": "2027-03-21"}})):
        assert 8 <= _model(schedule).start <= 10


def test_pinned_people_work_on_the_phase() -> None:
    for schedule in _both(_scenario({"people": ["ana"]})):
        assert [s.id for s in _model(schedule).staff] == ["ana"]


def test_pinned_gpu_pool_is_used() -> None:
    for schedule in _both(_scenario({"gpu_pool": "a100"})):
        assert [g.pool for g in _model(schedule).gpus] == ["a100"]


def test_pinned_selected_runs_a_project_not_worth_it() -> None:
    assert not solved(_scenario({}, value=10)).project("churn").selected  # type: ignore[union-attr]
    for schedule in _both(_scenario({}, value=10, pin="selected")):
        assert schedule.project("churn").selected


def test_pinned_not_selected_leaves_a_valuable_project_out() -> None:
    for schedule in _both(_scenario({}, value=5000, pin="not_selected")):
        plan = schedule.project("churn")
        assert not plan.selected and plan.reason == "not selected: pinned not selected"


def test_checker_reports_a_broken_pin() -> None:
    free = solved(_scenario({}))
    violations = check(_scenario({"start": "2027-02-01", "people": ["ana"]}), free)
    assert sorted(v.message for v in violations) == [
        "pinned person ana does not work on it",
        "starts in period 2, pinned to 4..4",
    ]


@pytest.mark.parametrize(
    ("pin", "path", "value"),
    [
        ({"people": ["zoe"]}, "projects[0].phases[1].pin.people[0]", "zoe"),
        ({"gpu_pool": "tpu"}, "projects[0].phases[1].pin.gpu_pool", "tpu"),
        ({"start": "2027-05-17"}, "projects[0].phases[1].pin.start", "2027-05-17"),
        (
            {"start": "2027-02-01", "start_window": {"from": "2027-02-01", "to": "2027-02-08"}},
            "projects[0].phases[1].pin",
            "2027-02-01",
        ),
        ({"begin": 3}, "projects[0].phases[1].pin.begin", "3"),
    ],
)
def test_bad_phase_pin_names_field_and_value(pin: dict[str, Any], path: str, value: str) -> None:
    document = _scenario().model_dump(mode="json", by_alias=True, exclude_none=True)
    document["projects"][0]["phases"][1]["pin"] = pin
    with pytest.raises(InputError) as error:
        parse_scenario(document)
    assert path in str(error.value) and value in str(error.value)


def test_a_must_project_cannot_be_pinned_out() -> None:
    document = _scenario().model_dump(mode="json", by_alias=True, exclude_none=True)
    document["projects"][0].update(priority="must", pin="not_selected")
    with pytest.raises(InputError, match=r"projects\[0\]\.pin: a must project cannot"):
        parse_scenario(document)


def test_pins_that_cannot_hold_are_named_in_the_explanation() -> None:
    # model follows data (2 periods): pinned to start in period 1 with the project pinned in.
    scenario = _scenario({"start": "2027-01-11"}, pin="selected")
    schedule = solve(scenario, SolveOptions(time_limit=10, workers=2, seed=1))
    assert schedule.status == "infeasible"
    assert "the pins of churn" in (schedule.explanation or "")
