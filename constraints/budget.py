"""Budget: hard caps on the money spent over the horizon, per quarter or per period
(`policies.budget`; the cost model of models/costs.py)."""

from __future__ import annotations

from ortools.sat.python import cp_model

from zenplan.constraints.context import Context
from zenplan.constraints.variables import Literal, PhaseVar
from zenplan.models.costs import BudgetWindow, budget_windows


def post(ctx: Context) -> None:
    """Each budget window holds: the cost of the work inside it, plus what decisions made
    outside the model spend there, stays within its cap."""
    windows = budget_windows(ctx.scenario)
    if not windows:
        return
    variables = ctx.variables
    rule = variables.rule("budget", _describe(ctx))
    items = variables.work_items()
    per_period = [w for w in windows if w.end - w.first == 1]
    if per_period:
        _per_period(ctx, items, per_period, rule)
    for window in windows:
        if window.end - window.first > 1:
            _window(ctx, items, window, rule)


def _describe(ctx: Context) -> str:
    budget = ctx.scenario.policies.budget
    assert budget is not None
    caps = [
        f"{name.replace('_', ' ')} {amount:,.0f}"
        for name, amount in budget.model_dump(exclude_none=True).items()
    ]
    return "the budget (" + ", ".join(caps) + ")"


def _spent_before(ctx: Context, window: BudgetWindow) -> int:
    spend = ctx.variables.background.spend
    return sum(spend.get(t, 0) for t in range(window.first, window.end))


def _window(ctx: Context, items: list[PhaseVar], window: BudgetWindow, rule: list[Literal]) -> None:
    """A window of several periods: the whole horizon is linear in the cost rates, a shorter
    window counts each item's periods inside it."""
    variables = ctx.variables
    if window.first == 0 and window.end >= variables.horizon:
        spent = sum((item.duration * variables.cost_rate(item) for item in items), start=0)
    else:
        spent = sum(
            (
                variables.cost_in(item, window.first, window.end)
                for item in items
                if _may_overlap(item, window)
            ),
            start=0,
        )
    ctx.model.add(spent + _spent_before(ctx, window) <= window.cap_cents).only_enforce_if(rule)


def _may_overlap(item: PhaseVar, window: BudgetWindow) -> bool:
    domain = [int(x) for x in item.start.proto.domain]  # (no negative indexing on the proto)
    return domain[0] < window.end and domain[-1] + item.duration > window.first


def _per_period(
    ctx: Context, items: list[PhaseVar], windows: list[BudgetWindow], rule: list[Literal]
) -> None:
    """The same cap in every period: a cumulative over the items with their cost rates."""
    model, variables = ctx.model, ctx.variables
    cap = windows[0].cap_cents
    intervals: list[cp_model.IntervalVar] = []
    demands: list[cp_model.LinearExprT] = []
    for item in items:
        rate = variables.cost_rate(item)
        if _top(rate):
            intervals.append(item.interval)
            demands.append(rate)
    for t, amount in sorted(variables.background.spend.items()):
        if amount:
            intervals.append(model.new_fixed_size_interval_var(t, 1, f"spent_{t}"))
            demands.append(amount)
    if not intervals:
        return
    if rule:
        capacity = model.new_int_var(cap, max(cap, sum(_top(d) for d in demands)), "period_cap")
        model.add(capacity == cap).only_enforce_if(rule)
        model.add_cumulative(intervals, demands, capacity)
    else:
        model.add_cumulative(intervals, demands, cap)


def _top(demand: cp_model.LinearExprT) -> int:
    return demand if isinstance(demand, int) else max(demand.proto.domain)  # type: ignore[union-attr]
