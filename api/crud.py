"""Every database write of the service, and the reads the routes share.

State changes of a job are conditional updates (``... WHERE state = 'running'``), so a
cancel, a finished solve and a restart cannot overwrite one another.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, update
from sqlalchemy.engine import CursorResult
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from zenplan.api.tables import (
    FINISHED,
    ApiKey,
    Job,
    JobState,
    Role,
    ScenarioRecord,
    ScenarioSource,
    ScenarioVersion,
    ScheduleRecord,
    SolveParameters,
    Webhook,
    now,
)
from zenplan.models import Scenario, Schedule
from zenplan.models.diff import ScheduleDiff
from zenplan.models.pins import Pin
from zenplan.models.scenario import Incident
from zenplan.models.schedule import SolverInfo

KEY_PREFIX = "zp_"
LEASE = timedelta(seconds=10)  # the server renews the leases of its running jobs every 2 s


# --------------------------------------------------------------------------- scenarios


def create_scenario(
    session: Session, scenario: Scenario, document: str, source: ScenarioSource
) -> ScenarioRecord:
    """A new scenario with its first version."""
    record = ScenarioRecord(name=scenario.name, version=1)
    session.add(record)
    session.flush()
    assert record.id is not None
    session.add(
        ScenarioVersion(
            scenario_id=record.id, number=1, name=scenario.name, source=source, document=document
        )
    )
    session.commit()
    session.refresh(record)
    return record


class VersionConflict(Exception):
    """The scenario changed since the version the caller last read (``current`` now)."""

    def __init__(self, current: int) -> None:
        self.current = current
        super().__init__(f"the scenario is at version {current}")


def add_version(
    session: Session,
    scenario_id: int,
    scenario: Scenario,
    document: str,
    source: ScenarioSource,
    expected: int | None = None,
) -> ScenarioRecord | None:
    """Store a changed scenario as its next version; earlier versions stay as they were.

    The version number is taken by one conditional ``UPDATE ... RETURNING`` (a row lock on
    PostgreSQL, the write lock on SQLite), so concurrent changes get contiguous numbers and
    never collide. With ``expected`` the change applies only on top of that version, else
    ``VersionConflict``. None when the scenario does not exist (any more).
    """
    session.rollback()  # end any read snapshot: SQLite cannot upgrade a stale one to write
    query = (
        update(ScenarioRecord)
        .where(col(ScenarioRecord.id) == scenario_id)
        .values(version=col(ScenarioRecord.version) + 1, name=scenario.name, updated_at=now())
        .returning(col(ScenarioRecord.version))
    )
    if expected is not None:
        query = query.where(col(ScenarioRecord.version) == expected)
    number = session.execute(query).scalar_one_or_none()
    if number is None:
        session.rollback()
        record = session.get(ScenarioRecord, scenario_id)
        if record is None:
            return None
        raise VersionConflict(record.version)
    session.add(
        ScenarioVersion(
            scenario_id=scenario_id,
            number=number,
            name=scenario.name,
            source=source,
            document=document,
        )
    )
    session.commit()
    return session.get(ScenarioRecord, scenario_id, populate_existing=True)


def delete_scenario(session: Session, record: ScenarioRecord) -> None:
    """Remove a scenario with its versions, jobs and schedules."""
    scenario_id = record.id
    session.execute(delete(ScheduleRecord).where(col(ScheduleRecord.scenario_id) == scenario_id))
    session.execute(delete(Job).where(col(Job.scenario_id) == scenario_id))
    session.execute(delete(ScenarioVersion).where(col(ScenarioVersion.scenario_id) == scenario_id))
    session.delete(record)
    session.commit()


def count(session: Session, query: Any) -> int:
    """Rows a list query finds, before offset and limit (the total of a page)."""
    total: int = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    return total


def count_scenarios(session: Session) -> int:
    return count(session, select(ScenarioRecord))


def list_scenarios(session: Session, offset: int, limit: int) -> Sequence[ScenarioRecord]:
    query = select(ScenarioRecord).order_by(col(ScenarioRecord.id)).offset(offset).limit(limit)
    return session.exec(query).all()


def get_version(
    session: Session, scenario_id: int, number: int | None = None
) -> ScenarioVersion | None:
    """A version of a scenario, the latest when ``number`` is None."""
    query = select(ScenarioVersion).where(ScenarioVersion.scenario_id == scenario_id)
    if number is None:
        query = query.order_by(col(ScenarioVersion.number).desc()).limit(1)
    else:
        query = query.where(ScenarioVersion.number == number)
    return session.exec(query).first()


def list_versions(session: Session, scenario_id: int) -> Sequence[ScenarioVersion]:
    query = (
        select(ScenarioVersion)
        .where(ScenarioVersion.scenario_id == scenario_id)
        .order_by(col(ScenarioVersion.number))
    )
    return session.exec(query).all()


# --------------------------------------------------------------------------- jobs


@dataclass(frozen=True)
class JobOrigin:
    """Who queued a job and with which Idempotency-Key (scoped by the key) and request."""

    key_id: int | None = None
    idempotency_key: str | None = None
    request_hash: str | None = None


def create_job(
    session: Session,
    version: ScenarioVersion,
    parameters: SolveParameters,
    workers: int,
    origin: JobOrigin = JobOrigin(),
) -> Job:
    """A queued solve of one scenario version."""
    return _queue(session, _job(version, parameters, workers), origin)


def create_replan_job(
    session: Session,
    version: ScenarioVersion,
    parameters: SolveParameters,
    workers: int,
    baseline: ScheduleRecord,
    now: date,
    incidents: Sequence[Incident],
    origin: JobOrigin = JobOrigin(),
    pins: Sequence[Pin] = (),
) -> Job:
    """A queued replan of ``baseline`` from ``now`` against one scenario version, with the
    refresh work of ``incidents`` (already checked against that version)."""
    job = _job(version, parameters, workers)
    job.kind = "replan"
    job.baseline_schedule_id = baseline.id
    job.now = now
    job.incidents = json.dumps(
        [i.model_dump(mode="json", by_alias=True, exclude_unset=True) for i in incidents],
        separators=(",", ":"),
    )
    job.pins = json.dumps(
        [p.model_dump(mode="json", by_alias=True, exclude_none=True) for p in pins],
        separators=(",", ":"),
    )
    return _queue(session, job, origin)


def _job(version: ScenarioVersion, parameters: SolveParameters, workers: int) -> Job:
    assert version.id is not None
    return Job(
        scenario_id=version.scenario_id,
        scenario_version_id=version.id,
        version=version.number,
        time_limit=parameters.time_limit,
        workers=workers,
        seed=parameters.seed,
        relative_gap=parameters.relative_gap,
    )


def _queue(session: Session, job: Job, origin: JobOrigin) -> Job:
    """Store the queued job; IntegrityError when its Idempotency-Key is taken meanwhile."""
    job.key_id = origin.key_id
    job.idempotency_key = origin.idempotency_key
    job.request_hash = origin.request_hash
    session.add(job)
    session.commit()
    session.refresh(job)
    return job


def job_by_idempotency_key(session: Session, idempotency_key: str) -> Job | None:
    return session.exec(select(Job).where(Job.idempotency_key == idempotency_key)).first()


def queued_jobs_of_key(session: Session, key_id: int | None) -> int:
    """Jobs of one API key that are queued or running."""
    query = (
        select(func.count())
        .select_from(Job)
        .where(Job.key_id == key_id, col(Job.state).in_(("queued", "running")))
    )
    return session.exec(query).one()


def active_jobs(session: Session, scenario_id: int) -> Sequence[Job]:
    query = select(Job).where(
        Job.scenario_id == scenario_id, col(Job.state).in_(("queued", "running"))
    )
    return session.exec(query).all()


def jobs_query(scenario_id: int | None, state: JobState | None) -> SelectOfScalar[Job]:
    query = select(Job)
    if scenario_id is not None:
        query = query.where(Job.scenario_id == scenario_id)
    if state is not None:
        query = query.where(Job.state == state)
    return query


def list_jobs(
    session: Session, scenario_id: int | None, state: JobState | None, offset: int, limit: int
) -> Sequence[Job]:
    query = jobs_query(scenario_id, state)
    return session.exec(query.order_by(col(Job.id).desc()).offset(offset).limit(limit)).all()


def _changed(session: Session, statement: Any) -> bool:
    result = session.execute(statement)
    session.commit()
    assert isinstance(result, CursorResult)
    return bool(result.rowcount)


def claim_next_job(session: Session) -> Job | None:
    """Mark the oldest queued job running and return it (None when the queue is empty)."""
    while True:
        query = select(Job).where(Job.state == "queued").order_by(col(Job.id)).limit(1)
        job = session.exec(query).first()
        if job is None:
            return None
        claimed = _changed(
            session,
            update(Job)
            .where(col(Job.id) == job.id, col(Job.state) == "queued")
            .values(state="running", started_at=now(), lease_until=now() + LEASE),
        )
        if claimed:
            session.refresh(job)
            return job


def renew_leases(session: Session, job_ids: Sequence[int]) -> None:
    """Extend the leases of running jobs whose processes are alive on this server."""
    if job_ids:
        _changed(
            session,
            update(Job)
            .where(col(Job.id).in_(job_ids), col(Job.state) == "running")
            .values(lease_until=now() + LEASE),
        )


def fail_expired_jobs(session: Session, reason: str) -> list[int]:
    """Fail running jobs whose lease ran out: their process is gone with its server. Jobs of
    other servers that are alive keep running (a rolling deploy starts a second server)."""
    expired = session.exec(
        select(Job).where(
            Job.state == "running",
            or_(col(Job.lease_until).is_(None), col(Job.lease_until) < now()),
        )
    ).all()
    return [
        job.id
        for job in expired
        if job.id is not None
        and _changed(
            session,
            update(Job)
            .where(col(Job.id) == job.id, col(Job.state) == "running")
            .where(or_(col(Job.lease_until).is_(None), col(Job.lease_until) < now()))
            .values(state="failed", reason=reason, finished_at=now())
            .execution_options(synchronize_session=False),
        )
    ]


def set_job_pid(session: Session, job_id: int, pid: int | None) -> None:
    _changed(session, update(Job).where(col(Job.id) == job_id).values(pid=pid))


def record_progress(
    session: Session,
    job_id: int,
    objective: float | None,
    bound: float | None,
    gap: float | None,
    solutions: int,
) -> bool:
    """Store a running job's best objective and bound so far."""
    return _changed(
        session,
        update(Job)
        .where(col(Job.id) == job_id, col(Job.state) == "running")
        .values(objective=objective, bound=bound, gap=gap, solutions=solutions),
    )


