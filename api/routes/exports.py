"""Exports of a stored schedule: Excel, CSV, iCalendar, MS Project XML, Kueue quotas."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from zenplan.api.deps import SessionDep, Viewer
from zenplan.api.errors import ApiError
from zenplan.api.routes.common import ERRORS
from zenplan.api.routes.schedules import ScheduleId, record_or_404, solved_pair

router = APIRouter(prefix="/schedules", tags=["exports"])

EXPORT_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/xml",
    "text/calendar",
    "application/yaml",
    "application/zip",
)
FILE = {"type": "string", "format": "binary"}  # a file to save: clients get bytes


@router.get(
    "/{schedule_id}/export",
    response_class=Response,
    responses={**ERRORS, 200: {"content": {media: {"schema": FILE} for media in EXPORT_TYPES}}},
)
def export_schedule(
    schedule_id: ScheduleId,
    session: SessionDep,
    _: Viewer,
    format: Annotated[Literal["xlsx", "csv", "ics", "mspdi", "kueue"], Query()] = "xlsx",
    person: Annotated[str | None, Query(max_length=100, description="ics: this person.")] = None,
    project: Annotated[str | None, Query(max_length=100, description="ics: this project.")] = None,
    at: Annotated[date | None, Query(description="kueue: the manifests on this day.")] = None,
) -> Response:
    """The plan as an Excel workbook, MS Project XML, one calendar feed (of ``person`` or
    ``project``), the Kueue quota manifests in force ``at`` a date, or a zip of all the
    export's files (CSV tables, every feed, every window's manifests)."""
    from zenplan.interchange import download
    from zenplan.interchange.msproject import JavaMissing

    scenario, schedule = solved_pair(session, record_or_404(session, schedule_id))
    try:
        made = download(scenario, schedule, format, person=person, project=project, at=at)
    except JavaMissing as error:
        raise ApiError(503, ["query", "format"], str(error), format) from None
    except ValueError as error:
        name, _sep, message = str(error).partition(": ")
        given = {"person": person, "project": project, "at": at}
        raise ApiError(422, ["query", name], message, given.get(name)) from None
    headers = {"Content-Disposition": f'attachment; filename="{made.filename}"'}
    return Response(made.content, media_type=made.media_type, headers=headers)
