"""Replanning after drift incidents: refresh work with an SLA enters, what has started stays,
the rest moves as little as it must."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from time import perf_counter
from typing import Any

from zenplan.models import InputError, Problem, Scenario, Schedule, parse_scenario
from zenplan.models.decisions import Decisions, PhaseDecision
from zenplan.models.diff import ScheduleDiff, diff
from zenplan.models.pins import Pin, with_pins
from zenplan.models.scenario import Incident
from zenplan.models.schedule import SolverInfo
from zenplan.scheduler import greedy
from zenplan.scheduler.build import build
from zenplan.scheduler.counterfactual import checked_reasons
from zenplan.scheduler.decode import hint
from zenplan.scheduler.incidents import with_incidents
from zenplan.scheduler.options import SolveOptions
from zenplan.scheduler.progress import ProgressCallback, Reporter
from zenplan.scheduler.score import breakdown
from zenplan.scheduler.solve import run_model

__all__ = ["Replan", "replan", "with_incidents"]


@dataclass
class Replan:
    """The new schedule, what changed against the baseline, and how much was frozen."""

    schedule: Schedule
    diff: ScheduleDiff
    frozen_phases: int
    now: int


def merge_incidents(
    scenario: Scenario, raw: Sequence[Any], source: str
) -> tuple[list[Incident], Scenario]:
    """Incidents given with a replan (parsed documents), checked against ``scenario``, and the
    scenario that replan plans: every incident's refresh work as a mandatory project.

    The one merge behind ``zenplan replan --incidents`` and the service's replan. The
    incidents are validated inside the scenario's document, so the rules that need the
    scenario (known project, date inside the horizon, known GPU pools) hold. Raises
    ``InputError`` located at ``("incidents", i, ...)``, ``i`` counting the given incidents.
    """
    own = len(scenario.incidents)
    document = scenario.model_dump(mode="json", by_alias=True, exclude_unset=True)
    document["incidents"] = [*document.get("incidents", []), *raw]
    try:
        merged = parse_scenario(document, source)
    except InputError as error:
        raise InputError(source, _of_given(error.problems, own)) from None
    except (ArithmeticError, ValueError, TypeError) as error:
        message = f"cannot read the incidents: {error}"
        raise InputError(source, [Problem(("incidents",), message)]) from None
    given = merged.incidents[own:]
    projects = {p.id for p in scenario.projects}
    taken = [
        Problem(
            ("incidents", i, "id"),
            f"{incident.id!r} is a project's id; the refresh work becomes a project with the "
            "incident's id, so it needs an id of its own",
            incident.id,
        )
        for i, incident in enumerate(given)
        if incident.id in projects
    ]
    if taken:
        raise InputError(source, taken)
    try:
        full = with_incidents(scenario, given)
    except (InputError, ArithmeticError, ValueError, TypeError) as error:
        message = f"the refresh work of the incidents is not a valid project: {error}"
        raise InputError(source, [Problem(("incidents",), message)]) from None
    return given, full


def _of_given(problems: list[Problem], own: int) -> list[Problem]:
    """The problems of the merged document, located in the list of given incidents (the
    scenario's own incidents are valid; one is named only as the twin of a duplicate id)."""
    given: list[Problem] = []
    for problem in problems:
        loc = problem.loc
        if len(loc) >= 2 and loc[0] == "incidents" and isinstance(loc[1], int):
            if loc[1] >= own:
                where = ("incidents", loc[1] - own, *loc[2:])
                given.append(Problem(where, problem.message, problem.value))
        else:
            given.append(Problem(("incidents", *loc), problem.message, problem.value))
    return given or [Problem(("incidents",), p.message, p.value) for p in problems]


def replan(
    scenario: Scenario,
    baseline: Schedule,
    now: date,
    options: SolveOptions | None = None,
    incidents: Sequence[Incident] = (),
    on_progress: ProgressCallback | None = None,
    pins: Sequence[Pin] = (),
) -> Replan:
    """Replan from ``now``: phases started before now (and within `policies.freeze_periods`
    after it) keep their start, people and GPUs; incidents become mandatory refresh work;
    ``pins`` fix parts of other projects; the other phases may move at a cost per period
    moved and per person changed."""
    options = options or SolveOptions()
    if pins:
        scenario = with_pins(scenario, pins)
    started = perf_counter()
    grid = scenario.grid
    if not grid.contains(now):
        raise ValueError(f"now: {now} is outside the horizon {grid.start} .. {grid.end_date}")
    now_period = grid.period_of(now)
    full = with_incidents(scenario, incidents)
    unknown = [p.id for p in baseline.projects if p.selected and p.id not in _scheduled(full)]
    if unknown:
        raise ValueError(f"baseline: projects not in the scenario: {', '.join(unknown)}")
    promised = greedy.decisions_of(full, baseline)
    frozen = _frozen(promised, now_period + full.policies.freeze_periods)
    built = build(full, frozen=frozen, not_before=now_period, baseline=promised)
    hint(built.variables, promised)
    info = SolverInfo(
        engine="cp-sat",
        strategy="full",
        time_limit=options.time_limit,
        workers=options.workers,
        seed=options.seed,
        relative_gap=options.relative_gap,
        deterministic=options.deterministic,
        preset=options.preset,
    )
    info.debug["build_seconds"] = round(perf_counter() - started, 3)
    reporter = Reporter(started, on_progress)
    schedule = run_model(full, built, options, reporter, info)
    if schedule.status in ("optimal", "feasible"):
        schedule.breakdown = breakdown(full, schedule, promised)  # with stability
        # Reasons tried from now on, with started work where it is.
        reasons = checked_reasons(full, schedule, now_period, frozen=frozen)
        for plan in schedule.projects:
            plan.reason = reasons.get(plan.id)
    changes = diff(baseline, schedule, since=now_period) if schedule.projects else ScheduleDiff()
    return Replan(schedule, changes, len(frozen), now_period)


def _scheduled(scenario: Scenario) -> set[str]:
    return {p.id for p in scenario.scheduled_projects()}


def _frozen(promised: Decisions, until: int) -> dict[tuple[str, str], PhaseDecision]:
    """Work that started before ``until`` keeps its decisions (done, running or frozen)."""
    frozen: dict[tuple[str, str], PhaseDecision] = {}
    for key, phases in promised.items():
        for phase_id, decision in phases.items():
            if decision.start < until:
                frozen[(key, phase_id)] = decision
    return frozen
