"""The greedy planner: serial schedule generation in priority order.

This is how a spreadsheet planner or an auto-scheduler plans: take the projects one by one,
mandatory ones first and then by value per unit of effort, and put each phase at the earliest
period where qualified people and GPUs are free. It always returns a plan; it is CP-SAT's
warm start and the baseline benchmarks compare against.
"""

from __future__ import annotations

from time import perf_counter

from models import Phase, Project, Requirement, Scenario, Schedule
from models.decisions import Decisions, PhaseDecision
from models.schedule import SolverInfo
from scheduler.assemble import assemble
from scheduler.timeline import Timeline


def plan(scenario: Scenario) -> Schedule:
    """The greedy schedule, with KPIs and a reason for every project left out."""
    started = perf_counter()
    decisions, reasons = decide(scenario)
    return assemble(
        scenario,
        decisions,
        "feasible",
        SolverInfo(engine="greedy"),
        solve_seconds=perf_counter() - started,
        reasons=reasons,
    )


def decisions_of(scenario: Scenario, schedule: Schedule) -> Decisions:
    """The placement decisions behind a schedule (to warm-start CP-SAT from any plan)."""
    decisions: Decisions = {}
    for plan in schedule.selected():
        project = scenario.project(plan.id)
        decisions[plan.id] = {}
        for phase_plan in plan.phases:
            phase = next(p for p in project.phases if p.id == phase_plan.id)
            people = [(s.id, s.skill) for s in phase_plan.staff]
            decisions[plan.id][phase.id] = PhaseDecision(
                start=phase_plan.start,
                staff=_requirement_units(scenario, phase, people),
                gpus=[(g.pool, g.count) for g in phase_plan.gpus],
            )
    return decisions


def _requirement_units(
    scenario: Scenario, phase: Phase, people: list[tuple[str, str]]
) -> list[tuple[str, str, int]]:
    """Which requirement each (person, skill) covers: within a skill, the highest levels asked
    go to the highest levels held."""
    levels = {p.id: p.skills for p in scenario.staff}
    result: list[tuple[str, str, int]] = []
    for skill in {s for _, s in people}:
        units = sorted(
            (
                r
                for r, req in enumerate(phase.requires)
                if req.skill == skill
                for _ in range(req.count)
            ),
            key=lambda r: -phase.requires[r].level,
        )
        holders = sorted(
            (p for p, s in people if s == skill), key=lambda p: -levels.get(p, {}).get(skill, 0)
        )
        result += [(p, skill, r) for p, r in zip(holders, units, strict=False)]
    return result


def priority_order(scenario: Scenario) -> list[Project]:
    """Mandatory projects first (earliest deadline first), then by value per person-week."""
    far = scenario.grid.end_date

    def key(project: Project) -> tuple[int, float, object, str]:
        if project.mandatory:
            return (0, 0.0, project.deadline or far, project.id)
        return (1, -project.value / max(project.effort(scenario.grid.days), 1.0), far, project.id)

    return sorted(scenario.scheduled_projects(), key=key)


def decide(scenario: Scenario) -> tuple[Decisions, dict[str, str]]:
    """Placement decisions for the projects that fit, and why the others do not."""
    timeline = Timeline(scenario)
    decisions: Decisions = {}
    reasons: dict[str, str] = {}
    for project in priority_order(scenario):
        placed, problem = _place(scenario, project, timeline)
        if placed is not None and not project.mandatory:
            problem = _not_worth_it(scenario, project, placed)
            if problem:
                _release(project, placed, timeline)
                placed = None
        if placed is None:
            reasons[project.id] = problem or "it does not fit"
        else:
            decisions[project.id] = placed
    return decisions, reasons


def _place(
    scenario: Scenario, project: Project, timeline: Timeline
) -> tuple[dict[str, PhaseDecision] | None, str | None]:
    grid = scenario.grid
    release = max(0, grid.first_period_on_or_after(project.release)) if project.release else 0
    placed: dict[str, PhaseDecision] = {}
    for index in project.phase_order():
        phase = project.phases[index]
        earliest = max(
            [
                release,
                *(
                    placed[project.phases[p].id].start + project.phases[p].duration
                    for p in project.predecessors(index)
                ),
            ]
        )
        decision = _earliest_slot(scenario, project, phase, earliest, timeline)
        if decision is None:
            _release(project, placed, timeline)
            return None, (
                f"phase {phase.id} finds no {phase.duration}-period window from period "
                f"{earliest} with its people and GPUs free before the horizon ends"
            )
        placed[phase.id] = decision
        timeline.book(
            project.id,
            decision.start,
            decision.start + phase.duration,
            [person for person, _, _ in decision.staff],
            decision.gpus,
        )
    return placed, None


