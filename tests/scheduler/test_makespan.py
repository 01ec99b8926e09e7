"""The makespan strategy: the model without people (a relaxation whose bound the whole search
may stop at), its staffed plans, the neighbourhood tail with the mirror, restarts."""

from __future__ import annotations

import importlib
import math
from pathlib import Path
from time import perf_counter
from typing import Any

import pytest
from builders import phase, project, scenario_of
from builders import solved as solved_by
from ortools.sat.python import cp_model

from zenplan.benchmarks.mspsp_adapter import scenario_from_mspsp
from zenplan.constraints.context import OBJECTIVE_SCALE
from zenplan.models import Scenario, Schedule
from zenplan.models.decisions import Decisions
from zenplan.models.schedule import SolverInfo
from zenplan.scheduler import greedy, mirror, relaxation
from zenplan.scheduler.assemble import assemble
from zenplan.scheduler.build import BuiltModel, build
from zenplan.scheduler.check import check
from zenplan.scheduler.decode import decisions_from
from zenplan.scheduler.greedy import plan as greedy_plan
from zenplan.scheduler.options import SolveOptions
from zenplan.scheduler.progress import Reporter
from zenplan.scheduler.solve import solve

MAKESPAN = {"value": 0, "lateness": 0, "balance": 0, "makespan": 1}
CROSS_TRAINED = [
    {"id": "xena", "skills": {"x": 1}},
    {"id": "yann", "skills": {"y": 1}},
    {"id": "cy", "skills": {"x": 1, "y": 1}},
]
MSPSP = Path(__file__).resolve().parents[3] / "shared" / "benchdata" / "mspsp" / "set-2c"
# An instance whose optimum (38) the relaxation proves far sooner than the whole model.
HARD_PROOF = MSPSP / "inst_set2c_sf0_nc1.5_n30_l10_m6_00.dzn"
needs_benchdata = pytest.mark.skipif(not HARD_PROOF.is_file(), reason="benchdata not here")
solve_module = importlib.import_module("zenplan.scheduler.makespan")  # the module, not the function


def solved(scenario: Scenario, time_limit: float = 10.0) -> Schedule:
    """Solved by the makespan strategy, checked."""
    return solved_by(scenario, time_limit, strategy="makespan")


def _optimum(built: BuiltModel) -> int:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 20
    assert solver.solve(built.model) == cp_model.OPTIMAL
    return round(solver.objective_value)


def _solver(seconds: float, fixed: bool = False) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = seconds
    if fixed:
        solver.parameters.subsolvers.extend([relaxation.FIXED_SEARCH, "max_lp"])
    return solver


def _pair() -> dict[str, Any]:
    """A project of two independent phases, each needing one person with skill x."""
    return project(
        "pair",
        phase("left", 2, ("x", 1, 1), after=[]),
        phase("right", 2, ("x", 1, 1), after=[]),
        priority="must",
    )


def _x_trio() -> dict[str, Any]:
    """A project of three phases in a row, each needing one person with skill x."""
    return project("trio", *[phase(f"p{i}", 2, ("x", 1, 1)) for i in range(3)], priority="must")


def _mentored_pair() -> Scenario:
    """Two phases of one x each; the junior may only work beside a senior, and a phase takes
    one person: only the senior works, so the phases run one after the other. Without people
    the two x holders run both at once."""
    return scenario_of(
        staff=[{"id": "senior", "skills": {"x": 4}}, {"id": "junior", "skills": {"x": 1}}],
        gpu_pools=[],
        policies={"mentoring": True},
        projects=[_pair()],
        objective=MAKESPAN,
    )


def _to_select(scenario: Scenario) -> Scenario:
    """The scenario with its one project to select (``should``) instead of ``must``."""
    (only,) = scenario.projects
    return scenario.model_copy(
        update={"projects": [only.model_copy(update={"priority": "should"})]}
    )


def test_the_relaxation_has_no_people_and_bounds_the_whole_model_from_above() -> None:
    scenario = _mentored_pair()
    relaxed = relaxation.model(scenario)
    assert not relaxed.variables.assignment
    assert all(not works for works in relaxed.variables.person_phases.values())
    whole = build(scenario)
    assert _optimum(relaxed) > _optimum(whole)  # mentoring binds only with people


