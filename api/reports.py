"""Views of schedules that planning tools and sponsors ask for: assignments, comparisons.

Plain functions of ``models`` objects; no database and no HTTP here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Literal

from pydantic import BaseModel

from zenplan.models import KPIs, Scenario, Schedule

# KPIs compared between schedules (numbers only), each with the direction that is better.
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
            gpus = "; ".join(f"{g.pool}:{g.count}" for g in phase.gpus)
            for worker in phase.staff:
                rows.append(
                    Assignment(
                        kind="phase",
                        project=plan.id,
                        sponsor=sponsors.get(plan.id),
                        phase=phase.id,
                        person=worker.id,
                        skill=worker.skill,
                        start=phase.start,
                        end=phase.end,
                        start_date=phase.start_date,
                        end_date=phase.end_date,
                        gpus=gpus,
                        share=worker.share,
                    )
                )
    for dataset in schedule.datasets:
        if dataset.start is None or dataset.end is None:
            continue
        for worker in dataset.staff:
            rows.append(
                Assignment(
                    kind="dataset",
                    project=dataset.acquired_by or "",
                    sponsor=sponsors.get(dataset.acquired_by or ""),
                    phase=dataset.id,
                    person=worker.id,
                    skill=worker.skill,
                    start=dataset.start,
                    end=dataset.end,
                    start_date=dataset.start_date,
                    end_date=dataset.end_date,
                    gpus="",
                    share=worker.share,
                )
            )
    return [
        row
        for row in sorted(rows, key=lambda r: (r.start, r.project, r.phase, r.person))
        if (person is None or row.person == person)
        and (project is None or row.project == project)
        and (sponsor is None or row.sponsor == sponsor)
    ]


def as_csv(rows: Sequence[Assignment]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(Assignment.model_fields), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row.model_dump(mode="json"))
    return buffer.getvalue()


def for_sponsor(scenario: Scenario, schedule: Schedule, sponsor: str | None) -> Schedule:
    """The schedule with only the sponsor's projects (all of them when sponsor is None)."""
    if sponsor is None:
        return schedule
    theirs = {p.id for p in scenario.projects if p.sponsor == sponsor}
    kept = [plan for plan in schedule.projects if plan.id in theirs]
    datasets = [d for d in schedule.datasets if d.acquired_by in theirs]
    return schedule.model_copy(update={"projects": kept, "datasets": datasets})


# --------------------------------------------------------------------------- comparison


class KpiDelta(BaseModel):
    """One KPI in each schedule, and its change from the first (the baseline)."""

    kpi: str
    better: Literal["higher", "lower"]
    values: list[float | None]
    deltas: list[float | None]


class ProjectMove(BaseModel):
    """A project whose plan differs between the schedules (the first is the baseline)."""

    project: str
    selected: list[bool]
    start: list[int | None]
    go_live: list[int | None]
    go_live_date: list[date | None]
    shift: list[int | None]
    change: str


class Comparison(BaseModel):
    schedules: list[int]
    labels: list[str]
    kpis: list[KpiDelta]
    moved: list[ProjectMove]
    unchanged: int


def _kpi_value(kpis: KPIs, name: str) -> float | None:
    value = getattr(kpis, name)
    return None if value is None else float(value)


def _delta(value: float | None, base: float | None) -> float | None:
    if value is None or base is None:
        return None
    return round(value - base, 6)


def compare(ids: Sequence[int], labels: Sequence[str], schedules: Sequence[Schedule]) -> Comparison:
    """KPI deltas and moved projects of ``schedules`` against the first one."""
    objective = [s.objective for s in schedules]
    rows = [KpiDelta(kpi="objective", better="higher", values=objective, deltas=[])]
    rows += [
        KpiDelta(
            kpi=name,
            better=better,
            values=[_kpi_value(s.kpis, name) for s in schedules],
            deltas=[],
        )
        for name, better in COMPARED_KPIS.items()
    ]
    for row in rows:
        row.deltas = [_delta(value, row.values[0]) for value in row.values]
    project_ids: list[str] = []
    for schedule in schedules:
        project_ids += [p.id for p in schedule.projects if p.id not in project_ids]
    moved: list[ProjectMove] = []
    for project_id in project_ids:
        plans = [schedule.project(project_id) for schedule in schedules]
        selected = [plan is not None and plan.selected for plan in plans]
        starts = [plan.start if plan is not None and plan.selected else None for plan in plans]
        ends = [plan.end if plan is not None and plan.selected else None for plan in plans]
        dates = [plan.end_date if plan is not None and plan.selected else None for plan in plans]
        shift = [None if end is None or ends[0] is None else end - ends[0] for end in ends]
        if len(set(selected)) == 1 and len(set(starts)) == 1 and len(set(ends)) == 1:
            continue
        moved.append(
            ProjectMove(
                project=project_id,
                selected=selected,
                start=starts,
                go_live=ends,
                go_live_date=dates,
                shift=shift,
                change=_change(selected, shift),
            )
        )
    return Comparison(
        schedules=list(ids),
        labels=list(labels),
        kpis=rows,
        moved=moved,
        unchanged=len(project_ids) - len(moved),
    )


def _change(selected: list[bool], shift: list[int | None]) -> str:
    if not selected[0] and any(selected[1:]):
        return "added"
    if selected[0] and not all(selected[1:]):
        return "dropped"
    moves = [s for s in shift[1:] if s]
    if moves and all(s > 0 for s in moves):
        return "later"
    if moves and all(s < 0 for s in moves):
        return "earlier"
    return "moved"