def _earliest_slot(
    scenario: Scenario, project: Project, phase: Phase, earliest: int, timeline: Timeline
) -> PhaseDecision | None:
    horizon = scenario.grid.horizon
    for start in range(earliest, horizon - phase.duration + 1):
        end = start + phase.duration
        staff = _pick_staff(scenario, phase.requires, start, end, timeline)
        if staff is None:
            continue
        gpus = _pick_gpus(phase, start, end, timeline)
        if gpus is None:
            continue
        return PhaseDecision(start=start, staff=staff, gpus=gpus)
    return None


def _pick_staff(
    scenario: Scenario,
    requires: list[Requirement],
    start: int,
    end: int,
    timeline: Timeline,
) -> list[tuple[str, str, int]] | None:
    """Free qualified people for every requirement unit, keeping the experts for harder work."""
    chosen: list[tuple[str, str, int]] = []
    taken: set[str] = set()
    order = sorted(range(len(requires)), key=lambda r: len(scenario.qualified(requires[r])))
    for r in order:
        requirement = requires[r]
        candidates = sorted(
            (
                p
                for p in scenario.qualified(requirement)
                if p.id not in taken and timeline.person_free(p.id, start, end)
            ),
            key=lambda p: (p.skills[requirement.skill], sum(p.skills.values()), p.id),
        )
        if len(candidates) < requirement.count:
            return None
        for person in candidates[: requirement.count]:
            taken.add(person.id)
            chosen.append((person.id, requirement.skill, r))
    return chosen


def _pick_gpus(
    phase: Phase, start: int, end: int, timeline: Timeline
) -> list[tuple[str, int]] | None:
    picked: list[tuple[str, int]] = []
    for demand in phase.gpus:
        pool = next(
            (p for p in demand.pools if _pool_free(timeline, picked, p, demand.count, start, end)),
            None,
        )
        if pool is None:
            return None
        picked.append((pool, demand.count))
    return picked


def _pool_free(
    timeline: Timeline, picked: list[tuple[str, int]], pool: str, count: int, start: int, end: int
) -> bool:
    already = sum(c for p, c in picked if p == pool)
    return timeline.pool_free(pool, count + already, start, end)


def _release(project: Project, placed: dict[str, PhaseDecision], timeline: Timeline) -> None:
    for phase in project.phases:
        decision = placed.get(phase.id)
        if decision is not None:
            people = [person for person, _, _ in decision.staff]
            end = decision.start + phase.duration
            timeline.unbook(project.id, decision.start, end, people, decision.gpus)


def _not_worth_it(
    scenario: Scenario, project: Project, placed: dict[str, PhaseDecision]
) -> str | None:
    """A reason to leave an optional project out although it fits: a hard deadline it misses,
    or a plan in which it earns less than it costs."""
    grid = scenario.grid
    go_live = max(placed[p.id].start + p.duration for p in project.phases)
    if project.deadline is not None:
        due = grid.deadline_end(project.deadline)
        if project.deadline_hard and go_live > due:
            return (
                f"the earliest plan goes live in period {go_live}, after its hard deadline "
                f"{project.deadline} (period {due})"
            )
    weights = scenario.objective
    gain = weights.value * project.value * (grid.horizon - go_live)
    if project.deadline is not None:
        late = max(0, go_live - grid.deadline_end(project.deadline))
        gain -= weights.lateness * scenario.delay_cost(project) * late
    rates = {p.id: p.cost_per_period for p in scenario.staff}
    gpu_rates = {p.id: p.cost_per_gpu_period for p in scenario.gpu_pools}
    for phase in project.phases:
        decision = placed[phase.id]
        gain -= weights.cost * phase.duration * sum(rates[p] for p, _, _ in decision.staff)
        gain -= weights.cost * phase.duration * sum(gpu_rates[g] * c for g, c in decision.gpus)
    if gain <= 0 and (weights.value or weights.lateness or weights.cost):
        return f"its earliest plan (go-live in period {go_live}) earns nothing net of its costs"
    return None
