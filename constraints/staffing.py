"""Staff and skills: who works on each phase, one phase at a time, never while away."""

from __future__ import annotations

from collections import defaultdict

from constraints.context import Context, money
from constraints.variables import PhaseVar


def post(ctx: Context) -> None:
    """Each requirement gets `count` different people at its level or above; a person works on
    one phase at a time and not in the periods they are unavailable; staff cost."""
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
    """No overlap in a person's agenda, in which unavailable periods are blocked."""
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


def _skill_supply(ctx: Context) -> None:
    """Redundant: at any time, the phases asking for a skill at level L or above need no more
    people than hold it at that level (tightens the bound; the agendas already imply it)."""
    demand: dict[tuple[str, int], list[tuple[PhaseVar, int]]] = defaultdict(list)
    for item in ctx.variables.work_items():
        for requirement in item.requires:
            demand[(requirement.skill, requirement.level)].append((item, requirement.count))
    for (skill, level), _ in sorted(demand.items()):
        supply = sum(1 for p in ctx.scenario.staff if p.skills.get(skill, 0) >= level)
        # Every requirement of this skill at this level or above draws from the same people.
        users = [
            (phase_var, count)
            for (other_skill, other_level), items in demand.items()
            if other_skill == skill and other_level >= level
            for phase_var, count in items
        ]
        if sum(count for _, count in users) > supply:
            ctx.model.add_cumulative(
                [phase_var.interval for phase_var, _ in users],
                [count for _, count in users],
                supply,
            )


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