def test_replanning_without_people_charges_no_change_of_people() -> None:
    """Against a baseline, each person taken off a phase costs; without people nobody is kept,
    and charging every planned person would put the relaxation below the whole model."""
    scenario = scenario_of(
        staff=CROSS_TRAINED,
        gpu_pools=[],
        projects=[_x_trio()],
        objective={**MAKESPAN, "stability": 1},
    )
    baseline = greedy.decisions_of(scenario, greedy.plan(scenario))
    assert any(decision.staff for decision in baseline["trio"].values())
    whole = build(scenario, baseline=baseline)
    relaxed = build(scenario, baseline=baseline, people=False)
    assert _optimum(relaxed) >= _optimum(whole)


@needs_benchdata
def test_a_floor_above_the_known_plan_proves_it_optimal() -> None:
    """MSPSP set-2c: told of a plan of makespan 38, the relaxation asked for 37 finds none,
    at once (its presolve, with every window narrowed by the floor, sees it)."""
    scenario = scenario_from_mspsp(HARD_PROOF)
    result = relaxation.search(relaxation.model(scenario), _solver, 60, known=-38 * 10)
    assert result is not None and result.proven
    assert result.units == -380 and result.plan is None


def test_the_search_returns_its_own_best_plan_and_the_bound() -> None:
    scenario = _mentored_pair()
    relaxed = relaxation.model(scenario)
    result = relaxation.search(relaxed, _solver, 20)
    assert result is not None and result.proven and result.plan is not None
    assert {d.start for d in result.plan["pair"].values()} == {0}  # both at once, no people
    assert result.units == _optimum(relaxed)


def test_worth_it_only_when_people_are_a_choice() -> None:
    single = [{"id": "xena", "skills": {"x": 1}}]
    fixed = scenario_of(staff=single, projects=[project("p", phase("a", 1, ("x", 1, 1)))])
    assert not relaxation.worth_it(fixed)
    choice = scenario_of(staff=CROSS_TRAINED, projects=[project("p", phase("a", 1, ("x", 1, 1)))])
    assert relaxation.worth_it(choice)


def test_solve_stops_at_the_relaxations_bound_when_it_holds() -> None:
    """Each phase needs one x and one y and the three people staff one pair at a time: the
    relaxation proves makespan 6, and the plan reaches it."""
    plan = solved(_xy_trio())
    assert plan.status == "optimal" and plan.kpis.makespan == 6
    assert plan.solver.debug.get("relaxation_bound") == pytest.approx(plan.objective)


def test_solve_keeps_searching_when_the_relaxations_bound_is_out_of_reach() -> None:
    scenario = _mentored_pair()
    plan = solved(scenario)
    assert plan.status == "optimal" and plan.kpis.makespan == 4
    assert plan.solver.debug.get("relaxation_bound") is not None
    assert plan.solver.debug.get("relaxation_bound") > plan.objective


@needs_benchdata
def test_the_relaxations_plan_staffed_is_a_plan() -> None:
    """On the MSPSP instance, the relaxation's plan takes people: fixed to its starts, the
    whole model finds them, and the checker passes the plan."""
    solve = solve_module
    scenario = scenario_from_mspsp(HARD_PROOF)
    relaxed = relaxation.model(scenario)
    result = relaxation.search(relaxed, _solver, 30)
    assert result is not None and result.plan is not None
    built = build(scenario)
    options = solve.SolveOptions(time_limit=30, workers=2)
    staffed = solve._staffed(built, result.plan, options, 20)
    assert staffed is not None
    decisions = decisions_from(built.variables, staffed.value)
    for key, phases in result.plan.items():
        assert {p: d.start for p, d in decisions[key].items()} == {
            p: d.start for p, d in phases.items()
        }
    schedule = solve.assemble(
        scenario,
        decisions,
        "feasible",
        solve.SolverInfo(),
        objective=staffed.objective_value / OBJECTIVE_SCALE,
        bound=0,
        solve_seconds=0,
    )
    assert not check(scenario, schedule)


class _GapStopped:
    """A solver stopped by its relative gap limit: CP-SAT then reports OPTIMAL, with a plan
    below its bound."""

    objective_value = -500.0
    best_objective_bound = -400.0

    def solve(self, model: cp_model.CpModel, callback: object) -> int:
        return int(cp_model.OPTIMAL)

    def value(self, variable: object) -> int:
        return 0


