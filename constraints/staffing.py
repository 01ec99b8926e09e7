"""Staff and skills: who works on each phase, one phase at a time, never while away."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ortools.sat.python import cp_model

from zenplan.constraints.context import Context, money
from zenplan.constraints.variables import PhaseVar
from zenplan.models import Person
from zenplan.models.scenario import SHARE_SCALE

Need = tuple[str, int]  # (skill, level) a requirement asks for
# At most this many groups of needs get a supply rule (the smallest groups first).
MAX_SKILL_GROUPS = 256


def post(ctx: Context) -> None:
    """Each requirement gets `count` different people at its level or above; a person works on
    one phase at a time and not in the periods they are unavailable; staff cost. In a model
    without people (``Variables.people`` false) only the supply rules hold (a scenario is
    valid only when every requirement has ``count`` holders, so no rule is lost with the
    coverage)."""
    if ctx.variables.people:
        _coverage(ctx)
    _one_phase_at_a_time(ctx)
    _skill_supply(ctx)
    _cost(ctx)


def _coverage(ctx: Context) -> None:
    """A selected phase gets exactly `count` qualified people per requirement (none otherwise)."""
    variables = ctx.variables
    units: dict[tuple[str, str, int], list[object]] = defaultdict(list)
    for (project_id, phase_id, r, _person), literal in variables.assignment.items():
        units[(project_id, phase_id, r)].append(literal)
    for item in variables.work_items():
        for r, requirement in enumerate(item.requires):
            literals = units[(item.project, item.phase, r)]
            ctx.model.add(sum(literals) == requirement.count * item.present)  # type: ignore[arg-type]


def _one_phase_at_a_time(ctx: Context) -> None:
    """No overlap in a person's agenda, in which unavailable periods are blocked; with
    part-time people or shared requirements, the shares a person works at once fit their
    capacity."""
    if ctx.scenario.fractional():
        for person in ctx.scenario.staff:
            _shares(ctx, person)
        return
    model, variables, scenario = ctx.model, ctx.variables, ctx.scenario
    for person in scenario.staff:
        intervals = [work.interval for work in variables.person_phases[person.id]]
        if not intervals:
            continue
        rule = variables.rule(
            f"unavailable:{person.id}", f"{person.id} is unavailable on the dates given"
        )
        for first, last in runs(scenario.unavailable_periods(person)):
            name = f"{person.id}_away_{first}"
            if rule:
                intervals.append(
                    model.new_optional_fixed_size_interval_var(
                        first, last - first + 1, rule[0], name
                    )
                )
            else:
                intervals.append(model.new_fixed_size_interval_var(first, last - first + 1, name))
        busy = variables.background.busy.get(person.id, set())
        for first, last in runs(busy - scenario.unavailable_periods(person)):
            intervals.append(
                model.new_fixed_size_interval_var(
                    first, last - first + 1, f"{person.id}_busy_{first}"
                )
            )
        if len(intervals) > 1:
            model.add_no_overlap(intervals)


def _shares(ctx: Context, person: Person) -> None:
    """A cumulative over the person's work (demand: the share of each) within their capacity
    per period; periods away and work decided outside the model take their part."""
    model, variables = ctx.model, ctx.variables
    works = variables.person_phases[person.id]
    if not works:
        return
    intervals = [work.interval for work in works]
    demands: list[cp_model.LinearExprT] = [work.demand for work in works]
    full = round(person.capacity * SHARE_SCALE)
    rule = variables.rule(
        f"unavailable:{person.id}", f"{person.id} is unavailable on the dates given"
    )
    taken = dict(variables.background.load.get(person.id, {}))
    for t, capacity in enumerate(ctx.scenario.capacity_of(person)):
        free = round(capacity * SHARE_SCALE)
        if free < full and not rule:
            taken[t] = taken.get(t, 0) + full - free
        elif free < full:
            name = f"{person.id}_away_{t}"
            intervals.append(model.new_optional_fixed_size_interval_var(t, 1, rule[0], name))
            demands.append(full - free)
    for t, amount in sorted(taken.items()):
        intervals.append(model.new_fixed_size_interval_var(t, 1, f"{person.id}_taken_{t}"))
        demands.append(min(amount, full))
    model.add_cumulative(intervals, demands, full)


def _skill_supply(ctx: Context) -> None:
    """Redundant: at any time, the requirements only a group of people can cover ask for no
    more people than the group holds (Hall's condition over skills and levels). The agendas
    imply it; stated as cumulatives it gives CP-SAT the bounds of multi-skill staffing."""
    demand: dict[Need, list[tuple[PhaseVar, int]]] = defaultdict(list)
    for item in ctx.variables.work_items():
        for requirement in item.requires:
            demand[(requirement.skill, requirement.level)].append((item, requirement.count))
    staff = ctx.scenario.staff
    if ctx.scenario.fractional():
        _share_supply(ctx, demand)
        return
    if ctx.variables.background.decisions:
        # A neighbourhood model (projects decided outside it) counts the people those projects
        # keep busy as holders, so groups bound little there and slow each step: one rule per
        # skill and level.
        groups = [({need[0]: need[1]}, len(holders_of(need, staff))) for need in sorted(demand)]
    else:
        groups = skill_groups(set(demand), staff)
    for group, holders in groups:
        users: dict[tuple[str, str], tuple[PhaseVar, int]] = {}
        for (skill, level), items in demand.items():
            if skill in group and group[skill] <= level:
                for phase_var, count in items:
                    key = (phase_var.project, phase_var.phase)
                    users[key] = (phase_var, users.get(key, (phase_var, 0))[1] + count)
        if sum(count for _, count in users.values()) > holders:
            ctx.model.add_cumulative(
                [phase_var.interval for phase_var, _ in users.values()],
                [count for _, count in users.values()],
                holders,
            )


def _share_supply(ctx: Context, demand: dict[Need, list[tuple[PhaseVar, int]]]) -> None:
    """Redundant, with shares: per skill and level, the shares asked at once fit the summed
    capacity of the people who may cover them."""
    shares: dict[tuple[str, str, Need], int] = defaultdict(int)
    for item in ctx.variables.work_items():
        for requirement in item.requires:
            need = (requirement.skill, requirement.level)
            shares[(item.project, item.phase, need)] += requirement.count * round(
                requirement.share * SHARE_SCALE
            )
    items = {(item.project, item.phase): item for item in ctx.variables.work_items()}
    for need in sorted(demand):
        capacity = sum(
            round(p.capacity * SHARE_SCALE) for p in ctx.scenario.staff if p.holds(*need)
        )
        users = [(items[(p, f)], amount) for (p, f, n), amount in shares.items() if n == need]
        if sum(amount for _, amount in users) > capacity:
            ctx.model.add_cumulative(
                [item.interval for item, _ in users], [amount for _, amount in users], capacity
            )


def skill_groups(needs: set[Need], staff: Sequence[Person]) -> list[tuple[dict[str, int], int]]:
    """The groups of needs worth a supply rule, each as {skill: lowest level} with the number
    of people who hold at least one skill of the group at its level.

    A group is known by its holders: each single need's holder set, then unions of
    overlapping ones (smallest first, up to ``MAX_SKILL_GROUPS`` in all; a union of sets with
    nobody in common adds nothing, its parts' rules add up to its rule) and the union of all,
    each with every need that only those people hold (a smaller group with the same holders
    follows from it).
    """
    holders = {need: holders_of(need, staff) for need in needs}

    def order(people: frozenset[str]) -> tuple[int, list[str]]:
        return len(people), sorted(people)

    singles = sorted({people for people in holders.values() if people}, key=order)
    unions = list(singles)
    layer = singles
    while layer and len(unions) < MAX_SKILL_GROUPS:
        grown = {
            people | single
            for people in layer
            for single in singles
            if single & people and not single <= people
        }
        layer = [people for people in sorted(grown, key=order) if people not in unions]
        unions.extend(layer[: MAX_SKILL_GROUPS - len(unions)])
    everyone = frozenset().union(*singles)
    if everyone not in unions and _connected(singles):
        unions.append(everyone)  # the rule of all needs, even when the enumeration stopped
    groups = []
    for people in unions:
        group: dict[str, int] = {}
        for skill, level in sorted(needs):
            if holders[(skill, level)] and holders[(skill, level)] <= people:
                group[skill] = min(level, group.get(skill, level))
        groups.append((group, len(people)))
    return groups


def holders_of(need: Need, staff: Sequence[Person]) -> frozenset[str]:
    """The people who hold the need's skill at its level or above."""
    skill, level = need
    return frozenset(p.id for p in staff if p.holds(skill, level))


def _connected(holder_sets: list[frozenset[str]]) -> bool:
    """The holder sets form one piece when sets that share a person are joined."""
    if not holder_sets:
        return False
    reached, rest = set(holder_sets[0]), holder_sets[1:]
    grew = True
    while grew:
        grew = False
        for people in list(rest):
            if people & reached:
                reached |= people
                rest.remove(people)
                grew = True
    return not rest


def _cost(ctx: Context) -> None:
    weight = ctx.scenario.objective.cost
    if not weight:
        return
    rates = {p.id: p.cost_per_period for p in ctx.scenario.staff}
    for person_id, works in ctx.variables.person_phases.items():
        if rates[person_id]:
            for work in works:
                coefficient = money(weight * rates[person_id] * work.phase.duration)
                ctx.objective.add("cost", -coefficient * work.works)


def runs(periods: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive periods, as (first, last) pairs."""
    result: list[tuple[int, int]] = []
    for period in sorted(periods):
        if result and result[-1][1] == period - 1:
            result[-1] = (result[-1][0], period)
        else:
            result.append((period, period))
    return result
