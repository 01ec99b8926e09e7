"""Part-time people and shared requirements: shares of a person fit their capacity, exactly."""

from __future__ import annotations

from typing import Any

import pytest
from builders import project, scenario_of, solved

from zenplan.models import InputError, parse_scenario
from zenplan.scheduler import SolveOptions, check, greedy, solve
from zenplan.scheduler.bound import portfolio_bound

ONE_MLOPS = [{"id": "mo", "skills": {"mlops_batch": 3}}]


def _phase(share: float, duration: int = 4) -> dict[str, Any]:
    return {
        "id": "deploy",
        "duration": duration,
        "requires": [{"skill": "mlops_batch", "level": 3, "count": 1, "share": share}],
    }


def _three(share: float, staff: list[dict[str, Any]] = ONE_MLOPS) -> Any:
    """Three one-phase projects that all need the one MLOps engineer."""
    return scenario_of(
        staff=staff,
        projects=[project(f"p{i}", _phase(share), value=100) for i in range(3)],
    )


def _at_once(schedule: Any) -> int:
    """The most phases running in one period."""
    phases = [ph for plan in schedule.selected() for ph in plan.phases]
    return max(sum(ph.start <= t < ph.end for ph in phases) for t in range(20))


def test_two_half_time_phases_share_one_person_and_a_third_cannot_join() -> None:
    full = solved(_three(1.0))
    assert _at_once(full) == 1
    shared = solved(_three(0.5))
    assert _at_once(shared) == 2  # two at once, never three
    go_lives = sorted(plan.end for plan in shared.selected())  # type: ignore[type-var]
    assert go_lives == [4, 4, 8]
    assert shared.objective > full.objective
    staff = [s for plan in shared.selected() for ph in plan.phases for s in ph.staff]
    assert {(s.id, s.share) for s in staff} == {("mo", 0.5)}
    assert shared.kpis.utilization["mo"] == pytest.approx(3 * 4 * 0.5 / 20)
    assert shared.kpis.skill_utilization["mlops_batch"] == pytest.approx(3 * 4 * 0.5 / 20)


def test_the_greedy_plan_shares_too() -> None:
    scenario = _three(0.5)
    planned = greedy.plan(scenario)
    assert not check(scenario, planned)
    assert _at_once(planned) == 2


def test_a_half_time_person_takes_one_half_time_phase_at_a_time() -> None:
    half = [{"id": "mo", "skills": {"mlops_batch": 3}, "capacity": 0.5}]
    schedule = solved(_three(0.5, half))
    assert _at_once(schedule) == 1
    assert schedule.kpis.utilization["mo"] == pytest.approx(3 * 4 * 0.5 / (20 * 0.5))


def test_checker_finds_a_person_over_capacity() -> None:
    shared = solved(_three(0.5))
    document = _three(0.5).model_dump(mode="json", by_alias=True, exclude_none=True)
    document["staff"][0]["capacity"] = 0.5
    violations = check(parse_scenario(document), shared)
    assert {v.rule for v in violations} == {"capacity"}
    assert "works 1 of a capacity of 0.5" in violations[0].message


def test_the_bound_counts_shares_and_stays_above_the_optimum() -> None:
    scenario = _three(0.5)
    optimum = solve(scenario, SolveOptions(time_limit=20, workers=2, relative_gap=0))
    assert optimum.status == "optimal"
    bound = portfolio_bound(scenario, time_limit=5)
    assert bound is not None and bound.value >= optimum.objective - 1e-6


@pytest.mark.parametrize(
    ("where", "value", "path"),
    [
        ("share", 0, "projects[0].phases[0].requires[0].share"),
        ("share", 1.5, "projects[0].phases[0].requires[0].share"),
        ("share", 0.333, "projects[0].phases[0].requires[0].share"),
        ("capacity", -1, "staff[0].capacity"),
    ],
)
def test_bad_shares_name_field_and_value(where: str, value: float, path: str) -> None:
    document = _three(0.5).model_dump(mode="json", by_alias=True, exclude_none=True)
    if where == "share":
        document["projects"][0]["phases"][0]["requires"][0]["share"] = value
    else:
        document["staff"][0]["capacity"] = value
    with pytest.raises(InputError) as error:
        parse_scenario(document)
    assert path in str(error.value) and str(value) in str(error.value)


def test_a_full_time_requirement_needs_a_full_time_person() -> None:
    document = _three(1.0).model_dump(mode="json", by_alias=True, exclude_none=True)
    document["staff"][0]["capacity"] = 0.5
    with pytest.raises(InputError, match=r"and capacity >= 1.0; only 0 exist") as error:
        parse_scenario(document)
    assert "projects[0].phases[0].requires[0]" in str(error.value)