def test_a_search_stopped_at_the_relative_gap_keeps_its_bound() -> None:
    """The bound then caps, never the plan, so the cap cannot cut off a better plan."""
    relaxed = relaxation.model(_mentored_pair())
    result = relaxation.search(relaxed, lambda seconds, fixed: _GapStopped(), 5)  # type: ignore[arg-type,return-value]
    assert result is not None
    assert result.units == -400 and not result.proven


def test_a_staffed_relaxation_plan_that_costs_more_is_no_hint() -> None:
    """Without people both phases run at once; with people the second one takes the costly
    contractor, so the known plan (one after the other, by the cheap analyst) stays."""
    scenario = scenario_of(
        staff=[
            {"id": "analyst", "skills": {"x": 1}},
            {"id": "contractor", "skills": {"x": 1}, "cost_per_period": 1_000_000},
        ],
        gpu_pools=[],
        projects=[_pair()],
        objective={**MAKESPAN, "cost": 1},
    )
    best = solved(scenario)
    assert best.kpis.makespan == 4  # the contractor is not worth two periods
    built = build(scenario)
    reporter = solve_module.Reporter(solve_module.perf_counter(), None)
    reporter.found(best.objective)
    info = solve_module.SolverInfo()
    options = solve_module.SolveOptions(time_limit=30, workers=2)
    solve_module._bound_by_relaxation(scenario, built, options, reporter, info)
    assert (
        info.debug.get("relaxation_bound") is not None
        and info.debug.get("relaxation_bound") > best.objective
    )
    assert info.debug.get("first_plan") is None and reporter.objective == best.objective


def test_going_on_with_the_relaxation_starts_from_its_best_plan_not_the_whole_ones() -> None:
    """The first search leaves its floor (better than its best plan) in the relaxed model;
    going on from the whole model's plan alone, below that best, would find nothing above the
    floor and 'prove' the whole plan optimal. Mentoring binds: the whole plan is worse."""
    scenario = _mentored_pair()
    relaxed = relaxation.model(scenario)
    first = relaxation.search(relaxed, _solver, 10)
    assert first is not None and first.best is not None
    # Told of its optimum, the search proves it by a floor with no plan above: that floor stays.
    first = relaxation.search(relaxed, _solver, 10, known=first.best)
    assert first is not None and first.proven and first.best is not None
    whole = solved(scenario)
    assert round(whole.objective * OBJECTIVE_SCALE) < first.best
    reporter = solve_module.Reporter(solve_module.perf_counter(), None)
    options = solve_module.SolveOptions(time_limit=10, workers=2)
    unproven = solve_module._Unproven(relaxed, first.best)
    units = solve_module._go_on_with_relaxation(unproven, options, reporter, whole.objective, 5)
    assert units == first.best


def test_going_on_with_the_relaxation_proves_an_optimal_plan() -> None:
    """Where people leave the optimum as it is, the relaxation's search, told of the whole
    model's optimal plan, proves that no plan beats it."""
    scenario = scenario_of(
        staff=CROSS_TRAINED,
        gpu_pools=[],
        projects=[_x_trio()],
        objective=MAKESPAN,
    )
    whole = solved(scenario)
    assert whole.status == "optimal"
    relaxed = relaxation.model(scenario)
    reporter = solve_module.Reporter(solve_module.perf_counter(), None)
    options = solve_module.SolveOptions(time_limit=10, workers=2)
    known_worse = round(whole.objective * OBJECTIVE_SCALE) - 2 * OBJECTIVE_SCALE
    unproven = solve_module._Unproven(relaxed, known_worse)
    units = solve_module._go_on_with_relaxation(unproven, options, reporter, whole.objective, 5)
    assert units == round(whole.objective * OBJECTIVE_SCALE)
    assert reporter.bound == whole.objective


