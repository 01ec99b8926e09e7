from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.person_working_days_type_0_item import PersonWorkingDaysType0Item
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.date_range import DateRange
    from ..models.holiday_calendar import HolidayCalendar
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
        holidays (HolidayCalendar | None | Unset): The person's own public holidays, instead of the calendar's.
        working_days (list[PersonWorkingDaysType0Item] | None | Unset): The person's own working days, instead of the
            calendar's.
        capacity (float | Unset): Share of full time the person works (0.5: half). Default: 1.0.
    """

    id: str
    name: None | str | Unset = UNSET
    skills: PersonSkills | Unset = UNSET
    unavailable: list[DateRange] | Unset = UNSET
    cost_per_period: float | Unset = 0.0
    holidays: HolidayCalendar | None | Unset = UNSET
    working_days: list[PersonWorkingDaysType0Item] | None | Unset = UNSET
    capacity: float | Unset = 1.0

    def to_dict(self) -> dict[str, Any]:
        from ..models.holiday_calendar import HolidayCalendar  # noqa: PLC0415

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

        holidays: dict[str, Any] | None | Unset
        if isinstance(self.holidays, Unset):
            holidays = UNSET
        elif isinstance(self.holidays, HolidayCalendar):
            holidays = self.holidays.to_dict()
        else:
            holidays = self.holidays

        working_days: list[str] | None | Unset
        if isinstance(self.working_days, Unset):
            working_days = UNSET
        elif isinstance(self.working_days, list):
            working_days = []
            for working_days_type_0_item_data in self.working_days:
                working_days_type_0_item = working_days_type_0_item_data.value
                working_days.append(working_days_type_0_item)

        else:
            working_days = self.working_days

        capacity = self.capacity

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
        if holidays is not UNSET:
            field_dict["holidays"] = holidays
        if working_days is not UNSET:
            field_dict["working_days"] = working_days
        if capacity is not UNSET:
            field_dict["capacity"] = capacity

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.date_range import DateRange  # noqa: PLC0415
        from ..models.holiday_calendar import HolidayCalendar  # noqa: PLC0415
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

        def _parse_holidays(data: object) -> HolidayCalendar | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                holidays_type_0 = HolidayCalendar.from_dict(data)

                return holidays_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HolidayCalendar | None | Unset, data)

        holidays = _parse_holidays(d.pop("holidays", UNSET))

        def _parse_working_days(data: object) -> list[PersonWorkingDaysType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                working_days_type_0 = []
                _working_days_type_0 = data
                for working_days_type_0_item_data in _working_days_type_0:
                    working_days_type_0_item = PersonWorkingDaysType0Item(working_days_type_0_item_data)

                    working_days_type_0.append(working_days_type_0_item)

                return working_days_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PersonWorkingDaysType0Item] | None | Unset, data)

        working_days = _parse_working_days(d.pop("working_days", UNSET))

        capacity = d.pop("capacity", UNSET)

        person = cls(
            id=id,
            name=name,
            skills=skills,
            unavailable=unavailable,
            cost_per_period=cost_per_period,
            holidays=holidays,
            working_days=working_days,
            capacity=capacity,
        )

        return person
