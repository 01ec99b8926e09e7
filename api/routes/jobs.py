"""Solve and replan jobs: start one (202 at once), follow its live progress, cancel it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator, Callable
from typing import Annotated

import anyio
from fastapi import APIRouter, Body, Header, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session
from sse_starlette import EventSourceResponse

from zenplan.api import crud
from zenplan.api.convert import replan_scenario, scenario_of, schedule_of
from zenplan.api.deps import Caller, Planner, RunnerDep, SessionDep, SettingsDep, Viewer
from zenplan.api.errors import ApiError, ErrorOut, not_found
from zenplan.api.jobs import JobRunner
from zenplan.api.routes.common import ERRORS, LIST_RESPONSES, Limit, Offset, paginate
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

QUEUE_RETRY_SECONDS = 10
IdempotencyKey = Annotated[
    str | None,
    Header(
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="Any unique text (a UUID): a retry with the same key answers the same job.",
    ),
]

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
    responses={**ERRORS, 429: {"model": ErrorOut, "description": "Too many jobs of this key."}},
)
def start_solve(
    scenario_id: ScenarioId,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    runner: RunnerDep,
    caller: Planner,
    idempotency_key: IdempotencyKey = None,
    request: Annotated[SolveRequest | None, Body()] = None,
) -> JobPublic:
    """Queue a solve of the scenario (latest version unless ``version`` is given). A retry
    with the same ``Idempotency-Key`` answers the job the first request queued."""
    request = request or SolveRequest()
    origin = _origin(caller, idempotency_key, f"solve {scenario_id}", request)
    replayed = _replay(session, origin, response)
    if replayed is not None:
        return replayed
    _check_time_limit(settings, request)
    _check_queue(session, settings, caller)
    version = version_or_404(session, scenario_id, request.version)
    workers = request.workers or settings.solve_workers

    def create() -> Job:
        return crud.create_job(session, version, request, workers, origin)

    return _queued(_create_once(session, origin, response, create), runner, response)


@router.post(
    "/scenarios/{scenario_id}/replan",
    status_code=202,
    response_model=JobPublic,
    responses={**ERRORS, 429: {"model": ErrorOut, "description": "Too many jobs of this key."}},
)
def start_replan(
    scenario_id: ScenarioId,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    runner: RunnerDep,
    caller: Planner,
    request: Annotated[ReplanRequest, Body()],
    idempotency_key: IdempotencyKey = None,
) -> JobPublic:
    """Queue a replan of a stored schedule of the scenario from ``now``: work started before
    it stays, the incidents' refresh work enters, the rest moves as little as it must. The
    new schedule's diff from the baseline is at ``/schedules/{id}/diff``. A retry with the
    same ``Idempotency-Key`` answers the job the first request queued."""
    origin = _origin(caller, idempotency_key, f"replan {scenario_id}", request)
    replayed = _replay(session, origin, response)
    if replayed is not None:
        return replayed
    _check_time_limit(settings, request)
    _check_queue(session, settings, caller)
    version = version_or_404(session, scenario_id, request.version)
    baseline, incidents = _replan_inputs(session, version, request)
    workers = request.workers or settings.solve_workers

    def create() -> Job:
        return crud.create_replan_job(
            session,
            version,
            request,
            workers,
            baseline,
            request.now,
            incidents,
            origin,
            request.pins,
        )

    return _queued(_create_once(session, origin, response, create), runner, response)


def _origin(
    caller: Caller, idempotency_key: str | None, what: str, request: SolveRequest
) -> crud.JobOrigin:
    """Who asks, and (with an Idempotency-Key) the key scoped by the API key and a hash of
    what is asked, so that only the same request is answered by an earlier job."""
    if idempotency_key is None:
        return crud.JobOrigin(caller.key_id)
    asked = f"{what}\n{request.model_dump_json()}"
    digest = hashlib.sha256(asked.encode("utf-8")).hexdigest()
    scoped = f"{caller.key_id or 0}:{idempotency_key}"
    return crud.JobOrigin(caller.key_id, scoped, digest)


def _replay(session: Session, origin: crud.JobOrigin, response: Response) -> JobPublic | None:
    """The job an earlier request with this Idempotency-Key queued, if any."""
    if origin.idempotency_key is None:
        return None
    job = crud.job_by_idempotency_key(session, origin.idempotency_key)
    if job is None:
        return None
    if job.request_hash != origin.request_hash:
        raise ApiError(
            422,
            ["header", "Idempotency-Key"],
            f"this key was used for another request (job {job.id}); use a new key",
            origin.idempotency_key.split(":", 1)[1],
        )
    response.headers["Location"] = f"/jobs/{job.id}"
    response.headers["Idempotent-Replayed"] = "true"
    return job_public(job)


def _create_once(
    session: Session, origin: crud.JobOrigin, response: Response, create: Callable[[], Job]
) -> Job | JobPublic:
    """Create the job; when a concurrent request with the same key won, answer its job."""
    try:
        return create()
    except IntegrityError:
        session.rollback()
        replayed = _replay(session, origin, response)
        if replayed is None:
            raise
        return replayed


def _check_queue(session: Session, settings: Settings, caller: Caller) -> None:
    """At most ``max_jobs_per_key`` queued or running jobs per API key: else 429."""
    waiting = crud.queued_jobs_of_key(session, caller.key_id)
    if waiting >= settings.max_jobs_per_key:
        raise ApiError(
            429,
            ["header", "X-API-Key"],
            f"this key has {waiting} jobs queued or running, the limit is "
            f"{settings.max_jobs_per_key}; wait for one to end",
            waiting,
            {"Retry-After": str(QUEUE_RETRY_SECONDS)},
        )


def _check_time_limit(settings: Settings, request: SolveRequest) -> None:
    """The time limit and the workers asked for are within the server's caps."""
    if request.time_limit > settings.max_time_limit:
        limit = settings.max_time_limit
        raise ApiError(422, ["body", "time_limit"], f"at most {limit:g} s", request.time_limit)
    if request.workers is not None and request.workers > settings.max_workers:
        message = f"at most {settings.max_workers} workers (ZENPLAN_MAX_WORKERS)"
        raise ApiError(422, ["body", "workers"], message, request.workers)


