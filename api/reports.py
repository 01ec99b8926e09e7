"""Views of schedules that planning tools and sponsors ask for: assignments, comparisons.

The assignment rows are the plan's table of ``interchange.tables`` (also in the exports).

Plain functions of ``models`` objects; no database and no HTTP here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Literal

from pydantic import BaseModel

from zenplan.interchange.tables import Assignment, assignments
from zenplan.models import ProjectPlan, Scenario, Schedule
from zenplan.models.schedule import COMPARED_KPIS, kpi_values


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


class SponsorSummary(BaseModel):
    """One sponsor's share of a schedule: the row that leads to their projects."""

    sponsor: str
    name: str
    projects: int
    selected: int
    late: int
    value: float
    first_start: date | None
    last_go_live: date | None


def sponsor_summaries(scenario: Scenario, schedule: Schedule) -> list[SponsorSummary]:
    """Per sponsor (scenario order; ``""`` for projects without one): projects, selected,
    late, value per period of the selected ones, first start and last go-live."""
    projects = {p.id: p for p in scenario.projects}
    names = {s.id: s.name or s.id for s in scenario.sponsors}
    plans: dict[str, list[ProjectPlan]] = {}
    for plan in schedule.projects:
        project = projects.get(plan.id)
        plans.setdefault((project.sponsor if project else None) or "", []).append(plan)
    order = [s.id for s in scenario.sponsors if s.id in plans]
    order += sorted(set(plans) - set(order))
    rows = []
    for sponsor in order:
        chosen = [p for p in plans[sponsor] if p.selected]
        starts = [p.start_date for p in chosen if p.start_date is not None]
        ends = [p.end_date for p in chosen if p.end_date is not None]
        rows.append(
            SponsorSummary(
                sponsor=sponsor,
                name=names.get(sponsor, sponsor) if sponsor else "no sponsor",
                projects=len(plans[sponsor]),
                selected=len(chosen),
                late=sum(1 for p in chosen if p.late_by > 0),
                value=sum(projects[p.id].value for p in chosen if p.id in projects),
                first_start=min(starts, default=None),
                last_go_live=max(ends, default=None),
            )
        )
    return rows


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
            values=[kpi_values(s.kpis, [name])[name] for s in schedules],
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


__all__ = [
    "COMPARED_KPIS",
    "Assignment",
    "Comparison",
    "KpiDelta",
    "ProjectMove",
    "SponsorSummary",
    "as_csv",
    "assignments",
    "compare",
    "for_sponsor",
    "sponsor_summaries",
]
