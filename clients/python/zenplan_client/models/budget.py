from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Budget")


@_attrs_define
class Budget:
    """Hard caps on money spent (people, GPUs, dataset acquisitions; the KPI cost model).

    Attributes:
        total (float | None | Unset): Cap on the cost over the horizon.
        per_period (float | None | Unset): Cap on the cost of any one period.
        per_quarter (float | None | Unset): Cap on the cost of each calendar quarter.
    """

    total: float | None | Unset = UNSET
    per_period: float | None | Unset = UNSET
    per_quarter: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        total: float | None | Unset
        if isinstance(self.total, Unset):
            total = UNSET
        else:
            total = self.total

        per_period: float | None | Unset
        if isinstance(self.per_period, Unset):
            per_period = UNSET
        else:
            per_period = self.per_period

        per_quarter: float | None | Unset
        if isinstance(self.per_quarter, Unset):
            per_quarter = UNSET
        else:
            per_quarter = self.per_quarter

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if total is not UNSET:
            field_dict["total"] = total
        if per_period is not UNSET:
            field_dict["per_period"] = per_period
        if per_quarter is not UNSET:
            field_dict["per_quarter"] = per_quarter

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_total(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        total = _parse_total(d.pop("total", UNSET))

        def _parse_per_period(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        per_period = _parse_per_period(d.pop("per_period", UNSET))

        def _parse_per_quarter(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        per_quarter = _parse_per_quarter(d.pop("per_quarter", UNSET))

        budget = cls(
            total=total,
            per_period=per_period,
            per_quarter=per_quarter,
        )

        return budget