def test_the_relaxations_searches_follow_the_serial_order_on_a_worker_of_their_own() -> None:
    """The relaxation of a scenario whose projects all run orders its search by earliest
    start, phase by phase, and on two workers one of them follows that order (the other
    keeps the LP bound); the whole model's searches keep CP-SAT's own order, and so does a
    relaxation with a project to select."""
    scenario = _mentored_pair()
    relaxed = relaxation.model(scenario)
    assert relaxation.serial(relaxed)
    (strategy,) = relaxed.model.proto.search_strategy
    starts = {item.start.index for item in relaxed.variables.work_items()}
    assert {expression.vars[0] for expression in strategy.exprs} == starts
    assert strategy.variable_selection_strategy == cp_model.CHOOSE_LOWEST_MIN
    assert strategy.domain_reduction_strategy == cp_model.SELECT_MIN_VALUE
    assert not build(scenario).model.proto.search_strategy
    optional = _to_select(scenario)
    assert not relaxation.serial(relaxation.model(optional))
    options = solve_module.SolveOptions(workers=2)
    searches = solve_module._solver(options, 1.0, relaxed, fixed_search=True).parameters
    assert list(searches.subsolvers) == [relaxation.FIXED_SEARCH, "max_lp"]
    assert list(solve_module._solver(options, 1.0, relaxed).parameters.subsolvers) == ["max_lp"]


class _Scripted:
    """A solver that ends as told, without a plan or a bound."""

    objective_value = 0.0
    best_objective_bound = math.inf

    def __init__(self, code: cp_model.CpSolverStatus) -> None:
        self.code = code

    def solve(self, model: cp_model.CpModel, callback: object) -> int:
        return int(self.code)


def test_a_step_the_lp_search_leaves_open_goes_on_with_the_fixed_search() -> None:
    """The LP search gets its slice and ends with nothing; the fixed search, for all the time
    left, proves that no plan beats the known one."""
    asked: list[tuple[float, bool]] = []

    def new_solver(seconds: float, fixed: bool) -> _Scripted:
        asked.append((seconds, fixed))
        return _Scripted(cp_model.INFEASIBLE if fixed else cp_model.UNKNOWN)

    scenario = _mentored_pair()
    result = relaxation.search(relaxation.model(scenario), new_solver, 5, known=-400)  # type: ignore[arg-type]
    assert result is not None and result.proven and result.units == -400
    (lp, lp_first), (rest, fixed) = asked
    assert lp == relaxation.LP_FIRST_SECONDS and not lp_first
    assert fixed and lp < rest <= 5  # the fixed search has the time left, not a slice
    # Without the serial order (a project to select) the LP search has the whole time.
    asked.clear()
    optional = _to_select(scenario)
    result = relaxation.search(relaxation.model(optional), new_solver, 5, known=-400)  # type: ignore[arg-type]
    assert result is None  # nothing proven: the LP search ended with nothing
    ((whole, lp_only),) = asked
    assert not lp_only and relaxation.LP_FIRST_SECONDS < whole <= 5


def _yann_away_first() -> Scenario:
    """Two phases that only xena can do, one after the other in either order (makespan 4
    weeks); one of them needs yann too, who is away the first two weeks. Without people (and
    their agendas) both orders are optimal; with them only the one that puts yann's phase
    second can be staffed."""
    return scenario_of(
        staff=[
            {"id": "xena", "skills": {"x": 1}},
            {
                "id": "yann",
                "skills": {"y": 1},
                "unavailable": [{"from": "2027-01-04", "to": "2027-01-17"}],
            },
        ],
        gpu_pools=[],
        projects=[
            project(
                "duo",
                phase("solo", 2, ("x", 1, 1), after=[]),
                phase("paired", 2, ("x", 1, 1), ("y", 1, 1), after=[]),
                priority="must",
            )
        ],
        objective=MAKESPAN,
    )


def _plan_with(relaxed: BuiltModel, first: str) -> tuple[Decisions, int]:
    """The relaxation's optimal plan that runs phase ``first`` of ``duo`` first."""
    model = relaxed.model.clone()
    starts = {item.phase: item.start for item in relaxed.variables.work_items()}
    model.add(starts[first] == 0)
    solver = _solver(10)
    assert solver.solve(model) == cp_model.OPTIMAL
    return decisions_from(relaxed.variables, solver.value), round(solver.objective_value)


def test_another_plan_at_the_optimum_is_none_of_the_plans_to_avoid() -> None:
    relaxed = relaxation.model(_yann_away_first())
    paired_first, units = _plan_with(relaxed, "paired")
    solo_first, same = _plan_with(relaxed, "solo")
    assert units == same == _optimum(relaxed)
    other = relaxation.other_plan(relaxed, units, [paired_first], _solver, 10)
    assert other is not None and other["duo"]["solo"].start == 0
    assert other["duo"]["paired"].start == 2
    assert relaxation.other_plan(relaxed, units, [paired_first, solo_first], _solver, 10) is None


