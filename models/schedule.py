"""The schedule: what zenplan decided (the output contract of DESIGN.md), and its KPIs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, computed_field

from zenplan.models import numbers
from zenplan.models.decisions import ACQUISITION, acquisition_key

SolveStatus = Literal["optimal", "feasible", "infeasible", "unknown"]
# The statuses that come with a plan.
PLANNED: tuple[SolveStatus, ...] = ("optimal", "feasible")


class Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class StaffAssignment(Out):
    id: str
    skill: str
    share: float = 1.0  # of the person's full time, for the whole piece of work


class GpuAssignment(Out):
    pool: str
    count: int = Field(gt=0)


class PhasePlan(Out):
    id: str
    start: int
    end: int
    start_date: date | None = None
    end_date: date | None = None
    staff: list[StaffAssignment] = Field(default_factory=list)
    gpus: list[GpuAssignment] = Field(default_factory=list)


class ApprovalPlan(Out):
    start: int
    end: int
    start_date: date | None = None
    end_date: date | None = None


class ProjectPlan(Out):
    id: str
    selected: bool
    start: int | None = None
    end: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    late_by: int = 0
    approval: ApprovalPlan | None = None
    phases: list[PhasePlan] = Field(default_factory=list)
    reason: str | None = None

    def phase(self, phase_id: str) -> PhasePlan | None:
        return next((p for p in self.phases if p.id == phase_id), None)


class DatasetPlan(Out):
    id: str
    acquired_by: str | None = None
    start: int | None = None
    end: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    staff: list[StaffAssignment] = Field(default_factory=list)


class KPIs(Out):
    value: float = 0.0
    cost: float = 0.0
    roi: float | None = 0.0
    delivered: int = 0
    delivered_by_size: dict[str, int] = Field(default_factory=dict)
    delivered_by_sponsor: dict[str, int] = Field(default_factory=dict)
    late: int = 0
    lateness_periods: int = 0
    makespan: int = 0
    max_delivery_gap: int = 0
    flow_efficiency: float = 0.0
    flow_efficiency_by_project: dict[str, float] = Field(default_factory=dict)
    utilization: dict[str, float] = Field(default_factory=dict)
    gpu_utilization: dict[str, float] = Field(default_factory=dict)
    skill_utilization: dict[str, float] = Field(default_factory=dict)
    sponsor_share: dict[str, float] = Field(default_factory=dict)
    # per period: people (1 = at work), skills (people working with it), gpus (in use)
    load: dict[str, dict[str, list[int]]] = Field(default_factory=dict)
    reuse_saved_periods: int = 0


class ObjectiveBreakdown(Out):
    """The objective in parts that sum to it: by term (value earned, and the lateness, cost,
    makespan, balance and stability charged, with their signs) and by project (each selected
    project's own terms; makespan and balance belong to the portfolio)."""

    terms: dict[str, float] = Field(default_factory=dict)
    projects: dict[str, dict[str, float]] = Field(default_factory=dict)
    portfolio: dict[str, float] = Field(default_factory=dict)

    def total(self) -> float:
        return sum(self.terms.values())


class SolverInfo(Out):
    """How a plan was found: what a user may need to repeat or judge it."""

    engine: Literal["cp-sat", "greedy", "manual"] = "cp-sat"
    strategy: Literal["full", "lns", "makespan"] | None = None
    preset: str | None = None
    time_limit: float | None = None
    workers: int | None = None
    seed: int | None = None
    relative_gap: float | None = None
    deterministic: bool = False
    greedy_objective: float | None = None
    first_solution_seconds: float | None = None
    # where the reported bound comes from: the portfolio's relaxation, or CP-SAT's proof
    bound_source: Literal["relaxation", "cp-sat"] | None = None
    # diagnostics of the search (steps, seconds of its parts): for developers, not a contract
    debug: dict[str, float | int | str] = Field(default_factory=dict)


class Work(NamedTuple):
    """A piece of planned work: who works from ``start`` to ``end`` (exclusive)."""

    owner: str  # project id, or dataset:<id> for an acquisition
    item: str  # phase id, or acquisition
    start: int
    end: int
    staff: list[StaffAssignment]


class Schedule(Out):
    scenario: str
    status: SolveStatus
    objective: float = 0.0
    bound: float = 0.0
    solve_seconds: float = 0.0
    projects: list[ProjectPlan] = Field(default_factory=list)
    datasets: list[DatasetPlan] = Field(default_factory=list)
    kpis: KPIs = Field(default_factory=KPIs)
    explanation: str | None = None
    solver: SolverInfo | None = None
    # the objective by term and by project (None for a schedule made before it existed)
    breakdown: ObjectiveBreakdown | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def gap(self) -> float | None:
        """How far the plan may be from the best possible: (bound - objective) / |bound|,
        0 when proven optimal; None without a plan or bound."""
        if self.status not in ("optimal", "feasible"):
            return None
        return numbers.gap(self.objective, self.bound)

    def project(self, project_id: str) -> ProjectPlan | None:
        return next((p for p in self.projects if p.id == project_id), None)

    def selected(self) -> list[ProjectPlan]:
        return [p for p in self.projects if p.selected]

    def work(self) -> list[Work]:
        """Everything people work on: the selected projects' phases, then the dataset
        acquisitions (owner ``dataset:<id>``, item ``acquisition``)."""
        work = [
            Work(plan.id, phase.id, phase.start, phase.end, phase.staff)
            for plan in self.selected()
            for phase in plan.phases
        ]
        work += [
            Work(acquisition_key(d.id), ACQUISITION, d.start, d.end, d.staff)
            for d in self.datasets
            if d.start is not None and d.end is not None
        ]
        return work


# The KPIs compared between schedules (numbers only), each with the direction that is better.
COMPARED_KPIS: dict[str, Literal["higher", "lower"]] = {
    "value": "higher",
    "cost": "lower",
    "roi": "higher",
    "delivered": "higher",
    "late": "lower",
    "lateness_periods": "lower",
    "makespan": "lower",
    "max_delivery_gap": "lower",
    "flow_efficiency": "higher",
    "reuse_saved_periods": "higher",
}
# The KPIs of a one-line summary of a schedule (batch summaries, what-if tables).
SUMMARY_KPIS = ("value", "cost", "delivered", "late", "max_delivery_gap", "flow_efficiency")


def kpi_values(kpis: KPIs, names: Sequence[str]) -> dict[str, float | None]:
    """The KPIs ``names`` as numbers (None where a KPI has no value, as ``roi`` without cost)."""
    values = {name: getattr(kpis, name) for name in names}
    return {name: None if value is None else float(value) for name, value in values.items()}


def summary_row(schedule: Schedule | None, names: Sequence[str] = SUMMARY_KPIS) -> dict[str, Any]:
    """A schedule as one row of a summary table: status, objective and the KPIs ``names``;
    without a plan the objective and KPIs are blank and ``error`` is its explanation."""
    row: dict[str, Any] = {"status": "error", "objective": None, **dict.fromkeys(names)}
    row["error"] = None
    if schedule is None:
        return row
    row["status"] = schedule.status
    if schedule.status in PLANNED:
        row["objective"] = schedule.objective
        row.update((name, getattr(schedule.kpis, name)) for name in names)
    else:
        row["error"] = schedule.explanation
    return row
