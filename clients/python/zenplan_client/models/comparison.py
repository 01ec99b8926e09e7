from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.kpi_delta import KpiDelta
    from ..models.project_move import ProjectMove


T = TypeVar("T", bound="Comparison")


@_attrs_define
class Comparison:
    """
    Attributes:
        schedules (list[int]):
        labels (list[str]):
        kpis (list[KpiDelta]):
        moved (list[ProjectMove]):
        unchanged (int):
    """

    schedules: list[int]
    labels: list[str]
    kpis: list[KpiDelta]
    moved: list[ProjectMove]
    unchanged: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        schedules = self.schedules

        labels = self.labels

        kpis = []
        for kpis_item_data in self.kpis:
            kpis_item = kpis_item_data.to_dict()
            kpis.append(kpis_item)

        moved = []
        for moved_item_data in self.moved:
            moved_item = moved_item_data.to_dict()
            moved.append(moved_item)

        unchanged = self.unchanged

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "schedules": schedules,
                "labels": labels,
                "kpis": kpis,
                "moved": moved,
                "unchanged": unchanged,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.kpi_delta import KpiDelta  # noqa: PLC0415
        from ..models.project_move import ProjectMove  # noqa: PLC0415

        d = dict(src_dict)
        schedules = cast(list[int], d.pop("schedules"))

        labels = cast(list[str], d.pop("labels"))

        kpis = []
        _kpis = d.pop("kpis")
        for kpis_item_data in _kpis:
            kpis_item = KpiDelta.from_dict(kpis_item_data)

            kpis.append(kpis_item)

        moved = []
        _moved = d.pop("moved")
        for moved_item_data in _moved:
            moved_item = ProjectMove.from_dict(moved_item_data)

            moved.append(moved_item)

        unchanged = d.pop("unchanged")

        comparison = cls(
            schedules=schedules,
            labels=labels,
            kpis=kpis,
            moved=moved,
            unchanged=unchanged,
        )

        comparison.additional_properties = d
        return comparison

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
