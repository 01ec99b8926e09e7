from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FrontierRequest")


@_attrs_define
class FrontierRequest:
    """Budgets to solve at, or a number of budgets spread up to the unconstrained cost.

    Attributes:
        time_limit (float | Unset): Seconds. Default: 10.0.
        workers (int | None | Unset): CP-SAT workers (default: the server's setting).
        seed (int | Unset):  Default: 0.
        relative_gap (float | Unset):  Default: 0.001.
        version (int | None | Unset): Scenario version to solve (default: the latest).
        budgets (list[float] | None | Unset): Total budgets.
        points (int | None | Unset): Budgets evenly spaced (default 10).
    """

    time_limit: float | Unset = 10.0
    workers: int | None | Unset = UNSET
    seed: int | Unset = 0
    relative_gap: float | Unset = 0.001
    version: int | None | Unset = UNSET
    budgets: list[float] | None | Unset = UNSET
    points: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        budgets: list[float] | None | Unset
        if isinstance(self.budgets, Unset):
            budgets = UNSET
        elif isinstance(self.budgets, list):
            budgets = self.budgets

        else:
            budgets = self.budgets

        points: int | None | Unset
        if isinstance(self.points, Unset):
            points = UNSET
        else:
            points = self.points

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
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
        if budgets is not UNSET:
            field_dict["budgets"] = budgets
        if points is not UNSET:
            field_dict["points"] = points

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
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

        def _parse_budgets(data: object) -> list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                budgets_type_0 = cast(list[float], data)

                return budgets_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None | Unset, data)

        budgets = _parse_budgets(d.pop("budgets", UNSET))

        def _parse_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        points = _parse_points(d.pop("points", UNSET))

        frontier_request = cls(
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            relative_gap=relative_gap,
            version=version,
            budgets=budgets,
            points=points,
        )

        frontier_request.additional_properties = d
        return frontier_request

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
