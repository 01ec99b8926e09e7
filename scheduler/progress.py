"""What a running solve reports: its best plan and bound so far, to the CLI and API jobs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter

from ortools.sat.python import cp_model

from zenplan.constraints.context import OBJECTIVE_SCALE
from zenplan.models import numbers
from zenplan.models.schedule import SolveStatus

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
        """How far the best plan may be from the best possible (models.numbers.gap)."""
        return numbers.gap(self.objective, self.bound)


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
        self.tighten(self.best_objective_bound / OBJECTIVE_SCALE)
        self._report()

    def on_bound(self, bound: float) -> None:
        self.tighten(bound / OBJECTIVE_SCALE)
        self._report()

    def tighten(self, bound: float) -> None:
        """Keep the lowest bound seen: every search's bound holds (a neighbourhood search
        reports only the objective's domain)."""
        self.bound = bound if self.bound is None else min(self.bound, bound)

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
