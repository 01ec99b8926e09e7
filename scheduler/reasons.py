"""Why a project was left out, in words: the rule it breaks or the bottleneck that blocks it."""

from __future__ import annotations

from collections import Counter

from zenplan.constraints.staffing import runs
from zenplan.models import Phase, Project, ProjectPlan, Scenario, Schedule
from zenplan.scheduler.timeline import Timeline


def unselected_reasons(scenario: Scenario, schedule: Schedule) -> dict[str, str]:
    """A reason for every scheduled project the schedule leaves out."""
    from zenplan.scheduler.spend import budget_reasons

    timeline = Timeline.of(scenario, schedule)
    reasons = budget_reasons(scenario, schedule)
    for project in scenario.scheduled_projects():
        if project.pin == "not_selected":
            reasons[project.id] = "not selected: pinned not selected"
    for plan in schedule.projects:
        if not plan.selected and plan.id not in reasons:
            reasons[plan.id] = reason_for(scenario, scenario.project(plan.id), timeline)
    return reasons


def critical_path(project: Project) -> int:
    """Periods the phases need one after another along the longest chain of `after`."""
    finish: dict[int, int] = {}
    for index in project.phase_order():
        preds = project.predecessors(index)
        finish[index] = max((finish[p] for p in preds), default=0) + project.phases[index].duration
    return max(finish.values())


def late_reasons(scenario: Scenario, schedule: Schedule) -> dict[str, str]:
    """For every selected project that goes live after its deadline, what delayed it."""
    timeline = Timeline.of(scenario, schedule)
    reasons = {}
    for plan in schedule.selected():
        if plan.late_by > 0:
            reasons[plan.id] = _delay(scenario, scenario.project(plan.id), plan, timeline)
    return reasons


def _delay(scenario: Scenario, project: Project, plan: ProjectPlan, timeline: Timeline) -> str:
    grid = scenario.grid
    release = max(0, grid.first_period_on_or_after(project.release)) if project.release else 0
    head = f"late by {plan.late_by} periods"
    assert project.deadline is not None
    due = grid.deadline_end(project.deadline)
    if release + critical_path(project) > due:
        return (
            f"{head}: its phases need {critical_path(project)} periods in sequence from period "
            f"{release}, past its deadline {project.deadline}"
        )
    causes: list[str] = []
    ends = {p.id: p.end for p in plan.phases}
    gated = {project.phases[i].id for i in project.gated_phases()}
    for index, phase in enumerate(project.phases):
        planned = plan.phase(phase.id)
        if planned is None:
            continue
        ready = max([release, *(ends[project.phases[p].id] for p in project.predecessors(index))])
        if planned.start <= ready:
            continue
        if phase.id in gated and plan.approval is not None and planned.start == plan.approval.end:
            causes.append(
                f"{phase.id} waited for the ethics approval granted at period {plan.approval.end}"
            )
            continue
        short = _short_in(scenario, project.id, phase, ready, planned.start, timeline)
        causes.append(
            f"{phase.id} waited from period {ready} to {planned.start}"
            + (f" for {short}" if short else "")
        )
    if not causes:
        return f"{head}: the plan earns more with it late than with other projects later"
    return f"{head}: " + "; ".join(causes)


def _short_in(
    scenario: Scenario, project_id: str, phase: Phase, first: int, last: int, timeline: Timeline
) -> str:
    """The requirement or GPU demand that was taken by other projects while the phase waited."""
    for requirement in phase.requires:
        holders: Counter[str] = Counter()
        for t in range(first, last):
            free = [
                p
                for p in scenario.qualified(requirement)
                if timeline.person_busy[p.id].get(t, project_id) == project_id
            ]
            if len(free) < requirement.count:
                holders.update(
                    timeline.person_busy[p.id][t]
                    for p in scenario.qualified(requirement)
                    if timeline.person_busy[p.id].get(t, project_id) != project_id
                )
        if holders:
            names = ", ".join(name for name, _ in holders.most_common(3))
            return f"{requirement.skill} >= {requirement.level}, taken by {names}"
    for demand in phase.gpus:
        for pool in demand.pools:
            users = {u for t in range(first, last) for u in timeline.pool_users[pool].get(t, set())}
            users.discard(project_id)
            if users:
                return f"GPUs of {pool}, used by {', '.join(sorted(users)[:3])}"
    return ""


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
    """The requirement or GPU demand that is short in the most periods after release, with
    those periods and the projects holding it."""
    horizon = scenario.grid.horizon
    worst: tuple[list[int], str, Counter[str]] | None = None
    for phase in project.phases:
        for requirement in phase.requires:
            qualified = scenario.qualified(requirement)
            short: list[int] = []
            holders: Counter[str] = Counter()
            for t in range(release, horizon):
                busy = [p for p in qualified if t in timeline.person_busy[p.id]]
                if len(qualified) - len(busy) < requirement.count:
                    short.append(t)
                    holders.update(timeline.person_busy[p.id][t] for p in busy)
            label = (
                f"{requirement.skill} >= {requirement.level} ({requirement.count} needed, "
                f"{len(qualified)} qualified) for phase {phase.id}"
            )
            if short and (worst is None or len(short) > len(worst[0])):
                worst = (short, label, holders)
        for demand in phase.gpus:
            short = []
            holders = Counter()
            for t in range(release, horizon):
                if all(
                    timeline.pool_used[pool][t] + demand.count > timeline.capacity[pool][t]
                    for pool in demand.pools
                ):
                    short.append(t)
                    for pool in demand.pools:
                        holders.update(timeline.pool_users[pool].get(t, set()))
            label = f"{demand.count} GPUs of {' or '.join(demand.pools)} for phase {phase.id}"
            if short and (worst is None or len(short) > len(worst[0])):
                worst = (short, label, holders)
    if worst is None:
        return ""
    short, label, holders = worst
    holders.pop("(unavailable)", None)
    busy_with = ", ".join(name for name, _ in holders.most_common(3))
    periods = ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in runs(set(short)))
    return (
        f"{label} is taken in {len(short)} of its {horizon - release} possible periods "
        f"(periods {periods})" + (f" by {busy_with}" if busy_with else "")
    )
