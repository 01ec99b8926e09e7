"""The objective of any schedule, computed the way the CP-SAT model counts it."""

from __future__ import annotations

from constraints.context import OBJECTIVE_SCALE, money
from models import Scenario, Schedule


def evaluate(scenario: Scenario, schedule: Schedule) -> float:
    """Value earned minus lateness, makespan and cost, with the scenario's weights.

    Rounded per term as the solver does, so a solver's plan and its evaluation agree exactly.
    """
    return objective_units(scenario, schedule) / OBJECTIVE_SCALE


def objective_units(scenario: Scenario, schedule: Schedule) -> int:
    weights = scenario.objective
    horizon = scenario.grid.horizon
    total = 0
    go_lives = []
    for plan in schedule.selected():
        project = scenario.project(plan.id)
        go_live = max((p.end for p in plan.phases), default=0)
        go_lives.append(go_live)
        if weights.value and project.value:
            total += money(weights.value * project.value) * (horizon - go_live)
        if weights.lateness and project.deadline is not None:
            late_by = max(0, go_live - scenario.grid.deadline_end(project.deadline))
            total -= money(weights.lateness * scenario.delay_cost(project)) * late_by
        if weights.cost:
            total -= _cost_units(scenario, plan.id, schedule)
    if weights.makespan and go_lives:
        scheduled = scenario.scheduled_projects()
        unit = sum(scenario.delay_cost(p) for p in scheduled) / len(scheduled)
        total -= money(weights.makespan * unit) * max(go_lives)
    return total


def _cost_units(scenario: Scenario, project_id: str, schedule: Schedule) -> int:
    weight = scenario.objective.cost
    rates = {p.id: p.cost_per_period for p in scenario.staff}
    gpu_rates = {p.id: p.cost_per_gpu_period for p in scenario.gpu_pools}
    plan = schedule.project(project_id)
    total = 0
    if plan is None:
        return 0
    for phase in plan.phases:
        duration = phase.end - phase.start
        for person in phase.staff:
            if rates.get(person.id):
                total += money(weight * rates[person.id] * duration)
        for gpu in phase.gpus:
            if gpu_rates.get(gpu.pool):
                total += money(weight * gpu_rates[gpu.pool] * gpu.count * duration)
    return total
