"""Why a project was left out, in words: the rule it breaks or the bottleneck that blocks it."""

from __future__ import annotations

from collections import Counter

from models import Project, Scenario, Schedule
from scheduler.timeline import Timeline


def unselected_reasons(scenario: Scenario, schedule: Schedule) -> dict[str, str]:
    """A reason for every scheduled project the schedule leaves out."""
    timeline = Timeline.of(scenario, schedule)
    reasons = {}
    for plan in schedule.projects:
        if not plan.selected:
            reasons[plan.id] = reason_for(scenario, scenario.project(plan.id), timeline)
    return reasons


def critical_path(project: Project) -> int:
    """Periods the phases need one after another along the longest chain of `after`."""
    finish: dict[int, int] = {}
    for index in project.phase_order():
        preds = project.predecessors(index)
        finish[index] = max((finish[p] for p in preds), default=0) + project.phases[index].duration
    return max(finish.values())


def optimistic_bound(scenario: Scenario) -> float:
    """No plan earns more: every project live at its earliest period, nothing late, no cost.

    The bound reported by the neighbourhood search; CP-SAT's own root bound on the whole
    model was no tighter on the portfolios measured (BENCHMARKS.md).
    """
    grid = scenario.grid
    total = 0.0
    for project in scenario.scheduled_projects():
        release = max(0, grid.first_period_on_or_after(project.release)) if project.release else 0
        go_live = release + critical_path(project)
        total += scenario.objective.value * project.value * max(0, grid.horizon - go_live)
    return total


def reason_for(scenario: Scenario, project: Project, timeline: Timeline) -> str:
    grid = scenario.grid
    release = max(0, grid.first_period_on_or_after(project.release)) if project.release else 0
    needed = critical_path(project)
    if release + needed > grid.horizon:
        return (
            f"not selected: its phases need {needed} periods in sequence from period {release}, "
            f"beyond the horizon of {grid.horizon} periods"
        )
    if project.deadline_hard and project.deadline is not None:
        due = grid.deadline_end(project.deadline)
        if release + needed > due:
            return (
                f"not selected: its phases need {needed} periods in sequence from period "
                f"{release}, so it cannot meet its hard deadline {project.deadline}"
            )
    bottleneck = _bottleneck(scenario, project, release, timeline)
    if bottleneck:
        return f"not selected: {bottleneck}"
    return (
        "not selected: its people and GPUs are free at times, but fitting it would delay "
        "projects worth more or cost more than it earns"
    )


def _bottleneck(scenario: Scenario, project: Project, release: int, timeline: Timeline) -> str:
    """The requirement or GPU demand that is short in the most periods after release."""
    horizon = scenario.grid.horizon
    worst: tuple[int, str, Counter[str]] | None = None
    for phase in project.phases:
        for requirement in phase.requires:
            qualified = scenario.qualified(requirement)
            short = 0
            holders: Counter[str] = Counter()
            for t in range(release, horizon):
                free = [p for p in qualified if t not in timeline.person_busy[p.id]]
                if len(free) < requirement.count:
                    short += 1
                    holders.update(
                        timeline.person_busy[p.id][t]
                        for p in qualified
                        if t in timeline.person_busy[p.id]
                    )
            label = (
                f"{requirement.skill} >= {requirement.level} ({requirement.count} needed, "
                f"{len(qualified)} qualified) for phase {phase.id}"
            )
            if short and (worst is None or short > worst[0]):
                worst = (short, label, holders)
        for demand in phase.gpus:
            short = 0
            holders = Counter()
            for t in range(release, horizon):
                if all(
                    timeline.pool_used[pool][t] + demand.count > timeline.capacity[pool][t]
                    for pool in demand.pools
                ):
                    short += 1
                    for pool in demand.pools:
                        holders.update(timeline.pool_users[pool].get(t, set()))
            label = f"{demand.count} GPUs of {' or '.join(demand.pools)} for phase {phase.id}"
            if short and (worst is None or short > worst[0]):
                worst = (short, label, holders)
    if worst is None:
        return ""
    short, label, holders = worst
    busy_with = ", ".join(name for name, _ in holders.most_common(3))
    window = horizon - release
    return f"{label} is taken in {short} of its {window} possible periods" + (
        f" (by {busy_with})" if busy_with else ""
    )