def test_an_optimum_people_cannot_staff_gives_way_to_another_plan_at_it() -> None:
    """The relaxation's proven optimum comes with the plan yann cannot work on: people go on
    the other plan at the optimum, and the whole model has its optimal plan at once."""
    scenario = _yann_away_first()
    built, relaxed = build(scenario), relaxation.model(scenario)
    unstaffable, units = _plan_with(relaxed, "paired")
    options = solve_module.SolveOptions(time_limit=30, workers=2)
    now = solve_module.perf_counter()
    proven = relaxation.RelaxedBound(units, True, 0.0, unstaffable, units)
    staffed, tried = solve_module._staff_relaxation(
        built, relaxed, proven, options, now + 10, now + 30
    )
    assert staffed is not None and tried == 2
    plan = decisions_from(built.variables, staffed.value)
    assert plan["duo"]["paired"].start == 2 and plan["duo"]["paired"].staff
    assert round(staffed.objective_value) == units  # the relaxation's optimum, with people
    # Not proven, the plan is only the best one found: no other is looked for.
    unproven = relaxation.RelaxedBound(units, False, 0.0, unstaffable, units)
    alone = solve_module._staff_relaxation(built, relaxed, unproven, options, now + 10, now + 30)
    assert alone == (None, 1)


def test_the_search_takes_its_last_floor_out_of_the_model() -> None:
    """Told of an optimal plan, the search asks for better, finds none and proves it; the
    model it leaves has its optimum again, for a later search or plan at it."""
    relaxed = relaxation.model(_yann_away_first())
    units = _optimum(relaxed)
    result = relaxation.search(relaxed, _solver, 10, known=units)
    assert result is not None and result.proven and result.units == units
    assert _optimum(relaxed) == units


def _diamond(**fields: Any) -> Scenario:
    """A project whose phases fork and join (start, then two branches of unequal length, then
    the end), each phase needing x or y, the three cross-trained people for all of them."""
    phases = [
        phase("start", 1, ("x", 1, 2), after=[]),
        phase("long", 3, ("x", 1, 1), after=["start"]),
        phase("short", 1, ("y", 1, 2), after=["start"]),
        phase("short2", 2, ("x", 1, 1), ("y", 1, 1), after=["short"]),
        phase("end", 2, ("y", 1, 1), after=["long", "short2"]),
    ]
    return scenario_of(
        staff=CROSS_TRAINED,
        gpu_pools=[],
        projects=[project("diamond", *phases, **{"priority": "must", **fields})],
        objective=MAKESPAN,
    )


def test_the_mirror_turns_every_precedence_around() -> None:
    scenario = _diamond()
    mirrored = mirror.mirror(scenario)
    assert mirrored is not None
    (turned,) = mirrored.projects
    after = {p.id: sorted(p.after or []) for p in turned.phases}
    assert after == {
        "start": ["long", "short"],
        "long": ["end"],
        "short": ["short2"],
        "short2": ["end"],
        "end": [],
    }
    assert scenario.projects[0].phases[1].after == ["start"]  # the scenario is as it was


@pytest.mark.parametrize(
    "change",
    [
        {"project": {"release": "2027-02-01"}},
        {"project": {"deadline": "2027-04-05"}},
        {"project": {"priority": "should"}},
        {"objective": {**MAKESPAN, "value": 1}},
        {"objective": {**MAKESPAN, "makespan": 0}},
        {"policies": {"max_concurrent_large": 1}},
        {"unavailable": [{"from": "2027-01-04", "to": "2027-01-10"}]},
    ],
    ids=["release", "deadline", "to-select", "value", "no-makespan", "policy", "away"],
)
def test_no_mirror_where_dates_matter(change: dict[str, Any]) -> None:
    """Anything that reads the date (or a choice of projects) makes the mirror another
    problem: it is not made."""
    base = _diamond(**change.get("project", {}))
    staff = [dict(person) for person in CROSS_TRAINED]
    if "unavailable" in change:
        staff[0]["unavailable"] = change["unavailable"]
    scenario = scenario_of(
        staff=staff,
        gpu_pools=[],
        projects=[p.model_dump(by_alias=True, exclude_none=True) for p in base.projects],
        objective=change.get("objective", MAKESPAN),
        policies=change.get("policies", {}),
    )
    assert mirror.mirror(scenario) is None
    assert relaxation.mirrored_model(scenario) is None


