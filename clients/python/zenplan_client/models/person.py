from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.date_range import DateRange
    from ..models.person_skills import PersonSkills


T = TypeVar("T", bound="Person")


@_attrs_define
class Person:
    """
    Attributes:
        id (str):
        name (None | str | Unset):
        skills (PersonSkills | Unset): Skill -> level 1..5.
        unavailable (list[DateRange] | Unset):
        cost_per_period (float | Unset):  Default: 0.0.
    """

    id: str
    name: None | str | Unset = UNSET
    skills: PersonSkills | Unset = UNSET
    unavailable: list[DateRange] | Unset = UNSET
    cost_per_period: float | Unset = 0.0

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        skills: dict[str, Any] | Unset = UNSET
        if not isinstance(self.skills, Unset):
            skills = self.skills.to_dict()

        unavailable: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.unavailable, Unset):
            unavailable = []
            for unavailable_item_data in self.unavailable:
                unavailable_item = unavailable_item_data.to_dict()
                unavailable.append(unavailable_item)

        cost_per_period = self.cost_per_period

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if skills is not UNSET:
            field_dict["skills"] = skills
        if unavailable is not UNSET:
            field_dict["unavailable"] = unavailable
        if cost_per_period is not UNSET:
            field_dict["cost_per_period"] = cost_per_period

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.date_range import DateRange  # noqa: PLC0415
        from ..models.person_skills import PersonSkills  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        _skills = d.pop("skills", UNSET)
        skills: PersonSkills | Unset
        if isinstance(_skills, Unset):
            skills = UNSET
        else:
            skills = PersonSkills.from_dict(_skills)

        _unavailable = d.pop("unavailable", UNSET)
        unavailable: list[DateRange] | Unset = UNSET
        if _unavailable is not UNSET:
            unavailable = []
            for unavailable_item_data in _unavailable:
                unavailable_item = DateRange.from_dict(unavailable_item_data)

                unavailable.append(unavailable_item)

        cost_per_period = d.pop("cost_per_period", UNSET)

        person = cls(
            id=id,
            name=name,
            skills=skills,
            unavailable=unavailable,
            cost_per_period=cost_per_period,
        )

        return person
