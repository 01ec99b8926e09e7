"""The bound of a relaxation: the portfolio without people, for a proof that the whole model's
search does not reach in time.

Who works on what is most of a multi-skill model, and CP-SAT's search over it proves optima
slowly even when its plans are optimal. Without people, staffing keeps only its supply rules (at any
time the work that only a group of people can do needs no more people than the group holds),
a far smaller model whose optimum CP-SAT often proves in seconds. No plan of the whole model
does better than that optimum (stripped of its people, a plan is a plan of the relaxation, and
the objective terms that read people only cost), so it is a bound the whole search can stop at.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from time import perf_counter

from ortools.sat.python import cp_model

from zenplan.models import Scenario
from zenplan.models.decisions import Decisions
from zenplan.scheduler import mirror
from zenplan.scheduler.build import BuiltModel, build
from zenplan.scheduler.decode import decisions_from

# A search on the relaxation needs at least this long to be worth starting (seconds).
MIN_SECONDS = 0.05
# CP-SAT's name of the worker that follows the model's decision strategy.
FIXED_SEARCH = "fixed"
# Each step of the floor search tries CP-SAT's own order for this long before the fixed one.
LP_FIRST_SECONDS = 1.0


@dataclass(frozen=True)
class RelaxedBound:
    """What the relaxation's search proved: no plan's objective (integer units) exceeds
    ``units``; ``proven`` when that is the relaxation's optimum; ``plan``, the best plan the
    search found itself (nobody on it), when it beats the plan known before; ``best``, the
    objective of the best plan known at the end (found or known before), from which a later
    search can go on."""

    units: int
    proven: bool
    seconds: float
    plan: Decisions | None = None
    best: int | None = None


def worth_it(scenario: Scenario) -> bool:
    """Whether people are a choice at all: some requirement more people could cover than it
    needs. Without a choice the relaxation is the whole model less the agendas."""
    return any(
        len(scenario.qualified(requirement)) > requirement.count
        for project in scenario.scheduled_projects()
        for phase in project.phases
        for requirement in phase.requires
    )


def model(scenario: Scenario) -> BuiltModel:
    """The scenario's model without people (``Variables.people`` false); when every project
    runs (nothing to select), with the order its proofs search in: the phase that can start
    earliest first, at its earliest start (the serial schedule generation of project
    scheduling), the phase with the most work (periods times people) first among those that
    can start as early. Only a fixed-search worker follows it (``FIXED_SEARCH``, see
    ``search``). With projects to select, the order says nothing about which, so none is
    given."""
    relaxed = build(scenario, people=False)
    if all(project.mandatory for project in scenario.scheduled_projects()):
        items = sorted(
            relaxed.variables.work_items(),
            key=lambda item: -item.duration * sum(r.count for r in item.requires),
        )
        relaxed.model.add_decision_strategy(
            [item.start for item in items], cp_model.CHOOSE_LOWEST_MIN, cp_model.SELECT_MIN_VALUE
        )
    return relaxed


def mirrored_model(scenario: Scenario) -> BuiltModel | None:
    """The relaxation of the scenario's ``mirror.mirror``, or None when it has none."""
    mirrored = mirror.mirror(scenario)
    return None if mirrored is None else model(mirrored)


def serial(relaxed: BuiltModel) -> bool:
    """Whether the relaxation has the serial order for a fixed search to follow."""
    return len(relaxed.model.proto.search_strategy) > 0


# A solver for so many seconds; with ``fixed`` true, one that follows the model's decision
# strategy (``FIXED_SEARCH``) on one of its workers.
NewSolver = Callable[[float, bool], cp_model.CpSolver]


# Told that a step of the floor search found no better plan with CP-SAT's own order (the
# best plan found here, None when the best is the plan known before, and its objective), a
# later deadline (a ``perf_counter`` time) for the search, or None to keep its own.
Stalled = Callable[[Decisions | None, int], float | None]