def finish_job(
    session: Session,
    job_id: int,
    schedule: Schedule,
    diff: ScheduleDiff | None = None,
    frozen_phases: int | None = None,
) -> ScheduleRecord | None:
    """Store the job's schedule (a replan's with its diff from the baseline) and mark the job
    succeeded; None if it was cancelled meanwhile."""
    job = session.get(Job, job_id)
    if job is None or job.state != "running":
        return None
    record = _schedule_record(session, job.scenario_version_id, schedule, job)
    if job.kind == "replan":
        record.baseline_schedule_id = job.baseline_schedule_id
        record.now = job.now
        record.incidents = job.incidents
        record.frozen_phases = frozen_phases
        record.diff = (diff or ScheduleDiff()).model_dump_json()
    session.add(record)
    session.flush()
    gap = schedule.gap  # a share of the bound, as the live progress reports it
    result = session.execute(
        update(Job)
        .where(col(Job.id) == job_id, col(Job.state) == "running")
        .values(
            state="succeeded",
            schedule_id=record.id,
            objective=schedule.objective,
            bound=schedule.bound,
            gap=gap,
            finished_at=now(),
            reason=schedule.explanation,
        )
    )
    assert isinstance(result, CursorResult)
    if not result.rowcount:
        session.rollback()
        return None
    session.commit()
    session.refresh(record)
    return record


