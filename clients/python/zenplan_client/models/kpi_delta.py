from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kpi_delta_better import KpiDeltaBetter

T = TypeVar("T", bound="KpiDelta")


@_attrs_define
class KpiDelta:
    """One KPI in each schedule, and its change from the first (the baseline).

    Attributes:
        kpi (str):
        better (KpiDeltaBetter):
        values (list[float | None]):
        deltas (list[float | None]):
    """

    kpi: str
    better: KpiDeltaBetter
    values: list[float | None]
    deltas: list[float | None]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kpi = self.kpi

        better = self.better.value

        values = []
        for values_item_data in self.values:
            values_item: float | None
            values_item = values_item_data
            values.append(values_item)

        deltas = []
        for deltas_item_data in self.deltas:
            deltas_item: float | None
            deltas_item = deltas_item_data
            deltas.append(deltas_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kpi": kpi,
                "better": better,
                "values": values,
                "deltas": deltas,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kpi = d.pop("kpi")

        better = KpiDeltaBetter(d.pop("better"))

        values = []
        _values = d.pop("values")
        for values_item_data in _values:

            def _parse_values_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            values_item = _parse_values_item(values_item_data)

            values.append(values_item)

        deltas = []
        _deltas = d.pop("deltas")
        for deltas_item_data in _deltas:

            def _parse_deltas_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            deltas_item = _parse_deltas_item(deltas_item_data)

            deltas.append(deltas_item)

        kpi_delta = cls(
            kpi=kpi,
            better=better,
            values=values,
            deltas=deltas,
        )

        kpi_delta.additional_properties = d
        return kpi_delta

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
