"""Why the budget keeps a project out: at its least cost, wherever it starts, some budget
window has no room left."""

from __future__ import annotations

from collections import Counter

from zenplan.models import Project, Scenario, Schedule
from zenplan.models.costs import BudgetWindow, budget_windows, overspent, spending, spent_by


def budget_reasons(scenario: Scenario, schedule: Schedule) -> dict[str, str]:
    """For each unselected project the budget keeps out, the window and who spends it."""
    windows = budget_windows(scenario)
    if not windows:
        return {}
    spent, owners = spending(scenario, schedule)
    reasons = {}
    for plan in schedule.projects:
        if plan.selected:
            continue
        found = _blocking(scenario, scenario.project(plan.id), windows, spent)
        if found is not None:
            window, needed = found
            reasons[plan.id] = "not selected: " + spent_by(window, owners, needed)
    return reasons


def least_rates(scenario: Scenario, project: Project) -> list[float]:
    """Per phase, the least money per period it can cost: its cheapest qualified people and
    its cheapest GPU pools."""
    rates = []
    for phase in project.phases:
        amount = 0.0
        for requirement in phase.requires:
            costs = sorted(p.cost_per_period for p in scenario.qualified(requirement))
            amount += sum(costs[: requirement.count])
        for demand in phase.gpus:
            amount += demand.count * min(scenario.pool(p).cost_per_gpu_period for p in demand.pools)
        rates.append(amount)
    return rates


def _blocking(
    scenario: Scenario, project: Project, windows: list[BudgetWindow], spent: list[float]
) -> tuple[BudgetWindow, float] | None:
    """The window that blocks the project at every start from its release to its latest
    (the horizon, or a hard deadline), its phases back to back at least cost, and what the
    project needs there; None when some start fits."""
    grid = scenario.grid
    release = max(0, grid.first_period_on_or_after(project.release)) if project.release else 0
    rates = least_rates(scenario, project)
    offsets: dict[int, int] = {}
    for index in project.phase_order():
        preds = project.predecessors(index)
        offsets[index] = max((offsets[p] + project.phases[p].duration for p in preds), default=0)
    length = max(offsets[i] + p.duration for i, p in enumerate(project.phases))
    last = grid.horizon - length
    if project.deadline_hard and project.deadline is not None:
        last = min(last, grid.deadline_end(project.deadline) - length)
    blocked: Counter[BudgetWindow] = Counter()
    need: dict[BudgetWindow, float] = {}
    for start in range(release, last + 1):
        extra: dict[int, float] = {}
        for index, phase in enumerate(project.phases):
            first = start + offsets[index]
            for t in range(first, first + phase.duration):
                extra[t] = extra.get(t, 0.0) + rates[index]
        window = overspent(windows, spent, extra)
        if window is None:
            return None
        blocked[window] += 1
        need[window] = sum(a for t, a in extra.items() if window.first <= t < window.end)
    if not blocked:
        return None
    window = blocked.most_common(1)[0][0]
    return window, need[window]
