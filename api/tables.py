"""What the service stores: scenarios and their versions, solve jobs, schedules, API keys.

One stack per entity, as in the full-stack FastAPI template: a ``...Base`` with the fields
a caller gives, the table, and a ``...Public`` view that the API answers with. Documents
(scenarios, schedules) are stored as JSON text, never as rows the solver reads: one
explicit conversion (``api.convert``) turns a stored scenario into a ``models.Scenario``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AnyHttpUrl, BaseModel, computed_field
from pydantic import Field as PublicField
from sqlalchemy import DateTime, Text, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from zenplan.models.diff import ScheduleDiff
from zenplan.models.pins import Pin
from zenplan.models.scenario import Incident

JobKind = Literal["solve", "replan"]
JobState = Literal["queued", "running", "succeeded", "failed", "cancelled"]
Role = Literal["viewer", "planner", "admin"]
ScenarioSource = Literal["json", "yaml", "workbook"]

ROLES: tuple[Role, ...] = ("viewer", "planner", "admin")
FINISHED: tuple[JobState, ...] = ("succeeded", "failed", "cancelled")
MAX_ID = 2**31 - 1  # ids are 32-bit integers in every database


def now() -> datetime:
    return datetime.now(UTC)


def _as_utc(moment: datetime) -> datetime:
    """SQLite forgets the time zone; every stored time is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


UtcDatetime = Annotated[datetime, AfterValidator(_as_utc)]


def _moment() -> Any:
    return Field(default_factory=now, sa_type=DateTime(timezone=True))


# --------------------------------------------------------------------------- scenarios


class ScenarioRecord(SQLModel, table=True):
    """A scenario a demand manager keeps; its content lives in its versions."""

    __tablename__ = "scenario"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are never reused

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=500)
    version: int = Field(default=1, description="Number of the latest version.")
    created_at: datetime = _moment()
    updated_at: datetime = _moment()


