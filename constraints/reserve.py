"""R&D reserve: a share of the staff is kept free for R&D on new tooling in every period."""

from __future__ import annotations

import math

from zenplan.constraints.context import Context


def post(ctx: Context) -> None:
    """In every period at most (staff - floor(rd_reserve x staff)) people are at work."""
    share = ctx.scenario.policies.rd_reserve
    staff = len(ctx.scenario.staff)
    reserved = math.floor(share * staff)
    if not reserved:
        return
    model, variables = ctx.model, ctx.variables
    items = [item for item in variables.work_items() if item.requires]
    intervals = [item.interval for item in items]
    demands = [sum(r.count for r in item.requires) for item in items]
    # People at work on decisions made outside the model, per run of equal head count.
    for t, count in sorted(variables.background.people.items()):
        if count:
            intervals.append(model.new_fixed_size_interval_var(t, 1, f"at_work_{t}"))
            demands.append(count)
    rule = variables.rule("rd_reserve", f"{reserved} of {staff} people stay free for R&D")
    if sum(demands) <= staff - reserved:
        return
    if rule:
        capacity = model.new_int_var(staff - reserved, staff, "working_capacity")
        model.add(capacity == staff - reserved).only_enforce_if(rule)
        model.add_cumulative(intervals, demands, capacity)
    else:
        model.add_cumulative(intervals, demands, staff - reserved)
