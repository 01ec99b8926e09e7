"""Stability when replanning: phases that move and people who change cost, so the new plan
stays near the one people were promised."""

from __future__ import annotations

from zenplan.constraints.context import Context, money


def post(ctx: Context) -> None:
    """Each period a baseline phase moves, and each baseline person taken off it, costs
    `stability` x the portfolio's mean delay cost (frozen phases cannot move)."""
    variables, model = ctx.variables, ctx.model
    weight = ctx.scenario.objective.stability
    if not variables.baseline or not weight:
        return
    coefficient = money(weight * ctx.scenario.mean_delay_cost())
    horizon = variables.horizon
    works = {
        (work.phase.project, work.phase.phase, person): work.works
        for person, items in variables.person_phases.items()
        for work in items
    }
    for item in variables.work_items():
        planned = variables.baseline.get(item.project, {}).get(item.phase)
        if planned is None or (item.project, item.phase) in variables.frozen:
            continue
        name = f"{item.project}/{item.phase}"
        shift = model.new_int_var(-horizon, horizon, f"{name}_shift")
        model.add(shift == item.start - planned.start)
        distance = model.new_int_var(0, horizon, f"{name}_distance")
        model.add_abs_equality(distance, shift)
        moved = model.new_int_var(0, horizon, f"{name}_moved")
        # moved = distance when the work happens, 0 when it is dropped (its value is lost).
        model.add(moved == distance).only_enforce_if(item.present)
        model.add(moved == 0).only_enforce_if(~item.present)
        ctx.objective.add("stability", -coefficient * moved)
        if not variables.people:
            continue  # no people to keep: their cost is left out, the relaxation's bound holds
        for person, _skill, _unit in planned.staff:
            kept = works.get((item.project, item.phase, person))
            changed = item.present - kept if kept is not None else item.present
            ctx.objective.add("stability", -coefficient * changed)