def test_a_plan_of_the_mirror_turned_back_is_a_plan_of_the_same_makespan() -> None:
    """The two relaxations have the same optimum, and the mirror's optimal plan, read
    backwards, keeps every precedence of the scenario and its makespan."""
    scenario = _diamond()
    relaxed = relaxation.model(scenario)
    mirrored = relaxation.mirrored_model(scenario)
    assert mirrored is not None
    optimum = _optimum(relaxed)
    solver = _solver(20)
    assert solver.solve(mirrored.model) == cp_model.OPTIMAL
    assert round(solver.objective_value) == optimum
    plan = mirror.turned_back(decisions_from(mirrored.variables, solver.value), relaxed)
    (graph,) = scenario.projects
    starts = {phase: d.start for phase, d in plan["diamond"].items()}
    durations = {p.id: p.duration for p in graph.phases}
    for index, p in enumerate(graph.phases):
        for before in graph.predecessors(index):
            first = graph.phases[before].id
            assert starts[p.id] >= starts[first] + durations[first]
    assert min(starts.values()) == 0
    assert max(starts[p] + durations[p] for p in starts) * -OBJECTIVE_SCALE == optimum


def test_the_fixed_search_runs_on_the_mirror_and_its_plan_comes_back_turned() -> None:
    """With a mirror, the LP search still runs on the scenario's relaxation and the fixed
    search on the mirror; the plan the fixed search finds is returned in the scenario's own
    time, and its proof holds for both."""
    scenario = _diamond()
    relaxed = relaxation.model(scenario)
    mirrored = relaxation.mirrored_model(scenario)
    assert mirrored is not None
    solved_models: list[cp_model.CpModel] = []

    def new_solver(seconds: float, fixed: bool) -> cp_model.CpSolver:
        solver = _solver(seconds, fixed)
        solver.parameters.stop_after_presolve = not fixed  # the LP search finds nothing
        original = solver.solve

        def solve(model: cp_model.CpModel, callback: Any = None) -> Any:
            solved_models.append(model)
            return original(model, callback)

        solver.solve = solve  # type: ignore[method-assign]
        return solver

    result = relaxation.search(relaxed, new_solver, 10, mirrored=mirrored)
    assert result is not None and result.proven and result.plan is not None
    assert result.units == _optimum(relaxed)
    assert mirrored.model in solved_models and solved_models[0] is relaxed.model
    plan = result.plan["diamond"]
    assert plan["start"].start == 0 and plan["end"].start >= plan["long"].start + 3


def test_a_stalled_search_may_be_given_more_time() -> None:
    """When the LP search finds nothing better, ``stalled`` hears of the best plan (None: the
    known one) and its objective, and the fixed search gets the deadline it gives, or keeps
    its own."""
    asked: list[tuple[float, bool]] = []
    told: list[tuple[Decisions | None, int]] = []

    def new_solver(seconds: float, fixed: bool) -> _Scripted:
        asked.append((seconds, fixed))
        return _Scripted(cp_model.INFEASIBLE if fixed else cp_model.UNKNOWN)

    def later(plan: Decisions | None, units: int) -> float:
        told.append((plan, units))
        return solve_module.perf_counter() + 60

    relaxed = relaxation.model(_mentored_pair())
    result = relaxation.search(relaxed, new_solver, 5, known=-400, stalled=later)  # type: ignore[arg-type]
    assert result is not None and result.proven and result.units == -400
    assert told == [(None, -400)]
    assert asked[-1][1] and 5 < asked[-1][0] <= 60  # past the search's own 5 s
    asked.clear()
    result = relaxation.search(relaxed, new_solver, 5, known=-400, stalled=lambda p, u: None)  # type: ignore[arg-type]
    assert result is not None and result.proven
    assert asked[-1][1] and asked[-1][0] <= 5


