"""Solving end to end: greedy baseline, warm start, infeasible explanations, reasons."""

from __future__ import annotations

import importlib
from pathlib import Path
from time import perf_counter
from typing import Any

import pytest
from builders import phase, project, scenario_of, solved

from zenplan.constraints.context import OBJECTIVE_SCALE
from zenplan.models import Scenario, parse_scenario
from zenplan.models.schedule import SolverInfo
from zenplan.scenarios.generator import generate, generate_scenario
from zenplan.scheduler import SolveOptions, check, evaluate, greedy_plan, mirror, solve
from zenplan.scheduler.assemble import assemble
from zenplan.scheduler.build import build
from zenplan.scheduler.decode import decisions_from
from zenplan.scheduler.solve import Reporter, _Handover, _solver

solve_module = importlib.import_module("zenplan.scheduler.solve")


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


def test_cp_sat_own_first_plan_is_the_hint_when_it_beats_the_greedy_plan() -> None:
    scenario = _two_jobs_on_one_gpu()
    assert greedy_plan(scenario).kpis.makespan == 16
    plan = solved(scenario, time_limit=5)
    assert plan.solver is not None and plan.solver.first_plan == "cp-sat"
    assert plan.kpis.makespan == 11 and plan.status == "optimal"


def test_after_its_share_the_full_search_hands_over_to_neighbourhoods() -> None:
    scenario = generate_scenario(30, seed=1)
    baseline = greedy_plan(scenario)
    plan = solve(scenario, SolveOptions(time_limit=10, workers=2, seed=0))
    assert plan.status == "feasible" and check(scenario, plan) == []
    assert plan.solver is not None and plan.solver.strategy == "full"
    assert plan.solver.tail_seconds is not None and plan.solver.tail_seconds > 1
    assert baseline.objective <= plan.objective <= plan.bound


class _StubSolver:
    stopped = False

    def stop_search(self) -> None:
        self.stopped = True


@pytest.mark.parametrize(
    ("objective", "bound", "plans_of_its_own", "hands_over", "stalled"),
    [
        (-100.0, -90.0, 1, True, False),  # 10% from the bound: neighbourhoods take over
        (-100.0, -97.0, 1, False, False),  # 3%: the full search goes on to prove its plan
        (-100.0, -90.0, 0, False, False),  # no plan of this search's yet: it keeps the time
        (-120.0, -90.0, 1, True, True),  # only its hint found again: restarts take over
    ],
)
def test_the_full_search_hands_over_only_from_a_plan_far_from_its_bound(
    objective: float, bound: float, plans_of_its_own: int, hands_over: bool, stalled: bool
) -> None:
    reporter = Reporter(0.0, None)
    reporter.found(-120.0)  # the hinted plan, reported before the full search starts
    solver = _StubSolver()
    handover = _Handover(solver, reporter)  # type: ignore[arg-type]
    reporter.solutions += plans_of_its_own
    reporter.objective, reporter.bound = objective, bound
    handover._look()
    assert handover.handed_over is hands_over and solver.stopped is hands_over
    assert handover.stalled is stalled


def _two_jobs_on_one_gpu() -> Scenario:
    # The greedy plan places whole projects in order: `long` first takes the one GPU for 5
    # periods, so `quick`'s 10-period tail waits (makespan 16). Starting `quick` first: 11.
    gpu = [{"pool": "a100", "count": 1}]
    jobs = [
        project("a_long", phase("train", 5, gpus=gpu), priority="must"),
        project(
            "b_quick",
            phase("prep", 1, gpus=gpu),
            phase("serve", 10, after=["prep"]),
            priority="must",
        ),
    ]
    return scenario_of(
        gpu_pools=[{"id": "a100", "capacity": 1}],
        projects=jobs,
        objective={"value": 0, "lateness": 0, "balance": 0, "cost": 0, "makespan": 1},
    )