def search(
    relaxed: BuiltModel,
    new_solver: NewSolver,
    seconds: float,
    known: int | None = None,
    mirrored: BuiltModel | None = None,
    stalled: Stalled | None = None,
) -> RelaxedBound | None:
    """The best bound ``seconds`` of search on the relaxation prove, ``known`` being the
    objective of a plan already found (units); None when it proves nothing.

    The search asks for a plan better than the best known, and starts over each time it
    finds one, asking for better again: a fresh presolve with the objective's new floor
    narrows every time window, and proves far faster than CP-SAT's optimising search, which
    raises its bound one period at a time. A search that ends with no better plan proves the
    best one optimal.

    With the serial order (``serial``), each step searches first with CP-SAT's own order
    for ``LP_FIRST_SECONDS``: it finds the better plans fast. A step still without a plan or
    a proof then goes on with the fixed search, whose clause learning over the serial order
    proves floors faster (and finds plans slower) than the LP search, on the ``mirrored``
    relaxation when there is one (``mirrored_model``);
    ``stalled`` is told before it starts and may give the search more time. Without the
    serial order, each step is one LP search for the time left.
    """
    started = perf_counter()
    deadline = started + seconds
    models = [relaxed] if mirrored is None else [relaxed, mirrored]
    best, upper = known, None
    plan: Decisions | None = None  # the best plan found here
    floors: list[cp_model.Constraint] = []
    ordered = serial(relaxed)
    while deadline - perf_counter() > MIN_SECONDS:
        if best is not None:
            floors = _raise_floors(models, floors, best + 1)
        if ordered:
            step = _ordered_step(relaxed, mirrored, new_solver, deadline, stalled, plan, best)
        else:
            solver = new_solver(deadline - perf_counter(), False)
            step = _Step(relaxed, solver, solver.solve(relaxed.model, FirstPlan()), deadline)
        source, solver, code, deadline = step.source, step.solver, step.code, step.deadline
        if code == cp_model.INFEASIBLE:
            # No plan beats the best one (or, with none known, there is no plan at all: the
            # whole search finds that out and explains it).
            if best is None:
                return None
            upper = best
            break
        # Any bound of a search with a floor holds for every plan: those below the floor are
        # below the plan it found, or below the best one. The mirror's bound is the same.
        if math.isfinite(solver.best_objective_bound):
            bound = math.floor(solver.best_objective_bound + 1e-6)
            upper = bound if upper is None else min(upper, bound)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            break  # out of time without a better plan
        best = round(solver.objective_value)
        plan = decisions_from(source.variables, solver.value)
        if source is not relaxed:
            plan = mirror.turned_back(plan, relaxed)
        if code == cp_model.OPTIMAL:
            break  # optimal within the options' relative gap: the bound, not the plan, caps
    for floor in floors:
        floor.proto.clear_linear()  # the model is as it was, for a later search from any floor
    if upper is None:
        return None
    units = upper if best is None else max(best, upper)
    return RelaxedBound(units, units == best, perf_counter() - started, plan, best)


def _raise_floors(
    models: list[BuiltModel], floors: list[cp_model.Constraint], floor: int
) -> list[cp_model.Constraint]:
    """The objective at least ``floor`` in each model, in place of the floors before (each
    emptied)."""
    for before in floors:
        before.proto.clear_linear()
    return [each.model.add(each.objective.total() >= floor) for each in models]


@dataclass
class _Step:
    """One step of the floor search: the model searched, its solver and status, and the
    search's deadline (which a stalled step may extend)."""

    source: BuiltModel
    solver: cp_model.CpSolver
    code: cp_model.CpSolverStatus
    deadline: float


def _ordered_step(
    relaxed: BuiltModel,
    mirrored: BuiltModel | None,
    new_solver: NewSolver,
    deadline: float,
    stalled: Stalled | None,
    plan: Decisions | None,
    best: int | None,
) -> _Step:
    """With the serial order: the LP search first, then the fixed search when it found no
    plan (on the mirror when there is one)."""
    left = deadline - perf_counter()
    solver = new_solver(min(left, LP_FIRST_SECONDS), False)
    code = solver.solve(relaxed.model, FirstPlan())
    source = relaxed
    if code == cp_model.UNKNOWN:
        # The LP search ended without a plan: its bound, if any, is dropped; the fixed
        # search starts over from the same floor.
        if stalled is not None and best is not None:
            later = stalled(plan, best)
            deadline = deadline if later is None else max(deadline, later)
        left = deadline - perf_counter()
        if left > MIN_SECONDS:
            source = relaxed if mirrored is None else mirrored
            solver = new_solver(left, True)
            code = solver.solve(source.model, FirstPlan())
    return _Step(source, solver, code, deadline)


def other_plan(
    relaxed: BuiltModel,
    units: int,
    avoid: Sequence[Decisions],
    new_solver: NewSolver,
    seconds: float,
) -> Decisions | None:
    """A plan of the relaxation whose objective reaches ``units`` and that is none of the plans
    in ``avoid`` (some phase starts elsewhere or runs where it did not), searched for
    ``seconds`` at most; None when there is none or none is found in time.

    For a proven optimum whose plan people cannot staff: other plans at the same objective
    may fit them."""
    if seconds <= MIN_SECONDS:
        return None
    model = relaxed.model.clone()
    model.add(relaxed.objective.total() >= units)
    for plan in avoid:
        differs: list[cp_model.LiteralT] = []
        for item in relaxed.variables.work_items():
            decision = plan.get(item.project, {}).get(item.phase)
            if decision is None:
                differs.append(item.present)
                continue
            moved = model.new_bool_var(f"moved {item.project} {item.phase}")
            model.add(item.start != decision.start).only_enforce_if(moved)
            differs.append(moved)
            differs.append(~item.present)
        model.add_bool_or(differs)
    solver = new_solver(seconds, False)
    code = solver.solve(model, FirstPlan())
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return decisions_from(relaxed.variables, solver.value)


class FirstPlan(cp_model.CpSolverSolutionCallback):
    """Stops the search at its first plan, so that the next one starts from a tighter floor."""

    def on_solution_callback(self) -> None:
        self.stop_search()