def test_the_serial_order_puts_the_most_work_first_among_equal_starts() -> None:
    relaxed = relaxation.model(_diamond())
    (strategy,) = relaxed.model.proto.search_strategy
    work = {
        item.start.index: item.duration * sum(r.count for r in item.requires)
        for item in relaxed.variables.work_items()
    }
    order = [work[expression.vars[0]] for expression in strategy.exprs]
    assert order == sorted(order, reverse=True)


def _xy_trio() -> Scenario:
    """Three phases that each need an x and a y, three people: one phase at a time, makespan 6
    with people or without."""
    trio = project(
        "trio",
        *[phase(f"p{i}", 2, ("x", 1, 1), ("y", 1, 1), after=[]) for i in range(3)],
        priority="must",
    )
    return scenario_of(staff=CROSS_TRAINED, gpu_pools=[], projects=[trio], objective=MAKESPAN)


def test_a_proof_is_all_that_is_missing_so_the_relaxation_gets_the_time() -> None:
    """The relaxation's search stalls on a plan that people can staff at its objective: no
    plan of the whole can beat it unless the relaxation finds one, so the staffed plan is the
    whole model's hint and the relaxation's search may go on past its own share of the time,
    short of the time limit (the whole search keeps a reserve to end on its hint)."""
    scenario = _xy_trio()
    result = relaxation.search(relaxation.model(scenario), _solver, 20)
    assert result is not None and result.proven and result.plan is not None
    built = build(scenario)
    options = SolveOptions(time_limit=10, workers=2)
    reporter = Reporter(perf_counter(), None)
    info = SolverInfo()
    stalled = solve_module._ProofTime(built, options, reporter, info)
    deadline = stalled(result.plan, result.units)
    share = solve_module.RELAXATION_SHARE * options.time_limit
    assert deadline is not None
    assert reporter.started + share < deadline < reporter.started + options.time_limit
    assert stalled.hinted is result.plan and info.debug.get("first_plan") == "relaxation"
    assert built.model.proto.solution_hint.vars
    assert reporter.objective == result.units / OBJECTIVE_SCALE
    # Without a plan of its own the best is the plan known: the same time for the proof.
    assert stalled(None, result.units) == deadline


def test_a_relaxation_plan_people_cannot_staff_gets_no_more_time() -> None:
    """The relaxation's plan that puts yann's phase first cannot be staffed: the search keeps
    its own time and the whole model no hint."""
    scenario = _yann_away_first()
    unstaffable, units = _plan_with(relaxation.model(scenario), "paired")
    built = build(scenario)
    reporter = Reporter(perf_counter(), None)
    info = SolverInfo()
    options = SolveOptions(time_limit=10, workers=2)
    stalled = solve_module._ProofTime(built, options, reporter, info)
    assert stalled(unstaffable, units) is None
    assert stalled.hinted is None and not built.model.proto.solution_hint.vars
    assert reporter.objective is None and "first_plan" not in info.debug


def test_cp_sat_own_first_plan_is_the_hint_when_it_beats_the_greedy_plan() -> None:
    scenario = _two_jobs_on_one_gpu()
    assert greedy_plan(scenario).kpis.makespan == 16
    plan = solved(scenario, time_limit=5)
    assert plan.solver is not None and plan.solver.debug.get("first_plan") == "cp-sat"
    assert plan.kpis.makespan == 11 and plan.status == "optimal"


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
    handover = solve_module._Handover(solver, reporter)  # type: ignore[arg-type]
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


def _handed_over(
    built: BuiltModel, at_least: int, stalled: bool
) -> tuple[cp_model.CpSolver, Any, Any]:
    """A full search's solver that ended on a plan of makespan ``at_least`` or more, its
    outcome (feasible, bound 0) and a handover that ``stalled`` or not."""
    worse = built.model.clone()
    worse.add(built.variables.makespan() >= at_least)
    full = solve_module._solver(SolveOptions(workers=2), 10, built)
    assert full.solve(worse) == cp_model.OPTIMAL
    objective = full.objective_value / OBJECTIVE_SCALE
    outcome = solve_module._Outcome("feasible", objective, 0.0, full.value)
    handover = solve_module._Handover(full, Reporter(0.0, None))
    handover.handed_over, handover.stalled = True, stalled
    return full, handover, outcome


