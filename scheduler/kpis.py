"""Portfolio KPIs of any schedule: value, cost, ROI, delivery cadence, flow and utilization."""

from __future__ import annotations

from collections import Counter

from zenplan.models import KPIs, Scenario, Schedule


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
        skill_utilization=skill_utilization(scenario, schedule),
        load=period_load(scenario, schedule),
        reuse_saved_periods=reuse_saved_periods(scenario, schedule),
        sponsor_share=sponsor_shares(scenario, schedule),
    )


def reuse_saved_periods(scenario: Scenario, schedule: Schedule) -> int:
    """Acquisition periods avoided: each acquired dataset serves every selected project that
    needs it, all but the first reusing it."""
    selected = [scenario.project(p.id) for p in schedule.selected()]
    saved = 0
    for acquisition in schedule.datasets:
        users = sum(acquisition.id in p.datasets for p in selected)
        if acquisition.start is not None and acquisition.end is not None and users > 1:
            saved += (acquisition.end - acquisition.start) * (users - 1)
    return saved


def sponsor_shares(scenario: Scenario, schedule: Schedule) -> dict[str, float]:
    """Per sponsor, the share of the value per period they asked for that is delivered."""
    selected = {p.id for p in schedule.selected()}
    asked = scenario.requested_value()
    got: dict[str, float] = {}
    for project in scenario.scheduled_projects():
        if project.sponsor is not None and project.id in selected:
            got[project.sponsor] = got.get(project.sponsor, 0.0) + project.value
    return {s: round(got.get(s, 0.0) / asked[s], 3) for s in sorted(asked) if asked[s]}


def skill_utilization(scenario: Scenario, schedule: Schedule) -> dict[str, float]:
    """Per skill, person-periods worked with it (at each assignment's share) over the
    available person-periods of the people who hold it."""
    used: dict[str, float] = {}
    for work in schedule.work():
        for assignment in work.staff:
            worked = (work.end - work.start) * assignment.share
            used[assignment.skill] = used.get(assignment.skill, 0.0) + worked
    result = {}
    available = {p.id: sum(scenario.available_of(p)) for p in scenario.staff}
    for skill in sorted({s for p in scenario.staff for s in p.skills}):
        supply = sum(available[p.id] for p in scenario.staff if skill in p.skills)
        result[skill] = round(used.get(skill, 0.0) / supply, 3) if supply else 0.0
    return result


def period_load(scenario: Scenario, schedule: Schedule) -> dict[str, dict[str, list[int]]]:
    """Per period: each person's work (1 busy, 0 free), people working per skill, GPUs in use
    per pool."""
    horizon = scenario.grid.horizon
    people = {p.id: [0] * horizon for p in scenario.staff}
    skills: dict[str, list[int]] = {}
    for work in schedule.work():
        for assignment in work.staff:
            row = skills.setdefault(assignment.skill, [0] * horizon)
            for t in range(max(0, work.start), min(work.end, horizon)):
                row[t] += 1
                if assignment.id in people:
                    people[assignment.id][t] = 1
    gpus = {p.id: [0] * horizon for p in scenario.gpu_pools}
    for plan in schedule.selected():
        for phase in plan.phases:
            for gpu in phase.gpus:
                for t in range(max(0, phase.start), min(phase.end, horizon)):
                    if gpu.pool in gpus:
                        gpus[gpu.pool][t] += gpu.count
    return {"people": people, "skills": dict(sorted(skills.items())), "gpus": gpus}


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
    """Share of each person's available time (their capacity in each period, 0 while away)
    spent on phases and acquisitions, each counted at its share of their time."""
    busy: dict[str, float] = dict.fromkeys((p.id for p in scenario.staff), 0.0)
    for plan in schedule.selected():
        for phase in plan.phases:
            for worker in phase.staff:
                busy[worker.id] = (
                    busy.get(worker.id, 0.0) + (phase.end - phase.start) * worker.share
                )
    for dataset in schedule.datasets:
        for worker in dataset.staff:
            span = (dataset.end or 0) - (dataset.start or 0)
            busy[worker.id] = busy.get(worker.id, 0.0) + span * worker.share
    result = {}
    for person in scenario.staff:
        available = sum(scenario.available_of(person))
        result[person.id] = round(busy.get(person.id, 0.0) / available, 3) if available else 0.0
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