def fail_job(session: Session, job_id: int, reason: str) -> bool:
    """Mark a queued or running job failed, with the reason in words."""
    return _changed(
        session,
        update(Job)
        .where(col(Job.id) == job_id, col(Job.state).in_(("queued", "running")))
        .values(state="failed", reason=reason, finished_at=now()),
    )


def cancel_job(session: Session, job_id: int, reason: str) -> bool:
    """Mark a queued or running job cancelled (the runner stops its process)."""
    return _changed(
        session,
        update(Job)
        .where(col(Job.id) == job_id, col(Job.state).in_(("queued", "running")))
        .values(state="cancelled", reason=reason, finished_at=now()),
    )


# --------------------------------------------------------------------------- schedules


def _schedule_record(
    session: Session, version_id: int, schedule: Schedule, job: Job | None
) -> ScheduleRecord:
    version = session.get(ScenarioVersion, version_id)
    assert version is not None
    solver = schedule.solver or SolverInfo(engine="manual")
    return ScheduleRecord(
        scenario_id=version.scenario_id,
        scenario_version_id=version_id,
        version=version.number,
        job_id=job.id if job is not None else None,
        name=version.name,
        status=schedule.status,
        engine=solver.engine,
        objective=schedule.objective,
        bound=schedule.bound,
        solve_seconds=schedule.solve_seconds,
        time_limit=job.time_limit if job is not None else solver.time_limit,
        workers=job.workers if job is not None else solver.workers,
        seed=job.seed if job is not None else solver.seed,
        relative_gap=job.relative_gap if job is not None else solver.relative_gap,
        document=schedule.model_dump_json(),
    )


