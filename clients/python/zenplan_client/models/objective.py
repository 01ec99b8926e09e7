from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="Objective")


@_attrs_define
class Objective:
    """Weights of the objective terms (see docs/model.md).

    Attributes:
        value (float | Unset):  Default: 1.0.
        lateness (float | Unset):  Default: 1.0.
        balance (float | Unset):  Default: 1.0.
        cost (float | Unset):  Default: 0.0.
        makespan (float | Unset):  Default: 0.0.
        stability (float | Unset):  Default: 1.0.
    """

    value: float | Unset = 1.0
    lateness: float | Unset = 1.0
    balance: float | Unset = 1.0
    cost: float | Unset = 0.0
    makespan: float | Unset = 0.0
    stability: float | Unset = 1.0

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        lateness = self.lateness

        balance = self.balance

        cost = self.cost

        makespan = self.makespan

        stability = self.stability

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if value is not UNSET:
            field_dict["value"] = value
        if lateness is not UNSET:
            field_dict["lateness"] = lateness
        if balance is not UNSET:
            field_dict["balance"] = balance
        if cost is not UNSET:
            field_dict["cost"] = cost
        if makespan is not UNSET:
            field_dict["makespan"] = makespan
        if stability is not UNSET:
            field_dict["stability"] = stability

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        value = d.pop("value", UNSET)

        lateness = d.pop("lateness", UNSET)

        balance = d.pop("balance", UNSET)

        cost = d.pop("cost", UNSET)

        makespan = d.pop("makespan", UNSET)

        stability = d.pop("stability", UNSET)

        objective = cls(
            value=value,
            lateness=lateness,
            balance=balance,
            cost=cost,
            makespan=makespan,
            stability=stability,
        )

        return objective
