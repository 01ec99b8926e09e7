"""Replanning after drift incidents: refresh work with an SLA enters, what has started stays,
the rest moves as little as it must.

A small portfolio is one CP-SAT model hinted with the baseline. A large one (as
scheduler/solve.py decides) is repaired first: the refresh work (and pinned projects) placed
with the rest of the baseline as it is, then the projects that hold the people the refresh
work needs re-planned with it when it does not fit; the repaired plan is improved by
neighbourhoods (scheduler/lns.py) within the frame, and bounded by the portfolio's
relaxation, which stays a bound when work is frozen and changes cost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from time import perf_counter
from typing import Any

from zenplan.constraints.context import OBJECTIVE_SCALE
from zenplan.models import InputError, Problem, Scenario, Schedule, parse_scenario
from zenplan.models.decisions import APPROVAL, Decisions, PhaseDecision, dataset_of
from zenplan.models.diff import ScheduleDiff, diff
from zenplan.models.pins import Pin, with_pins
from zenplan.models.scenario import Incident
from zenplan.models.schedule import SolverInfo
from zenplan.scheduler import greedy, lns
from zenplan.scheduler.assemble import plain
from zenplan.scheduler.bound import portfolio_bound
from zenplan.scheduler.build import build
from zenplan.scheduler.check import check
from zenplan.scheduler.counterfactual import checked_reasons
from zenplan.scheduler.decode import hint
from zenplan.scheduler.incidents import with_incidents
from zenplan.scheduler.options import SolveOptions
from zenplan.scheduler.progress import ProgressCallback, Reporter
from zenplan.scheduler.score import breakdown
from zenplan.scheduler.solve import (
    bound_seconds,
    by_neighbourhoods,
    run_model,
    strategy_for,
    with_bound,
)

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
    frame = lns.Frame(frozen, now_period, promised)
    info = SolverInfo(
        engine="cp-sat",
        strategy=_strategy(full, options),
        time_limit=options.time_limit,
        workers=options.workers,
        seed=options.seed,
        relative_gap=options.relative_gap,
        deterministic=options.deterministic,
        preset=options.preset,
    )
    reporter = Reporter(started, on_progress)
    refresh = {i.id for i in [*scenario.incidents, *incidents]}
    repaired = None
    if info.strategy == "lns":
        tries: list[str] = []
        changed = refresh | {p.project for p in pins}
        repaired = _repaired(full, frame, changed, options, started, tries)
        info.debug["repair"] = "; ".join(tries)
    if repaired is not None:
        schedule = _by_neighbourhoods(full, repaired, frame, options, reporter, info)
    else:
        info.strategy = "full"
        built = build(full, frozen=frozen, not_before=now_period, baseline=promised)
        hint(built.variables, promised)
        info.debug["build_seconds"] = round(perf_counter() - started, 3)
        # the reasons come below, tried from now on
        schedule = run_model(full, built, options, reporter, info, explained=False)
    if schedule.status in ("optimal", "feasible"):
        schedule.breakdown = breakdown(full, schedule, promised)  # with stability
        # Reasons tried from now on, with started work where it is.
        reasons = checked_reasons(full, schedule, now_period, frozen=frozen)
        for plan in schedule.projects:
            plan.reason = reasons.get(plan.id)
    changes = diff(baseline, schedule, since=now_period) if schedule.projects else ScheduleDiff()
    return Replan(schedule, changes, len(frozen), now_period)


def _strategy(scenario: Scenario, options: SolveOptions) -> str:
    # the makespan search has no replan: the whole model instead
    strategy = strategy_for(scenario, options)
    return strategy if strategy == "lns" else "full"


# Share of the time limit the repair may take before the whole model is tried instead (on
# a large portfolio the whole model rarely finds a plan, the repair's second try often
# needs seconds); the first try (the changed projects alone) may take a quarter of it.
REPAIR_SHARE = 0.6


def _repaired(
    scenario: Scenario,
    frame: lns.Frame,
    changed: set[str],
    options: SolveOptions,
    started: float,
    tries: list[str],
) -> Decisions | None:
    """The baseline with the ``changed`` projects (refresh work, pinned projects) placed, the
    rest as it is; when that does not fit, with the projects holding the people they need
    re-planned too. None when neither fits within the repair's share of the time (counted
    in CP-SAT's deterministic time when ``options.deterministic``). ``tries`` hears what
    each try gave."""
    assert frame.baseline is not None
    promised = frame.baseline
    known = {p.id for p in scenario.scheduled_projects()}
    free = changed & known
    kept = {k: v for k, v in promised.items() if k not in free}
    if not free:
        return kept if _valid(scenario, kept) else None
    holders = _holders(scenario, frame, kept, free)
    limit = REPAIR_SHARE * options.time_limit
    for share, neighbourhood in ((0.25, free), (1.0, free | holders)):
        left = limit if options.deterministic else limit - (perf_counter() - started)
        if left <= 0.05:
            return None
        begun = perf_counter()
        found, _proven, _spent = lns.step(
            scenario, kept, neighbourhood, share * left, options, options.seed, frame, first=True
        )
        valid = found is not None and _valid(scenario, found)
        outcome = "a plan" if valid else "a plan breaking a rule" if found else "no plan"
        size = len(neighbourhood)
        tries.append(
            f"{size} project{'s' * (size > 1)} re-planned: {outcome} "
            f"in {perf_counter() - begun:.2f} s"
        )
        if found is not None:
            return found if valid else None
    return None


def _holders(scenario: Scenario, frame: lns.Frame, kept: Decisions, free: set[str]) -> set[str]:
    """The projects of ``kept`` whose work not yet frozen holds a person the ``free``
    projects could need, in the periods the free projects may run (from their release, or
    now, to their deadline when it is hard)."""
    grid = scenario.grid
    wanted: dict[str, set[int]] = {}
    for project_id in free:
        project = scenario.project(project_id)
        first = frame.not_before
        if project.release is not None:
            first = max(first, grid.first_period_on_or_after(project.release))
        last = grid.horizon
        if project.deadline is not None and project.deadline_hard:
            last = min(last, grid.deadline_end(project.deadline))
        for phase in project.phases:
            for requirement in phase.requires:
                for person in scenario.qualified(requirement):
                    wanted.setdefault(person.id, set()).update(range(first, last))
    holders = set()
    for key, phases in kept.items():
        if dataset_of(key) is not None:
            continue
        for phase_id, decision in phases.items():
            if phase_id == APPROVAL or (key, phase_id) in frame.frozen:
                continue
            span = range(
                decision.start, decision.start + scenario.project(key).phase(phase_id).duration
            )
            if any(wanted.get(p, set()).intersection(span) for p, _s, _u in decision.staff):
                holders.add(key)
                break
    return holders


def _valid(scenario: Scenario, decisions: Decisions) -> bool:
    """Whether a plan keeps every rule (a baseline made for an earlier version of the
    scenario may not)."""
    return not check(scenario, plain(scenario, decisions))


def _by_neighbourhoods(
    scenario: Scenario,
    repaired: Decisions,
    frame: lns.Frame,
    options: SolveOptions,
    reporter: Reporter,
    info: SolverInfo,
) -> Schedule:
    """The repaired plan, reported at once, bounded by the portfolio relaxation (frozen work
    and the cost of changes only lower the best possible) and improved by neighbourhoods."""
    units = lns.units_of(scenario, repaired, frame.baseline)
    reporter.found(units / OBJECTIVE_SCALE)
    bound = portfolio_bound(
        scenario,
        bound_seconds(options),
        units / OBJECTIVE_SCALE,
        options.deterministic,
        lambda value: reporter.on_bound(value * OBJECTIVE_SCALE),  # each better bound, told
    )
    # the reasons come in replan, tried from now on
    schedule = by_neighbourhoods(
        scenario, options, repaired, bound, reporter, info, frame, explained=False
    )
    return with_bound(schedule, reporter)


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
