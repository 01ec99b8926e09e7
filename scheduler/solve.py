"""Solve a scenario: the greedy plans, the portfolio's certified bound, then a search.

1. Greedy plans, in priority order and in two orders the relaxation prefers (by expected
   go-live; by how often it ran a project); the best is the first plan, reported at once,
   and the search's warm start.
2. The bound (scheduler/bound.py), certified: no plan can beat it. The relaxation's choices
   order the other greedy plans and guide the neighbourhoods.
3. The search, by strategy: "full", one CP-SAT model of the whole portfolio (small ones);
   "lns", neighbourhoods of a few projects re-planned at a time (large ones); "makespan",
   the proving search of scheduler/makespan.py for makespan-only instances.
"""

from __future__ import annotations

from time import perf_counter

from ortools.sat.python import cp_model

from zenplan.constraints.context import OBJECTIVE_SCALE
from zenplan.models import Scenario, Schedule
from zenplan.models.decisions import Decisions
from zenplan.models.schedule import SolverInfo
from zenplan.scheduler import greedy, lns, makespan, presets
from zenplan.scheduler.assemble import assemble
from zenplan.scheduler.bound import PortfolioBound, portfolio_bound
from zenplan.scheduler.build import BuiltModel, build
from zenplan.scheduler.check import check
from zenplan.scheduler.decode import decisions_from, hint
from zenplan.scheduler.explain import explain
from zenplan.scheduler.options import SolveOptions, Strategy
from zenplan.scheduler.progress import STATUS, Progress, ProgressCallback, Reporter

__all__ = ["Progress", "ProgressCallback", "Reporter", "run_model", "solve"]

# Above this many projects the whole model is left for neighbourhoods of a few projects.
LNS_MIN_PROJECTS = 40
# The bound's share of the time limit, and its most seconds.
BOUND_SHARE = 0.15
BOUND_SECONDS = 10.0


def solve(
    scenario: Scenario,
    options: SolveOptions | None = None,
    on_progress: ProgressCallback | None = None,
    start: Schedule | None = None,
) -> Schedule:
    """The best schedule found within the options' limits, with a certified bound. An
    infeasible scenario is a result (status ``infeasible`` with an explanation). ``start``,
    a plan of a similar scenario (a what-if's baseline), is the first plan when it keeps
    every rule here and earns more than the greedy plans."""
    options = options or SolveOptions()
    reporter = Reporter(perf_counter(), on_progress)
    first, bound = _first_plan(scenario, options, reporter)
    info = SolverInfo(
        engine="cp-sat",
        strategy=strategy_for(scenario, options),
        preset=options.preset,
        time_limit=options.time_limit,
        workers=options.workers,
        seed=options.seed,
        relative_gap=options.relative_gap,
        deterministic=options.deterministic,
        greedy_objective=first.objective,
    )
    if bound is not None:
        info.debug["relaxation_steps"] = bound.steps
        info.debug["relaxation_seconds"] = round(bound.seconds, 3)
    if start is not None:
        first = _better_start(scenario, first, start, reporter)
    # A greedy plan that breaks a rule (a mandatory project past its hard deadline) is no
    # start for neighbourhoods: the whole model is solved instead.
    valid = not check(scenario, first)
    if info.strategy == "makespan":
        schedule = makespan.solve(scenario, options, first, valid, reporter, info)
    elif info.strategy == "lns" and valid:
        start_decisions = greedy.decisions_of(scenario, first)
        schedule = by_neighbourhoods(scenario, options, start_decisions, bound, reporter, info)
    else:
        info.strategy = "full"
        built = build(scenario)
        hint(built.variables, greedy.decisions_of(scenario, first))
        schedule = run_model(scenario, built, options, reporter, info, first if valid else None)
    return with_bound(schedule, reporter)


def _first_plan(
    scenario: Scenario, options: SolveOptions, reporter: Reporter
) -> tuple[Schedule, PortfolioBound | None]:
    """The best greedy plan (priority order, the relaxation's orders) and the bound."""
    plan = greedy.plan(scenario, explained=False)

    def tightened(value: float) -> None:
        # The greedy plan is reported with the relaxation's first bound, then each better one.
        if reporter.solutions == 0:
            reporter.tighten(value)
            reporter.found(plan.objective)
        else:
            reporter.on_bound(value * OBJECTIVE_SCALE)

    bound = portfolio_bound(
        scenario, bound_seconds(options), plan.objective, options.deterministic, tightened
    )
    if reporter.solutions == 0:
        reporter.found(plan.objective)
    if bound is None:
        return plan, None
    orders = (
        bound.order(scenario.scheduled_projects()),
        bound.by_selection(greedy.priority_order(scenario)),
    )
    for order in orders:
        guided = greedy.plan(scenario, order, explained=False)
        if guided.objective > plan.objective and not check(scenario, guided):
            plan = guided
            reporter.found(plan.objective)
    return plan, bound


