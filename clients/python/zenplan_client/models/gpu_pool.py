from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.capacity_change import CapacityChange


T = TypeVar("T", bound="GpuPool")


@_attrs_define
class GpuPool:
    """
    Attributes:
        id (str):
        capacity (int): GPUs usable at once.
        name (None | str | Unset):
        capacity_changes (list[CapacityChange] | Unset):
        cost_per_gpu_period (float | Unset):  Default: 0.0.
    """

    id: str
    capacity: int
    name: None | str | Unset = UNSET
    capacity_changes: list[CapacityChange] | Unset = UNSET
    cost_per_gpu_period: float | Unset = 0.0

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        capacity = self.capacity

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        capacity_changes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.capacity_changes, Unset):
            capacity_changes = []
            for capacity_changes_item_data in self.capacity_changes:
                capacity_changes_item = capacity_changes_item_data.to_dict()
                capacity_changes.append(capacity_changes_item)

        cost_per_gpu_period = self.cost_per_gpu_period

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "capacity": capacity,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if capacity_changes is not UNSET:
            field_dict["capacity_changes"] = capacity_changes
        if cost_per_gpu_period is not UNSET:
            field_dict["cost_per_gpu_period"] = cost_per_gpu_period

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.capacity_change import CapacityChange  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        capacity = d.pop("capacity")

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        _capacity_changes = d.pop("capacity_changes", UNSET)
        capacity_changes: list[CapacityChange] | Unset = UNSET
        if _capacity_changes is not UNSET:
            capacity_changes = []
            for capacity_changes_item_data in _capacity_changes:
                capacity_changes_item = CapacityChange.from_dict(capacity_changes_item_data)

                capacity_changes.append(capacity_changes_item)

        cost_per_gpu_period = d.pop("cost_per_gpu_period", UNSET)

        gpu_pool = cls(
            id=id,
            capacity=capacity,
            name=name,
            capacity_changes=capacity_changes,
            cost_per_gpu_period=cost_per_gpu_period,
        )

        return gpu_pool
