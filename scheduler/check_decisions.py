"""Checks of the planner's own decisions: the budget caps and the pins."""

from __future__ import annotations

from zenplan.models import Requirement, Scenario, Schedule
from zenplan.models.costs import budget_windows, spending
from zenplan.models.decisions import dataset_of
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


def share_violations(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    """With part-time people or shares: in each period the shares a person works fit their
    capacity then (0 while away), each share being the one of a requirement of the work."""
    violations: list[Violation] = []
    people = {p.id: p for p in scenario.staff}
    capacity = {p.id: scenario.capacity_of(p) for p in scenario.staff}
    load: dict[str, dict[int, list[tuple[str, str, float]]]] = {}
    for owner, item, start, end, staff in schedule.work():
        shares = {r.share for r in _requires(scenario, owner, item)}
        for assignment in staff:
            if assignment.id not in people:
                continue
            if shares and assignment.share not in shares:
                message = f"share {assignment.share} is none the work asks for ({sorted(shares)})"
                violations.append(Violation("share", message, owner, item, assignment.id))
            agenda = load.setdefault(assignment.id, {})
            for t in range(max(0, start), min(end, scenario.grid.horizon)):
                agenda.setdefault(t, []).append((owner, item, assignment.share))
    for person_id, agenda in load.items():
        for t, works in sorted(agenda.items()):
            used = sum(share for _, _, share in works)
            room = capacity[person_id][t]
            if used > room + 1e-9:
                rule = "unavailable" if room == 0 else "capacity"
                names = ", ".join(f"{o}/{i} ({share:g})" for o, i, share in works)
                message = f"works {used:g} of a capacity of {room:g}: {names}"
                owner, item, _ = works[-1]
                violations.append(Violation(rule, message, owner, item, person_id, t))
    return violations


def _requires(scenario: Scenario, owner: str, item: str) -> list[Requirement]:
    """The requirements of a piece of work of a schedule (none when the scenario lacks it)."""
    dataset = dataset_of(owner)
    if dataset is not None:
        found = next((d for d in scenario.datasets if d.id == dataset), None)
        return found.acquisition.requires if found and found.acquisition else []
    project = next((p for p in scenario.projects if p.id == owner), None)
    phase = next((p for p in project.phases if p.id == item), None) if project else None
    return phase.requires if phase else []
