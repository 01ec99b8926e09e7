"""A plan as tables: projects, phases, assignments, loads and KPIs, one row per dict.

The workbook, CSV files and pandas DataFrames of a plan are all made from these rows, so
every format shows the same columns.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from zenplan.models import Scenario, Schedule

if TYPE_CHECKING:
    import pandas as pd

Row = dict[str, Any]

TABLES: tuple[str, ...] = ("projects", "phases", "assignments", "loads", "kpis")


class Assignment(BaseModel):
    """One person on one phase (or dataset acquisition) of the schedule."""

    kind: str
    project: str
    sponsor: str | None
    phase: str
    person: str
    skill: str
    start: int
    end: int
    start_date: date | None
    end_date: date | None
    gpus: str
    share: float = 1.0  # of the person's time (part-time work, shared requirements)


def _gpu_text(phase_gpus: list[Any]) -> str:
    return "; ".join(f"{g.pool}:{g.count}" for g in phase_gpus)


def assignments(
    scenario: Scenario,
    schedule: Schedule,
    person: str | None = None,
    project: str | None = None,
    sponsor: str | None = None,
) -> list[Assignment]:
    """Who works on what and when, optionally only for one person, project or sponsor."""
    sponsors = {p.id: p.sponsor for p in scenario.projects}
    rows: list[Assignment] = []
    for plan in schedule.selected():
        for phase in plan.phases:
            rows += [
                Assignment(
                    kind="phase",
                    project=plan.id,
                    sponsor=sponsors.get(plan.id),
                    phase=phase.id,
                    person=worker.id,
                    skill=worker.skill,
                    share=worker.share,
                    start=phase.start,
                    end=phase.end,
                    start_date=phase.start_date,
                    end_date=phase.end_date,
                    gpus=_gpu_text(phase.gpus),
                )
                for worker in phase.staff
            ]
    for dataset in schedule.datasets:
        if dataset.start is None or dataset.end is None:
            continue
        rows += [
            Assignment(
                kind="dataset",
                project=dataset.acquired_by or "",
                sponsor=sponsors.get(dataset.acquired_by or ""),
                phase=dataset.id,
                person=worker.id,
                skill=worker.skill,
                share=worker.share,
                start=dataset.start,
                end=dataset.end,
                start_date=dataset.start_date,
                end_date=dataset.end_date,
                gpus="",
            )
            for worker in dataset.staff
        ]
    return [
        row
        for row in sorted(rows, key=lambda r: (r.start, r.project, r.phase, r.person))
        if (person is None or row.person == person)
        and (project is None or row.project == project)
        and (sponsor is None or row.sponsor == sponsor)
    ]


def project_rows(scenario: Scenario, schedule: Schedule) -> list[Row]:
    """One row per project of the plan, selected or not, with its dates and reason."""
    rows: list[Row] = []
    for plan in schedule.projects:
        project = next((p for p in scenario.projects if p.id == plan.id), None)
        rows.append(
            {
                "project": plan.id,
                "name": (project.name if project else None) or plan.id,
                "sponsor": project.sponsor if project else None,
                "priority": project.priority if project else None,
                "value": project.value if project else None,
                "selected": plan.selected,
                "start": plan.start,
                "end": plan.end,
                "start_date": plan.start_date,
                "go_live": plan.end_date,
                "deadline": project.deadline if project else None,
                "late_by": plan.late_by,
                "phases": len(plan.phases),
                "reason": plan.reason,
            }
        )
    return rows


def phase_rows(scenario: Scenario, schedule: Schedule) -> list[Row]:
    """One row per planned phase of the selected projects."""
    sponsors = {p.id: p.sponsor for p in scenario.projects}
    names = {(p.id, f.id): f.name for p in scenario.projects for f in p.phases}
    return [
        {
            "project": plan.id,
            "sponsor": sponsors.get(plan.id),
            "phase": phase.id,
            "name": names.get((plan.id, phase.id)) or phase.id,
            "start": phase.start,
            "end": phase.end,
            "duration": phase.end - phase.start,
            "start_date": phase.start_date,
            "end_date": phase.end_date,
            "staff": "; ".join(f"{s.id} ({s.skill})" for s in phase.staff),
            "gpus": _gpu_text(phase.gpus),
        }
        for plan in schedule.selected()
        for phase in plan.phases
    ]


def assignment_rows(scenario: Scenario, schedule: Schedule) -> list[Row]:
    return [row.model_dump() for row in assignments(scenario, schedule)]


def load_rows(scenario: Scenario, schedule: Schedule) -> list[Row]:
    """Per period and resource: people at work (1/0), people working with a skill, GPUs in
    use against the pool's capacity."""
    grid = scenario.grid
    capacity: dict[tuple[str, str], list[int]] = {
        ("gpus", pool.id): scenario.pool_capacity(pool.id) for pool in scenario.gpu_pools
    }
    rows: list[Row] = []
    for kind, series in schedule.kpis.load.items():
        for resource, values in series.items():
            limits = capacity.get((kind, resource))
            rows += [
                {
                    "period": period,
                    "date": grid.start_date(period),
                    "kind": kind,
                    "resource": resource,
                    "load": value,
                    "capacity": limits[period] if limits else (1 if kind == "people" else None),
                }
                for period, value in enumerate(values)
            ]
    return rows


def kpi_rows(scenario: Scenario, schedule: Schedule) -> list[Row]:
    """Each KPI as (kpi, key, value); a KPI per sponsor, person or pool has one row per key."""
    rows: list[Row] = [
        {"kpi": "objective", "key": None, "value": schedule.objective},
        {"kpi": "bound", "key": None, "value": schedule.bound},
    ]
    for name, value in schedule.kpis.model_dump(exclude={"load"}).items():
        if isinstance(value, dict):
            rows += [{"kpi": name, "key": key, "value": item} for key, item in value.items()]
        else:
            rows.append({"kpi": name, "key": None, "value": value})
    return rows


BUILDERS: dict[str, Callable[[Scenario, Schedule], list[Row]]] = {
    "projects": project_rows,
    "phases": phase_rows,
    "assignments": assignment_rows,
    "loads": load_rows,
    "kpis": kpi_rows,
}


def tables(scenario: Scenario, schedule: Schedule) -> dict[str, list[Row]]:
    """Every table of the plan, in ``TABLES`` order."""
    return {name: BUILDERS[name](scenario, schedule) for name in TABLES}


def frame(rows: list[Row], columns: list[str] | None = None) -> pd.DataFrame:
    """Rows as a DataFrame, with dates as pandas timestamps for plotting and filtering."""
    import pandas as pd

    data = pd.DataFrame(rows, columns=columns or (list(rows[0]) if rows else None))
    for column in data.columns:
        if column in {"date", "deadline", "go_live"} or column.endswith("_date"):
            data[column] = pd.to_datetime(data[column])
    return data


def columns_of(name: str) -> list[str]:
    """The columns of a table (also when it has no rows)."""
    if name == "assignments":
        return list(Assignment.model_fields)
    return list(_COLUMNS[name])


_COLUMNS: dict[str, tuple[str, ...]] = {
    "projects": (
        "project",
        "name",
        "sponsor",
        "priority",
        "value",
        "selected",
        "start",
        "end",
        "start_date",
        "go_live",
        "deadline",
        "late_by",
        "phases",
        "reason",
    ),
    "phases": (
        "project",
        "sponsor",
        "phase",
        "name",
        "start",
        "end",
        "duration",
        "start_date",
        "end_date",
        "staff",
        "gpus",
    ),
    "loads": ("period", "date", "kind", "resource", "load", "capacity"),
    "kpis": ("kpi", "key", "value"),
}
