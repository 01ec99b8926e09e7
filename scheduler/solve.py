"""Solve a scenario with CP-SAT: greedy warm start, progress reports, decoding, explanation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter

from ortools.sat.python import cp_model

from constraints.context import OBJECTIVE_SCALE
from models import Scenario, Schedule
from models.schedule import SolverInfo, SolveStatus
from scheduler import greedy, lns
from scheduler.assemble import assemble
from scheduler.build import BuiltModel, build
from scheduler.check import check
from scheduler.decode import decisions_from, hint
from scheduler.explain import explain
from scheduler.options import SolveOptions, Strategy
from scheduler.reasons import optimistic_bound

# Above this many projects the whole model is too large for CP-SAT's own search to improve
# the greedy plan within a minute on 2 cores (BENCHMARKS.md); search neighbourhoods instead.
LNS_MIN_PROJECTS = 40

STATUS: dict[cp_model.CpSolverStatus, SolveStatus] = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.UNKNOWN: "unknown",
}


@dataclass(frozen=True)
class Progress:
    """What a running solve has reached: best objective and bound so far, in money units."""

    objective: float | None
    bound: float | None
    elapsed: float
    solutions: int

    @property
    def gap(self) -> float | None:
        """Relative gap between the best plan and the bound (0 when proven optimal)."""
        if self.objective is None or self.bound is None:
            return None
        return abs(self.bound - self.objective) / max(1.0, abs(self.objective))


ProgressCallback = Callable[[Progress], None]


class Reporter(cp_model.CpSolverSolutionCallback):
    """Tells ``on_progress`` each plan and bound found, from CP-SAT or from outside it."""

    def __init__(self, started: float, on_progress: ProgressCallback | None) -> None:
        super().__init__()
        self.started = started
        self.on_progress = on_progress
        self.objective: float | None = None
        self.bound: float | None = None
        self.solutions = 0
        self.first_solution: float | None = None

    def on_solution_callback(self) -> None:
        self.solutions += 1
        if self.first_solution is None:
            self.first_solution = perf_counter() - self.started
        self.objective = self.objective_value / OBJECTIVE_SCALE
        self.bound = self.best_objective_bound / OBJECTIVE_SCALE
        self._report()

    def on_bound(self, bound: float) -> None:
        self.bound = bound / OBJECTIVE_SCALE
        self._report()

    def found(self, objective: float) -> None:
        """A plan found outside CP-SAT's callback (greedy start, neighbourhood step)."""
        self.solutions += 1
        if self.first_solution is None:
            self.first_solution = perf_counter() - self.started
        self.objective = objective
        self._report()

    def _report(self) -> None:
        if self.on_progress is not None:
            elapsed = perf_counter() - self.started
            self.on_progress(Progress(self.objective, self.bound, elapsed, self.solutions))


def solve(
    scenario: Scenario,
    options: SolveOptions | None = None,
    on_progress: ProgressCallback | None = None,
) -> Schedule:
    """The best schedule found within the options' limits.

    Small portfolios are solved as one CP-SAT model; large ones (or ``strategy="lns"``) start
    from the greedy plan and re-plan a few projects at a time (scheduler/lns.py). An
    infeasible scenario is a result (status ``infeasible`` with an explanation), not an
    exception.
    """
    options = options or SolveOptions()
    started = perf_counter()
    baseline = greedy.plan(scenario)
    reporter = Reporter(started, on_progress)
    info = SolverInfo(
        engine="cp-sat",
        strategy=_strategy(scenario, options),
        time_limit=options.time_limit,
        workers=options.workers,
        seed=options.seed,
        relative_gap=options.relative_gap,
        greedy_objective=baseline.objective,
    )
    # The neighbourhood search needs a valid plan to start from; when the greedy plan breaks
    # a rule (a mandatory project past its hard deadline), the whole model is solved instead.
    valid = not check(scenario, baseline)
    if info.strategy == "lns" and valid:
        return _solve_by_neighbourhoods(scenario, options, baseline, reporter, info)
    info.strategy = "full"
    return _solve_whole(scenario, options, baseline, valid, reporter, info)


