"""The search for makespan-only instances (the published benchmark sets): a long search that
also proves its plans.

Chosen with ``SolveOptions(strategy="makespan")`` (the benchmark adapters do). Its parts
only pay off where every project is mandatory and the objective is a makespan: CP-SAT's own
unhinted first plan; the model without people searched for a bound and a plan; after a
share of the time, neighbourhood search from the best plan, taking turns with the mirrored
scenario, with ties broken by earlier work; restarts when the search stalls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter

from ortools.sat.python import cp_model

from zenplan.constraints.context import OBJECTIVE_SCALE
from zenplan.models import Scenario, Schedule
from zenplan.models.decisions import Decisions
from zenplan.models.schedule import SolverInfo, SolveStatus
from zenplan.scheduler import greedy, mirror, presets, relaxation
from zenplan.scheduler.assemble import assemble
from zenplan.scheduler.build import BuiltModel, build
from zenplan.scheduler.decode import decisions_from, hint
from zenplan.scheduler.explain import explain
from zenplan.scheduler.options import SolveOptions
from zenplan.scheduler.progress import STATUS, Progress, Reporter

# CP-SAT's unhinted first-plan search gets this share of the time limit, at most so long.
FIRST_PLAN_SHARE = 0.2
FIRST_PLAN_SECONDS = 10.0
# After this share of the time left, a full search whose plan is still further than
# TAIL_MIN_GAP from its bound hands over to neighbourhood search only; a closer one goes on
# to prove its plan.
FULL_SEARCH_SHARE = 1 / 3
TAIL_MIN_GAP = 0.05
MIN_TAIL_SECONDS = 2.0
# A restart from scratch (when the full search never bettered its hint) needs this long left.
MIN_RESTART_SECONDS = 0.5
MAX_LP_WORK_ITEMS = 1000
# With a mirror, the neighbourhood tail takes turns between the two directions in so many
# slices, each at least so long, and leaves the time for the model's own plan of the last.
TAIL_SLICES = 4
MIN_SLICE_SECONDS = 0.3
TAIL_RESERVE_SECONDS = 0.3
MIRROR_TAIL_MAX_WORK_ITEMS = 60
# Deterministic time each neighbourhood of those slices may take (CP-SAT's default 0.1):
# shorter steps try more neighbourhoods in the same time.
MIRROR_TAIL_LNS_LIMIT = 0.02
# The search of the model without people (scheduler/relaxation.py) gets this share of the time
# limit, at most so long, and stops sooner when it proves its optimum: its proofs need
# seconds in one piece, while the whole model keeps most of the time.
RELAXATION_SHARE = 0.4
RELAXATION_SECONDS = 12.0
# Staffing the relaxation's plan (its starts fixed) gets at most so long.
STAFFING_SECONDS = 2.0
# When the relaxation's search is given the time for its proof in one piece, the whole
# model's search keeps this share of the time limit to end on its hinted plan.
PROOF_RESERVE_SHARE = 0.05


def solve(
    scenario: Scenario,
    options: SolveOptions,
    baseline: Schedule,
    valid: bool,
    reporter: Reporter,
    info: SolverInfo,
) -> Schedule:
    """One CP-SAT model of the whole portfolio; the better of the greedy plan and CP-SAT's own
    first plan is the hint, and the greedy plan the answer when CP-SAT finds nothing in time
    and the plan is ``valid``."""
    if valid:
        reporter.found(baseline.objective)
    building = perf_counter()
    built = build(scenario)
    info.debug["build_seconds"] = round(perf_counter() - building, 3)
    own = _own_first_plan(built, options, reporter, baseline.objective if valid else None)
    if own is None:
        hint(built.variables, greedy.decisions_of(scenario, baseline))
        info.debug["first_plan"] = "greedy"
    else:
        _hint_solution(built.model, own)
        info.debug["first_plan"] = "cp-sat"
    unproven = _bound_by_relaxation(scenario, built, options, reporter, info)
    fallback = baseline if valid else None
    return solve_built(
        scenario,
        built,
        options,
        reporter,
        info,
        fallback,
        lns_tail=True,
        relaxed=unproven,
        mirrored=_tail_mirror(scenario, built),
    )


def _tail_mirror(scenario: Scenario, built: BuiltModel) -> Scenario | None:
    """The mirror the neighbourhood tail takes turns with, where it helps: people no choice
    and at most ``MIRROR_TAIL_MAX_WORK_ITEMS`` phases (larger models did worse with it)."""
    if (
        relaxation.worth_it(scenario)
        or len(built.variables.work_items()) > MIRROR_TAIL_MAX_WORK_ITEMS
    ):
        return None
    return mirror.mirror(scenario)


def _own_first_plan(
    built: BuiltModel, options: SolveOptions, reporter: Reporter, greedy_objective: float | None
) -> cp_model.CpSolver | None:
    """CP-SAT's own plan, searched for briefly without a hint, when it beats the greedy plan.

    CP-SAT's unhinted first-plan search is a strong scheduling heuristic, and a hint would
    steer the whole search to the greedy plan's neighbourhood, so CP-SAT first searches
    briefly on its own (``FIRST_PLAN_SHARE`` of the time limit, at most
    ``FIRST_PLAN_SECONDS``), stopped as soon as it beats the greedy plan; the better plan
    becomes the hint.
    """
    seconds = min(FIRST_PLAN_SECONDS, FIRST_PLAN_SHARE * options.time_limit)
    left = options.time_limit - (perf_counter() - reporter.started)
    if seconds < 0.1 or left < 2 * seconds:
        return None
    solver = _solver(options, seconds, built)

    class Race(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            objective = self.objective_value / OBJECTIVE_SCALE
            if greedy_objective is None or objective > greedy_objective:
                reporter.tighten(self.best_objective_bound / OBJECTIVE_SCALE)
                reporter.found(objective)
                self.stop_search()

    solver.best_bound_callback = reporter.on_bound
    code = solver.solve(built.model, Race())
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    objective = solver.objective_value / OBJECTIVE_SCALE
    if greedy_objective is not None and objective <= greedy_objective:
        return None
    return solver


def _bound_by_relaxation(
    scenario: Scenario,
    built: BuiltModel,
    options: SolveOptions,
    reporter: Reporter,
    info: SolverInfo,
) -> _Unproven | None:
    """When people are a choice, search the model without them briefly and cap the whole
    model's objective at the bound it proves: the whole search then stops as soon as its plan
    reaches that bound, proven optimal, instead of searching assignments for a proof.

    Returns the relaxation and where its search stopped when it did not prove its optimum, so
    that the tail can go on with it (see ``solve_built``)."""
    seconds = min(RELAXATION_SECONDS, RELAXATION_SHARE * options.time_limit)
    left = options.time_limit - (perf_counter() - reporter.started)
    if seconds < 0.1 or left < 2 * seconds or not relaxation.worth_it(scenario):
        return None
    relaxed = relaxation.model(scenario)
    mirrored = relaxation.mirrored_model(scenario)
    known = None if reporter.objective is None else round(reporter.objective * OBJECTIVE_SCALE)
    deadline = reporter.started + options.time_limit
    stalled = _ProofTime(built, options, reporter, info)
    result = _search_relaxation(relaxed, options, seconds, known, mirrored, stalled)
    if result is None:
        return None if known is None else _Unproven(relaxed, known, mirrored)
    info.debug["relaxation_seconds"] = round(result.seconds, 3)
    info.debug["relaxation_bound"] = result.units / OBJECTIVE_SCALE
    built.model.add(built.objective.total() <= result.units)
    reporter.on_bound(result.units)
    unproven = None
    if not result.proven and result.best is not None:
        unproven = _Unproven(relaxed, result.best, mirrored)
    if result.plan is not None and result.plan is not stalled.hinted:
        # the rest of the relaxation's time, for other plans when people cannot staff its own
        until = perf_counter() + seconds - result.seconds
        staffed, info.debug["relaxation_plans"] = _staff_relaxation(
            built, relaxed, result, options, until, deadline
        )
        if staffed is None:
            return unproven
        objective = staffed.objective_value / OBJECTIVE_SCALE
        # With people on it the plan may cost more than the plan known: then it is no hint.
        if reporter.objective is None or objective > reporter.objective:
            _hint_solution(built.model, staffed)
            reporter.found(objective)
            info.debug["first_plan"] = "relaxation"
    return unproven


class _ProofTime:
    """The relaxation's search hook (``relaxation.Stalled``) for when its search found no
    better plan at once. When the whole model has a plan as good as the relaxation's best,
    only the proof is missing and no plan of the whole can be better unless the relaxation
    finds one first: its search gets the time, all but the whole search's reserve
    (``PROOF_RESERVE_SHARE``), in one piece, since a proof needs it so. The relaxation's own
    plan (``hinted``) is staffed and made the whole model's hint; without a plan of its own
    the best is the plan known."""

    def __init__(
        self, built: BuiltModel, options: SolveOptions, reporter: Reporter, info: SolverInfo
    ) -> None:
        self.built = built
        self.options = options
        self.reporter = reporter
        self.info = info
        self.deadline = reporter.started + options.time_limit
        self.hinted: Decisions | None = None  # the relaxation's plan staffed and hinted

    def __call__(self, plan: Decisions | None, units: int) -> float | None:
        if plan is not None:
            built = self.built
            staffed = _staffed(built, plan, self.options, _staffing_seconds(self.deadline))
            if staffed is None or round(staffed.objective_value) < units:
                return None
            _hint_solution(built.model, staffed)
            self.reporter.found(staffed.objective_value / OBJECTIVE_SCALE)
            self.info.debug["first_plan"] = "relaxation"
            self.hinted = plan
        return self.deadline - PROOF_RESERVE_SHARE * self.options.time_limit


@dataclass(frozen=True)
class _Unproven:
    """A relaxation whose search stopped before it proved its optimum; ``best`` is the
    objective (units) of a plan of it that is known to exist."""

    relaxed: BuiltModel
    best: int
    mirrored: BuiltModel | None = None


def _go_on_with_relaxation(
    unproven: _Unproven, options: SolveOptions, reporter: Reporter, objective: float, seconds: float
) -> int | None:
    """Search the relaxation on for ``seconds`` from the better of its best plan and the whole
    model's ``objective`` (a plan of the whole is one of the relaxation); the bound it proves
    (units), or None."""
    relaxed = unproven.relaxed
    known = max(unproven.best, round(objective * OBJECTIVE_SCALE))
    result = _search_relaxation(relaxed, options, seconds, known, unproven.mirrored)
    if result is None:
        return None
    reporter.on_bound(result.units)
    return result.units


def _search_relaxation(
    relaxed: BuiltModel,
    options: SolveOptions,
    seconds: float,
    known: int | None,
    mirrored: BuiltModel | None = None,
    stalled: relaxation.Stalled | None = None,
) -> relaxation.RelaxedBound | None:
    """The relaxation's floor search with the options' solver parameters."""
    new_solver = _new_solver(options, relaxed)
    return relaxation.search(relaxed, new_solver, seconds, known, mirrored, stalled)


def _new_solver(options: SolveOptions, relaxed: BuiltModel) -> relaxation.NewSolver:
    """The relaxation's solvers, with the options' parameters."""
    return lambda limit, fixed: _solver(options, limit, relaxed, fixed)


def _staffing_seconds(deadline: float) -> float:
    """How long staffing one plan may take: ``STAFFING_SECONDS``, at most a quarter of the
    time left before ``deadline``."""
    return min(STAFFING_SECONDS, (deadline - perf_counter()) / 4)


def _staff_relaxation(
    built: BuiltModel,
    relaxed: BuiltModel,
    result: relaxation.RelaxedBound,
    options: SolveOptions,
    until: float,
    deadline: float,
) -> tuple[cp_model.CpSolver | None, int]:
    """People on the relaxation's plan (``result.plan``, not None); when that plan is of a
    proven optimum and people cannot staff it, on other plans at the optimum, searched for
    until ``until`` (a ``perf_counter`` time): the staffed solver, or None, and how many plans
    were tried. Each staffing may take ``STAFFING_SECONDS``, at most a quarter of the time
    left before ``deadline``.

    The relaxation's plans at its optimum differ in whether people fit them: when the first
    cannot be staffed, another plan at the same optimum often can, and then the whole model
    has a plan at its bound, proven optimal."""
    assert result.plan is not None
    tried = [result.plan]
    staffed = _staffed(built, result.plan, options, _staffing_seconds(deadline))
    new_solver = _new_solver(options, relaxed)
    while staffed is None and result.proven and perf_counter() < until:
        plan = relaxation.other_plan(
            relaxed, result.units, tried, new_solver, until - perf_counter()
        )
        if plan is None:
            break
        tried.append(plan)
        staffed = _staffed(built, plan, options, _staffing_seconds(deadline))
    return staffed, len(tried)


def _staffed(
    built: BuiltModel, plan: Decisions, options: SolveOptions, seconds: float
) -> cp_model.CpSolver | None:
    """The relaxation's plan with people on it, when people fit it: the whole model with the
    plan's projects and starts fixed, searched for ``seconds`` at most."""
    model = built.model.clone()
    for item in built.variables.work_items():
        decision = plan.get(item.project, {}).get(item.phase)
        model.add(item.present == (decision is not None))
        if decision is not None:
            model.add(item.start == decision.start)
    solver = _solver(options, seconds, built)
    code = solver.solve(model)
    return solver if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


