from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.calendar_period import CalendarPeriod
from ..types import UNSET, Unset

T = TypeVar("T", bound="Calendar")


@_attrs_define
class Calendar:
    """
    Attributes:
        start (datetime.date):
        period (CalendarPeriod | Unset):  Default: CalendarPeriod.WEEK.
        horizon (int | Unset): Number of periods planned. Default: 52.
    """

    start: datetime.date
    period: CalendarPeriod | Unset = CalendarPeriod.WEEK
    horizon: int | Unset = 52

    def to_dict(self) -> dict[str, Any]:
        start = self.start.isoformat()

        period: str | Unset = UNSET
        if not isinstance(self.period, Unset):
            period = self.period.value

        horizon = self.horizon

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        start = datetime.date.fromisoformat(d.pop("start"))

        _period = d.pop("period", UNSET)
        period: CalendarPeriod | Unset
        if isinstance(_period, Unset):
            period = UNSET
        else:
            period = CalendarPeriod(_period)

        horizon = d.pop("horizon", UNSET)

        calendar = cls(
            start=start,
            period=period,
            horizon=horizon,
        )

        return calendar
