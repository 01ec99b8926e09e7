"""GPU pools: each GPU demand of a phase draws from one pool; pools never exceed capacity."""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from zenplan.constraints.context import Context, money
from zenplan.constraints.staffing import runs


def post(ctx: Context) -> None:
    """A demand with several candidate pools uses exactly one of them when its phase runs;
    in every period the GPUs in use stay within the pool's capacity (with its changes);
    GPU cost per GPU-period."""
    model, variables, scenario = ctx.model, ctx.variables, ctx.scenario
    by_pool: dict[str, list[tuple[cp_model.IntervalVar, int]]] = defaultdict(list)
    for choices in variables.gpu_choices.values():
        per_demand: dict[int, list[object]] = defaultdict(list)
        for choice in choices:
            per_demand[choice.demand_index].append(choice.uses)
            by_pool[choice.pool].append((choice.interval, choice.count))
        for literals in per_demand.values():
            if len(literals) > 1:
                present = choices[0].phase.present
                model.add(sum(literals) == present)  # type: ignore[arg-type]
    for pool in scenario.gpu_pools:
        usage = by_pool.get(pool.id)
        if not usage:
            continue
        # GPUs taken by projects decided outside the model lower the capacity left.
        taken = variables.background.gpus.get(pool.id, {})
        capacity = [c - taken.get(t, 0) for t, c in enumerate(scenario.pool_capacity(pool.id))]
        peak = max(capacity)
        intervals = [interval for interval, _ in usage]
        demands = [count for _, count in usage]
        rule = variables.rule(
            f"capacity_changes:{pool.id}", f"GPU pool {pool.id} capacity changes over time"
        )
        # Periods below the peak capacity are filled by fixed blockers of the missing GPUs.
        for level in sorted(set(capacity)):
            missing = peak - level
            if not missing:
                continue
            periods = {t for t, c in enumerate(capacity) if c == level}
            for first, last in runs(periods):
                name = f"{pool.id}_reduced_{first}"
                size = last - first + 1
                intervals.append(
                    model.new_optional_fixed_size_interval_var(first, size, rule[0], name)
                    if rule
                    else model.new_fixed_size_interval_var(first, size, name)
                )
                demands.append(missing)
        if sum(demands) > peak:
            model.add_cumulative(intervals, demands, peak)
    _cost(ctx)


def _cost(ctx: Context) -> None:
    weight = ctx.scenario.objective.cost
    if not weight:
        return
    rates = {p.id: p.cost_per_gpu_period for p in ctx.scenario.gpu_pools}
    for choices in ctx.variables.gpu_choices.values():
        for choice in choices:
            if rates[choice.pool]:
                amount = weight * rates[choice.pool] * choice.count * choice.phase.duration
                ctx.objective.add("cost", -money(amount) * choice.uses)