def add_schedule(session: Session, version: ScenarioVersion, schedule: Schedule) -> ScheduleRecord:
    """Store a schedule made outside a job (e.g. imported, or the greedy plan)."""
    assert version.id is not None
    record = _schedule_record(session, version.id, schedule, None)
    session.add(record)
    session.commit()
    session.refresh(record)
    return record


def schedules_query(scenario_id: int | None) -> SelectOfScalar[ScheduleRecord]:
    query = select(ScheduleRecord)
    if scenario_id is not None:
        query = query.where(ScheduleRecord.scenario_id == scenario_id)
    return query


def list_schedules(
    session: Session, scenario_id: int | None, offset: int, limit: int
) -> Sequence[ScheduleRecord]:
    query = schedules_query(scenario_id)
    return session.exec(
        query.order_by(col(ScheduleRecord.id).desc()).offset(offset).limit(limit)
    ).all()


def latest_schedules(session: Session) -> dict[int, ScheduleRecord]:
    """Scenario id -> its most recent schedule."""
    newest = (
        select(ScheduleRecord.scenario_id, func.max(ScheduleRecord.id).label("id"))
        .group_by(col(ScheduleRecord.scenario_id))
        .subquery()
    )
    query = select(ScheduleRecord).join(newest, col(ScheduleRecord.id) == newest.c.id)
    return {record.scenario_id: record for record in session.exec(query).all()}


# --------------------------------------------------------------------------- API keys


def hash_key(key: str) -> str:
    """SHA-256 of a key: keys are long random strings, so a fast hash is enough."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_api_key(
    session: Session, role: Role, name: str = "", expires_in_days: int | None = None
) -> tuple[ApiKey, str]:
    """A new key for ``role``: the stored row and the key itself (never stored)."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    expires = now() + timedelta(days=expires_in_days) if expires_in_days else None
    record = ApiKey(name=name, role=role, prefix=key[:10], hash=hash_key(key), expires_at=expires)
    session.add(record)
    session.commit()
    session.refresh(record)
    return record, key


def find_api_key(session: Session, key: str) -> ApiKey | None:
    """The key's record, unless it is unknown or expired."""
    record = session.exec(select(ApiKey).where(ApiKey.hash == hash_key(key))).first()
    if record is not None and record.expires_at is not None:
        expires = record.expires_at
        expires = expires if expires.tzinfo is not None else expires.replace(tzinfo=UTC)
        if expires <= now():
            return None
    return record


def list_api_keys(session: Session) -> Sequence[ApiKey]:
    return session.exec(select(ApiKey).order_by(col(ApiKey.id))).all()


def count_api_keys(session: Session) -> int:
    return session.exec(select(func.count()).select_from(ApiKey)).one()


def delete_api_key(session: Session, record: ApiKey) -> None:
    session.delete(record)
    session.commit()


# --------------------------------------------------------------------------- webhooks


def create_webhook(session: Session, key_id: int, url: str) -> Webhook:
    """A webhook of one API key, with a new signing secret (Standard Webhooks format)."""
    secret = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
    record = Webhook(key_id=key_id, url=url, secret=secret)
    session.add(record)
    session.commit()
    session.refresh(record)
    return record


def list_webhooks(session: Session, key_id: int) -> Sequence[Webhook]:
    return session.exec(
        select(Webhook).where(Webhook.key_id == key_id).order_by(col(Webhook.id))
    ).all()


def webhooks_of(session: Session, key_id: int | None, since: datetime | None) -> list[Webhook]:
    """The webhooks of a key that existed when a job ended."""
    hooks = list_webhooks(session, key_id) if key_id is not None else []
    if since is None:
        return list(hooks)
    ended = since if since.tzinfo is not None else since.replace(tzinfo=UTC)

    def created(hook: Webhook) -> datetime:
        moment = hook.created_at
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

    return [hook for hook in hooks if created(hook) <= ended]


def unannounced_jobs(session: Session) -> Sequence[Job]:
    """Ended jobs of keys with webhooks whose end was not sent yet."""
    keys = select(Webhook.key_id)
    query = select(Job).where(
        col(Job.state).in_(FINISHED),
        col(Job.announced).is_(False),
        col(Job.key_id).in_(keys),
    )
    return session.exec(query.order_by(col(Job.id)).limit(100)).all()


def claim_announcement(session: Session, job_id: int) -> bool:
    """Take the announcement of a job's end (False: another server took it)."""
    return _changed(
        session,
        update(Job)
        .where(col(Job.id) == job_id, col(Job.announced).is_(False))
        .values(announced=True)
        .execution_options(synchronize_session=False),
    )
