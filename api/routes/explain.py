"""Explanations of a stored schedule: the objective by term and by project, and why a
project is left out or late with what it would take to fit it."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from zenplan.api.convert import schedule_of
from zenplan.api.deps import SessionDep, Viewer
from zenplan.api.errors import ApiError
from zenplan.api.routes.common import ERRORS
from zenplan.api.routes.schedules import ScheduleId, record_or_404, solved_pair
from zenplan.models.schedule import ObjectiveBreakdown

router = APIRouter(prefix="/schedules", tags=["schedules"])


@router.get("/{schedule_id}/breakdown", response_model=ObjectiveBreakdown, responses=ERRORS)
def read_breakdown(schedule_id: ScheduleId, session: SessionDep, _: Viewer) -> ObjectiveBreakdown:
    """The objective by term (value, lateness, cost, makespan, balance, stability) and by
    project; the terms sum to the schedule's objective."""
    from zenplan.scheduler.greedy import decisions_of
    from zenplan.scheduler.score import breakdown

    record = record_or_404(session, schedule_id)
    scenario, schedule = solved_pair(session, record)
    if schedule.breakdown is not None or schedule.status not in ("optimal", "feasible"):
        return schedule.breakdown or ObjectiveBreakdown()
    # A schedule stored before breakdowns: computed now, a replan against its baseline.
    baseline = None
    if record.baseline_schedule_id is not None:
        stored = record_or_404(session, record.baseline_schedule_id)
        baseline = decisions_of(scenario, schedule_of(stored.document))
    return breakdown(scenario, schedule, baseline)


class TakesOption(BaseModel):
    change: str
    kind: str = Field(description="none, person, gpus or deadline")
    fits: bool
    status: str
    objective_change: float | None
    displaced: list[str] = Field(description="Projects the checking solve leaves out.")
    delayed: dict[str, int] = Field(description="Project -> periods its go-live moves later.")
    go_live: int | None


class ProjectExplanation(BaseModel):
    project: str
    reason: str = Field(description="Why it is left out or late, checked by trying it.")
    blockers: list[str]
    options: list[TakesOption]


@router.get("/{schedule_id}/explain", response_model=ProjectExplanation, responses=ERRORS)
def explain_project(
    schedule_id: ScheduleId,
    session: SessionDep,
    _: Viewer,
    project: Annotated[str, Query(max_length=100, description="Project id.")],
    time_limit: Annotated[float, Query(gt=0, le=60, description="Seconds per solve.")] = 5.0,
) -> ProjectExplanation:
    """Why a project is left out or late, and the smallest capacity changes that fit it on
    time, each checked by a solve with what it displaces (one solve per change)."""
    from zenplan.scheduler import SolveOptions
    from zenplan.scheduler.counterfactual import counterfactual_reason
    from zenplan.scheduler.takes import what_it_takes

    scenario, schedule = solved_pair(session, record_or_404(session, schedule_id))
    if project not in {p.id for p in scenario.scheduled_projects()}:
        raise ApiError(404, ["query", "project"], "no such project to plan", project)
    finding = counterfactual_reason(scenario, schedule, project)
    options = SolveOptions(time_limit=time_limit, workers=1, deterministic=True)
    found = what_it_takes(scenario, schedule, project, options)
    return ProjectExplanation(
        project=project,
        reason=finding.text,
        blockers=list(finding.blockers),
        options=[TakesOption(**asdict(option)) for option in found],
    )
