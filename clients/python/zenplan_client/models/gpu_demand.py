from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="GpuDemand")


@_attrs_define
class GpuDemand:
    """
    Attributes:
        pool (list[str] | str): A pool id, or a list of pools of which the solver picks one.
        count (int):
    """

    pool: list[str] | str
    count: int

    def to_dict(self) -> dict[str, Any]:
        pool: list[str] | str
        if isinstance(self.pool, list):
            pool = self.pool

        else:
            pool = self.pool

        count = self.count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "pool": pool,
                "count": count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_pool(data: object) -> list[str] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                pool_type_1 = cast(list[str], data)

                return pool_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str, data)

        pool = _parse_pool(d.pop("pool"))

        count = d.pop("count")

        gpu_demand = cls(
            pool=pool,
            count=count,
        )

        return gpu_demand