def test_restarts_keep_only_a_plan_better_than_the_one_known() -> None:
    scenario = _two_jobs_on_one_gpu()
    options = SolveOptions(time_limit=1.5, workers=2, seed=0)
    greedy = greedy_plan(scenario)
    built = build(scenario)
    reporter = Reporter(perf_counter(), None)
    better, proven, count = solve_module._restarts(built, options, reporter, greedy.objective)
    assert better is not None
    plan = assemble(
        scenario,
        decisions_from(built.variables, better.value),
        "feasible",
        SolverInfo(),
        objective=better.objective_value / OBJECTIVE_SCALE,
        bound=0.0,
        solve_seconds=0.0,
    )
    assert check(scenario, plan) == [] and plan.kpis.makespan == 11
    assert reporter.objective == plan.objective > greedy.objective
    # So small a model is solved at its first plan: proven, no second restart.
    assert proven and count == 1

    # Told of the optimum, the restart finds nothing better and proves the plan known optimal.
    reporter = Reporter(perf_counter(), None)
    better, proven, count = solve_module._restarts(built, options, reporter, plan.objective)
    assert better is None and proven and count == 1 and reporter.objective is None


J301_1 = Path(__file__).resolve().parents[3] / "shared/benchdata/psplib/j30/j301_1.sm"


@pytest.mark.skipif(not J301_1.is_file(), reason="benchdata not here")
def test_restarts_use_the_time_when_no_first_plan_beats_the_one_known() -> None:
    """PSPLIB j301_1: first plans are not proven, so restarts go on with new seeds until the
    time is up; none beats the optimum, so none is kept."""
    from zenplan.benchmarks.psplib_adapter import scenario_from_psplib

    scenario = scenario_from_psplib(J301_1)
    optimum = solve(scenario, SolveOptions(time_limit=20, workers=2))
    assert optimum.status == "optimal"
    options = SolveOptions(time_limit=1.5, workers=2, seed=0)
    reporter = Reporter(perf_counter(), None)
    built = build(scenario)
    better, proven, count = solve_module._restarts(built, options, reporter, optimum.objective)
    assert better is None and not proven and count > 1 and reporter.objective is None
    spent = perf_counter() - reporter.started
    assert spent >= options.time_limit - solve_module.MIN_RESTART_SECONDS


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
    assert plan.solver.steps and plan.solver.steps > 0
    assert check(scenario, plan) == []
    assert plan.solver.greedy_objective is not None
    assert plan.objective >= plan.solver.greedy_objective
    assert plan.objective == evaluate(scenario, plan)


def test_neighbourhoods_push_work_toward_the_start_when_earlier_is_always_better() -> None:
    """A makespan alone, or with lateness and value by go-live: every plan gains from earlier
    work. A cost term reads who works, not when."""
    phases = [phase("a", 2, ("data_science", 2, 1)), phase("b", 3, ("data_science", 2, 1))]
    portfolio = scenario_of(
        staff=[{"id": "ana", "skills": {"data_science": 4}, "cost_per_period": 100}],
        projects=[project("p", *phases, value=100, deadline="2027-02-01")],
        objective={"value": 1, "lateness": 1, "cost": 1},
    )
    weighted = build(portfolio)
    assert {"value", "lateness", "cost"} == set(weighted.objective.terms)
    assert not solve_module.toward_start(weighted)
    assert not _solver(SolveOptions(workers=2), 1, weighted).parameters.push_all_tasks_toward_start
    earlier = {"value": 1, "lateness": 1, "cost": 0, "makespan": 1}
    objective = portfolio.objective.model_copy(update=earlier)
    regular = build(portfolio.model_copy(update={"objective": objective}))
    assert set(regular.objective.terms) == {"value", "lateness", "makespan"}
    assert solve_module.toward_start(regular)
    assert _solver(SolveOptions(workers=4), 1, regular).parameters.push_all_tasks_toward_start