def _queued(job: Job | JobPublic, runner: JobRunner, response: Response) -> JobPublic:
    if isinstance(job, JobPublic):  # a replayed request
        return job
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


@router.get("/jobs", response_model=list[JobPublic], responses=LIST_RESPONSES)
def list_jobs(
    request: Request,
    response: Response,
    session: SessionDep,
    _: Viewer,
    scenario_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    state: JobState | None = None,
    offset: Offset = 0,
    limit: Limit = 100,
) -> list[JobPublic]:
    """Jobs, newest first, optionally of one scenario or in one state; ``X-Total-Count``
    and ``Link`` give the pages."""
    total = crud.count(session, crud.jobs_query(scenario_id, state))
    paginate(request, response, total, offset, limit)
    return [job_public(j) for j in crud.list_jobs(session, scenario_id, state, offset, limit)]


@router.get("/jobs/{job_id}", response_model=JobPublic, responses=ERRORS)
def read_job(job_id: JobId, session: SessionDep, _: Viewer) -> JobPublic:
    """A job's state and live progress: objective, bound, gap, elapsed seconds."""
    # In the thread pool like every query: a locked table must not stall the event loop.
    return job_public(_job_or_404(session, job_id))


EVENT_POLL_SECONDS = 0.5


@router.get(
    "/jobs/{job_id}/events",
    responses={
        **ERRORS,
        200: {
            "description": "Server-Sent Events: `progress` while the job runs, then `end`.",
            "content": {"text/event-stream": {"schema": {"type": "string"}}},
        },
    },
)
def job_events(
    job_id: JobId, request: Request, session: SessionDep, _: Viewer
) -> EventSourceResponse:
    """Follow a job without polling: a `progress` event (the job as JSON) whenever its state
    or progress changes, then one `end` event when it has ended, and the stream closes."""
    _job_or_404(session, job_id)
    engine = request.app.state.engine
    return EventSourceResponse(_events(engine, job_id, request), ping=15)


def _read_job(engine: Engine, job_id: int) -> JobPublic | None:
    with Session(engine) as session:
        job = session.get(Job, job_id)
        return job_public(job) if job is not None else None


async def _events(engine: Engine, job_id: int, request: Request) -> AsyncIterator[dict[str, str]]:
    last = None
    while not await request.is_disconnected():
        job = await run_in_threadpool(_read_job, engine, job_id)
        if job is None:  # deleted with its scenario
            yield {"event": "end", "data": json.dumps({"id": job_id, "state": "deleted"})}
            return
        seen = (job.state, job.objective, job.bound, job.solutions)
        if job.state in FINISHED:
            yield {"event": "end", "data": job.model_dump_json()}
            return
        if seen != last:
            last = seen
            yield {"event": "progress", "data": job.model_dump_json()}
        await anyio.sleep(EVENT_POLL_SECONDS)


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