class _Handover:
    """Stops a full search at a set time when its plan is still far from its bound, so that
    the neighbourhood tail can take over (a timer thread; CP-SAT's stop is thread-safe)."""

    def __init__(self, solver: cp_model.CpSolver, reporter: Reporter) -> None:
        self.solver = solver
        self.reporter = reporter
        self.solutions_before = reporter.solutions
        self.objective_before = reporter.objective
        self.handed_over = False
        # the full search never bettered the plan it was hinted with: a plateau
        self.stalled = False
        self.timer: threading.Timer | None = None

    def arm(self, seconds: float) -> None:
        self.timer = threading.Timer(seconds, self._look)
        self.timer.daemon = True
        self.timer.start()

    def disarm(self) -> None:
        if self.timer is not None:
            self.timer.cancel()

    def _look(self) -> None:
        reporter = self.reporter
        if reporter.solutions == self.solutions_before or reporter.objective is None:
            return  # no plan of this search's yet: it keeps the time
        gap = Progress(reporter.objective, reporter.bound, 0.0, reporter.solutions).gap
        if gap is not None and gap > TAIL_MIN_GAP:
            self.handed_over = True
            before = self.objective_before
            self.stalled = before is not None and reporter.objective <= before
            self.solver.stop_search()


def _hint_solution(model: cp_model.CpModel, solver: cp_model.CpSolver) -> None:
    """Make the solver's plan the model's complete hint (every variable's value)."""
    model.clear_hints()  # type: ignore[no-untyped-call]
    for index in range(len(model.proto.variables)):
        variable = model.get_int_var_from_proto_index(index)
        model.add_hint(variable, solver.value(variable))


