from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.requirement import Requirement


T = TypeVar("T", bound="Acquisition")


@_attrs_define
class Acquisition:
    """
    Attributes:
        duration (int):
        requires (list[Requirement] | Unset):
    """

    duration: int
    requires: list[Requirement] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        duration = self.duration

        requires: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.requires, Unset):
            requires = []
            for requires_item_data in self.requires:
                requires_item = requires_item_data.to_dict()
                requires.append(requires_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "duration": duration,
            }
        )
        if requires is not UNSET:
            field_dict["requires"] = requires

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.requirement import Requirement  # noqa: PLC0415

        d = dict(src_dict)
        duration = d.pop("duration")

        _requires = d.pop("requires", UNSET)
        requires: list[Requirement] | Unset = UNSET
        if _requires is not UNSET:
            requires = []
            for requires_item_data in _requires:
                requires_item = Requirement.from_dict(requires_item_data)

                requires.append(requires_item)

        acquisition = cls(
            duration=duration,
            requires=requires,
        )

        return acquisition
