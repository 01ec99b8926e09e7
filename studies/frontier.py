"""The efficient frontier: the best checked schedule for each total budget.

Each point is the scenario with `policies.budget.total` set to a budget, solved as one task of
a batch on the executors (a local pool or Ray). The points are made monotone afterwards: a
plan that fits a smaller budget fits every larger one, so a point that found less than its
smaller neighbour takes the neighbour's plan (re-valued and re-checked under its own budget).
"""

from __future__ import annotations

import copy
import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from zenplan.models import Scenario, Schedule, parse_scenario
from zenplan.models.scenario import MAX_BUDGET
from zenplan.models.schedule import PLANNED, SolverInfo
from zenplan.scheduler.assemble import assemble
from zenplan.scheduler.check import check
from zenplan.scheduler.greedy import decisions_of
from zenplan.scheduler.options import SolveOptions
from zenplan.studies.batch import BatchResult, BatchTask, run_batch
from zenplan.studies.executors import Executor

SUFFIXES = {"": 1.0, "k": 1e3, "m": 1e6, "g": 1e9, "b": 1e9}
MAX_POINTS = 100


@dataclass
class FrontierPoint:
    """One budget and the plan behind it."""

    budget: float
    status: str
    objective: float | None = None
    value: float | None = None
    cost: float | None = None
    roi: float | None = None
    selected: list[str] = field(default_factory=list)
    entering: list[str] = field(default_factory=list)  # selected here, not at the budget below
    leaving: list[str] = field(default_factory=list)
    violations: int = 0  # rules the plan breaks (`zenplan check`): 0 for every plan
    plan: str = "solved"  # solved, or "from <budget>" when the smaller budget's plan won
    seconds: float = 0.0
    error: str | None = None


@dataclass
class Frontier:
    scenario: str
    points: list[FrontierPoint]
    schedules: list[Schedule | None]

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                **asdict(p),
                "selected": " ".join(p.selected),
                "entering": " ".join(p.entering),
                "leaving": " ".join(p.leaving),
            }
            for p in self.points
        ]

    def csv(self) -> str:
        rows = self.rows()
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else ["budget"])
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()


def parse_amount(text: str, where: str = "--budgets") -> float:
    """``1.5M``, ``250k``, ``1_000_000`` or ``900000`` as a positive amount."""
    match = re.fullmatch(r"\s*([0-9][0-9_]*(?:\.[0-9]+)?)\s*([kKmMgGbB]?)\s*", text)
    if match is None:
        raise ValueError(f"{where}: {text!r} is not an amount (e.g. 900000, 250k, 1.5M)")
    amount = float(match.group(1).replace("_", "")) * SUFFIXES[match.group(2).lower()]
    if not 0 < amount <= MAX_BUDGET:
        raise ValueError(f"{where}: {text!r} is not a positive amount up to {MAX_BUDGET:,.0f}")
    return amount


def parse_budgets(text: str) -> list[float]:
    """Amounts separated by commas (``1M,1.5M,2M``), in increasing order."""
    parts = [p for p in re.split(r"[,;\s]+", text) if p]
    if not parts:
        raise ValueError(f"--budgets: {text!r} lists no amount")
    return sorted({parse_amount(p) for p in parts})


def with_budget(document: Any, budget: float) -> Any:
    """The scenario document with a total budget (other caps of its budget kept)."""
    document = copy.deepcopy(document)
    policies = document.setdefault("policies", {}) or {}
    document["policies"] = policies
    policies["budget"] = {**(policies.get("budget") or {}), "total": budget}
    return document


def even_budgets(top: float, points: int) -> list[float]:
    """``points`` budgets evenly spaced up to ``top`` (the cost of the unconstrained plan)."""
    if not 1 <= points <= MAX_POINTS:
        raise ValueError(f"--points: {points} is not between 1 and {MAX_POINTS}")
    return [round(top * k / points, 2) for k in range(1, points + 1)]


def run_frontier(
    document: Any,
    options: SolveOptions,
    executor: Executor,
    budgets: Sequence[float] | None = None,
    points: int | None = None,
    on_done: Callable[[BatchResult], None] | None = None,
    source: str = "scenario",
) -> Frontier:
    """Solve the scenario at each budget (or at ``points`` budgets up to the cost of its
    unconstrained plan, which is solved first) and return the monotone frontier."""
    scenario = parse_scenario(document, source)
    if budgets is None:
        top_task = BatchTask("unconstrained", source, _without_total(document), options)
        (top,) = run_batch([top_task], executor, on_done)
        if not top.planned or top.schedule is None:
            raise ValueError(f"{source}: no plan without a budget: {top.error or 'infeasible'}")
        budgets = even_budgets(max(top.schedule.kpis.cost, 1.0), points or 10)
    if not budgets:
        raise ValueError("--budgets: no budget given")
    budgets = sorted(set(budgets))
    tasks = [
        BatchTask(
            f"budget-{b:.0f}", f"{source} at budget {b:,.0f}", with_budget(document, b), options
        )
        for b in budgets
    ]
    results = run_batch(tasks, executor, on_done)
    return monotone(scenario, document, budgets, results)


def _without_total(document: Any) -> Any:
    document = copy.deepcopy(document)
    budget = (document.get("policies") or {}).get("budget")
    if budget:
        budget.pop("total", None)
        if not budget:
            document["policies"].pop("budget")
    return document


def monotone(
    base: Scenario, document: Any, budgets: Sequence[float], results: Sequence[BatchResult]
) -> Frontier:
    """The points in budget order, each the better of its own plan and the plan of the
    budget below (which fits, as it spends less), re-valued and checked under its budget."""
    points: list[FrontierPoint] = []
    schedules: list[Schedule | None] = []
    previous: Schedule | None = None
    for budget, result in zip(budgets, results, strict=True):
        scenario = parse_scenario(with_budget(document, budget), f"budget {budget:,.0f}")
        schedule = result.schedule if result.planned else None
        plan = "solved"
        if previous is not None:
            carried = _revalued(scenario, previous)
            if schedule is None or carried.objective > schedule.objective + 1e-6:
                schedule, plan = carried, f"from {points[-1].budget:,.0f}"
        point = _point(scenario, budget, schedule, result, plan)
        if points and schedule is not None:
            before = set(points[-1].selected)
            point.entering = [p for p in point.selected if p not in before]
            point.leaving = sorted(before - set(point.selected))
        points.append(point)
        schedules.append(schedule)
        previous = schedule if schedule is not None else previous
    return Frontier(base.name, points, schedules)


def _revalued(scenario: Scenario, schedule: Schedule) -> Schedule:
    """A plan made for a smaller budget, valued under ``scenario``."""
    solver = schedule.solver or SolverInfo(engine="manual")
    return assemble(scenario, decisions_of(scenario, schedule), "feasible", solver)


def _point(
    scenario: Scenario, budget: float, schedule: Schedule | None, result: BatchResult, plan: str
) -> FrontierPoint:
    if schedule is None or schedule.status not in PLANNED:
        status = result.schedule.status if result.schedule is not None else "error"
        return FrontierPoint(budget, status, seconds=result.seconds, error=result.error)
    kpis = schedule.kpis
    return FrontierPoint(
        budget,
        schedule.status,
        objective=round(schedule.objective, 2),
        value=kpis.value,
        cost=kpis.cost,
        roi=kpis.roi,
        selected=[p.id for p in schedule.selected()],
        violations=len(check(scenario, schedule)),
        plan=plan,
        seconds=result.seconds,
    )
