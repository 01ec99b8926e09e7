from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.frontier_point_out import FrontierPointOut


T = TypeVar("T", bound="FrontierOut")


@_attrs_define
class FrontierOut:
    """
    Attributes:
        scenario_id (int):
        version (int):
        points (list[FrontierPointOut]):
    """

    scenario_id: int
    version: int
    points: list[FrontierPointOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scenario_id = self.scenario_id

        version = self.version

        points = []
        for points_item_data in self.points:
            points_item = points_item_data.to_dict()
            points.append(points_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "scenario_id": scenario_id,
                "version": version,
                "points": points,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.frontier_point_out import FrontierPointOut  # noqa: PLC0415

        d = dict(src_dict)
        scenario_id = d.pop("scenario_id")

        version = d.pop("version")

        points = []
        _points = d.pop("points")
        for points_item_data in _points:
            points_item = FrontierPointOut.from_dict(points_item_data)

            points.append(points_item)

        frontier_out = cls(
            scenario_id=scenario_id,
            version=version,
            points=points,
        )

        frontier_out.additional_properties = d
        return frontier_out

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
