from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.calendar_period import CalendarPeriod
from ..models.calendar_working_days_type_0_item import CalendarWorkingDaysType0Item
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.holiday_calendar import HolidayCalendar


T = TypeVar("T", bound="Calendar")


@_attrs_define
class Calendar:
    """
    Attributes:
        start (datetime.date):
        period (CalendarPeriod | Unset):  Default: CalendarPeriod.WEEK.
        horizon (int | Unset): Number of periods planned. Default: 52.
        holidays (HolidayCalendar | None | Unset): Public holidays everyone has off (a person may have their own).
        working_days (list[CalendarWorkingDaysType0Item] | None | Unset): Days of the week people work, e.g. [mon, tue,
            wed, thu, fri]; default: every day.
    """

    start: datetime.date
    period: CalendarPeriod | Unset = CalendarPeriod.WEEK
    horizon: int | Unset = 52
    holidays: HolidayCalendar | None | Unset = UNSET
    working_days: list[CalendarWorkingDaysType0Item] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.holiday_calendar import HolidayCalendar  # noqa: PLC0415

        start = self.start.isoformat()

        period: str | Unset = UNSET
        if not isinstance(self.period, Unset):
            period = self.period.value

        horizon = self.horizon

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "start": start,
            }
        )
        if period is not UNSET:
            field_dict["period"] = period
        if horizon is not UNSET:
            field_dict["horizon"] = horizon
        if holidays is not UNSET:
            field_dict["holidays"] = holidays
        if working_days is not UNSET:
            field_dict["working_days"] = working_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.holiday_calendar import HolidayCalendar  # noqa: PLC0415

        d = dict(src_dict)
        start = datetime.date.fromisoformat(d.pop("start"))

        _period = d.pop("period", UNSET)
        period: CalendarPeriod | Unset
        if isinstance(_period, Unset):
            period = UNSET
        else:
            period = CalendarPeriod(_period)

        horizon = d.pop("horizon", UNSET)

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

        def _parse_working_days(data: object) -> list[CalendarWorkingDaysType0Item] | None | Unset:
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
                    working_days_type_0_item = CalendarWorkingDaysType0Item(working_days_type_0_item_data)

                    working_days_type_0.append(working_days_type_0_item)

                return working_days_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[CalendarWorkingDaysType0Item] | None | Unset, data)

        working_days = _parse_working_days(d.pop("working_days", UNSET))

        calendar = cls(
            start=start,
            period=period,
            horizon=horizon,
            holidays=holidays,
            working_days=working_days,
        )

        return calendar