def _solver(
    options: SolveOptions, seconds: float, built: BuiltModel, fixed_search: bool = False
) -> cp_model.CpSolver:
    """A CP-SAT solver for ``seconds`` at most with the options' parameters and the
    makespan preset (the full LP while the model is small enough); with ``fixed_search``,
    one search follows the model's decision strategy and one bounds with the LP."""
    small = len(built.variables.work_items()) <= MAX_LP_WORK_ITEMS
    preset = "makespan" if small else "makespan-large"
    solver = presets.solver(
        preset,
        seconds,
        options.workers,
        options.seed,
        options.relative_gap,
        options.deterministic,
    )
    parameters = solver.parameters
    parameters.push_all_tasks_toward_start = toward_start(built)
    if fixed_search and options.workers > 1:
        parameters.subsolvers.clear()
        full = "max_lp" if small else "default_lp"
        parameters.subsolvers.extend([relaxation.FIXED_SEARCH, full])
        parameters.linearization_level = 0
    return solver


# Objective terms that no plan loses by starting a phase earlier, all else equal.
EARLIER_IS_BETTER = frozenset({"makespan", "lateness", "value"})


def toward_start(built: BuiltModel) -> bool:
    """Whether every term of the model's objective rewards earlier work (a makespan, lateness,
    value by go-live): then CP-SAT's time-window neighbourhoods also free the work before the
    window, the setting OR-Tools' own RCPSP example uses for a makespan. Terms that read more
    than when work is (cost, balance, staying near a baseline) keep CP-SAT's default."""
    terms = {name for name, parts in built.objective.terms.items() if parts}
    return bool(terms) and terms <= EARLIER_IS_BETTER


