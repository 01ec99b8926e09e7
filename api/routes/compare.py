"""Compare two or more schedules: KPI deltas, projects that moved, a comparison chart."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from sqlmodel import Session

from zenplan.api.convert import schedule_of
from zenplan.api.deps import SessionDep, Viewer
from zenplan.api.errors import ApiError
from zenplan.api.reports import Comparison, compare
from zenplan.api.routes.common import ERRORS
from zenplan.api.routes.schedules import CHART_RESPONSES, ChartFormat, figure_response
from zenplan.api.tables import MAX_ID, ScheduleRecord
from zenplan.models import Schedule

router = APIRouter(prefix="/compare", tags=["compare"])

ScheduleIds = Annotated[
    list[Annotated[int, Query(ge=1, le=MAX_ID)]],
    Query(
        alias="schedule",
        min_length=2,
        max_length=20,
        description="Schedule ids; the first is the baseline.",
    ),
]


def load_schedules(
    session: Session, ids: list[int]
) -> tuple[list[ScheduleRecord], list[Schedule], list[str]]:
    """The schedules to compare, with a label for each (404 naming the missing one)."""
    records: list[ScheduleRecord] = []
    for index, schedule_id in enumerate(ids):
        record = session.get(ScheduleRecord, schedule_id)
        if record is None:
            raise ApiError(
                404, ["query", "schedule", index], "no schedule with this id", schedule_id
            )
        records.append(record)
    labels = [f"#{r.id} {r.name} v{r.version}" for r in records]
    return records, [schedule_of(r.document) for r in records], labels


@router.get("", response_model=Comparison, responses=ERRORS)
def compare_schedules(schedule_ids: ScheduleIds, session: SessionDep, _: Viewer) -> Comparison:
    """KPIs of each schedule with deltas from the first, and every project that moved."""
    _records, schedules, labels = load_schedules(session, schedule_ids)
    return compare(schedule_ids, labels, schedules)


@router.get("/chart", responses=CHART_RESPONSES)
def compare_chart(
    schedule_ids: ScheduleIds, session: SessionDep, _: Viewer, format: ChartFormat = "html"
) -> Response:
    """Each project's go-live in each schedule, as a page or plotly JSON."""
    from zenplan.charts import compare_chart as chart

    _records, schedules, labels = load_schedules(session, schedule_ids)
    return figure_response(chart(schedules, labels), format, "comparison")
