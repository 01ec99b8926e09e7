"""The objective of any schedule, computed the way the CP-SAT model counts it."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from zenplan.constraints.balance import FAIRNESS_SCALE, fairness_coefficient
from zenplan.constraints.context import OBJECTIVE_SCALE, money
from zenplan.models import Project, Scenario, Schedule


def evaluate(scenario: Scenario, schedule: Schedule) -> float:
    """Value earned minus lateness, makespan and cost, with the scenario's weights.

    Rounded per term as the solver does, so a solver's plan and its evaluation agree exactly.
    """
    return objective_units(scenario, schedule) / OBJECTIVE_SCALE


def objective_units(scenario: Scenario, schedule: Schedule) -> int:
    weights = scenario.objective
    total = 0
    go_lives = []
    for plan in schedule.selected():
        go_live = max((p.end for p in plan.phases), default=0)
        go_lives.append(go_live)
        work = [
            (p.end - p.start, [s.id for s in p.staff], [(g.pool, g.count) for g in p.gpus])
            for p in plan.phases
        ]
        total += project_units(scenario, scenario.project(plan.id), go_live, work)
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


def project_units(
    scenario: Scenario,
    project: Project,
    go_live: int,
    work: Iterable[tuple[int, Iterable[str], Iterable[tuple[str, int]]]],
) -> int:
    """One running project's own terms: value from go-live to the horizon's end, lateness,
    and the cost of its phases' people and GPUs, given as (duration, people, (pool, GPUs))."""
    weights = scenario.objective
    total = 0
    if weights.value and project.value:
        total += money(weights.value * project.value) * (scenario.grid.horizon - go_live)
    if weights.lateness and project.deadline is not None:
        late_by = max(0, go_live - scenario.grid.deadline_end(project.deadline))
        total -= money(weights.lateness * scenario.delay_cost(project)) * late_by
    if weights.cost:
        rates = {p.id: p.cost_per_period for p in scenario.staff}
        gpu_rates = {p.id: p.cost_per_gpu_period for p in scenario.gpu_pools}
        for duration, people, gpus in work:
            for person in people:
                if rates.get(person):
                    total -= money(weights.cost * rates[person] * duration)
            for pool, count in gpus:
                if gpu_rates.get(pool):
                    total -= money(weights.cost * gpu_rates[pool] * count * duration)
    return total