def _lns_tail(
    built: BuiltModel,
    options: SolveOptions,
    reporter: Reporter,
    full: cp_model.CpSolver,
    mirrored: Scenario | None = None,
) -> tuple[cp_model.CpSolver | None, bool]:
    """Neighbourhood search only, on both workers, from the full search's plan; with the
    scenario's ``mirrored`` (``mirror.mirror``), in ``TAIL_SLICES`` slices that take turns
    between the model and the mirror's, each from the best plan so far (read backwards for
    the mirror).

    With 2 workers CP-SAT runs one full search and one thread of neighbourhood steps; on
    hard instances the full search stops finding plans early while each step may still
    improve one, so the tail gives both workers to the steps. The mirror's neighbourhoods
    free and push the plan from its other end, as the backward pass of forward-backward
    improvement does. The slices search with ties broken by earlier work (``tie_broken``)
    and start from the plan that is earliest overall among the best: a move along a plateau
    of equal makespans is progress. Their neighbourhood steps are short
    (``MIRROR_TAIL_LNS_LIMIT``): more steps in the same time. The bound stays the full
    search's, unless CP-SAT itself reports the tail's plan optimal (a neighbourhood that
    frees every variable is a full search; optimal with ties broken is optimal).
    """
    if mirrored is None:
        model = built.model
        _hint_solution(model, full)
        solver = _solver(options, options.time_limit - (perf_counter() - reporter.started), built)
        solver.parameters.use_lns_only = True
        code = solver.solve(model, reporter)
        found = code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        return (solver if found else None), code == cp_model.OPTIMAL
    directions = (built, build(mirrored))
    plan = decisions_from(built.variables, full.value)
    best, proven = round(full.objective_value), False
    end = reporter.started + options.time_limit - TAIL_RESERVE_SECONDS
    for index in range(TAIL_SLICES):
        left = end - perf_counter()
        if left < MIN_SLICE_SECONDS:
            break
        target = directions[index % 2]
        target.model.clear_hints()  # type: ignore[no-untyped-call]
        hint(target.variables, plan if target is built else mirror.turned_back(plan, built))
        solver = _solver(options, left / (TAIL_SLICES - index), target)
        solver.parameters.use_lns_only = True
        solver.parameters.lns_initial_deterministic_limit = MIRROR_TAIL_LNS_LIMIT
        total = target.objective.total()
        tied = tie_broken(target)
        if tied is not None:
            target.model.maximize(tied)
        try:
            code = solver.solve(target.model, _Tied(reporter, total))
        finally:
            target.model.maximize(total)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        proven = proven or code == cp_model.OPTIMAL
        units = round(solver.value(total))
        if units > best or (tied is not None and units == best):
            best = units
            own = decisions_from(target.variables, solver.value)
            plan = own if target is built else mirror.turned_back(own, built)
        if proven:
            break
    better = None
    if best > round(full.objective_value):
        # the model's own plan of the best one, its starts fixed (a slice's solver holds the
        # mirror's plan or an objective with ties broken)
        deadline = reporter.started + options.time_limit
        better = _staffed(built, plan, options, max(0.1, deadline - perf_counter()))
        # a proof is of the best plan: it holds for the full search's plan only if kept
        proven = proven and better is not None
    return better, proven


