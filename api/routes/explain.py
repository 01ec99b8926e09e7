"""Explanations of a stored schedule: the objective broken down by term and by project."""

from __future__ import annotations

from fastapi import APIRouter

from zenplan.api.convert import schedule_of
from zenplan.api.deps import SessionDep, Viewer
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
