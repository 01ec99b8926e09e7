"""The objective of any schedule, computed the way the CP-SAT model counts it."""

from __future__ import annotations

from itertools import pairwise

from constraints.balance import FAIRNESS_SCALE, fairness_coefficient
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
        total -= money(weights.makespan * scenario.mean_delay_cost()) * max(go_lives)
    if weights.cost:
        total -= _acquisition_cost_units(scenario, schedule)
    if weights.balance and scenario.scheduled_projects():
        total -= _balance_units(scenario, schedule, go_lives)
    return total


def _acquisition_cost_units(scenario: Scenario, schedule: Schedule) -> int:
    rates = {p.id: p.cost_per_period for p in scenario.staff}
    return sum(
        money(scenario.objective.cost * rates.get(person.id, 0.0) * ((d.end or 0) - (d.start or 0)))
        for d in schedule.datasets
        for person in d.staff
        if rates.get(person.id)
    )


def _balance_units(scenario: Scenario, schedule: Schedule, go_lives: list[int]) -> int:
    """Delivery-gap excess, a late first delivery and the sponsor spread, as the model counts
    them (constraints/balance.py)."""
    policies, horizon = scenario.policies, scenario.grid.horizon
    per_period = money(scenario.objective.balance * scenario.mean_delay_cost())
    total = 0
    gap = policies.max_delivery_gap
    if gap is not None and gap < horizon:
        distinct = sorted(set(go_lives))
        total += per_period * sum(max(0, b - a - gap) for a, b in pairwise(distinct))
    if policies.first_delivery_by is not None:
        due = scenario.grid.deadline_end(policies.first_delivery_by)
        total += per_period * max(0, min(go_lives, default=horizon) - due)
    spread = sponsor_spread(scenario, {p.id for p in schedule.selected()})
    if spread is not None:
        total += -(-fairness_coefficient(scenario) * spread // FAIRNESS_SCALE)  # ceiling
    return total


def sponsor_spread(scenario: Scenario, selected: set[str]) -> int | None:
    """Best minus worst sponsor share of requested value delivered, in thousandths (None
    with fewer than two sponsors asking for value)."""
    requested = scenario.requested_value()
    sponsors = [s for s, v in requested.items() if v > 0]
    if len(sponsors) < 2:
        return None
    shares = [
        sum(
            round(FAIRNESS_SCALE * p.value / requested[sponsor])
            for p in scenario.scheduled_projects()
            if p.sponsor == sponsor and p.value and p.id in selected
        )
        for sponsor in sponsors
    ]
    return max(shares) - min(shares)


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