def tie_broken(built: BuiltModel) -> cp_model.LinearExprT | None:
    """The model's objective with ties broken by the sum of the work's ends, earlier better,
    weighted so that no tie-break outweighs one unit of the objective; None unless every term
    rewards earlier work (``toward_start``: then an earlier plan is never a worse one).

    A makespan has wide plateaus: most neighbourhood steps that move work leave it as it was
    and look like no progress. Ended earlier, the same makespan leaves slack that a later
    step can close the makespan with."""
    if not toward_start(built):
        return None
    items = built.variables.work_items()
    weight = len(items) * (built.variables.horizon + 1) + 1
    ends = cp_model.LinearExpr.sum([item.end for item in items])
    return cp_model.LinearExpr.weighted_sum([built.objective.total(), ends], [weight, -1])


class _Tied(cp_model.CpSolverSolutionCallback):
    """Tells the reporter each better plan of a search whose objective breaks ties: its own
    objective is read off the model's (``total``)."""

    def __init__(self, reporter: Reporter, total: cp_model.LinearExprT) -> None:
        super().__init__()
        self.reporter = reporter
        self.total = total

    def on_solution_callback(self) -> None:
        objective = self.value(self.total) / OBJECTIVE_SCALE
        if self.reporter.objective is None or objective > self.reporter.objective:
            self.reporter.found(objective)


