"""Checks of the planner's own decisions: the budget caps and the pins."""

from __future__ import annotations

from zenplan.models import Scenario, Schedule
from zenplan.models.costs import budget_windows, spending
from zenplan.scheduler.check import Violation


def budget_violations(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    """Every cap of `policies.budget` holds (to the cent)."""
    spent, _ = spending(scenario, schedule)
    return [
        Violation(
            "budget", f"{w.label} is {w.cap:,.2f}; the plan spends {cost:,.2f}", period=w.first
        )
        for w in budget_windows(scenario)
        if (cost := sum(spent[w.first : w.end])) > w.cap + 0.005
    ]


def pin_violations(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    """Pinned projects are selected or not as pinned; pinned phases start in their window,
    with their pinned people and from their pinned pool."""
    violations: list[Violation] = []
    for project in scenario.scheduled_projects():
        plan = schedule.project(project.id)
        selected = plan is not None and plan.selected
        if project.pin == "not_selected" and selected:
            violations.append(Violation("pin", "pinned not_selected but selected", project.id))
        if plan is None or not selected:
            continue
        for phase in project.phases:
            planned = plan.phase(phase.id)
            if phase.pin is None or planned is None:
                continue
            window = scenario.pin_window(phase)

            def broken(message: str, where: tuple[str, str] = (project.id, phase.id)) -> Violation:
                return Violation("pin", message, *where)

            if window is not None and not window[0] <= planned.start <= window[1]:
                violations.append(
                    broken(f"starts in period {planned.start}, pinned to {window[0]}..{window[1]}")
                )
            staff = {s.id for s in planned.staff}
            violations += [
                broken(f"pinned person {p} does not work on it")
                for p in phase.pin.people
                if p not in staff
            ]
            pool = phase.pin.gpu_pool
            demands = [d for d in phase.gpus if pool in d.pools]
            if pool is not None and sum(g.count for g in planned.gpus if g.pool == pool) < sum(
                d.count for d in demands
            ):
                violations.append(broken(f"its GPUs do not all come from pinned pool {pool}"))
    return violations
