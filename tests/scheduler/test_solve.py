"""Solving end to end: the greedy plans, the certified bound, the search, explanations."""

from __future__ import annotations

from typing import Any

import pytest
from builders import phase, project, scenario_of, solved

from zenplan.models import Scenario, parse_scenario
from zenplan.scenarios.generator import generate, generate_scenario
from zenplan.scheduler import SolveOptions, check, evaluate, greedy_plan, solve
from zenplan.scheduler.bound import portfolio_bound
from zenplan.scheduler.greedy import plan as greedy_in_order


def test_greedy_plan_is_valid_on_the_example(example: Scenario) -> None:
    plan = greedy_plan(example)
    assert plan.status == "feasible" and plan.solver and plan.solver.engine == "greedy"
    assert check(example, plan) == []
    assert all(p.reason for p in plan.projects if not p.selected)


def test_greedy_plan_is_valid_on_a_generated_portfolio() -> None:
    scenario = generate_scenario(60, seed=3)
    plan = greedy_plan(scenario)
    assert check(scenario, plan) == []
    assert plan.kpis.delivered > 0


def test_cp_sat_is_at_least_as_good_as_its_greedy_warm_start(example: Scenario) -> None:
    baseline = greedy_plan(example)
    plan = solved(example, time_limit=3)
    assert plan.objective >= baseline.objective
    assert plan.solver and plan.solver.first_solution_seconds is not None


def test_progress_is_reported_while_solving(example: Scenario) -> None:
    seen = []
    solve(example, SolveOptions(time_limit=2, workers=2), seen.append)
    assert seen and seen[-1].objective is not None and seen[-1].elapsed > 0


def test_infeasible_scenario_is_explained_in_its_own_terms() -> None:
    rushed = project(
        "rushed",
        phase("model", 5, ("data_science", 3, 1)),
        priority="must",
        deadline="2027-01-17",  # end of period 1: 2 periods for 5 of work
        deadline_hard=True,
    )
    schedule = solve(scenario_of(projects=[rushed]), SolveOptions(time_limit=5, workers=2))
    assert schedule.status == "infeasible"
    text = schedule.explanation or ""
    assert "rushed deadline_hard 2027-01-17" in text
    assert "rushed is must and must run" in text
    assert "rushed needs 5 periods" in text


def test_infeasible_staffing_names_the_must_projects() -> None:
    # Two must projects, each 6 periods of ana's time, in a 10-period horizon.
    jobs = [
        project(f"m{i}", phase("model", 6, ("data_science", 3, 1)), priority="must")
        for i in range(2)
    ]
    schedule = solve(
        scenario_of(calendar={"start": "2027-01-04", "horizon": 10}, projects=jobs),
        SolveOptions(time_limit=5, workers=2),
    )
    assert schedule.status == "infeasible"
    text = schedule.explanation or ""
    assert "m0 is must and must run" in text and "m1 is must and must run" in text


def test_unselected_project_reason_names_the_horizon() -> None:
    long = project("long", phase("a", 8, ("data_science", 2, 1)), phase("b", 8), value=100)
    short = project("short", phase("a", 2, ("data_science", 2, 1)), value=1)
    plan = solved(
        scenario_of(calendar={"start": "2027-01-04", "horizon": 12}, projects=[long, short])
    )
    reason = plan.project("long").reason or ""
    assert "16 periods in sequence" in reason and "horizon of 12" in reason


def test_large_portfolio_search_keeps_every_rule_and_never_loses_to_greedy() -> None:
    # 60 projects with every portfolio rule on: solved by neighbourhoods (scheduler/lns.py).
    # Regression: with a cost weight, acquisitions' staff cost was left out of the search's
    # own objective, so the reported objective differed from the schedule's evaluation.
    document = generate(60, seed=5)
    document["objective"]["cost"] = 0.1
    scenario = parse_scenario(document)
    plan = solve(scenario, SolveOptions(time_limit=4, workers=2, seed=3))
    assert plan.solver is not None and plan.solver.strategy == "lns"
    assert plan.solver.debug.get("steps", 0) > 0
    assert check(scenario, plan) == []
    assert plan.solver.greedy_objective is not None
    assert plan.objective >= plan.solver.greedy_objective
    assert plan.objective == evaluate(scenario, plan)


