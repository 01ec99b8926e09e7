"""The objective of any schedule, computed the way the CP-SAT model counts it."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from zenplan.constraints.balance import FAIRNESS_SCALE, fairness_coefficient
from zenplan.constraints.context import OBJECTIVE_SCALE, money
from zenplan.models import Project, Scenario, Schedule
from zenplan.models.decisions import ACQUISITION, APPROVAL, Decisions, acquisition_key
from zenplan.models.schedule import ObjectiveBreakdown


def evaluate(scenario: Scenario, schedule: Schedule) -> float:
    """Value earned minus lateness, makespan and cost, with the scenario's weights.

    Rounded per term as the solver does, so a solver's plan and its evaluation agree exactly.
    """
    return objective_units(scenario, schedule) / OBJECTIVE_SCALE


def breakdown(
    scenario: Scenario, schedule: Schedule, baseline: Decisions | None = None
) -> ObjectiveBreakdown:
    """The objective by term and by project; its terms sum to ``objective_units`` (in money,
    each rounded as the model rounds it)."""
    result = ObjectiveBreakdown()
    for term, owner, units in contributions(scenario, schedule, baseline):
        amount = units / OBJECTIVE_SCALE
        result.terms[term] = result.terms.get(term, 0.0) + amount
        part = result.portfolio if owner is None else result.projects.setdefault(owner, {})
        part[term] = part.get(term, 0.0) + amount
    return result


def objective_units(
    scenario: Scenario, schedule: Schedule, baseline: Decisions | None = None
) -> int:
    """The objective in integer units; with ``baseline`` (a replan) stability counts too."""
    return sum(units for _term, _owner, units in contributions(scenario, schedule, baseline))


# A part of the objective: (term, the project it belongs to or None for the portfolio, units).
Contribution = tuple[str, str | None, int]


def contributions(
    scenario: Scenario, schedule: Schedule, baseline: Decisions | None = None
) -> list[Contribution]:
    """Every part of the objective, by term and by project, as the model counts it: value,
    lateness and the cost of each selected project (an acquisition's cost belongs to the
    project that acquires), the portfolio's makespan and balance, and, with ``baseline``,
    the stability of each project's work against it."""
    weights = scenario.objective
    parts: list[Contribution] = []
    go_lives = []
    for plan in schedule.selected():
        go_live = max((p.end for p in plan.phases), default=0)
        go_lives.append(go_live)
        work = [
            (p.end - p.start, [s.id for s in p.staff], [(g.pool, g.count) for g in p.gpus])
            for p in plan.phases
        ]
        terms = project_terms(scenario, scenario.project(plan.id), go_live, work)
        parts += [(term, plan.id, units) for term, units in terms.items()]
    if weights.makespan and go_lives:
        makespan = money(weights.makespan * scenario.mean_delay_cost()) * max(go_lives)
        parts.append(("makespan", None, -makespan))
    if weights.cost:
        parts += [
            ("cost", owner, -units) for owner, units in _acquisition_costs(scenario, schedule)
        ]
    if weights.balance and scenario.scheduled_projects():
        parts.append(("balance", None, -_balance_units(scenario, schedule, go_lives)))
    if baseline and weights.stability:
        parts += _stability(scenario, schedule, baseline)
    return [part for part in parts if part[2]]


def _acquisition_costs(scenario: Scenario, schedule: Schedule) -> list[tuple[str | None, int]]:
    rates = {p.id: p.cost_per_period for p in scenario.staff}
    return [
        (
            d.acquired_by,
            money(scenario.objective.cost * rates[person.id] * ((d.end or 0) - (d.start or 0))),
        )
        for d in schedule.datasets
        for person in d.staff
        if rates.get(person.id)
    ]


def _stability(scenario: Scenario, schedule: Schedule, baseline: Decisions) -> list[Contribution]:
    """Each period a baseline phase or acquisition moved and each baseline person taken off
    it, at `stability` x the mean delay cost (constraints/stability.py); dropped work costs
    its value instead."""
    coefficient = money(scenario.objective.stability * scenario.mean_delay_cost())
    now: dict[tuple[str, str], tuple[int, set[str], str | None]] = {}
    for plan in schedule.selected():
        for phase in plan.phases:
            now[(plan.id, phase.id)] = (phase.start, {s.id for s in phase.staff}, plan.id)
    for acquisition in schedule.datasets:
        if acquisition.start is not None:
            staff = {s.id for s in acquisition.staff}
            made = (acquisition_key(acquisition.id), ACQUISITION)
            now[made] = (acquisition.start, staff, acquisition.acquired_by)
    parts: list[Contribution] = []
    for key, phases in baseline.items():
        for phase_id, planned in phases.items():
            found = now.get((key, phase_id))
            if phase_id == APPROVAL or found is None:
                continue
            start, staff, owner = found
            off = sum(1 for person, _skill, _unit in planned.staff if person not in staff)
            parts.append(("stability", owner, -coefficient * (abs(start - planned.start) + off)))
    return parts


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
    return sum(project_terms(scenario, project, go_live, work).values())


def project_terms(
    scenario: Scenario,
    project: Project,
    go_live: int,
    work: Iterable[tuple[int, Iterable[str], Iterable[tuple[str, int]]]],
) -> dict[str, int]:
    """``project_units`` by term: value, lateness and cost."""
    weights = scenario.objective
    terms = {"value": 0, "lateness": 0, "cost": 0}
    if weights.value and project.value:
        terms["value"] = money(weights.value * project.value) * (scenario.grid.horizon - go_live)
    if weights.lateness and project.deadline is not None:
        late_by = max(0, go_live - scenario.grid.deadline_end(project.deadline))
        terms["lateness"] = -money(weights.lateness * scenario.delay_cost(project)) * late_by
    if weights.cost:
        rates = {p.id: p.cost_per_period for p in scenario.staff}
        gpu_rates = {p.id: p.cost_per_gpu_period for p in scenario.gpu_pools}
        for duration, people, gpus in work:
            for person in people:
                if rates.get(person):
                    terms["cost"] -= money(weights.cost * rates[person] * duration)
            for pool, count in gpus:
                if gpu_rates.get(pool):
                    terms["cost"] -= money(weights.cost * gpu_rates[pool] * count * duration)
    return terms
