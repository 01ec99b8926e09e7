"""Solve jobs: start one (202 at once), follow its live progress, cancel it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Path, Query, Response
from sqlmodel import Session

from api import crud
from api.deps import Planner, RunnerDep, SessionDep, SettingsDep, Viewer
from api.errors import ApiError, ErrorOut, not_found
from api.routes.common import ERRORS, Limit, Offset
from api.routes.scenarios import ScenarioId, version_or_404
from api.tables import FINISHED, MAX_ID, Job, JobPublic, JobState, SolveRequest, now

router = APIRouter(tags=["jobs"])

JobId = Annotated[int, Path(ge=1, le=MAX_ID, description="Job id.")]


def job_public(job: Job) -> JobPublic:
    """The job as the API shows it; ``elapsed`` counts up while it runs."""
    elapsed = None
    if job.started_at is not None:
        started = job.started_at.replace(tzinfo=None)
        ended = (job.finished_at or now()).replace(tzinfo=None)
        elapsed = round(max(0.0, (ended - started).total_seconds()), 3)
    return JobPublic.model_validate({**job.model_dump(), "elapsed": elapsed})


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
    if request.time_limit > settings.max_time_limit:
        limit = settings.max_time_limit
        raise ApiError(422, ["body", "time_limit"], f"at most {limit:g} s", request.time_limit)
    version = version_or_404(session, scenario_id, request.version)
    job = crud.create_job(session, version, request, request.workers or settings.solve_workers)
    runner.wake()
    response.headers["Location"] = f"/jobs/{job.id}"
    return job_public(job)


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