def _restarts(
    built: BuiltModel, options: SolveOptions, reporter: Reporter, objective: float
) -> tuple[cp_model.CpSolver | None, bool, int]:
    """Unhinted searches, each with another random start, stopped at its first plan, until the
    time is up; the best plan that beats ``objective`` (None when none does), whether the best
    plan known is then proven optimal, and how many searches ran. The model's hint is cleared.

    For a full search that never bettered the plan it was hinted with: on large models the
    neighbourhood steps are slow and rarely improve a plan, while first plans of different
    random starts differ, so the best of many first plans beats the one plan.
    """
    model = built.model
    model.clear_hints()  # type: ignore[no-untyped-call]
    best: cp_model.CpSolver | None = None
    count = 0
    while True:
        left = options.time_limit - (perf_counter() - reporter.started)
        if left < MIN_RESTART_SECONDS:
            return best, False, count
        solver = _solver(options, left, built)
        count += 1
        solver.parameters.random_seed = options.seed + count
        code = solver.solve(model, relaxation.FirstPlan())
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        found = solver.objective_value / OBJECTIVE_SCALE
        if found > objective:
            best, objective = solver, found
            reporter.found(found)
        if code == cp_model.OPTIMAL:
            # The search ended with its first plan proven: nothing beats the best one now.
            return best, True, count


def solve_built(
    scenario: Scenario,
    built: BuiltModel,
    options: SolveOptions,
    reporter: Reporter,
    info: SolverInfo,
    fallback: Schedule | None = None,
    lns_tail: bool = False,
    relaxed: _Unproven | None = None,
    mirrored: Scenario | None = None,
) -> Schedule:
    """Run CP-SAT on a built (and hinted) model and decode the result; ``fallback`` is a valid
    plan to return when CP-SAT finds none in time. With ``lns_tail``, the full search is
    looked at after ``FULL_SEARCH_SHARE`` of the time: when its plan is then still more than
    ``TAIL_MIN_GAP`` from its bound, both workers spend the rest on neighbourhood search from
    that plan (see ``_lns_tail``), taking turns with the scenario's ``mirrored`` when there
    is one; when it is close, the full search goes on to prove it.

    A full search that has not bettered its hint by then hands over in another way: with a
    relaxation ``relaxed`` left unproven, its search goes on for the time left, since the
    plan may well be optimal and the proof is what is missing (its floor search needs the
    time in one piece); without one, to restarts (see ``_restarts``)."""
    solver, handover, outcome = _full_search(built, options, reporter, lns_tail)
    if handover.handed_over and outcome.status == "feasible":
        outcome = _after_handover(
            built, options, reporter, info, solver, handover, outcome, relaxed, mirrored
        )
    if reporter.first_solution is not None:
        info.first_solution_seconds = round(reporter.first_solution, 3)
    if outcome.status in ("optimal", "feasible"):
        return assemble(
            scenario,
            decisions_from(built.variables, outcome.value),
            outcome.status,
            info,
            objective=outcome.objective,
            bound=outcome.bound,
            solve_seconds=perf_counter() - reporter.started,
        )
    return _without_plan(scenario, built, options, reporter, info, outcome.status, fallback)


@dataclass(frozen=True)
class _Outcome:
    """Where a search ended: its status, the objective and bound of its plan (0 without one)
    and the values of the plan's variables."""

    status: SolveStatus
    objective: float
    bound: float
    value: Callable[[cp_model.IntVar], int]