class ScenarioVersion(SQLModel, table=True):
    """One saved state of a scenario; never changed once written."""

    __tablename__ = "scenario_version"
    __table_args__ = (UniqueConstraint("scenario_id", "number"), {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, primary_key=True)
    scenario_id: int = Field(foreign_key="scenario.id", index=True)
    number: int
    name: str = Field(max_length=500)
    source: str = Field(max_length=20)
    document: str = Field(sa_type=Text)
    created_at: datetime = _moment()


class ScenarioPublic(BaseModel):
    id: int
    name: str
    version: int
    created_at: UtcDatetime
    updated_at: UtcDatetime


class ScenarioDetail(ScenarioPublic):
    document: dict[str, Any]


class VersionPublic(BaseModel):
    scenario_id: int
    number: int
    name: str
    source: str
    created_at: UtcDatetime


# --------------------------------------------------------------------------- jobs


class SolveParameters(BaseModel):
    """How CP-SAT is run; stored with every job and schedule so a result can be reproduced."""

    time_limit: float = PublicField(10.0, gt=0, le=86_400, description="Seconds.")
    workers: int | None = PublicField(
        None, ge=1, le=256, description="CP-SAT workers (default: the server's setting)."
    )
    seed: int = PublicField(0, ge=0, le=MAX_ID)
    relative_gap: float = PublicField(0.001, ge=0, lt=1)


class SolveRequest(SolveParameters):
    version: int | None = PublicField(
        None, ge=1, le=MAX_ID, description="Scenario version to solve (default: the latest)."
    )


class ReplanRequest(SolveRequest):
    """A replan: the solve parameters, the plan to start from, the date, new incidents."""

    baseline_schedule_id: int = PublicField(
        ge=1, le=MAX_ID, description="The stored schedule of this scenario to replan."
    )
    now: date = PublicField(
        description="Replan from this date (inside the horizon): work started before it stays."
    )
    incidents: list[Incident] = PublicField(
        default_factory=list,
        max_length=1000,
        description="Drift incidents, in the scenario's incident format, whose refresh work "
        "enters the plan (the scenario's own incidents always do).",
    )
    pins: list[Pin] = PublicField(
        default_factory=list,
        max_length=1000,
        description="Pins: a project selected or not, or a phase's start, start window, "
        "people or GPU pool; a pinned part never moves.",
    )


class Job(SQLModel, table=True):
    """A solve or a replan: queued, running (with live progress), then succeeded, failed or
    cancelled."""

    __tablename__ = "job"
    __table_args__ = (
        UniqueConstraint("idempotency_key", name="uq_job_idempotency_key"),
        {"sqlite_autoincrement": True},  # ids are never reused
    )

    id: int | None = Field(default=None, primary_key=True)
    scenario_id: int = Field(foreign_key="scenario.id", index=True)
    scenario_version_id: int = Field(foreign_key="scenario_version.id")
    version: int
    kind: str = Field(default="solve", max_length=20, sa_column_kwargs={"server_default": "solve"})
    state: str = Field(default="queued", max_length=20, index=True)
    time_limit: float
    workers: int
    seed: int
    relative_gap: float
    objective: float | None = None
    bound: float | None = None
    gap: float | None = None
    solutions: int = 0
    reason: str | None = Field(default=None, sa_type=Text)
    # Replans only: the schedule replanned (no foreign key: a scenario's schedules and jobs
    # are deleted together), the date, the incidents sent (JSON list).
    baseline_schedule_id: int | None = None
    now: date | None = None
    incidents: str | None = Field(default=None, sa_type=Text)
    pins: str | None = Field(default=None, sa_type=Text)  # replans: the pins sent (JSON list)
    # The schedule the job wrote; no foreign key, the schedule points back at the job.
    schedule_id: int | None = None
    pid: int | None = None
    # The API key that queued the job (per-key limits), and the request's Idempotency-Key
    # (scoped by that key) with a hash of the request, so a retry returns this job.
    key_id: int | None = Field(default=None, index=True)
    idempotency_key: str | None = Field(default=None, max_length=300)
    request_hash: str | None = Field(default=None, max_length=64)
    # The server running the job's process renews this every 2 s; a job whose lease ran
    # out lost its process (its server died), and any server may fail it.
    lease_until: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    # Its end was sent to the key's webhooks (one server claims each announcement).
    announced: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    created_at: datetime = _moment()
    started_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    finished_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class JobPublic(BaseModel):
    id: int
    scenario_id: int
    version: int
    kind: JobKind
    state: JobState
    time_limit: float
    workers: int
    seed: int
    relative_gap: float
    objective: float | None
    bound: float | None
    gap: float | None
    elapsed: float | None = PublicField(description="Seconds since the solve started.")
    solutions: int
    reason: str | None
    baseline_schedule_id: int | None = PublicField(description="Replans: the schedule replanned.")
    now: date | None = PublicField(description="Replans: the date replanned from.")
    incidents: list[dict[str, Any]] | None = PublicField(
        description="Replans: the incidents sent with the request."
    )
    schedule_id: int | None
    created_at: UtcDatetime
    started_at: UtcDatetime | None
    finished_at: UtcDatetime | None


# --------------------------------------------------------------------------- schedules


class ScheduleRecord(SQLModel, table=True):
    """A finished plan, with the scenario version and solver parameters that produced it."""

    __tablename__ = "schedule"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are never reused

    id: int | None = Field(default=None, primary_key=True)
    scenario_id: int = Field(foreign_key="scenario.id", index=True)
    scenario_version_id: int = Field(foreign_key="scenario_version.id")
    version: int
    job_id: int | None = Field(default=None, foreign_key="job.id")
    name: str = Field(max_length=500)
    status: str = Field(max_length=20)
    engine: str = Field(default="cp-sat", max_length=20)
    objective: float
    bound: float
    solve_seconds: float
    time_limit: float | None = None
    workers: int | None = None
    seed: int | None = None
    relative_gap: float | None = None
    # Replans only: the schedule replanned, the date, the incidents sent (JSON list), how
    # many phases kept their plan, and the diff from the baseline (JSON).
    baseline_schedule_id: int | None = None
    now: date | None = None
    incidents: str | None = Field(default=None, sa_type=Text)
    frozen_phases: int | None = None
    diff: str | None = Field(default=None, sa_type=Text)
    document: str = Field(sa_type=Text)
    created_at: datetime = _moment()


class ScheduleSummary(BaseModel):
    id: int
    scenario_id: int
    version: int
    job_id: int | None
    name: str
    status: str
    engine: str
    objective: float
    bound: float
    solve_seconds: float
    time_limit: float | None
    workers: int | None
    seed: int | None
    relative_gap: float | None
    baseline_schedule_id: int | None = PublicField(
        None, description="Replans: the schedule replanned (see /schedules/{id}/diff)."
    )
    now: date | None = PublicField(None, description="Replans: the date replanned from.")
    frozen_phases: int | None = PublicField(
        None, description="Replans: phases that kept their start, people and GPUs."
    )
    created_at: UtcDatetime


class SchedulePublic(ScheduleSummary):
    schedule: dict[str, Any]


class ReplanDiff(ScheduleDiff):
    """What a replan changed against its baseline, for phases planned from ``now`` on."""

    schedule_id: int
    baseline_schedule_id: int
    now: date
    frozen_phases: int | None

    @computed_field(description="Share of the baseline's future phases that moved.")  # type: ignore[prop-decorator]
    @property
    def moved_share(self) -> float:
        return round(len(self.moved) / self.phases_compared, 4) if self.phases_compared else 0.0


# --------------------------------------------------------------------------- API keys


class ApiKeyCreate(BaseModel):
    name: str = PublicField(
        "", max_length=100, pattern=r"^[^\x00]*$", description="Who or what uses the key."
    )
    role: Role = "viewer"
    expires_in_days: int | None = PublicField(
        None, ge=1, le=3650, description="Days until the key stops working (default: never)."
    )


class ApiKey(SQLModel, table=True):
    """An API key; only its SHA-256 hash is stored."""

    __tablename__ = "api_key"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are never reused

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(default="", max_length=100)
    role: str = Field(max_length=20)
    prefix: str = Field(max_length=16, description="First characters, to recognise a key.")
    hash: str = Field(max_length=64, unique=True)
    created_at: datetime = _moment()
    expires_at: datetime | None = Field(default=None, sa_type=DateTime(timezone=True))


class ApiKeyPublic(BaseModel):
    id: int
    name: str
    role: Role
    prefix: str
    created_at: UtcDatetime
    expires_at: UtcDatetime | None = None


class ApiKeyCreated(ApiKeyPublic):
    key: str = PublicField(description="The key itself, shown this once only.")


# --------------------------------------------------------------------------- webhooks


class Webhook(SQLModel, table=True):
    """A URL told about the end of every job its API key queued (Standard Webhooks)."""

    __tablename__ = "webhook"
    __table_args__ = {"sqlite_autoincrement": True}  # ids are never reused

    id: int | None = Field(default=None, primary_key=True)
    key_id: int = Field(index=True)
    url: str = Field(max_length=2000)
    secret: str = Field(max_length=100, description="whsec_... signing secret.")
    created_at: datetime = _moment()


class WebhookCreate(BaseModel):
    url: AnyHttpUrl = PublicField(description="Where to POST `job.ended` events (http/https).")


class WebhookPublic(BaseModel):
    id: int
    url: str
    created_at: UtcDatetime


class WebhookCreated(WebhookPublic):
    secret: str = PublicField(description="Signing secret (Standard Webhooks), shown once.")
