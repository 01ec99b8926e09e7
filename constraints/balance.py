"""Portfolio balance: large projects in flight, delivery cadence, a quick win, sponsor fairness.

Soft terms cost `balance` x the portfolio's mean value per period (its delay cost) for each
period of excess; the sponsor spread costs `balance` x mean value x horizon per unit of spread.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from zenplan.constraints.context import Context, money
from zenplan.models import Scenario


def post(ctx: Context) -> None:
    """At most `max_concurrent_large` large projects run at once (hard); gaps between
    consecutive go-lives above `max_delivery_gap`, a first go-live after `first_delivery_by`,
    and the spread of sponsors' delivered shares cost under the `balance` weight."""
    _concurrent_large(ctx)
    if not ctx.variables.projects or not ctx.scenario.objective.balance:
        return
    _delivery_gap(ctx)
    _first_delivery(ctx)
    _sponsor_fairness(ctx)


def _concurrent_large(ctx: Context) -> None:
    limit = ctx.scenario.policies.max_concurrent_large
    if limit is None:
        return
    model, variables, days = ctx.model, ctx.variables, ctx.scenario.grid.days
    large = [
        p for p in variables.projects if variables.projects[p].project.size_class(days) == "large"
    ]
    intervals = [variables.span(p) for p in large]
    for project_id, begin in variables.background.begins.items():
        if ctx.scenario.project(project_id).size_class(days) == "large":
            end = variables.background.go_lives[project_id]
            intervals.append(
                model.new_fixed_size_interval_var(begin, end - begin, f"{project_id}_span")
            )
    rule = variables.rule("max_concurrent_large", f"at most {limit} large projects at once")
    if len(intervals) <= limit:
        return
    if rule:
        capacity = model.new_int_var(limit, len(intervals), "large_capacity")
        model.add(capacity == limit).only_enforce_if(rule)
        model.add_cumulative(intervals, [1] * len(intervals), capacity)
    else:
        model.add_cumulative(intervals, [1] * len(intervals), limit)


def _live_periods(ctx: Context) -> list[cp_model.LinearExprT]:
    """For each period 0..horizon, whether some project goes live then (literal or constant)."""
    variables = ctx.variables
    decided = set(variables.background.go_lives.values())
    live: list[cp_model.LinearExprT] = []
    for t in range(variables.horizon + 1):
        if t in decided:
            live.append(1)
            continue
        literal = ctx.model.new_bool_var(f"any_live_{t}")
        options: list[cp_model.LinearExprT] = (
            [variables.go_live_in(p, t) for p in variables.projects] if t > 0 else []
        )
        ctx.model.add_max_equality(literal, options or [0])
        live.append(literal)
    return live


def _any(ctx: Context, items: list[cp_model.LinearExprT], name: str) -> cp_model.IntVar:
    literal = ctx.model.new_bool_var(name)
    ctx.model.add_max_equality(literal, items or [0])
    return literal


def _delivery_gap(ctx: Context) -> None:
    """Sum over consecutive go-lives a < b of max(0, b - a - gap), counted as windows of
    `gap` periods with no go-live that have a go-live before and after them."""
    gap = ctx.scenario.policies.max_delivery_gap
    horizon = ctx.variables.horizon
    if gap is None or gap >= horizon:
        return
    model = ctx.model
    live = _live_periods(ctx)
    excess = []
    for t in range(1, horizon - gap + 1):
        before = _any(ctx, live[:t], f"live_before_{t}")
        inside = _any(ctx, live[t : t + gap], f"live_in_{t}")
        after = _any(ctx, live[t + gap :], f"live_after_{t + gap}")
        empty = model.new_bool_var(f"gap_window_{t}")
        model.add_bool_and([before, ~inside, after]).only_enforce_if(empty)
        model.add_bool_or([~before, inside, ~after, empty])
        excess.append(empty)
    coefficient = money(ctx.scenario.objective.balance * ctx.scenario.mean_delay_cost())
    ctx.objective.add("balance", -coefficient * sum(excess))


def _first_delivery(ctx: Context) -> None:
    """Periods by which the first go-live comes after `first_delivery_by`."""
    due_date = ctx.scenario.policies.first_delivery_by
    if due_date is None:
        return
    model, variables = ctx.model, ctx.variables
    horizon = variables.horizon
    due = ctx.scenario.grid.deadline_end(due_date)
    candidates: list[cp_model.LinearExprT] = [*variables.background.go_lives.values()]
    for project_id, project_var in variables.projects.items():
        live = model.new_int_var(0, horizon, f"{project_id}_first_candidate")
        model.add(live == project_var.go_live).only_enforce_if(project_var.selected)
        model.add(live == horizon).only_enforce_if(~project_var.selected)
        candidates.append(live)
    first = model.new_int_var(0, horizon, "first_go_live")
    model.add_min_equality(first, candidates)
    late = model.new_int_var(0, horizon, "first_delivery_late_by")
    model.add_max_equality(late, [0, first - due])
    coefficient = money(ctx.scenario.objective.balance * ctx.scenario.mean_delay_cost())
    ctx.objective.add("balance", -coefficient * late)


FAIRNESS_SCALE = 1000  # shares in thousandths


def _sponsor_fairness(ctx: Context) -> None:
    """The spread (best minus worst) of sponsors' delivered share of requested value."""
    scenario, model, variables = ctx.scenario, ctx.model, ctx.variables
    requested = scenario.requested_value()
    sponsors = [s for s, v in requested.items() if v > 0]
    if len(sponsors) < 2:
        return
    shares = []
    for sponsor in sponsors:
        terms = []
        constant = 0
        ceiling = 0  # rounded weights may add up to a little more than FAIRNESS_SCALE
        for project in scenario.scheduled_projects():
            if project.sponsor != sponsor or not project.value:
                continue
            weight = round(FAIRNESS_SCALE * project.value / requested[sponsor])
            ceiling += weight
            if project.id in variables.projects:
                terms.append(weight * variables.projects[project.id].selected)
            elif project.id in variables.background.go_lives:
                constant += weight
        share = model.new_int_var(0, ceiling, f"share_{sponsor}")
        model.add(share == sum(terms) + constant)
        shares.append(share)
    top = 2 * FAIRNESS_SCALE
    best = model.new_int_var(0, top, "best_share")
    worst = model.new_int_var(0, top, "worst_share")
    model.add_max_equality(best, shares)
    model.add_min_equality(worst, shares)
    coefficient = fairness_coefficient(scenario)
    # penalty = ceil(coefficient x spread / FAIRNESS_SCALE), exactly: the remainder is bounded.
    penalty = model.new_int_var(0, 2 * coefficient, "fairness_penalty")
    remainder = model.new_int_var(0, FAIRNESS_SCALE - 1, "fairness_remainder")
    model.add(FAIRNESS_SCALE * penalty == coefficient * (best - worst) + remainder)
    ctx.objective.add("balance", -penalty)


def fairness_coefficient(scenario: Scenario) -> int:
    """Objective units one full unit of sponsor spread (0 -> 1) costs: `balance` x the mean
    delay cost x the horizon."""
    return money(scenario.objective.balance * scenario.mean_delay_cost() * scenario.grid.horizon)
