from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="HolidayCalendar")


@_attrs_define
class HolidayCalendar:
    """Public holidays of a country (and subdivision), from the `holidays` package.

    Attributes:
        country (str): ISO 3166-1 alpha-2 code, e.g. DE.
        subdiv (None | str | Unset): Subdivision code, e.g. BY for Bavaria.
    """

    country: str
    subdiv: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        country = self.country

        subdiv: None | str | Unset
        if isinstance(self.subdiv, Unset):
            subdiv = UNSET
        else:
            subdiv = self.subdiv

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "country": country,
            }
        )
        if subdiv is not UNSET:
            field_dict["subdiv"] = subdiv

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        country = d.pop("country")

        def _parse_subdiv(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subdiv = _parse_subdiv(d.pop("subdiv", UNSET))

        holiday_calendar = cls(
            country=country,
            subdiv=subdiv,
        )

        return holiday_calendar
