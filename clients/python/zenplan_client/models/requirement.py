from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Requirement")


@_attrs_define
class Requirement:
    """
    Attributes:
        skill (str):
        level (int | Unset):  Default: 1.
        count (int | Unset):  Default: 1.
        share (float | Unset): Share of each person's time the phase takes (0.5: half time). Default: 1.0.
    """

    skill: str
    level: int | Unset = 1
    count: int | Unset = 1
    share: float | Unset = 1.0

    def to_dict(self) -> dict[str, Any]:
        skill = self.skill

        level = self.level

        count = self.count

        share = self.share

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "skill": skill,
            }
        )
        if level is not UNSET:
            field_dict["level"] = level
        if count is not UNSET:
            field_dict["count"] = count
        if share is not UNSET:
            field_dict["share"] = share

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        skill = d.pop("skill")

        level = d.pop("level", UNSET)

        count = d.pop("count", UNSET)

        share = d.pop("share", UNSET)

        requirement = cls(
            skill=skill,
            level=level,
            count=count,
            share=share,
        )

        return requirement
