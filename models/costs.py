"""The cost model shared by the KPIs, the budget rule, the checker and the planners: a person
costs `cost_per_period` in each period they work, a GPU `cost_per_gpu_period` in each period
it is drawn; dataset acquisitions cost the people who do them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zenplan.models.scenario import Scenario
    from zenplan.models.schedule import Schedule

# Integer money for the solver: amounts in cents, costs rounded up and caps rounded down, so a
# plan within the integer budget is within the real one.
CENTS = 100


@dataclass(frozen=True)
class BudgetWindow:
    """One cap of `policies.budget`: at most ``cap`` spent over periods ``first .. end-1``."""

    label: str
    first: int
    end: int
    cap: float

    @property
    def cap_cents(self) -> int:
        return int(self.cap * CENTS + 1e-6)


def cents(amount: float) -> int:
    """A cost in whole cents, rounded up."""
    return -int(-amount * CENTS // 1)


def quarters(scenario: Scenario) -> list[tuple[str, int, int]]:
    """Calendar quarters as (label like 2027Q2, first period, end period); a period belongs to
    the quarter of its first day."""
    grid = scenario.grid
    result: list[tuple[str, int, int]] = []
    for t in range(grid.horizon):
        day = grid.start_date(t)
        label = f"{day.year}Q{(day.month - 1) // 3 + 1}"
        if result and result[-1][0] == label:
            result[-1] = (label, result[-1][1], t + 1)
        else:
            result.append((label, t, t + 1))
    return result


def budget_windows(scenario: Scenario) -> list[BudgetWindow]:
    """Every cap of the scenario's budget as a window of periods (none without a budget)."""
    budget = scenario.policies.budget
    if budget is None:
        return []
    horizon = scenario.grid.horizon
    windows = []
    if budget.total is not None:
        windows.append(BudgetWindow("total budget", 0, horizon, budget.total))
    if budget.per_quarter is not None:
        windows += [
            BudgetWindow(f"{label} budget", first, end, budget.per_quarter)
            for label, first, end in quarters(scenario)
        ]
    if budget.per_period is not None:
        windows += [
            BudgetWindow(f"period {t} budget", t, t + 1, budget.per_period) for t in range(horizon)
        ]
    return windows


def rate(scenario: Scenario, people: Iterable[str], gpus: Iterable[tuple[str, int]]) -> float:
    """Money per period of a piece of work done by ``people`` drawing ``gpus`` (pool, count)."""
    person_rates = {p.id: p.cost_per_period for p in scenario.staff}
    pool_rates = {p.id: p.cost_per_gpu_period for p in scenario.gpu_pools}
    return sum(person_rates.get(p, 0.0) for p in people) + sum(
        pool_rates.get(pool, 0.0) * count for pool, count in gpus
    )


def spending(scenario: Scenario, schedule: Schedule) -> tuple[list[float], dict[str, list[float]]]:
    """Money spent per period, in total and per owner (project id, or dataset:<id>)."""
    horizon = scenario.grid.horizon
    total = [0.0] * horizon
    owners: dict[str, list[float]] = {}
    gpus = {
        (plan.id, phase.id): [(g.pool, g.count) for g in phase.gpus]
        for plan in schedule.selected()
        for phase in plan.phases
    }
    for work in schedule.work():
        amount = rate(scenario, [s.id for s in work.staff], gpus.get((work.owner, work.item), []))
        row = owners.setdefault(work.owner, [0.0] * horizon)
        for t in range(max(0, work.start), min(work.end, horizon)):
            total[t] += amount
            row[t] += amount
    return total, owners


def overspent(
    windows: list[BudgetWindow], spent: list[float], extra: dict[int, float]
) -> BudgetWindow | None:
    """The first window whose cap ``spent`` plus ``extra`` (period -> amount) would break."""
    for window in windows:
        more = sum(a for t, a in extra.items() if window.first <= t < window.end)
        if more and sum(spent[window.first : window.end]) + more > window.cap + 0.005:
            return window
    return None


def spent_by(window: BudgetWindow, owners: dict[str, list[float]], needed: float) -> str:
    """Words for a window that has no room: its cap, who spends it, what more was needed."""
    shares = sorted(
        ((sum(row[window.first : window.end]), owner) for owner, row in owners.items()),
        reverse=True,
    )
    shares = [(amount, owner) for amount, owner in shares if amount > 0]
    total = sum(amount for amount, _ in shares)
    names = ", ".join(f"{owner} ({amount:,.0f})" for amount, owner in shares[:3])
    return (
        f"the {window.label} of {window.cap:,.0f} is spent by {names or 'nothing'}"
        f" ({total:,.0f} in all); it needs {needed:,.0f} more"
    )
