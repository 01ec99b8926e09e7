"""Schedules: the plan as JSON, assignments (JSON or CSV), KPIs, Gantt and load charts."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from sqlmodel import Session

from zenplan.api import crud
from zenplan.api.convert import replan_scenario, scenario_of, schedule_of
from zenplan.api.deps import SessionDep, Viewer
from zenplan.api.errors import ApiError, not_found
from zenplan.api.reports import Assignment, as_csv, assignments, for_sponsor
from zenplan.api.routes.common import ERRORS, LIST_RESPONSES, Limit, Offset, paginate
from zenplan.api.tables import (
    MAX_ID,
    ReplanDiff,
    ScenarioVersion,
    SchedulePublic,
    ScheduleRecord,
    ScheduleSummary,
)
from zenplan.models import KPIs, Scenario, Schedule
from zenplan.models.diff import ScheduleDiff

if TYPE_CHECKING:
    import plotly.graph_objects as go

router = APIRouter(prefix="/schedules", tags=["schedules"])

ScheduleId = Annotated[int, Path(ge=1, le=MAX_ID, description="Schedule id.")]
Filter = Annotated[str | None, Query(max_length=100)]


def known_sponsor(scenario: Scenario, sponsor: str | None) -> None:
    """A sponsor filter names a sponsor of the schedule's scenario, else 404."""
    ids = {s.id for s in scenario.sponsors} | {p.sponsor for p in scenario.projects}
    if sponsor is not None and sponsor not in ids:
        message = "no sponsor with this id in the scenario"
        raise ApiError(404, ["query", "sponsor"], message, sponsor)


ChartFormat = Annotated[Literal["html", "json"], Query(description="Page or plotly JSON.")]
CHART_RESPONSES: dict[int | str, dict[str, object]] = {
    **ERRORS,
    200: {"content": {"text/html": {}, "application/json": {}}},
}


def record_or_404(session: Session, schedule_id: int) -> ScheduleRecord:
    record = session.get(ScheduleRecord, schedule_id)
    if record is None:
        raise not_found("schedule", ["path", "schedule_id"], schedule_id)
    return record


def solved_pair(session: Session, record: ScheduleRecord) -> tuple[Scenario, Schedule]:
    """The scenario version a schedule was made from, and the schedule. A replan's scenario
    holds its incidents' refresh work as projects, as the replan planned them. Read-only:
    the pair is shared by the requests that read the same stored documents."""
    version = session.get(ScenarioVersion, record.scenario_version_id)
    assert version is not None
    incidents = record.incidents or "[]" if record.baseline_schedule_id is not None else None
    return _parsed(
        version.document, version.scenario_id, version.number, record.document, incidents
    )


@lru_cache(maxsize=4)
def _parsed(
    scenario_document: str,
    scenario_id: int,
    number: int,
    schedule_document: str,
    incidents: str | None,
) -> tuple[Scenario, Schedule]:
    """Parsing a large portfolio takes seconds; pages, charts and exports of one schedule
    are asked for one after the other, so the last few parsed pairs are kept (keyed by the
    stored documents themselves, which never change under a key)."""
    scenario = scenario_of(scenario_document, scenario_id, number)
    if incidents is not None:
        _, scenario = replan_scenario(scenario, json.loads(incidents), "schedule: incidents")
    return scenario, schedule_of(schedule_document)


# plotly.js for the pages: served once by the pages' cached route, not inlined in each page
PLOTLY_SRC = "/ui/plotly.js"


def figure_response(figure: go.Figure, format: str, title: str) -> Response:
    """A chart as plotly JSON, or as a page (plotly.js from the service's cached route)."""
    if format == "json":
        return Response(figure.to_json(), media_type="application/json")
    config = {"displaylogo": False}
    page = figure.to_html(full_html=True, include_plotlyjs=PLOTLY_SRC, config=config)
    page = page.replace("<head>", f"<head><title>{title}</title>", 1)
    return Response(page, media_type="text/html")


@router.get("", response_model=list[ScheduleSummary], responses=LIST_RESPONSES)
def list_schedules(
    request: Request,
    response: Response,
    session: SessionDep,
    _: Viewer,
    scenario_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    offset: Offset = 0,
    limit: Limit = 100,
) -> list[ScheduleSummary]:
    """Stored schedules, newest first, optionally of one scenario; ``X-Total-Count`` and
    ``Link`` give the pages."""
    total = crud.count(session, crud.schedules_query(scenario_id))
    paginate(request, response, total, offset, limit)
    records = crud.list_schedules(session, scenario_id, offset, limit)
    return [ScheduleSummary.model_validate(r, from_attributes=True) for r in records]