def _better_start(
    scenario: Scenario, first: Schedule, start: Schedule, reporter: Reporter
) -> Schedule:
    """``start`` re-evaluated in this scenario, when it is valid here and beats ``first``."""
    known = {p.id for p in scenario.scheduled_projects()}
    if any(p.id not in known for p in start.selected()) or check(scenario, start):
        return first
    plan = assemble(
        scenario, greedy.decisions_of(scenario, start), "feasible", SolverInfo(), explained=False
    )
    if plan.objective < first.objective:
        return first
    reporter.found(plan.objective)
    return plan


def bound_seconds(options: SolveOptions) -> float:
    return min(BOUND_SECONDS, BOUND_SHARE * options.time_limit)


def strategy_for(scenario: Scenario, options: SolveOptions) -> Strategy:
    """The options' strategy, or by the portfolio's size when it is auto."""
    if options.strategy != "auto":
        return options.strategy
    large = len(scenario.scheduled_projects()) > LNS_MIN_PROJECTS
    return "lns" if large else "full"


def by_neighbourhoods(
    scenario: Scenario,
    options: SolveOptions,
    first: Decisions,
    bound: PortfolioBound | None,
    reporter: Reporter,
    info: SolverInfo,
    frame: lns.Frame | None = None,
    explained: bool = True,
) -> Schedule:
    """The plan ``first`` improved by neighbourhoods (within a replan's ``frame``) for the
    time left, decoded (with reasons when ``explained``)."""
    started = reporter.started
    if reporter.first_solution is not None:
        info.first_solution_seconds = round(reporter.first_solution, 3)
    state = lns.improve(
        scenario,
        first,
        until=started + options.time_limit,
        options=options,
        guide=bound,
        on_improve=lambda _decisions, objective: reporter.found(objective),
        budget=options.time_limit - bound_seconds(options),
        frame=frame,
    )
    info.debug["steps"] = state.steps
    if reporter.bound is not None:  # the only bound of this search: the relaxation's
        info.bound_source = "relaxation"
    objective = state.units / OBJECTIVE_SCALE
    return assemble(
        scenario,
        state.incumbent,
        "feasible",
        info,
        objective=objective,
        bound=reporter.bound if reporter.bound is not None else objective,
        solve_seconds=perf_counter() - started,
        explained=explained,
    )


def run_model(
    scenario: Scenario,
    built: BuiltModel,
    options: SolveOptions,
    reporter: Reporter,
    info: SolverInfo,
    fallback: Schedule | None = None,
    explained: bool = True,
) -> Schedule:
    """Run CP-SAT on a built (and hinted) model for the time left and decode its plan (with
    reasons when ``explained``); ``fallback``, a valid plan, is the answer when CP-SAT finds
    none in time."""
    started = reporter.started
    # Deterministic: the whole limit in deterministic time, whatever the first steps took.
    left = options.time_limit
    if not options.deterministic:
        left -= perf_counter() - started
    solver = presets.solver(
        options.preset,
        left,
        options.workers,
        options.seed,
        options.relative_gap,
        options.deterministic,
    )
    solver.best_bound_callback = reporter.on_bound
    code = solver.solve(built.model, reporter)
    if code == cp_model.MODEL_INVALID:
        raise RuntimeError(f"internal error, invalid CP-SAT model: {built.model.validate()}")
    status = STATUS[code]
    if reporter.first_solution is not None:
        info.first_solution_seconds = round(reporter.first_solution, 3)
    seconds = perf_counter() - started
    if status in ("optimal", "feasible"):
        if status == "optimal":
            info.bound_source = "cp-sat"
        return assemble(
            scenario,
            decisions_from(built.variables, solver.value),
            status,
            info,
            objective=solver.objective_value / OBJECTIVE_SCALE,
            bound=solver.best_objective_bound / OBJECTIVE_SCALE,
            solve_seconds=seconds,
            explained=explained,
        )
    if status == "unknown" and fallback is not None:
        decisions = greedy.decisions_of(scenario, fallback)
        schedule = assemble(
            scenario, decisions, "feasible", info, solve_seconds=seconds, explained=explained
        )
        schedule.explanation = (
            f"CP-SAT found no plan in {options.time_limit:g} s; this is the greedy plan"
        )
        return schedule
    schedule = Schedule(
        scenario=scenario.name,
        status=status,
        solve_seconds=round(seconds, 3),
        solver=info,
        projects=[],
    )
    if status == "infeasible":
        variables = built.variables
        schedule.explanation = explain(
            scenario, frozen=variables.frozen, not_before=variables.not_before
        )
    else:
        schedule.explanation = f"no plan found in {options.time_limit:g} s; allow more time"
    return schedule


def with_bound(schedule: Schedule, reporter: Reporter) -> Schedule:
    """The schedule with the tightest bound seen during the solve (the relaxation's, CP-SAT's
    own, a proof of optimality): the bound reported at the end is never weaker."""
    if schedule.status not in ("optimal", "feasible"):
        return schedule
    if schedule.status == "optimal":
        schedule.bound = schedule.objective
        return schedule
    seen = reporter.bound
    if seen is not None and (schedule.bound <= schedule.objective or seen < schedule.bound):
        schedule.bound = seen
        if schedule.solver is not None and schedule.solver.bound_source is None:
            schedule.solver.bound_source = "relaxation"
    schedule.bound = max(schedule.bound, schedule.objective)
    return schedule
