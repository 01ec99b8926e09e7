from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.schedule_public_schedule import SchedulePublicSchedule


T = TypeVar("T", bound="SchedulePublic")


@_attrs_define
class SchedulePublic:
    """
    Attributes:
        id (int):
        scenario_id (int):
        version (int):
        job_id (int | None):
        name (str):
        status (str):
        engine (str):
        objective (float):
        bound (float):
        solve_seconds (float):
        time_limit (float | None):
        workers (int | None):
        seed (int | None):
        relative_gap (float | None):
        created_at (datetime.datetime):
        schedule (SchedulePublicSchedule):
        baseline_schedule_id (int | None | Unset): Replans: the schedule replanned (see /schedules/{id}/diff).
        now (datetime.date | None | Unset): Replans: the date replanned from.
        frozen_phases (int | None | Unset): Replans: phases that kept their start, people and GPUs.
    """

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
    created_at: datetime.datetime
    schedule: SchedulePublicSchedule
    baseline_schedule_id: int | None | Unset = UNSET
    now: datetime.date | None | Unset = UNSET
    frozen_phases: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        scenario_id = self.scenario_id

        version = self.version

        job_id: int | None
        job_id = self.job_id

        name = self.name

        status = self.status

        engine = self.engine

        objective = self.objective

        bound = self.bound

        solve_seconds = self.solve_seconds

        time_limit: float | None
        time_limit = self.time_limit

        workers: int | None
        workers = self.workers

        seed: int | None
        seed = self.seed

        relative_gap: float | None
        relative_gap = self.relative_gap

        created_at = self.created_at.isoformat()

        schedule = self.schedule.to_dict()

        baseline_schedule_id: int | None | Unset
        if isinstance(self.baseline_schedule_id, Unset):
            baseline_schedule_id = UNSET
        else:
            baseline_schedule_id = self.baseline_schedule_id

        now: None | str | Unset
        if isinstance(self.now, Unset):
            now = UNSET
        elif isinstance(self.now, datetime.date):
            now = self.now.isoformat()
        else:
            now = self.now

        frozen_phases: int | None | Unset
        if isinstance(self.frozen_phases, Unset):
            frozen_phases = UNSET
        else:
            frozen_phases = self.frozen_phases

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "scenario_id": scenario_id,
                "version": version,
                "job_id": job_id,
                "name": name,
                "status": status,
                "engine": engine,
                "objective": objective,
                "bound": bound,
                "solve_seconds": solve_seconds,
                "time_limit": time_limit,
                "workers": workers,
                "seed": seed,
                "relative_gap": relative_gap,
                "created_at": created_at,
                "schedule": schedule,
            }
        )
        if baseline_schedule_id is not UNSET:
            field_dict["baseline_schedule_id"] = baseline_schedule_id
        if now is not UNSET:
            field_dict["now"] = now
        if frozen_phases is not UNSET:
            field_dict["frozen_phases"] = frozen_phases

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schedule_public_schedule import SchedulePublicSchedule  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        scenario_id = d.pop("scenario_id")

        version = d.pop("version")

        def _parse_job_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        job_id = _parse_job_id(d.pop("job_id"))

        name = d.pop("name")

        status = d.pop("status")

        engine = d.pop("engine")

        objective = d.pop("objective")

        bound = d.pop("bound")

        solve_seconds = d.pop("solve_seconds")

        def _parse_time_limit(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        time_limit = _parse_time_limit(d.pop("time_limit"))

        def _parse_workers(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        workers = _parse_workers(d.pop("workers"))

        def _parse_seed(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        seed = _parse_seed(d.pop("seed"))

        def _parse_relative_gap(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        relative_gap = _parse_relative_gap(d.pop("relative_gap"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        schedule = SchedulePublicSchedule.from_dict(d.pop("schedule"))

        def _parse_baseline_schedule_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        baseline_schedule_id = _parse_baseline_schedule_id(d.pop("baseline_schedule_id", UNSET))

        def _parse_now(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                now_type_0 = datetime.date.fromisoformat(data)

                return now_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        now = _parse_now(d.pop("now", UNSET))

        def _parse_frozen_phases(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        frozen_phases = _parse_frozen_phases(d.pop("frozen_phases", UNSET))

        schedule_public = cls(
            id=id,
            scenario_id=scenario_id,
            version=version,
            job_id=job_id,
            name=name,
            status=status,
            engine=engine,
            objective=objective,
            bound=bound,
            solve_seconds=solve_seconds,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            relative_gap=relative_gap,
            created_at=created_at,
            schedule=schedule,
            baseline_schedule_id=baseline_schedule_id,
            now=now,
            frozen_phases=frozen_phases,
        )

        schedule_public.additional_properties = d
        return schedule_public

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