def _strategy(scenario: Scenario, options: SolveOptions) -> Strategy:
    if options.strategy != "auto":
        return options.strategy
    large = len(scenario.scheduled_projects()) > LNS_MIN_PROJECTS
    return "lns" if large else "full"


def _solve_by_neighbourhoods(
    scenario: Scenario,
    options: SolveOptions,
    baseline: Schedule,
    reporter: Reporter,
    info: SolverInfo,
) -> Schedule:
    started = reporter.started
    bound = optimistic_bound(scenario)
    reporter.bound = bound
    reporter.found(baseline.objective)
    info.first_solution_seconds = round(perf_counter() - started, 3)
    state = lns.improve(
        scenario,
        greedy.decisions_of(scenario, baseline),
        until=started + options.time_limit,
        workers=options.workers,
        seed=options.seed,
        on_improve=lambda _decisions, objective: reporter.found(objective),
    )
    info.steps = state.steps
    objective = state.units / OBJECTIVE_SCALE
    return assemble(
        scenario,
        state.incumbent,
        "optimal" if objective >= bound else "feasible",
        info,
        objective=objective,
        bound=bound,
        solve_seconds=perf_counter() - started,
    )


def _solve_whole(
    scenario: Scenario,
    options: SolveOptions,
    baseline: Schedule,
    valid: bool,
    reporter: Reporter,
    info: SolverInfo,
) -> Schedule:
    """One CP-SAT model of the whole portfolio; the greedy plan is the hint, and the answer
    when CP-SAT finds nothing in time and the plan is ``valid``."""
    building = perf_counter()
    built = build(scenario)
    info.build_seconds = round(perf_counter() - building, 3)
    if options.warm_start:
        hint(built.variables, greedy.decisions_of(scenario, baseline))
    return solve_built(scenario, built, options, reporter, info, baseline if valid else None)


def solve_built(
    scenario: Scenario,
    built: BuiltModel,
    options: SolveOptions,
    reporter: Reporter,
    info: SolverInfo,
    fallback: Schedule | None = None,
) -> Schedule:
    """Run CP-SAT on a built (and hinted) model and decode the result; ``fallback`` is a valid
    plan to return when CP-SAT finds none in time."""
    started = reporter.started
    solver = cp_model.CpSolver()
    parameters = solver.parameters
    parameters.max_time_in_seconds = max(0.1, options.time_limit - (perf_counter() - started))
    parameters.num_workers = options.workers
    parameters.random_seed = options.seed
    parameters.relative_gap_limit = options.relative_gap
    parameters.log_search_progress = options.log
    # Probing in presolve cost ~10 s on a 200-project portfolio before the first plan and
    # gained nothing measurable (BENCHMARKS.md).
    parameters.cp_model_probing_level = 0
    solver.best_bound_callback = reporter.on_bound
    code = solver.solve(built.model, reporter)
    if code == cp_model.MODEL_INVALID:
        raise RuntimeError(f"internal error, invalid CP-SAT model: {built.model.validate()}")
    status = STATUS[code]
    if reporter.first_solution is not None:
        info.first_solution_seconds = round(reporter.first_solution, 3)
    if status in ("optimal", "feasible"):
        decisions = decisions_from(built.variables, solver.value)
        return assemble(
            scenario,
            decisions,
            status,
            info,
            objective=solver.objective_value / OBJECTIVE_SCALE,
            bound=solver.best_objective_bound / OBJECTIVE_SCALE,
            solve_seconds=perf_counter() - started,
        )
    if status == "unknown" and fallback is not None:
        fallback.explanation = (
            f"CP-SAT found no plan in {options.time_limit:g} s; this is the greedy plan"
        )
        fallback.solve_seconds = round(perf_counter() - started, 3)
        return fallback
    schedule = Schedule(
        scenario=scenario.name,
        status=status,
        solve_seconds=round(perf_counter() - started, 3),
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
