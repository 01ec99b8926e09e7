"""Solve a scenario with CP-SAT: greedy warm start, progress reports, decoding, explanation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter

from ortools.sat.python import cp_model

from constraints.context import OBJECTIVE_SCALE
from models import Scenario, Schedule
from models.schedule import SolverInfo, SolveStatus
from scheduler import greedy
from scheduler.assemble import assemble
from scheduler.build import build
from scheduler.check import check
from scheduler.decode import decisions_from, hint
from scheduler.explain import explain
from scheduler.options import SolveOptions

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


class _Reporter(cp_model.CpSolverSolutionCallback):
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

    def _report(self) -> None:
        if self.on_progress is not None:
            elapsed = perf_counter() - self.started
            self.on_progress(Progress(self.objective, self.bound, elapsed, self.solutions))


def solve(
    scenario: Scenario,
    options: SolveOptions | None = None,
    on_progress: ProgressCallback | None = None,
) -> Schedule:
    """The best schedule CP-SAT finds within the options' limits.

    An infeasible scenario is a result (status ``infeasible`` with an explanation), not an
    exception.
    """
    options = options or SolveOptions()
    started = perf_counter()
    warm = greedy.decide(scenario)[0] if options.warm_start else None
    built = build(scenario)
    if warm is not None:
        hint(built.variables, warm)
    solver = cp_model.CpSolver()
    parameters = solver.parameters
    parameters.max_time_in_seconds = options.time_limit
    parameters.num_workers = options.workers
    parameters.random_seed = options.seed
    parameters.relative_gap_limit = options.relative_gap
    parameters.log_search_progress = options.log
    # Probing in presolve costs ~10 s on a 200-project portfolio before the first plan and
    # gained nothing measurable (BENCHMARKS.md); the warm start is reported after presolve.
    parameters.cp_model_probing_level = 0
    reporter = _Reporter(started, on_progress)
    solver.best_bound_callback = reporter.on_bound
    code = solver.solve(built.model, reporter)
    if code == cp_model.MODEL_INVALID:
        raise RuntimeError(f"internal error, invalid CP-SAT model: {built.model.validate()}")
    status = STATUS[code]
    info = SolverInfo(
        engine="cp-sat",
        time_limit=options.time_limit,
        workers=options.workers,
        seed=options.seed,
        relative_gap=options.relative_gap,
        first_solution_seconds=(
            round(reporter.first_solution, 3) if reporter.first_solution is not None else None
        ),
    )
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
    if status == "unknown" and warm is not None:
        fallback = greedy.plan(scenario)
        if not check(scenario, fallback):
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
        schedule.explanation = explain(scenario)
    else:
        schedule.explanation = f"no plan found in {options.time_limit:g} s; allow more time"
    return schedule