@router.get("/{schedule_id}", response_model=SchedulePublic, responses=ERRORS)
def read_schedule(schedule_id: ScheduleId, session: SessionDep, _: Viewer) -> Response:
    """The schedule JSON, with the scenario version and solver parameters that made it."""
    record = record_or_404(session, schedule_id)
    summary = ScheduleSummary.model_validate(record, from_attributes=True)
    # The stored document is already the schedule's JSON: splice it in, do not re-encode.
    head = summary.model_dump_json()
    return Response(
        head[:-1] + ',"schedule":' + record.document + "}", media_type="application/json"
    )


@router.get("/{schedule_id}/diff", response_model=ReplanDiff, responses=ERRORS)
def read_diff(schedule_id: ScheduleId, session: SessionDep, _: Viewer) -> ReplanDiff:
    """What a replan changed against its baseline schedule, for the phases planned from its
    date on: phases moved, people changed, projects added or dropped, KPI deltas (404 for a
    schedule that is not a replan)."""
    record = record_or_404(session, schedule_id)
    if record.diff is None or record.baseline_schedule_id is None or record.now is None:
        raise ApiError(404, ["path", "schedule_id"], "the schedule is not a replan", schedule_id)
    changes = ScheduleDiff.model_validate_json(record.diff)
    return ReplanDiff(
        **changes.model_dump(),
        schedule_id=schedule_id,
        baseline_schedule_id=record.baseline_schedule_id,
        now=record.now,
        frozen_phases=record.frozen_phases,
    )


@router.get(
    "/{schedule_id}/assignments",
    response_model=list[Assignment],
    responses={**ERRORS, 200: {"content": {"text/csv": {}}}},
)
def read_assignments(
    schedule_id: ScheduleId,
    session: SessionDep,
    _: Viewer,
    format: Annotated[Literal["json", "csv"], Query()] = "json",
    person: Filter = None,
    project: Filter = None,
    sponsor: Filter = None,
) -> Response:
    """Who works on what, when: one row per person and phase (or dataset acquisition)."""
    scenario, schedule = solved_pair(session, record_or_404(session, schedule_id))
    known_sponsor(scenario, sponsor)
    rows = assignments(scenario, schedule, person=person, project=project, sponsor=sponsor)
    if format == "csv":
        headers = {"Content-Disposition": f'attachment; filename="assignments-{schedule_id}.csv"'}
        return Response(as_csv(rows), media_type="text/csv", headers=headers)
    body = json.dumps([row.model_dump(mode="json") for row in rows])
    return Response(body, media_type="application/json")


@router.get("/{schedule_id}/kpis", response_model=KPIs, responses=ERRORS)
def read_kpis(schedule_id: ScheduleId, session: SessionDep, _: Viewer) -> KPIs:
    """The portfolio KPIs of the schedule."""
    return schedule_of(record_or_404(session, schedule_id).document).kpis


@router.get("/{schedule_id}/gantt", responses=CHART_RESPONSES)
def read_gantt(
    schedule_id: ScheduleId,
    session: SessionDep,
    _: Viewer,
    format: ChartFormat = "html",
    view: Annotated[Literal["projects", "people"], Query()] = "projects",
    sponsor: Filter = None,
) -> Response:
    """The Gantt chart by project or by person, optionally of one sponsor's projects."""
    from zenplan.charts import people_gantt, project_gantt

    scenario, schedule = solved_pair(session, record_or_404(session, schedule_id))
    known_sponsor(scenario, sponsor)
    shown = for_sponsor(scenario, schedule, sponsor)
    figure = project_gantt(scenario, shown) if view == "projects" else people_gantt(scenario, shown)
    return figure_response(figure, format, f"{scenario.name}: Gantt")


LoadView = Literal["overview", "gpus", "skills", "flow"]


@router.get("/{schedule_id}/load", responses=CHART_RESPONSES)
def read_load(
    schedule_id: ScheduleId,
    session: SessionDep,
    _: Viewer,
    format: ChartFormat = "html",
    view: Annotated[LoadView, Query(description="Which load chart.")] = "overview",
) -> Response:
    """Load charts: people and GPUs in use (overview), GPU pools by project, skills booked
    against available people (heatmap), or each project's working and waiting time (flow)."""
    from zenplan.charts import flow_chart, gpu_load, load_chart, skill_heatmap

    scenario, schedule = solved_pair(session, record_or_404(session, schedule_id))
    chart = {"overview": load_chart, "gpus": gpu_load, "skills": skill_heatmap, "flow": flow_chart}
    figure = chart[view](scenario, schedule)
    return figure_response(figure, format, f"{scenario.name}: {view}")


@router.get("/{schedule_id}/report", responses={**ERRORS, 200: {"content": {"text/html": {}}}})
def read_report(schedule_id: ScheduleId, session: SessionDep, _: Viewer) -> Response:
    """The whole schedule report as one page: KPIs, Gantts and load charts."""
    from zenplan.charts import report_html

    scenario, schedule = solved_pair(session, record_or_404(session, schedule_id))
    return Response(report_html(scenario, schedule, PLOTLY_SRC), media_type="text/html")
