from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CapacityChange")


@_attrs_define
class CapacityChange:
    """
    Attributes:
        from_ (datetime.date):
        capacity (int):
    """

    from_: datetime.date
    capacity: int

    def to_dict(self) -> dict[str, Any]:
        from_ = self.from_.isoformat()

        capacity = self.capacity

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "from": from_,
                "capacity": capacity,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        from_ = datetime.date.fromisoformat(d.pop("from"))

        capacity = d.pop("capacity")

        capacity_change = cls(
            from_=from_,
            capacity=capacity,
        )

        return capacity_change
