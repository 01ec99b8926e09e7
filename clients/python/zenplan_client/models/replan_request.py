from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.incident import Incident
    from ..models.pin import Pin


T = TypeVar("T", bound="ReplanRequest")


@_attrs_define
class ReplanRequest:
    """A replan: the solve parameters, the plan to start from, the date, new incidents.

    Attributes:
        baseline_schedule_id (int): The stored schedule of this scenario to replan.
        now (datetime.date): Replan from this date (inside the horizon): work started before it stays.
        time_limit (float | Unset): Seconds. Default: 10.0.
        workers (int | None | Unset): CP-SAT workers (default: the server's setting).
        seed (int | Unset):  Default: 0.
        relative_gap (float | Unset):  Default: 0.001.
        version (int | None | Unset): Scenario version to solve (default: the latest).
        incidents (list[Incident] | Unset): Drift incidents, in the scenario's incident format, whose refresh work
            enters the plan (the scenario's own incidents always do).
        pins (list[Pin] | Unset): Pins: a project selected or not, or a phase's start, start window, people or GPU pool;
            a pinned part never moves.
    """

    baseline_schedule_id: int
    now: datetime.date
    time_limit: float | Unset = 10.0
    workers: int | None | Unset = UNSET
    seed: int | Unset = 0
    relative_gap: float | Unset = 0.001
    version: int | None | Unset = UNSET
    incidents: list[Incident] | Unset = UNSET
    pins: list[Pin] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        baseline_schedule_id = self.baseline_schedule_id

        now = self.now.isoformat()

        time_limit = self.time_limit

        workers: int | None | Unset
        if isinstance(self.workers, Unset):
            workers = UNSET
        else:
            workers = self.workers

        seed = self.seed

        relative_gap = self.relative_gap

        version: int | None | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        incidents: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.incidents, Unset):
            incidents = []
            for incidents_item_data in self.incidents:
                incidents_item = incidents_item_data.to_dict()
                incidents.append(incidents_item)

        pins: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.pins, Unset):
            pins = []
            for pins_item_data in self.pins:
                pins_item = pins_item_data.to_dict()
                pins.append(pins_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "baseline_schedule_id": baseline_schedule_id,
                "now": now,
            }
        )
        if time_limit is not UNSET:
            field_dict["time_limit"] = time_limit
        if workers is not UNSET:
            field_dict["workers"] = workers
        if seed is not UNSET:
            field_dict["seed"] = seed
        if relative_gap is not UNSET:
            field_dict["relative_gap"] = relative_gap
        if version is not UNSET:
            field_dict["version"] = version
        if incidents is not UNSET:
            field_dict["incidents"] = incidents
        if pins is not UNSET:
            field_dict["pins"] = pins

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.incident import Incident  # noqa: PLC0415
        from ..models.pin import Pin  # noqa: PLC0415

        d = dict(src_dict)
        baseline_schedule_id = d.pop("baseline_schedule_id")

        now = datetime.date.fromisoformat(d.pop("now"))

        time_limit = d.pop("time_limit", UNSET)

        def _parse_workers(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        workers = _parse_workers(d.pop("workers", UNSET))

        seed = d.pop("seed", UNSET)

        relative_gap = d.pop("relative_gap", UNSET)

        def _parse_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        _incidents = d.pop("incidents", UNSET)
        incidents: list[Incident] | Unset = UNSET
        if _incidents is not UNSET:
            incidents = []
            for incidents_item_data in _incidents:
                incidents_item = Incident.from_dict(incidents_item_data)

                incidents.append(incidents_item)

        _pins = d.pop("pins", UNSET)
        pins: list[Pin] | Unset = UNSET
        if _pins is not UNSET:
            pins = []
            for pins_item_data in _pins:
                pins_item = Pin.from_dict(pins_item_data)

                pins.append(pins_item)

        replan_request = cls(
            baseline_schedule_id=baseline_schedule_id,
            now=now,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            relative_gap=relative_gap,
            version=version,
            incidents=incidents,
            pins=pins,
        )

        replan_request.additional_properties = d
        return replan_request

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