def _full_search(
    built: BuiltModel, options: SolveOptions, reporter: Reporter, lns_tail: bool
) -> tuple[cp_model.CpSolver, _Handover, _Outcome]:
    """The full search for the time left, armed to hand over (``_Handover``) with
    ``lns_tail``: its solver, its handover and where it ended."""
    left = options.time_limit - (perf_counter() - reporter.started)
    solver = _solver(options, left, built)
    solver.best_bound_callback = reporter.on_bound
    handover = _Handover(solver, reporter)
    if lns_tail and left * (1 - FULL_SEARCH_SHARE) >= MIN_TAIL_SECONDS:
        handover.arm(left * FULL_SEARCH_SHARE)
    try:
        code = solver.solve(built.model, reporter)
    finally:
        handover.disarm()
    if code == cp_model.MODEL_INVALID:
        raise RuntimeError(f"internal error, invalid CP-SAT model: {built.model.validate()}")
    status = STATUS[code]
    if status not in ("optimal", "feasible"):
        return solver, handover, _Outcome(status, 0.0, 0.0, solver.value)
    objective = solver.objective_value / OBJECTIVE_SCALE
    bound = solver.best_objective_bound / OBJECTIVE_SCALE
    return solver, handover, _Outcome(status, objective, bound, solver.value)


def _after_handover(
    built: BuiltModel,
    options: SolveOptions,
    reporter: Reporter,
    info: SolverInfo,
    full: cp_model.CpSolver,
    handover: _Handover,
    outcome: _Outcome,
    relaxed: _Unproven | None,
    mirrored: Scenario | None,
) -> _Outcome:
    """The tail the full search handed over to (see ``solve_built``), and the outcome with its
    better plan or its proof."""
    tail_started = perf_counter()
    objective, bound = outcome.objective, outcome.bound
    better: cp_model.CpSolver | None = None
    if handover.stalled and relaxed is not None:
        info.debug["tail"] = "relaxation"
        left = options.time_limit - (perf_counter() - reporter.started)
        units = _go_on_with_relaxation(relaxed, options, reporter, objective, left)
        proven = units is not None and round(objective * OBJECTIVE_SCALE) >= units
        if units is not None:
            bound = min(bound, units / OBJECTIVE_SCALE)
            info.debug["relaxation_bound"] = units / OBJECTIVE_SCALE
    elif handover.stalled:
        better, proven, restarts = _restarts(built, options, reporter, objective)
        info.debug["tail"], info.debug["restarts"] = "restarts", restarts
    else:
        better, proven = _lns_tail(built, options, reporter, full, mirrored)
        info.debug["tail"] = "neighbourhoods"
    info.debug["tail_seconds"] = round(perf_counter() - tail_started, 3)
    if proven and better is None:
        return _Outcome("optimal", objective, objective, outcome.value)
    if better is None or better.objective_value / OBJECTIVE_SCALE < objective:
        return _Outcome(outcome.status, objective, bound, outcome.value)
    objective = better.objective_value / OBJECTIVE_SCALE
    if proven or objective >= bound:
        return _Outcome("optimal", objective, objective, better.value)
    return _Outcome(outcome.status, objective, bound, better.value)


def _without_plan(
    scenario: Scenario,
    built: BuiltModel,
    options: SolveOptions,
    reporter: Reporter,
    info: SolverInfo,
    status: SolveStatus,
    fallback: Schedule | None,
) -> Schedule:
    """The answer when CP-SAT ended without a plan: the ``fallback`` when it ran out of time
    and there is one, else a schedule without projects that says why."""
    seconds = round(perf_counter() - reporter.started, 3)
    if status == "unknown" and fallback is not None:
        fallback.explanation = (
            f"CP-SAT found no plan in {options.time_limit:g} s; this is the greedy plan"
        )
        fallback.solve_seconds = seconds
        return fallback
    schedule = Schedule(
        scenario=scenario.name, status=status, solve_seconds=seconds, solver=info, projects=[]
    )
    if status == "infeasible":
        variables = built.variables
        schedule.explanation = explain(
            scenario, frozen=variables.frozen, not_before=variables.not_before
        )
    else:
        schedule.explanation = f"no plan found in {options.time_limit:g} s; allow more time"
    return schedule
