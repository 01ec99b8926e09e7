from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_public_kind import JobPublicKind
from ..models.job_public_state import JobPublicState

if TYPE_CHECKING:
    from ..models.job_public_incidents_type_0_item import JobPublicIncidentsType0Item


T = TypeVar("T", bound="JobPublic")


@_attrs_define
class JobPublic:
    """
    Attributes:
        id (int):
        scenario_id (int):
        version (int):
        kind (JobPublicKind):
        state (JobPublicState):
        time_limit (float):
        workers (int):
        seed (int):
        relative_gap (float):
        objective (float | None):
        bound (float | None):
        gap (float | None):
        elapsed (float | None): Seconds since the solve started.
        solutions (int):
        reason (None | str):
        baseline_schedule_id (int | None): Replans: the schedule replanned.
        now (datetime.date | None): Replans: the date replanned from.
        incidents (list[JobPublicIncidentsType0Item] | None): Replans: the incidents sent with the request.
        schedule_id (int | None):
        created_at (datetime.datetime):
        started_at (datetime.datetime | None):
        finished_at (datetime.datetime | None):
    """

    id: int
    scenario_id: int
    version: int
    kind: JobPublicKind
    state: JobPublicState
    time_limit: float
    workers: int
    seed: int
    relative_gap: float
    objective: float | None
    bound: float | None
    gap: float | None
    elapsed: float | None
    solutions: int
    reason: None | str
    baseline_schedule_id: int | None
    now: datetime.date | None
    incidents: list[JobPublicIncidentsType0Item] | None
    schedule_id: int | None
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        scenario_id = self.scenario_id

        version = self.version

        kind = self.kind.value

        state = self.state.value

        time_limit = self.time_limit

        workers = self.workers

        seed = self.seed

        relative_gap = self.relative_gap

        objective: float | None
        objective = self.objective

        bound: float | None
        bound = self.bound

        gap: float | None
        gap = self.gap

        elapsed: float | None
        elapsed = self.elapsed

        solutions = self.solutions

        reason: None | str
        reason = self.reason

        baseline_schedule_id: int | None
        baseline_schedule_id = self.baseline_schedule_id

        now: None | str
        if isinstance(self.now, datetime.date):
            now = self.now.isoformat()
        else:
            now = self.now

        incidents: list[dict[str, Any]] | None
        if isinstance(self.incidents, list):
            incidents = []
            for incidents_type_0_item_data in self.incidents:
                incidents_type_0_item = incidents_type_0_item_data.to_dict()
                incidents.append(incidents_type_0_item)

        else:
            incidents = self.incidents

        schedule_id: int | None
        schedule_id = self.schedule_id

        created_at = self.created_at.isoformat()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "scenario_id": scenario_id,
                "version": version,
                "kind": kind,
                "state": state,
                "time_limit": time_limit,
                "workers": workers,
                "seed": seed,
                "relative_gap": relative_gap,
                "objective": objective,
                "bound": bound,
                "gap": gap,
                "elapsed": elapsed,
                "solutions": solutions,
                "reason": reason,
                "baseline_schedule_id": baseline_schedule_id,
                "now": now,
                "incidents": incidents,
                "schedule_id": schedule_id,
                "created_at": created_at,
                "started_at": started_at,
                "finished_at": finished_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_public_incidents_type_0_item import JobPublicIncidentsType0Item  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        scenario_id = d.pop("scenario_id")

        version = d.pop("version")

        kind = JobPublicKind(d.pop("kind"))

        state = JobPublicState(d.pop("state"))

        time_limit = d.pop("time_limit")

        workers = d.pop("workers")

        seed = d.pop("seed")

        relative_gap = d.pop("relative_gap")

        def _parse_objective(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        objective = _parse_objective(d.pop("objective"))

        def _parse_bound(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        bound = _parse_bound(d.pop("bound"))

        def _parse_gap(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        gap = _parse_gap(d.pop("gap"))

        def _parse_elapsed(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        elapsed = _parse_elapsed(d.pop("elapsed"))

        solutions = d.pop("solutions")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_baseline_schedule_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        baseline_schedule_id = _parse_baseline_schedule_id(d.pop("baseline_schedule_id"))

        def _parse_now(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                now_type_0 = datetime.date.fromisoformat(data)

                return now_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        now = _parse_now(d.pop("now"))

        def _parse_incidents(data: object) -> list[JobPublicIncidentsType0Item] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                incidents_type_0 = []
                _incidents_type_0 = data
                for incidents_type_0_item_data in _incidents_type_0:
                    incidents_type_0_item = JobPublicIncidentsType0Item.from_dict(incidents_type_0_item_data)

                    incidents_type_0.append(incidents_type_0_item)

                return incidents_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[JobPublicIncidentsType0Item] | None, data)

        incidents = _parse_incidents(d.pop("incidents"))

        def _parse_schedule_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        schedule_id = _parse_schedule_id(d.pop("schedule_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        job_public = cls(
            id=id,
            scenario_id=scenario_id,
            version=version,
            kind=kind,
            state=state,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            relative_gap=relative_gap,
            objective=objective,
            bound=bound,
            gap=gap,
            elapsed=elapsed,
            solutions=solutions,
            reason=reason,
            baseline_schedule_id=baseline_schedule_id,
            now=now,
            incidents=incidents,
            schedule_id=schedule_id,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
        )

        job_public.additional_properties = d
        return job_public

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