def test_restarts_after_a_stalled_search_bring_the_better_plan_proven() -> None:
    """The full search ended on the greedy plan's makespan (16) and never bettered it: restarts
    find the optimum (11) and prove it, and the outcome is that plan, optimal."""
    scenario = _two_jobs_on_one_gpu()
    built = build(scenario)
    full, handover, outcome = _handed_over(built, 16, stalled=True)
    options = SolveOptions(time_limit=2, workers=2, seed=0)
    info = SolverInfo()
    reporter = Reporter(perf_counter(), None)
    after = solve_module._after_handover(
        built, options, reporter, info, full, handover, outcome, None, None
    )
    assert info.debug.get("tail") == "restarts"
    assert after.status == "optimal" and after.bound == after.objective > outcome.objective
    plan = assemble(
        scenario,
        decisions_from(built.variables, after.value),
        "optimal",
        SolverInfo(),
        objective=after.objective,
        bound=after.bound,
        solve_seconds=0.0,
    )
    assert not check(scenario, plan) and plan.kpis.makespan == 11


def test_a_stalled_search_with_an_unproven_relaxation_gets_its_proof() -> None:
    """The full search ended on the optimum without proving it; the relaxation, left with a
    worse plan, goes on and proves that no plan beats the full search's: optimal, same plan."""
    scenario = scenario_of(
        staff=CROSS_TRAINED, gpu_pools=[], projects=[_x_trio()], objective=MAKESPAN
    )
    built = build(scenario)
    full, handover, outcome = _handed_over(built, 0, stalled=True)
    relaxed = relaxation.model(scenario)
    worse = round(outcome.objective * OBJECTIVE_SCALE) - 2 * OBJECTIVE_SCALE
    options = SolveOptions(time_limit=5, workers=2)
    info = SolverInfo()
    reporter = Reporter(perf_counter(), None)
    unproven = solve_module._Unproven(relaxed, worse)
    after = solve_module._after_handover(
        built, options, reporter, info, full, handover, outcome, unproven, None
    )
    assert info.debug.get("tail") == "relaxation"
    assert info.debug.get("relaxation_bound") == outcome.objective
    assert after.status == "optimal" and after.objective == after.bound == outcome.objective
    assert after.value == outcome.value  # the full search's own plan


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
    assert not solve_module._solver(
        SolveOptions(workers=2), 1, weighted
    ).parameters.push_all_tasks_toward_start
    earlier = {"value": 1, "lateness": 1, "cost": 0, "makespan": 1}
    objective = portfolio.objective.model_copy(update=earlier)
    regular = build(portfolio.model_copy(update={"objective": objective}))
    assert set(regular.objective.terms) == {"value", "lateness", "makespan"}
    assert solve_module.toward_start(regular)
    assert solve_module._solver(
        SolveOptions(workers=4), 1, regular
    ).parameters.push_all_tasks_toward_start


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
    full = solve_module._solver(SolveOptions(time_limit=10, workers=2), 5, built)
    assert full.solve(worse) == solve_module.cp_model.OPTIMAL
    targets: list[bool] = []
    limits: list[float] = []

    real_solver = solve_module._solver

    def one_way(options: SolveOptions, seconds: float, target: Any, fixed: bool = False) -> Any:
        solver = real_solver(options, seconds, target, fixed)
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


def test_neighbourhoods_after_a_handover_bring_a_better_checked_plan() -> None:
    """A full search handed over far from the optimum (makespan 12 or more, optimum 9), not
    stalled: neighbourhood search from its plan brings a better one, which the checker
    passes; optimal only with its bound at its objective."""
    scenario = _gpu_fork()
    built = build(scenario)
    full, handover, outcome = _handed_over(built, 12, stalled=False)
    options = SolveOptions(time_limit=2, workers=2, seed=0)
    info = SolverInfo()
    reporter = Reporter(perf_counter(), None)
    after = solve_module._after_handover(
        built, options, reporter, info, full, handover, outcome, None, None
    )
    assert info.debug.get("tail") == "neighbourhoods"
    assert after.objective > outcome.objective
    assert after.status == "feasible" or after.bound == after.objective
    decisions = decisions_from(built.variables, after.value)
    plan = assemble(
        scenario,
        decisions,
        after.status,
        SolverInfo(),
        objective=after.objective,
        bound=after.bound,
        solve_seconds=0.0,
    )
    assert not check(scenario, plan) and plan.kpis.makespan < 12


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
        solver = solve_module._solver(SolveOptions(workers=2), 10, built)
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