def test_two_workers_run_max_lp_as_their_full_search_unless_the_model_is_large(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scenario = scenario_of(projects=[project("p", phase("a", 2, ("data_science", 2, 1)))])
    built = build(scenario)
    assert list(_solver(SolveOptions(workers=2), 1, built).parameters.subsolvers) == ["max_lp"]
    assert not _solver(SolveOptions(workers=4), 1, built).parameters.subsolvers
    monkeypatch.setattr(solve_module, "MAX_LP_WORK_ITEMS", 0)  # MPLIB-sized: CP-SAT's choice
    assert not _solver(SolveOptions(workers=2), 1, built).parameters.subsolvers


def _gpu_fork(*extra: dict[str, Any]) -> Scenario:
    """Five phases on one pool of 4 GPUs, no people: two chains from a common start, their
    phases drawing 2-3 GPUs, so that the order on the pool sets the makespan; and any
    ``extra`` phases."""
    phases = [
        phase("start", 1, after=[], gpus=[{"pool": "a100", "count": 2}]),
        phase("a1", 3, after=["start"], gpus=[{"pool": "a100", "count": 3}]),
        phase("a2", 2, after=["a1"], gpus=[{"pool": "a100", "count": 2}]),
        phase("b1", 2, after=["start"], gpus=[{"pool": "a100", "count": 2}]),
        phase("b2", 3, after=["b1"], gpus=[{"pool": "a100", "count": 3}]),
        *extra,
    ]
    return scenario_of(
        projects=[project("fork", *phases, priority="must")],
        objective={"value": 0, "lateness": 0, "balance": 0, "makespan": 1},
    )


def test_the_neighbourhood_tail_takes_turns_with_the_mirror(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the scenario's mirror, the tail's slices alternate; here only the mirror's may
    improve (the model's own slices stop at once), so the better plan is the mirror's, read
    backwards and given back as a plan of the model itself, which the checker passes."""
    scenario = _gpu_fork()
    mirrored = mirror.mirror(scenario)
    assert mirrored is not None
    built = build(scenario)
    worse = built.model.clone()
    worse.add(built.variables.makespan() >= 12)  # a plan far from the optimum (9)
    full = _solver(SolveOptions(time_limit=10, workers=2), 5, built)
    assert full.solve(worse) == solve_module.cp_model.OPTIMAL
    targets: list[bool] = []
    limits: list[float] = []

    def one_way(options: SolveOptions, seconds: float, target: Any, fixed: bool = False) -> Any:
        solver = _solver(options, seconds, target, fixed)
        original = solver.solve

        def solve(model: Any, callback: Any = None) -> Any:
            if solver.parameters.use_lns_only:  # a slice of the tail
                targets.append(target is built)
                limits.append(solver.parameters.lns_initial_deterministic_limit)
                if target is built:  # the model's own slices find nothing
                    solver.parameters.cp_model_presolve = False
                    solver.parameters.stop_after_presolve = True
            return original(model, callback)

        solver.solve = solve  # type: ignore[method-assign]
        return solver

    monkeypatch.setattr(solve_module, "_solver", one_way)
    options = SolveOptions(time_limit=10, workers=2)
    reporter = Reporter(perf_counter(), None)
    better, _ = solve_module._lns_tail(built, options, reporter, full, mirrored)
    assert better is not None
    assert True in targets and False in targets  # both directions ran
    assert set(limits) == {solve_module.MIRROR_TAIL_LNS_LIMIT}  # short neighbourhood steps
    objective = better.objective_value / OBJECTIVE_SCALE
    assert objective > full.objective_value / OBJECTIVE_SCALE
    decisions = decisions_from(built.variables, better.value)
    schedule = assemble(
        scenario, decisions, "feasible", SolverInfo(), objective=objective, bound=0, solve_seconds=0
    )
    assert not check(scenario, schedule)
    assert schedule.kpis.makespan < 12


def test_ties_are_broken_by_earlier_work_without_changing_the_optimum() -> None:
    """On the fork with a phase free to float, the makespan's optimum has plans whose work
    ends later or earlier; the tie-broken objective keeps the optimum and picks the earliest
    of them. A cost term reads more than when work is: no tie-break then."""
    side = phase("side", 1, after=["start"], gpus=[{"pool": "a100", "count": 1}])
    built = build(_gpu_fork(side))
    tied = solve_module.tie_broken(built)
    assert tied is not None
    ends = sum(item.end for item in built.variables.work_items())
    makespan = built.variables.makespan()

    def solved_for(objective: Any, *rules: Any) -> Any:
        model = built.model.clone()
        for rule in rules:
            model.add(rule)
        model.maximize(objective)
        solver = _solver(SolveOptions(workers=2), 10, built)
        assert solver.solve(model) == solve_module.cp_model.OPTIMAL
        return solver

    plain = solved_for(built.objective.total())
    broken = solved_for(tied)
    optimum = plain.value(makespan)
    assert broken.value(makespan) == optimum
    earliest = solved_for(-ends, makespan == optimum).value(ends)
    latest = solved_for(ends, makespan == optimum).value(ends)
    assert latest > earliest  # the tie-break has a choice to make here
    assert broken.value(ends) == earliest
    costly = scenario_of(
        staff=[{"id": "ana", "skills": {"data_science": 4}, "cost_per_period": 100}],
        projects=[project("p", phase("a", 2, ("data_science", 2, 1)))],
        objective={"value": 1, "cost": 1},
    )
    assert solve_module.tie_broken(build(costly)) is None