def _small_portfolios() -> list[Scenario]:
    """Tiny portfolios where CP-SAT proves the optimum in seconds, with the rules that make
    the bound work: people of several levels, a GPU pool, an ethics board, a large-project
    cap, a reserve, soft and hard deadlines, sponsors to keep fair, costs."""
    staff = [
        {"id": "ana", "skills": {"data_science": 4, "analytics": 3}, "cost_per_period": 30},
        {"id": "ben", "skills": {"data_science": 2, "data_engineering": 3}, "cost_per_period": 20},
        {"id": "cy", "skills": {"data_engineering": 4, "mlops_batch": 3}, "cost_per_period": 25},
    ]

    def job(name: str, value: float, sponsor: str, **extra: Any) -> dict[str, Any]:
        return project(
            name,
            phase("data", 2, ("data_engineering", 3, 1)),
            phase("model", 3, ("data_science", 3, 1), gpus=[{"pool": "a100", "count": 2}]),
            phase("deploy", 1, ("mlops_batch", 3, 1)),
            value=value,
            sponsor=sponsor,
            **extra,
        )

    portfolios = []
    for seed in range(3):
        jobs = [
            job("churn", 100 + 30 * seed, "cmo", deadline="2027-02-15"),
            job("fraud", 160, "cfo", size="large", ethics="required"),
            job("ltv", 90 + 20 * seed, "cmo", size="large"),
            job("price", 70, "cfo", deadline="2027-03-15", deadline_hard=seed == 2),
        ]
        portfolios.append(
            scenario_of(
                calendar={"start": "2027-01-04", "horizon": 16},
                staff=staff,
                gpu_pools=[{"id": "a100", "capacity": 2}],
                ethics_board={"capacity": 1, "review_duration": 2, "meeting_every": 3},
                sponsors=[{"id": "cmo"}, {"id": "cfo"}],
                projects=jobs,
                policies={"max_concurrent_large": 1, "rd_reserve": 0.3},
                objective={"value": 1, "lateness": 1, "balance": 1, "cost": 0.1},
            )
        )
    return portfolios


@pytest.mark.parametrize("index", range(3))
def test_the_bound_is_never_below_a_proven_optimum(index: int) -> None:
    scenario = _small_portfolios()[index]
    optimum = solve(scenario, SolveOptions(time_limit=30, workers=2, relative_gap=0))
    assert optimum.status == "optimal" and check(scenario, optimum) == []
    bound = portfolio_bound(scenario, time_limit=5)
    assert bound is not None
    assert bound.value >= optimum.objective
    # and it binds: tighter than every project live at its earliest with no rule between them
    assert bound.value < portfolio_bound(scenario, time_limit=0.001).value or bound.steps == 1


def test_the_bound_binds_where_people_are_scarce() -> None:
    """Two projects need the same one person for all 8 periods of a 10-period horizon: both
    cannot be live early, and the bound says so."""
    jobs = [
        project(f"p{i}", phase("model", 8, ("data_science", 3, 1)), value=100) for i in range(2)
    ]
    scenario = scenario_of(calendar={"start": "2027-01-04", "horizon": 10}, projects=jobs)
    optimum = solved(scenario)
    bound = portfolio_bound(scenario, time_limit=5)
    assert bound is not None and bound.value >= optimum.objective
    # each project alone earns 100 x (10 - 8) = 200; the bound must not allow both
    assert bound.value < 2 * 200
    assert optimum.objective == pytest.approx(200)


def test_a_solve_reports_the_bound_and_how_close_its_plan_is(example: Scenario) -> None:
    plan = solve(example, SolveOptions(time_limit=3, workers=2))
    assert plan.status in ("optimal", "feasible")
    assert plan.bound >= plan.objective
    assert plan.gap is not None and 0 <= plan.gap < 1
    assert plan.solver is not None and plan.solver.bound_source in ("relaxation", "cp-sat")
    assert plan.model_dump(mode="json")["gap"] == pytest.approx(plan.gap)


def test_the_final_bound_is_never_weaker_than_one_reported_while_solving(
    example: Scenario,
) -> None:
    seen: list[float] = []
    plan = solve(
        example,
        SolveOptions(time_limit=3, workers=2),
        lambda progress: seen.append(progress.bound) if progress.bound is not None else None,
    )
    assert seen and plan.bound <= min(seen) + 1e-6


def test_the_relaxations_order_gives_a_valid_plan() -> None:
    scenario = generate_scenario(30, seed=2)
    bound = portfolio_bound(scenario, time_limit=2)
    assert bound is not None
    ordered = bound.order(scenario.scheduled_projects())
    assert [p.mandatory for p in ordered] == sorted((p.mandatory for p in ordered), reverse=True)
    plan = greedy_in_order(scenario, ordered)
    assert check(scenario, plan) == []


@pytest.mark.parametrize("projects", [12, 60])
def test_deterministic_solves_give_the_same_plan_twice(projects: int) -> None:
    scenario = generate_scenario(projects, seed=4)
    options = SolveOptions(time_limit=2, workers=2, seed=3, deterministic=True)
    first, second = solve(scenario, options), solve(scenario, options)
    assert first.objective == second.objective and first.bound == second.bound
    assert first.model_dump(include={"projects"}) == second.model_dump(include={"projects"})
    assert check(scenario, first) == []


def test_an_unknown_preset_is_refused_with_its_name() -> None:
    with pytest.raises(ValueError, match=r"preset must be one of .* got .fastest."):
        SolveOptions(preset="fastest")
