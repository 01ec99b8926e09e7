"""Large-portfolio search: improve a plan a few projects at a time.

CP-SAT's own neighbourhood search copies and presolves the whole model for every step, which
takes seconds on a large portfolio. Here each step builds a small model instead: every
project outside the neighbourhood stays as it is in the incumbent plan (frozen when it runs,
left out when it does not), and CP-SAT re-plans the neighbourhood for a short time with the
incumbent as its hint. A step is kept when the whole portfolio's objective improves.

Projects to insert are drawn by what the portfolio's relaxation (scheduler/bound.py) says
they are worth: the share of its steps that ran them, times their value.

A replan searches the same way within its frame: started work frozen, nothing new before
now, and every change to the baseline counted in the objective.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from time import perf_counter

from ortools.sat.python import cp_model

from zenplan.constraints.context import OBJECTIVE_SCALE
from zenplan.constraints.variables import Background
from zenplan.models import Scenario
from zenplan.models.decisions import APPROVAL, Decisions, PhaseDecision, dataset_of
from zenplan.scheduler import presets
from zenplan.scheduler.assemble import plain
from zenplan.scheduler.bound import PortfolioBound
from zenplan.scheduler.build import build
from zenplan.scheduler.decode import decisions_from, hint
from zenplan.scheduler.options import SolveOptions
from zenplan.scheduler.score import objective_units

# Seconds one neighbourhood may take; neighbourhoods grow while CP-SAT proves them in that
# time and shrink when it does not.
STEP_SECONDS = 0.75
STEP_PRESET = "neighbourhood"
# Deterministic mode: seconds of budget a step's model building and scoring count for, per
# project of the portfolio.
OVERHEAD_PER_PROJECT = 0.0006
FIRST_SIZE = 10
WINDOW = 8
KINDS: tuple[str, ...] = ("window", "person", "random", "insert")


@dataclass(frozen=True)
class Frame:
    """What a replan keeps: ``frozen`` phases (started work), no new work before
    ``not_before``, and the ``baseline`` whose changes cost (scheduler.score's stability)."""

    frozen: Mapping[tuple[str, str], PhaseDecision] = field(default_factory=dict)
    not_before: int = 0
    baseline: Decisions | None = None


@dataclass
class SearchState:
    incumbent: Decisions
    units: int  # objective of the incumbent, in integer objective units
    size: int  # projects per neighbourhood, adapted to how fast steps solve
    steps: int = 0
    improvements: int = 0


def units_of(scenario: Scenario, decisions: Decisions, baseline: Decisions | None = None) -> int:
    """The objective of a plan, as scheduler.score counts it (acquisitions included; with
    ``baseline``, a replan's changes too)."""
    return objective_units(scenario, plain(scenario, decisions), baseline)


def improve(
    scenario: Scenario,
    incumbent: Decisions,
    until: float,
    options: SolveOptions,
    guide: PortfolioBound | None = None,
    on_improve: Callable[[Decisions, float], None] | None = None,
    max_steps: int | None = None,
    budget: float | None = None,
    frame: Frame | None = None,
) -> SearchState:
    """Re-plan neighbourhoods of the incumbent until ``until`` (a perf_counter time) or
    ``max_steps`` steps, within ``frame`` (a replan's). With ``options.deterministic`` the
    search stops after ``budget`` seconds of CP-SAT's deterministic time instead (the time
    limit when not given), so the same inputs give the same steps whatever the machine's
    load."""
    rng = random.Random(options.seed)
    frame = frame or Frame()
    projects = [p.id for p in scenario.scheduled_projects()]
    units = units_of(scenario, incumbent, frame.baseline)
    state = SearchState(incumbent, units, min(FIRST_SIZE, len(projects)))
    remaining = options.time_limit if budget is None else budget
    weights = _insert_weights(scenario, guide)

    def time_left() -> float:
        return remaining if options.deterministic else until - perf_counter()

    while time_left() > 0.2 and (max_steps is None or state.steps < max_steps):
        free = _neighbourhood(scenario, state, rng, weights)
        step_limit = min(STEP_SECONDS, time_left())
        found, proven, spent = step(
            scenario, state.incumbent, free, step_limit, options, rng.randrange(1 << 30), frame
        )
        remaining -= spent / presets.DETERMINISTIC_PER_SECOND + OVERHEAD_PER_PROJECT * len(projects)
        state.steps += 1
        # Grow neighbourhoods that solve to optimality, shrink those that run out of time.
        if proven:
            state.size = min(len(projects), state.size + 2)
        else:
            state.size = max(3, state.size - 2)
        if found is None:
            continue
        units = units_of(scenario, found, frame.baseline)
        if units > state.units:
            state.incumbent, state.units = found, units
            state.improvements += 1
            if on_improve is not None:
                on_improve(found, units / OBJECTIVE_SCALE)
    return state


def _insert_weights(scenario: Scenario, guide: PortfolioBound | None) -> dict[str, float]:
    """How likely each project is drawn for insertion: its value, times the share of the
    relaxation's steps that ran it (at least a little, so every project gets its chance)."""
    weights = {}
    for project in scenario.scheduled_projects():
        share = 1.0 if guide is None else max(0.05, guide.selection.get(project.id, 0.0))
        weights[project.id] = max(1.0, project.value) * share
    return weights


def _neighbourhood(
    scenario: Scenario, state: SearchState, rng: random.Random, weights: dict[str, float]
) -> set[str]:
    """Projects to re-plan together: those active in a time window, those sharing a person,
    or a random few; topped up with projects that do not run yet."""
    incumbent = state.incumbent
    scheduled = [p.id for p in scenario.scheduled_projects()]
    left_out = [p for p in scheduled if p not in incumbent]
    incumbent = {k: v for k, v in incumbent.items() if dataset_of(k) is None}
    kind = rng.choice(KINDS)
    newcomer = None
    if kind == "insert" and left_out:
        # A project not yet in the plan, likelier the more it is worth, with the projects
        # that hold the people it would need.
        newcomer = rng.choices(left_out, [weights[p] for p in left_out])[0]
        needs = [r for phase in scenario.project(newcomer).phases for r in phase.requires]
        holders = {p.id for r in needs for p in scenario.qualified(r)}
        core = [
            project
            for project, phases in incumbent.items()
            if any(p in holders for d in phases.values() for p, _, _ in d.staff)
        ]
    elif kind == "window":
        start = rng.randrange(scenario.grid.horizon)
        core = [
            project_id
            for project_id, phases in incumbent.items()
            if any(
                decision.start < start + WINDOW
                and start < decision.start + scenario.project(project_id).phase(phase_id).duration
                for phase_id, decision in phases.items()
                if phase_id != APPROVAL
            )
        ]
    elif kind == "person" and scenario.staff:
        person = rng.choice(scenario.staff).id
        core = [
            project
            for project, phases in incumbent.items()
            if any(person == p for d in phases.values() for p, _, _ in d.staff)
        ]
    else:
        core = rng.sample(scheduled, min(state.size, len(scheduled)))
    rng.shuffle(core)
    rng.shuffle(left_out)
    if newcomer is not None:
        left_out.remove(newcomer)
        left_out.insert(0, newcomer)
    half = max(1, state.size // 2)
    free = core[: state.size - min(half, len(left_out))]
    free += left_out[: state.size - len(free)]
    return set(free)


def step(
    scenario: Scenario,
    incumbent: Decisions,
    free: set[str],
    time_limit: float,
    options: SolveOptions,
    seed: int,
    frame: Frame | None = None,
    first: bool = False,
) -> tuple[Decisions | None, bool, float]:
    """Best plan of the neighbourhood ``free`` (projects of the incumbent or not yet in it)
    with the rest as in the incumbent (``first``: the first plan found), whether it is proven
    optimal, and the deterministic time the step took."""
    frame = frame or Frame()
    decided = {
        key: phases
        for key, phases in incumbent.items()
        if key not in free and dataset_of(key) is None
    }
    # An acquisition stays decided while a decided project needs its dataset.
    needed = {d for project in decided for d in scenario.project(project).datasets}
    decided.update(
        (key, phases)
        for key, phases in incumbent.items()
        if (dataset := dataset_of(key)) is not None and dataset in needed
    )
    excluded = [
        p.id for p in scenario.scheduled_projects() if p.id not in incumbent and p.id not in free
    ]
    built = build(
        scenario,
        excluded=excluded,
        background=Background.of(scenario, decided),
        frozen={k: v for k, v in frame.frozen.items() if k[0] not in decided},
        not_before=frame.not_before,
        baseline=frame.baseline,
    )
    hint(built.variables, incumbent)
    solver = presets.solver(
        STEP_PRESET, time_limit, options.workers, seed, deterministic=options.deterministic
    )
    solver.parameters.stop_after_first_solution = first
    code = solver.solve(built.model)
    spent = solver.deterministic_time
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, False, spent
    replanned = decisions_from(built.variables, solver.value)
    return {**decided, **replanned}, code == cp_model.OPTIMAL, spent
