from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FrontierPointOut")


@_attrs_define
class FrontierPointOut:
    """
    Attributes:
        budget (float):
        status (str):
        objective (float | None | Unset):
        value (float | None | Unset):
        cost (float | None | Unset):
        roi (float | None | Unset):
        selected (list[str] | Unset):
        entering (list[str] | Unset):
        leaving (list[str] | Unset):
        violations (int | Unset):  Default: 0.
        plan (str | Unset):  Default: 'solved'.
        seconds (float | Unset):  Default: 0.0.
        error (None | str | Unset):
    """

    budget: float
    status: str
    objective: float | None | Unset = UNSET
    value: float | None | Unset = UNSET
    cost: float | None | Unset = UNSET
    roi: float | None | Unset = UNSET
    selected: list[str] | Unset = UNSET
    entering: list[str] | Unset = UNSET
    leaving: list[str] | Unset = UNSET
    violations: int | Unset = 0
    plan: str | Unset = "solved"
    seconds: float | Unset = 0.0
    error: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        budget = self.budget

        status = self.status

        objective: float | None | Unset
        if isinstance(self.objective, Unset):
            objective = UNSET
        else:
            objective = self.objective

        value: float | None | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        cost: float | None | Unset
        if isinstance(self.cost, Unset):
            cost = UNSET
        else:
            cost = self.cost

        roi: float | None | Unset
        if isinstance(self.roi, Unset):
            roi = UNSET
        else:
            roi = self.roi

        selected: list[str] | Unset = UNSET
        if not isinstance(self.selected, Unset):
            selected = self.selected

        entering: list[str] | Unset = UNSET
        if not isinstance(self.entering, Unset):
            entering = self.entering

        leaving: list[str] | Unset = UNSET
        if not isinstance(self.leaving, Unset):
            leaving = self.leaving

        violations = self.violations

        plan = self.plan

        seconds = self.seconds

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "budget": budget,
                "status": status,
            }
        )
        if objective is not UNSET:
            field_dict["objective"] = objective
        if value is not UNSET:
            field_dict["value"] = value
        if cost is not UNSET:
            field_dict["cost"] = cost
        if roi is not UNSET:
            field_dict["roi"] = roi
        if selected is not UNSET:
            field_dict["selected"] = selected
        if entering is not UNSET:
            field_dict["entering"] = entering
        if leaving is not UNSET:
            field_dict["leaving"] = leaving
        if violations is not UNSET:
            field_dict["violations"] = violations
        if plan is not UNSET:
            field_dict["plan"] = plan
        if seconds is not UNSET:
            field_dict["seconds"] = seconds
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        budget = d.pop("budget")

        status = d.pop("status")

        def _parse_objective(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        objective = _parse_objective(d.pop("objective", UNSET))

        def _parse_value(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        def _parse_cost(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        cost = _parse_cost(d.pop("cost", UNSET))

        def _parse_roi(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        roi = _parse_roi(d.pop("roi", UNSET))

        selected = cast(list[str], d.pop("selected", UNSET))

        entering = cast(list[str], d.pop("entering", UNSET))

        leaving = cast(list[str], d.pop("leaving", UNSET))

        violations = d.pop("violations", UNSET)

        plan = d.pop("plan", UNSET)

        seconds = d.pop("seconds", UNSET)

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        frontier_point_out = cls(
            budget=budget,
            status=status,
            objective=objective,
            value=value,
            cost=cost,
            roi=roi,
            selected=selected,
            entering=entering,
            leaving=leaving,
            violations=violations,
            plan=plan,
            seconds=seconds,
            error=error,
        )

        frontier_point_out.additional_properties = d
        return frontier_point_out

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
