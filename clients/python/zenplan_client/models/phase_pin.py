from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.date_range import DateRange


T = TypeVar("T", bound="PhasePin")


@_attrs_define
class PhasePin:
    """Parts of a phase fixed by the planner; the rest stays free.

    Attributes:
        start (datetime.date | None | Unset): The phase starts in the period of this date.
        start_window (DateRange | None | Unset): The phase starts in a period touched by this range.
        people (list[str] | Unset): People who work on the phase.
        gpu_pool (None | str | Unset): Its GPU demands draw from this pool.
    """

    start: datetime.date | None | Unset = UNSET
    start_window: DateRange | None | Unset = UNSET
    people: list[str] | Unset = UNSET
    gpu_pool: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.date_range import DateRange  # noqa: PLC0415

        start: None | str | Unset
        if isinstance(self.start, Unset):
            start = UNSET
        elif isinstance(self.start, datetime.date):
            start = self.start.isoformat()
        else:
            start = self.start

        start_window: dict[str, Any] | None | Unset
        if isinstance(self.start_window, Unset):
            start_window = UNSET
        elif isinstance(self.start_window, DateRange):
            start_window = self.start_window.to_dict()
        else:
            start_window = self.start_window

        people: list[str] | Unset = UNSET
        if not isinstance(self.people, Unset):
            people = self.people

        gpu_pool: None | str | Unset
        if isinstance(self.gpu_pool, Unset):
            gpu_pool = UNSET
        else:
            gpu_pool = self.gpu_pool

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if start is not UNSET:
            field_dict["start"] = start
        if start_window is not UNSET:
            field_dict["start_window"] = start_window
        if people is not UNSET:
            field_dict["people"] = people
        if gpu_pool is not UNSET:
            field_dict["gpu_pool"] = gpu_pool

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.date_range import DateRange  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_start(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_type_0 = datetime.date.fromisoformat(data)

                return start_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        start = _parse_start(d.pop("start", UNSET))

        def _parse_start_window(data: object) -> DateRange | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                start_window_type_0 = DateRange.from_dict(data)

                return start_window_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DateRange | None | Unset, data)

        start_window = _parse_start_window(d.pop("start_window", UNSET))

        people = cast(list[str], d.pop("people", UNSET))

        def _parse_gpu_pool(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        gpu_pool = _parse_gpu_pool(d.pop("gpu_pool", UNSET))

        phase_pin = cls(
            start=start,
            start_window=start_window,
            people=people,
            gpu_pool=gpu_pool,
        )

        return phase_pin
