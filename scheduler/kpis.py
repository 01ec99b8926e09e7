"""Portfolio KPIs of any schedule: value, cost, ROI, delivery cadence, flow and utilization."""

from __future__ import annotations

from collections import Counter

from models import KPIs, Scenario, Schedule


def compute_kpis(scenario: Scenario, schedule: Schedule) -> KPIs:
    """KPIs in money and periods; value is what the delivered projects earn until the horizon."""
    grid = scenario.grid
    horizon = grid.horizon
    delivered = schedule.selected()
    value = 0.0
    lateness = 0
    late = 0
    go_lives: list[int] = []
    by_size: Counter[str] = Counter()
    by_sponsor: Counter[str] = Counter()
    flow: dict[str, float] = {}
    for plan in delivered:
        project = scenario.project(plan.id)
        go_live = max(p.end for p in plan.phases)
        start = min(p.start for p in plan.phases)
        go_lives.append(go_live)
        value += project.value * (horizon - go_live)
        if project.deadline is not None:
            periods_late = max(0, go_live - grid.deadline_end(project.deadline))
            lateness += periods_late
            late += periods_late > 0
        by_size[project.size_class(grid.days)] += 1
        by_sponsor[project.sponsor or "(none)"] += 1
        active = {t for p in plan.phases for t in range(p.start, p.end)}
        flow[plan.id] = round(len(active) / (go_live - start), 3)
    cost = staff_cost(scenario, schedule) + gpu_cost(scenario, schedule)
    gaps = [b - a for a, b in zip(sorted(go_lives), sorted(go_lives)[1:], strict=False)]
    return KPIs(
        value=round(value, 2),
        cost=round(cost, 2),
        roi=round(value / cost, 3) if cost else None,
        delivered=len(delivered),
        delivered_by_size=dict(sorted(by_size.items())),
        delivered_by_sponsor=dict(sorted(by_sponsor.items())),
        late=late,
        lateness_periods=lateness,
        makespan=max(go_lives, default=0),
        max_delivery_gap=max(gaps, default=0),
        flow_efficiency=round(sum(flow.values()) / len(flow), 3) if flow else 0.0,
        flow_efficiency_by_project=flow,
        utilization=person_utilization(scenario, schedule),
        gpu_utilization=gpu_utilization(scenario, schedule),
    )


def staff_cost(scenario: Scenario, schedule: Schedule) -> float:
    rates = {p.id: p.cost_per_period for p in scenario.staff}
    return sum(
        rates.get(person.id, 0.0) * (phase.end - phase.start)
        for plan in schedule.selected()
        for phase in plan.phases
        for person in phase.staff
    ) + sum(
        rates.get(person.id, 0.0) * ((dataset.end or 0) - (dataset.start or 0))
        for dataset in schedule.datasets
        for person in dataset.staff
    )


def gpu_cost(scenario: Scenario, schedule: Schedule) -> float:
    rates = {p.id: p.cost_per_gpu_period for p in scenario.gpu_pools}
    return sum(
        rates.get(gpu.pool, 0.0) * gpu.count * (phase.end - phase.start)
        for plan in schedule.selected()
        for phase in plan.phases
        for gpu in phase.gpus
    )


def person_utilization(scenario: Scenario, schedule: Schedule) -> dict[str, float]:
    """Share of each person's available periods spent on phases and acquisitions."""
    busy: Counter[str] = Counter()
    for plan in schedule.selected():
        for phase in plan.phases:
            for worker in phase.staff:
                busy[worker.id] += phase.end - phase.start
    for dataset in schedule.datasets:
        for worker in dataset.staff:
            busy[worker.id] += (dataset.end or 0) - (dataset.start or 0)
    result = {}
    for person in scenario.staff:
        available = scenario.grid.horizon - len(scenario.unavailable_periods(person))
        result[person.id] = round(busy[person.id] / available, 3) if available else 0.0
    return result


def gpu_utilization(scenario: Scenario, schedule: Schedule) -> dict[str, float]:
    """Share of each pool's GPU-periods in use over the horizon."""
    used: Counter[str] = Counter()
    for plan in schedule.selected():
        for phase in plan.phases:
            for gpu in phase.gpus:
                used[gpu.pool] += gpu.count * (phase.end - phase.start)
    result = {}
    for pool in scenario.gpu_pools:
        total = sum(scenario.pool_capacity(pool.id))
        result[pool.id] = round(used[pool.id] / total, 3) if total else 0.0
    return result
