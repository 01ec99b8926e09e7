from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.budget import Budget


T = TypeVar("T", bound="Policies")


@_attrs_define
class Policies:
    """
    Attributes:
        budget (Budget | None | Unset):
        max_concurrent_large (int | None | Unset):
        max_delivery_gap (int | None | Unset):
        first_delivery_by (datetime.date | None | Unset):
        rd_reserve (float | Unset):  Default: 0.0.
        mentoring (bool | Unset):  Default: False.
        freeze_periods (int | Unset):  Default: 0.
    """

    budget: Budget | None | Unset = UNSET
    max_concurrent_large: int | None | Unset = UNSET
    max_delivery_gap: int | None | Unset = UNSET
    first_delivery_by: datetime.date | None | Unset = UNSET
    rd_reserve: float | Unset = 0.0
    mentoring: bool | Unset = False
    freeze_periods: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        from ..models.budget import Budget  # noqa: PLC0415

        budget: dict[str, Any] | None | Unset
        if isinstance(self.budget, Unset):
            budget = UNSET
        elif isinstance(self.budget, Budget):
            budget = self.budget.to_dict()
        else:
            budget = self.budget

        max_concurrent_large: int | None | Unset
        if isinstance(self.max_concurrent_large, Unset):
            max_concurrent_large = UNSET
        else:
            max_concurrent_large = self.max_concurrent_large

        max_delivery_gap: int | None | Unset
        if isinstance(self.max_delivery_gap, Unset):
            max_delivery_gap = UNSET
        else:
            max_delivery_gap = self.max_delivery_gap

        first_delivery_by: None | str | Unset
        if isinstance(self.first_delivery_by, Unset):
            first_delivery_by = UNSET
        elif isinstance(self.first_delivery_by, datetime.date):
            first_delivery_by = self.first_delivery_by.isoformat()
        else:
            first_delivery_by = self.first_delivery_by

        rd_reserve = self.rd_reserve

        mentoring = self.mentoring

        freeze_periods = self.freeze_periods

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if budget is not UNSET:
            field_dict["budget"] = budget
        if max_concurrent_large is not UNSET:
            field_dict["max_concurrent_large"] = max_concurrent_large
        if max_delivery_gap is not UNSET:
            field_dict["max_delivery_gap"] = max_delivery_gap
        if first_delivery_by is not UNSET:
            field_dict["first_delivery_by"] = first_delivery_by
        if rd_reserve is not UNSET:
            field_dict["rd_reserve"] = rd_reserve
        if mentoring is not UNSET:
            field_dict["mentoring"] = mentoring
        if freeze_periods is not UNSET:
            field_dict["freeze_periods"] = freeze_periods

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.budget import Budget  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_budget(data: object) -> Budget | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                budget_type_0 = Budget.from_dict(data)

                return budget_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Budget | None | Unset, data)

        budget = _parse_budget(d.pop("budget", UNSET))

        def _parse_max_concurrent_large(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_concurrent_large = _parse_max_concurrent_large(d.pop("max_concurrent_large", UNSET))

        def _parse_max_delivery_gap(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_delivery_gap = _parse_max_delivery_gap(d.pop("max_delivery_gap", UNSET))

        def _parse_first_delivery_by(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_delivery_by_type_0 = datetime.date.fromisoformat(data)

                return first_delivery_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        first_delivery_by = _parse_first_delivery_by(d.pop("first_delivery_by", UNSET))

        rd_reserve = d.pop("rd_reserve", UNSET)

        mentoring = d.pop("mentoring", UNSET)

        freeze_periods = d.pop("freeze_periods", UNSET)

        policies = cls(
            budget=budget,
            max_concurrent_large=max_concurrent_large,
            max_delivery_gap=max_delivery_gap,
            first_delivery_by=first_delivery_by,
            rd_reserve=rd_reserve,
            mentoring=mentoring,
            freeze_periods=freeze_periods,
        )

        return policies
