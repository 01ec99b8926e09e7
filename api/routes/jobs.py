"""Solve and replan jobs: start one (202 at once), follow its live progress, cancel it."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Response
from sqlmodel import Session

from zenplan.api import crud
from zenplan.api.convert import replan_scenario, scenario_of, schedule_of
from zenplan.api.deps import Planner, RunnerDep, SessionDep, SettingsDep, Viewer
from zenplan.api.errors import ApiError, ErrorOut, not_found
from zenplan.api.jobs import JobRunner
from zenplan.api.routes.common import ERRORS, Limit, Offset
from zenplan.api.routes.scenarios import ScenarioId, version_or_404
from zenplan.api.settings import Settings
from zenplan.api.tables import (
    FINISHED,
    MAX_ID,
    Job,
    JobPublic,
    JobState,
    ReplanRequest,
    ScenarioVersion,
    ScheduleRecord,
    SolveRequest,
    now,
)
from zenplan.models.pins import with_pins
from zenplan.models.scenario import Incident

router = APIRouter(tags=["jobs"])

JobId = Annotated[int, Path(ge=1, le=MAX_ID, description="Job id.")]


def job_public(job: Job) -> JobPublic:
    """The job as the API shows it; ``elapsed`` counts up while it runs."""
    elapsed = None
    if job.started_at is not None:
        started = job.started_at.replace(tzinfo=None)
        ended = (job.finished_at or now()).replace(tzinfo=None)
        elapsed = round(max(0.0, (ended - started).total_seconds()), 3)
    shown = {**job.model_dump(), "elapsed": elapsed}
    shown["incidents"] = json.loads(job.incidents) if job.incidents is not None else None
    return JobPublic.model_validate(shown)


def _job_or_404(session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise not_found("job", ["path", "job_id"], job_id)
    return job


@router.post(
    "/scenarios/{scenario_id}/solve",
    status_code=202,
    response_model=JobPublic,
    responses={**ERRORS},
)
def start_solve(
    scenario_id: ScenarioId,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    runner: RunnerDep,
    _: Planner,
    request: Annotated[SolveRequest | None, Body()] = None,
) -> JobPublic:
    """Queue a solve of the scenario (latest version unless ``version`` is given)."""
    request = request or SolveRequest()
    _check_time_limit(settings, request)
    version = version_or_404(session, scenario_id, request.version)
    job = crud.create_job(session, version, request, request.workers or settings.solve_workers)
    return _queued(job, runner, response)


@router.post(
    "/scenarios/{scenario_id}/replan",
    status_code=202,
    response_model=JobPublic,
    responses={**ERRORS},
)
def start_replan(
    scenario_id: ScenarioId,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    runner: RunnerDep,
    _: Planner,
    request: Annotated[ReplanRequest, Body()],
) -> JobPublic:
    """Queue a replan of a stored schedule of the scenario from ``now``: work started before
    it stays, the incidents' refresh work enters, the rest moves as little as it must. The
    new schedule's diff from the baseline is at ``/schedules/{id}/diff``."""
    _check_time_limit(settings, request)
    version = version_or_404(session, scenario_id, request.version)
    baseline, incidents = _replan_inputs(session, version, request)
    workers = request.workers or settings.solve_workers
    job = crud.create_replan_job(
        session, version, request, workers, baseline, request.now, incidents, request.pins
    )
    return _queued(job, runner, response)


def _check_time_limit(settings: Settings, request: SolveRequest) -> None:
    if request.time_limit > settings.max_time_limit:
        limit = settings.max_time_limit
        raise ApiError(422, ["body", "time_limit"], f"at most {limit:g} s", request.time_limit)


def _queued(job: Job, runner: JobRunner, response: Response) -> JobPublic:
    runner.wake()
    response.headers["Location"] = f"/jobs/{job.id}"
    return job_public(job)


def _replan_inputs(
    session: Session, version: ScenarioVersion, request: ReplanRequest
) -> tuple[ScheduleRecord, list[Incident]]:
    """The baseline schedule and the incidents of a replan request, checked so that the job
    can run: 404/422 naming the field (and the incident's own field) otherwise."""
    loc = ["body", "baseline_schedule_id"]
    baseline = session.get(ScheduleRecord, request.baseline_schedule_id)
    if baseline is None:
        raise not_found("schedule", loc, request.baseline_schedule_id)
    if baseline.scenario_id != version.scenario_id:
        message = f"schedule {baseline.id} is a schedule of scenario {baseline.scenario_id}"
        raise ApiError(422, loc, f"{message}, not of scenario {version.scenario_id}", baseline.id)
    if baseline.status not in ("optimal", "feasible"):
        message = f"schedule {baseline.id} has no plan to replan (status {baseline.status})"
        raise ApiError(422, loc, message, baseline.id)
    scenario = scenario_of(version.document, version.scenario_id, version.number)
    grid = scenario.grid
    if not grid.contains(request.now):
        message = f"date {request.now} is outside the horizon {grid.start} .. {grid.end_date}"
        raise ApiError(422, ["body", "now"], message, request.now.isoformat())
    raw = [i.model_dump(mode="json", by_alias=True, exclude_unset=True) for i in request.incidents]
    incidents, full = replan_scenario(scenario, raw, "body")
    if request.pins:
        full = with_pins(full, request.pins)  # 422 naming pins[i] or the pinned field
    planned = {p.id for p in full.scheduled_projects()}
    unknown = [p.id for p in schedule_of(baseline.document).selected() if p.id not in planned]
    if unknown:
        message = (
            f"schedule {baseline.id} plans projects that version {version.number} of the "
            f"scenario does not schedule: {', '.join(unknown)} (a replan's refresh work stays "
            "only when its incident is sent again or added to the scenario)"
        )
        raise ApiError(422, loc, message, baseline.id)
    return baseline, incidents


@router.get("/jobs", response_model=list[JobPublic], responses=ERRORS)
def list_jobs(
    session: SessionDep,
    _: Viewer,
    scenario_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    state: JobState | None = None,
    offset: Offset = 0,
    limit: Limit = 100,
) -> list[JobPublic]:
    """Jobs, newest first, optionally of one scenario or in one state."""
    return [job_public(j) for j in crud.list_jobs(session, scenario_id, state, offset, limit)]


@router.get("/jobs/{job_id}", response_model=JobPublic, responses=ERRORS)
async def read_job(job_id: JobId, session: SessionDep, _: Viewer) -> JobPublic:
    """A job's state and live progress: objective, bound, gap, elapsed seconds."""
    # Polled often while solves run: one primary-key read, done on the event loop, costs less
    # than the trip to the thread pool (GIL hand-offs make that trip slow under load).
    return job_public(_job_or_404(session, job_id))


@router.post(
    "/jobs/{job_id}/cancel",
    response_model=JobPublic,
    responses={**ERRORS, 409: {"model": ErrorOut}},
)
def cancel_job(job_id: JobId, session: SessionDep, runner: RunnerDep, caller: Planner) -> JobPublic:
    """Stop a queued or running solve; its process is terminated."""
    job = _job_or_404(session, job_id)
    if not crud.cancel_job(session, job_id, f"cancelled by {caller.name}"):
        session.refresh(job)
        raise ApiError(409, ["path", "job_id"], f"the job has already {job.state}", job_id)
    runner.cancel(job_id)
    session.refresh(job)
    assert job.state in FINISHED
    return job_public(job)
