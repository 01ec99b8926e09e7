from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StaffChange")


@_attrs_define
class StaffChange:
    """
    Attributes:
        project (str):
        phase (str):
        removed (list[str]):
        added (list[str]):
    """

    project: str
    phase: str
    removed: list[str]
    added: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project = self.project

        phase = self.phase

        removed = self.removed

        added = self.added

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project": project,
                "phase": phase,
                "removed": removed,
                "added": added,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        project = d.pop("project")

        phase = d.pop("phase")

        removed = cast(list[str], d.pop("removed"))

        added = cast(list[str], d.pop("added"))

        staff_change = cls(
            project=project,
            phase=phase,
            removed=removed,
            added=added,
        )

        staff_change.additional_properties = d
        return staff_change

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
